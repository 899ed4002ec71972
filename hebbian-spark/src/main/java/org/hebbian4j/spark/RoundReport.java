package org.hebbian4j.spark;

import java.util.Locale;

/**
 * What one averaging round did.
 *
 * @param epoch       the epoch, 1-based
 * @param round       the round within the epoch, 1-based
 * @param rounds      the rounds of the epoch
 * @param workers     the workers that fit at least one minibatch in the round
 * @param minibatches the minibatches fit in the round, over all workers
 * @param examples    the examples fit in the round, over all workers
 * @param seconds     the round's wall time on the driver (broadcast, fits, aggregation, update)
 */
public record RoundReport(int epoch, int round, int rounds, int workers, int minibatches, long examples,
                          double seconds) {

    /** A one-line summary, e.g. {@code epoch 1 round 3/469: 2 workers, 2 minibatches, 128 examples, 0.21 s}. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "epoch %d round %d/%d: %d workers, %d minibatches, %d examples, %.2f s", epoch,
                round, rounds, workers, minibatches, examples, seconds);
    }
}
