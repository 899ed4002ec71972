package org.hebbian4j.training;

/**
 * How far a training run got: {@code iteration} minibatches done in all, which are {@code epoch}
 * complete epochs plus {@code batch} batches of the next one.
 *
 * <p>With an iterator whose order depends only on its seed and the epoch (such as
 * {@link org.hebbian4j.data.ShuffledDataSetIterator}), the position says exactly which batch comes
 * next, so a run can continue where it stopped.
 *
 * @param epoch     complete epochs done, {@code >= 0}
 * @param batch     batches done of epoch {@code epoch}, {@code >= 0}
 * @param iteration minibatches done in all, {@code >= 0}
 */
public record TrainingPosition(int epoch, int batch, long iteration) {

    /** The start of training. */
    public static final TrainingPosition START = new TrainingPosition(0, 0, 0);

    public TrainingPosition {
        if (epoch < 0 || batch < 0 || iteration < 0) {
            throw new IllegalArgumentException("TrainingPosition: epoch, batch and iteration must be >= 0, got "
                    + epoch + ", " + batch + ", " + iteration);
        }
    }

    /** The position after {@code iterations} minibatches, with {@code iterationsPerEpoch} batches in every epoch. */
    public static TrainingPosition after(long iterations, long iterationsPerEpoch) {
        if (iterationsPerEpoch < 1) {
            throw new IllegalArgumentException("TrainingPosition: iterationsPerEpoch must be >= 1, got " + iterationsPerEpoch);
        }
        return new TrainingPosition(Math.toIntExact(iterations / iterationsPerEpoch),
                (int) (iterations % iterationsPerEpoch), iterations);
    }

    @Override
    public String toString() {
        return "iteration " + iteration + " (epoch " + epoch + ", batch " + batch + ")";
    }
}
