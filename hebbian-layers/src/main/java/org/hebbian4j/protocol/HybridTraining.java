package org.hebbian4j.protocol;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.transferlearning.TransferLearning;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.hebbian4j.data.ShuffledDataSetIterator;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Hybrid training of a network in which some layers learn by a local (Hebbian) rule and the others by backprop,
 * following Lagani et al., section 4 ("the models were constructed by replacing the upper layers of a pre-trained
 * network with new ones, and training from scratch using different learning algorithms. Meanwhile, the lower
 * layers remained frozen"):
 * <ol>
 *   <li>the {@code frozen} layers (all below the lowest Hebbian layer) take their parameters from a
 *       backprop-pretrained network of the same architecture and never change;</li>
 *   <li>the Hebbian layers learn unsupervised for {@code hebbianEpochs} epochs ({@link LocalLearningPhase});</li>
 *   <li>everything up to the highest Hebbian layer is frozen, and the layers above (backprop layers, and the
 *       classifier: softmax by SGD, or the supervised Hebbian classifier) train with early stopping on
 *       validation accuracy ({@link EarlyStoppedTraining}); the result is the best epoch's network.</li>
 * </ol>
 * A network without Hebbian layers and without frozen layers is simply trained by backprop with early stopping
 * (the baseline, e.g. pattern BBBBBG). Retraining the top layers of a pretrained network (the paper's Tables 3, 6
 * and 9) is the same procedure with every layer below the new top layers frozen; the result's
 * {@link EarlyStoppedTraining.Result#bestEpoch()} is the epochs to convergence.
 *
 * <p>Resumable: when the top layers' training is {@linkplain EarlyStoppedTraining#checkpointingTo checkpointed}
 * and its checkpoint exists, steps 1 and 2 are not repeated (their result is part of the checkpointed network)
 * and step 3 continues after its last finished epoch.
 */
public final class HybridTraining {

    private final int hebbianEpochs;
    private final EarlyStoppedTraining topTraining;
    private final int batchSize;
    private final long seed;

    /**
     * @param hebbianEpochs epochs of the unsupervised phase, {@code >= 1}
     * @param topTraining   how the layers above the Hebbian ones train
     * @param batchSize     minibatch size of both phases (the paper: 64)
     * @param seed          seed of the data order
     */
    public HybridTraining(int hebbianEpochs, EarlyStoppedTraining topTraining, int batchSize, long seed) {
        if (hebbianEpochs < 1) {
            throw new IllegalArgumentException("HybridTraining: hebbianEpochs must be >= 1; got " + hebbianEpochs);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("HybridTraining: batchSize must be >= 1; got " + batchSize);
        }
        this.hebbianEpochs = hebbianEpochs;
        this.topTraining = Objects.requireNonNull(topTraining, "topTraining");
        this.batchSize = batchSize;
        this.seed = seed;
    }

    /**
     * @param network        the trained network (best epoch of the top layers; frozen layers wrapped in DL4J's FrozenLayer)
     * @param testAccuracy   its accuracy on the test set, in [0, 1]
     * @param top            the early-stopped training of the layers above the Hebbian ones
     * @param hebbianEpochs  epochs of the unsupervised phase (0 if the network has no Hebbian layer)
     * @param hebbianSeconds wall time of the unsupervised phase (0 when resumed: it ran before)
     * @param topSeconds     wall time of the supervised phase
     */
    public record Result(MultiLayerNetwork network, double testAccuracy, EarlyStoppedTraining.Result top,
                         int hebbianEpochs, double hebbianSeconds, double topSeconds) {
    }

    /** What the run is doing, for progress output. */
    public interface Progress {
        /** A phase begins ("hebbian", "top"). */
        default void phase(String name) {
        }

        /** An epoch of the current phase ended (counted from 1). */
        default void epoch(int epoch) {
        }
    }

    /**
     * Runs the protocol on {@code net} (initialized; it is modified).
     *
     * @param pretrained the backprop-trained network to take the frozen layers from; required if {@code frozen} is not empty
     * @param frozen     layer indices (all below the lowest Hebbian layer) to copy from {@code pretrained} and freeze
     * @param data       training, validation and test sets
     * @param listeners  attached to every phase's network (e.g. a progress bar); may be empty
     * @param progress   told phases and epochs; may be null
     */
    public Result run(MultiLayerNetwork net, MultiLayerNetwork pretrained, Set<Integer> frozen, DataSplits data,
                      List<TrainingListener> listeners, Progress progress) {
        Set<Integer> frozenLayers = new TreeSet<>(frozen == null ? Collections.emptySet() : frozen);
        Progress p = progress == null ? new Progress() {
        } : progress;
        int top = LocalLearningPhase.topLocalLayer(net);
        if (topTraining.canResume()) {
            return top(null, data, listeners, p, top >= 0 ? hebbianEpochs : 0, 0);
        }
        if (!frozenLayers.isEmpty()) {
            if (pretrained == null) {
                throw new IllegalArgumentException("HybridTraining: layers " + frozenLayers + " are to be frozen but no pretrained "
                        + "network was given to take them from");
            }
            Parameters.copy(pretrained, net, frozenLayers);
        }
        double hebbianSeconds = 0;
        int hebbianEpochsRun = 0;
        if (top >= 0) {
            p.phase("hebbian");
            long t0 = System.nanoTime();
            LocalLearningPhase.fit(net, frozenLayers, iterator(data.train(), true), hebbianEpochs, listeners, p::epoch);
            hebbianSeconds = (System.nanoTime() - t0) / 1e9;
            hebbianEpochsRun = hebbianEpochs;
        }
        int lastFrozen = Math.max(top, frozenLayers.isEmpty() ? -1 : Collections.max(frozenLayers));
        MultiLayerNetwork trainable = lastFrozen >= 0
                ? new TransferLearning.Builder(net).setFeatureExtractor(lastFrozen).build()
                : net;
        return top(trainable, data, listeners, p, hebbianEpochsRun, hebbianSeconds);
    }

    /** Step 3 on {@code trainable} (null: resumed from the checkpoint), and the test accuracy of its best epoch. */
    private Result top(MultiLayerNetwork trainable, DataSplits data, List<TrainingListener> listeners, Progress p,
                       int hebbianEpochsRun, double hebbianSeconds) {
        p.phase("top");
        long t1 = System.nanoTime();
        EarlyStoppedTraining.Result topResult = topTraining.fit(trainable, iterator(data.train(), true),
                iterator(data.validation(), false), listeners, p::epoch);
        double topSeconds = (System.nanoTime() - t1) / 1e9;
        double testAccuracy = accuracy(topResult.best(), data.test(), batchSize);
        return new Result(topResult.best(), testAccuracy, topResult, hebbianEpochsRun, hebbianSeconds, topSeconds);
    }

    private DataSetIterator iterator(org.nd4j.linalg.dataset.DataSet data, boolean shuffle) {
        return new ShuffledDataSetIterator(data, batchSize, seed, shuffle);
    }

    /** Top-1 accuracy of {@code net} on {@code data}, in [0, 1]. */
    public static double accuracy(MultiLayerNetwork net, org.nd4j.linalg.dataset.DataSet data, int batchSize) {
        Evaluation evaluation = net.evaluate(new ShuffledDataSetIterator(data, batchSize, 0, false));
        return evaluation.accuracy();
    }

    /** Copies parameters between networks of the same architecture. */
    public static final class Parameters {
        private Parameters() {
        }

        /**
         * Copies the parameters of {@code layers} from {@code from} into {@code to}.
         *
         * @throws IllegalArgumentException if a layer is missing or its parameters differ in number
         */
        public static void copy(MultiLayerNetwork from, MultiLayerNetwork to, Set<Integer> layers) {
            for (int i : layers) {
                if (i < 0 || i >= from.getnLayers() || i >= to.getnLayers()) {
                    throw new IllegalArgumentException("HybridTraining: layer " + i + " is not in both networks (" + from.getnLayers()
                            + " and " + to.getnLayers() + " layers)");
                }
                long n = to.getLayer(i).numParams();
                if (from.getLayer(i).numParams() != n) {
                    throw new IllegalArgumentException("HybridTraining: layer " + i + " has " + from.getLayer(i).numParams()
                            + " parameters in the pretrained network but " + n + " here: not the same architecture");
                }
                if (n > 0) {
                    INDArray target = to.getLayer(i).params();
                    target.assign(from.getLayer(i).params());
                }
            }
        }
    }
}
