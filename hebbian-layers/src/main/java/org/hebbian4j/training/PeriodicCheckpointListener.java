package org.hebbian4j.training;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Writes a {@link Checkpoints checkpoint} every {@code every} iterations and at the end of every
 * epoch, replacing the previous one atomically, so that a run killed at any moment loses at most
 * {@code every} iterations (or one epoch, if that is shorter).
 *
 * <p>The listener counts the minibatches itself from the position training started at (DL4J's
 * counters are not yet incremented when listeners run), so every epoch must have exactly
 * {@code iterationsPerEpoch} batches, as with {@link org.hebbian4j.data.ShuffledDataSetIterator}.
 * Register it before listeners that may stop training, so that the checkpoint of the last
 * iteration is written first.
 *
 * <p>DL4J calls listeners after the updater's step but before it applies the layers' constraints (such
 * as the unit-norm constraint of {@code normalizeWeights(true)}). The checkpoint holds the parameters
 * as they are once the constraints are applied, as an uninterrupted run continues from them; the
 * model itself is left as it was (DL4J then applies the constraints as usual), so a run with
 * checkpoints trains exactly as one without.
 */
public class PeriodicCheckpointListener extends BaseTrainingListener {

    private final Path file;
    private final long every;
    private final long iterationsPerEpoch;
    private final Map<String, String> metadata;
    private final Consumer<TrainingPosition> onSaved;
    private long iterations;

    /**
     * @param file               the checkpoint file
     * @param every              iterations between checkpoints; 0 for the ends of epochs only
     * @param iterationsPerEpoch batches in every epoch
     * @param start              the position training starts (or resumes) at
     * @param metadata           saved with every checkpoint
     * @param onSaved            told the position of every checkpoint written (e.g. to log it); may be null
     */
    public PeriodicCheckpointListener(Path file, long every, long iterationsPerEpoch, TrainingPosition start,
                                      Map<String, String> metadata, Consumer<TrainingPosition> onSaved) {
        if (every < 0) {
            throw new IllegalArgumentException("PeriodicCheckpointListener: every must be >= 0, got " + every);
        }
        if (iterationsPerEpoch < 1) {
            throw new IllegalArgumentException("PeriodicCheckpointListener: iterationsPerEpoch must be >= 1, got "
                    + iterationsPerEpoch);
        }
        this.file = file;
        this.every = every;
        this.iterationsPerEpoch = iterationsPerEpoch;
        this.metadata = Map.copyOf(metadata);
        this.onSaved = onSaved;
        this.iterations = start.iteration();
    }

    /** Minibatches done, counted from the start of training (including a resumed run's earlier ones). */
    public long iterations() {
        return iterations;
    }

    /**
     * Counts a minibatch of the network's training and checkpoints when due. DL4J's layer-wise pretraining
     * ({@code pretrain}, {@link LayerwisePretraining}) reports its steps with the layer as the model: they
     * are no position of {@code fit}, so they are neither counted nor checkpointed.
     */
    @Override
    public void iterationDone(Model model, int iteration, int epoch) {
        if (!(model instanceof MultiLayerNetwork) && !(model instanceof ComputationGraph)) {
            return;
        }
        iterations++;
        boolean due = every > 0 && iterations % every == 0;
        boolean endOfEpoch = iterations % iterationsPerEpoch == 0;
        if (due || endOfEpoch) {
            TrainingPosition position = TrainingPosition.after(iterations, iterationsPerEpoch);
            saveConstrained(model, position);
            if (onSaved != null) {
                onSaved.accept(position);
            }
        }
    }

    private void saveConstrained(Model model, TrainingPosition position) {
        INDArray params = model.params();
        INDArray before = params == null || params.isEmpty() ? null : params.dup();
        try {
            if (before != null) {
                model.applyConstraints(Math.toIntExact(iterations - 1), position.epoch());
            }
            Checkpoints.save(model, position, metadata, file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint " + file + ": " + e.getMessage(), e);
        } finally {
            if (before != null) {
                params.assign(before);
            }
        }
    }
}
