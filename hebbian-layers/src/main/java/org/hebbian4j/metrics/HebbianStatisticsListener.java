package org.hebbian4j.metrics;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.hebbian4j.conf.HebbianLearning;
import org.hebbian4j.layers.ObservableActivity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.ResetPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Watches every Hebbian layer ({@code HebbianDenseLayer}, {@code HebbianConvolutionLayer}) of a
 * {@link MultiLayerNetwork} or {@link ComputationGraph} during {@code fit} and records, per layer and
 * per neuron:
 * <ul>
 *   <li><b>update size</b>: at every step, the L2 norm {@code ||dW_i||} of each neuron's row of the
 *       rule's update, read from the layer's weight-gradient view in {@code onBackwardPass} (after the
 *       layer's backward pass, before DL4J's updater touches it); the listener keeps the running
 *       average over all steps, Liuson's "average step size". This is the rule's dW (the batch-mean
 *       update, without learning rate: in direct mode the view holds {@code -lr dW} and the listener
 *       divides by lr). It is exact and costs one pass over the gradient per step. It leaves out what
 *       the optimizer does with dW (learning rate, Adam's scaling) and what happens after the step
 *       (unit-norm rescaling, growth factor); with Sgd the step is lr times it, and the
 *       {@link Gini} coefficient does not depend on the constant lr;</li>
 *   <li><b>wins</b>: the competition's activity y summed over all samples (and positions), from the
 *       layer's {@link ObservableActivity} hook (the column sums of the y its rule saw, kept by the layer
 *       without recomputation);</li>
 *   <li><b>distance from the initial weights</b> {@code ||w_i - w0_i||} and the <b>direction change</b>
 *       of {@link DeadNeurons}; the initial weights are copied when the listener first sees the network
 *       (its first callback, before the first update, or {@link #observe(Model)});</li>
 *   <li><b>output entropy</b> ({@link OutputEntropy}) of the layer's output in each training forward
 *       pass, averaged over samples;</li>
 *   <li>optionally ({@link Builder#averageUpdateVectors(boolean)}) the running average of the update
 *       <em>vectors</em> {@code mean_t dW_i(t)} and its norm, the other reading of Liuson's "running
 *       average of all updates": updates that point in changing directions cancel in it, so a neuron
 *       that has settled at a fixed point (its updates fluctuate around zero) has a small average here
 *       but not in the average of the norms. Costs an array of W's size and one addition per step.</li>
 * </ul>
 * From these it derives the layer's {@link Gini} coefficient of the average update sizes (and, if
 * enabled, of the norms of the average update vectors), the fraction
 * of dead neurons and the mean output entropy ({@link LayerSummary}). It records a summary after the
 * first step (Liuson's "start"), every {@code snapshotEvery} steps if set, and at each epoch end, where
 * it also keeps the per-neuron {@link LayerSnapshot} and, if a CSV directory is set, rewrites
 * {@value #SUMMARY_CSV} and {@value #NEURON_CSV} there atomically.
 *
 * <p>Cost per step: one norm over each Hebbian layer's weight gradient, two small vector additions,
 * and the entropy of the layer's output ({@code [B, nOut]} element-wise operations); the distance
 * from the initial weights (a pass over W) only at recorded summaries. Memory: a copy of the initial
 * weights, and two ND4J workspaces of the training thread that hold the temporaries of a step and
 * of a snapshot (a few arrays of W's size), reused instead of allocated anew. {@code hebbian4j listener-overhead} measures the cost.
 *
 * <p>One listener serves one network. Not thread-safe (DL4J calls listeners from the training thread).
 */
public final class HebbianStatisticsListener extends BaseTrainingListener {

    /** File name of the layer summaries, one row per layer and recorded moment. */
    public static final String SUMMARY_CSV = "hebbian-statistics.csv";
    /** File name of the per-neuron statistics, one row per neuron, layer and epoch end. */
    public static final String NEURON_CSV = "hebbian-neurons.csv";

    private final double deadTolerance;
    private final int snapshotEvery;
    private final Path csvDirectory;
    private final int entropyEvery;
    private final boolean averageUpdateVectors;

    private Model model;
    private List<Tracker> trackers;
    private final List<LayerSummary> history = new ArrayList<>();
    private final List<LayerSnapshot> epochSnapshots = new ArrayList<>();
    private int lastEpoch;
    private int lastIteration;
    private long forwardPasses;

    /** A listener with the defaults of {@link Builder}. */
    public HebbianStatisticsListener() {
        this(new Builder());
    }

    private HebbianStatisticsListener(Builder builder) {
        this.deadTolerance = builder.deadTolerance;
        this.snapshotEvery = builder.snapshotEvery;
        this.csvDirectory = builder.csvDirectory;
        this.entropyEvery = builder.entropyEvery;
        this.averageUpdateVectors = builder.averageUpdateVectors;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Settings of a {@link HebbianStatisticsListener}. */
    public static final class Builder {
        private double deadTolerance = DeadNeurons.DEFAULT_TOLERANCE;
        private int snapshotEvery = 0;
        private Path csvDirectory;
        private int entropyEvery = 1;
        private boolean averageUpdateVectors;

        /** Direction-change tolerance of the dead-neuron criterion ({@link DeadNeurons}). Default: 0.1. */
        public Builder deadTolerance(double tolerance) {
            this.deadTolerance = tolerance;
            return this;
        }

        /** Also record a summary every this many steps (0: only after the first step and at epoch ends). Default: 0. */
        public Builder snapshotEvery(int steps) {
            this.snapshotEvery = steps;
            return this;
        }

        /** Directory for the CSV files, rewritten at each epoch end (null: no files). Default: null. */
        public Builder csvDirectory(Path directory) {
            this.csvDirectory = directory;
            return this;
        }

        /**
         * Measure the output entropy in every this many training forward passes (1: all; 0: never). The
         * entropy costs about as much as the update-size norm; measuring it on every k-th batch gives the
         * mean over a sample of batches. Default: 1.
         */
        public Builder outputEntropyEvery(int steps) {
            this.entropyEvery = steps;
            return this;
        }

        /**
         * Also keep the running average of each neuron's update vector and report the Gini coefficient
         * of its norms, {@code Gini_i ||mean_t dW_i(t)||} ({@link LayerSummary#giniOfAverageUpdate()}),
         * beside the default {@code Gini_i mean_t ||dW_i(t)||}. Costs one array of W's size per layer
         * and one addition of W's size per step. Default: false.
         */
        public Builder averageUpdateVectors(boolean on) {
            this.averageUpdateVectors = on;
            return this;
        }

        public HebbianStatisticsListener build() {
            if (!(deadTolerance > 0) || Double.isInfinite(deadTolerance)) {
                throw new IllegalArgumentException("HebbianStatisticsListener: deadTolerance must be > 0 and finite, got "
                        + deadTolerance);
            }
            if (snapshotEvery < 0) {
                throw new IllegalArgumentException("HebbianStatisticsListener: snapshotEvery must be >= 0, got "
                        + snapshotEvery);
            }
            if (entropyEvery < 0) {
                throw new IllegalArgumentException("HebbianStatisticsListener: outputEntropyEvery must be >= 0, got "
                        + entropyEvery);
            }
            return new HebbianStatisticsListener(this);
        }
    }

    /**
     * Starts watching {@code network} now: finds its Hebbian layers and copies their current weights as
     * the initial weights. Called by the first callback anyway; call it yourself to fix the initial
     * weights before the first {@code fit}.
     *
     * @throws IllegalStateException if the listener already watches another network
     */
    public void observe(Model network) {
        if (model == network) {
            return;
        }
        if (model != null) {
            throw new IllegalStateException("HebbianStatisticsListener: already watching another network; "
                    + "use one listener per network");
        }
        Layer[] layers;
        if (network instanceof MultiLayerNetwork mln) {
            layers = mln.getLayers();
        } else if (network instanceof ComputationGraph graph) {
            layers = graph.getLayers();
        } else {
            throw new IllegalArgumentException("HebbianStatisticsListener: expected a MultiLayerNetwork or "
                    + "ComputationGraph, got " + network.getClass().getName());
        }
        List<Tracker> found = new ArrayList<>();
        try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
            for (Layer layer : layers) {
                if (layer instanceof ObservableActivity) {
                    found.add(new Tracker(layer));
                }
            }
        }
        model = network;
        trackers = found;
    }

    /** Indices of the watched Hebbian layers, in network order (empty before the listener sees a network). */
    public List<Integer> layerIndices() {
        return trackers == null ? List.of() : trackers.stream().map(t -> t.index).toList();
    }

    /** The statistics of layer {@code layerIndex} as of now. */
    public LayerSnapshot snapshot(int layerIndex) {
        return tracker(layerIndex).snapshot(false);
    }

    /** The statistics of the layer named {@code layerName} as of now. */
    public LayerSnapshot snapshot(String layerName) {
        return requireTrackers().stream().filter(t -> t.name.equals(layerName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("HebbianStatisticsListener: no Hebbian layer named '"
                        + layerName + "'; watched: " + names()))
                .snapshot(false);
    }

    /** Every recorded summary, in order (all layers interleaved). */
    public List<LayerSummary> history() {
        return Collections.unmodifiableList(history);
    }

    /** The recorded summaries of one layer, in order. */
    public List<LayerSummary> history(int layerIndex) {
        tracker(layerIndex);
        return history.stream().filter(s -> s.layerIndex() == layerIndex).toList();
    }

    /** The per-neuron snapshots taken at epoch ends, in order (all layers interleaved). */
    public List<LayerSnapshot> epochSnapshots() {
        return Collections.unmodifiableList(epochSnapshots);
    }

    /** Writes {@value #SUMMARY_CSV} and {@value #NEURON_CSV} into {@code directory} now, atomically. */
    public void writeCsv(Path directory) throws IOException {
        StatisticsCsv.writeSummaries(directory.resolve(SUMMARY_CSV), history);
        StatisticsCsv.writeNeurons(directory.resolve(NEURON_CSV), epochSnapshots);
    }

    @Override
    public void onEpochStart(Model network) {
        observe(network);
    }

    @Override
    public void onForwardPass(Model network, List<INDArray> activations) {
        observe(network);
        forwardPasses++;
        if (entropyEvery == 0 || (forwardPasses - 1) % entropyEvery != 0) {
            return;
        }
        try (MemoryWorkspace ignored = scratch()) {
            for (Tracker t : trackers) {
                // activations.get(0) is the network input; layer i's output is entry i + 1.
                if (t.index + 1 < activations.size()) {
                    t.addOutputs(activations.get(t.index + 1));
                }
            }
        }
    }

    @Override
    public void onForwardPass(Model network, Map<String, INDArray> activations) {
        observe(network);
        forwardPasses++;
        if (entropyEvery == 0 || (forwardPasses - 1) % entropyEvery != 0) {
            return;
        }
        try (MemoryWorkspace ignored = scratch()) {
            for (Tracker t : trackers) {
                INDArray out = activations.get(t.name);
                if (out != null) {
                    t.addOutputs(out);
                }
            }
        }
    }

    @Override
    public void onBackwardPass(Model network) {
        observe(network);
        try (MemoryWorkspace ignored = scratch()) {
            for (Tracker t : trackers) {
                t.recordStep();
            }
        }
    }

    @Override
    public void iterationDone(Model network, int iteration, int epoch) {
        lastIteration = iteration;
        lastEpoch = epoch;
        if (trackers == null) {
            return;
        }
        for (Tracker t : trackers) {
            boolean first = t.steps == 1;
            boolean periodic = snapshotEvery > 0 && t.steps > 0 && t.steps % snapshotEvery == 0;
            if ((first || periodic) && t.lastRecordedSteps != t.steps) {
                history.add(t.snapshot(true).summary());
            }
        }
    }

    @Override
    public void onEpochEnd(Model network) {
        if (trackers == null) {
            return;
        }
        for (Tracker t : trackers) {
            boolean alreadyRecorded = t.lastRecordedSteps == t.steps;
            LayerSnapshot snapshot = t.snapshot(!alreadyRecorded);
            if (!alreadyRecorded) {
                history.add(snapshot.summary());
            }
            epochSnapshots.add(snapshot);
        }
        if (csvDirectory != null) {
            try {
                writeCsv(csvDirectory);
            } catch (IOException e) {
                throw new UncheckedIOException("HebbianStatisticsListener: cannot write CSV to " + csvDirectory, e);
            }
        }
    }

    /**
     * The listener's own workspace for the temporaries of a step (norms, entropy terms): memory reused
     * from step to step instead of allocated and freed. Results leave it as Java numbers or by adding
     * into the detached accumulators.
     */
    private static MemoryWorkspace scratch() {
        return Nd4j.getWorkspaceManager().getAndActivateWorkspace(SCRATCH, SCRATCH_ID);
    }

    private static final String SCRATCH_ID = "HEBBIAN4J_STATISTICS";
    private static final String SNAPSHOT_ID = "HEBBIAN4J_STATISTICS_SNAPSHOT";
    private static final WorkspaceConfiguration SCRATCH = WorkspaceConfiguration.builder()
            .initialSize(0).overallocationLimit(0.2)
            .policyAllocation(AllocationPolicy.OVERALLOCATE).policyLearning(LearningPolicy.FIRST_LOOP)
            .policyReset(ResetPolicy.BLOCK_LEFT).policySpill(SpillPolicy.REALLOCATE).build();

    private List<Tracker> requireTrackers() {
        if (trackers == null) {
            throw new IllegalStateException("HebbianStatisticsListener: not attached to a network yet "
                    + "(train with it, or call observe(network))");
        }
        return trackers;
    }

    private Tracker tracker(int layerIndex) {
        return requireTrackers().stream().filter(t -> t.index == layerIndex).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("HebbianStatisticsListener: layer " + layerIndex
                        + " is not a Hebbian layer of this network; watched: " + names()));
    }

    private String names() {
        return trackers.stream().map(t -> t.index + " '" + t.name + "'").toList().toString();
    }

    /** The running statistics of one layer. Arrays live outside all workspaces. */
    private final class Tracker {
        final Layer layer;
        final int index;
        final String name;
        final int neurons;
        /** Factor from the gradient view's norm to ||dW||: 1, or 1/lr in direct mode. */
        final double updateScale;
        final INDArray initial;
        final INDArray updateSum;
        final INDArray winSum;
        /** Sum over steps of the neuron-major gradient view (the rule's dW times 1/updateScale), or null. */
        final INDArray updateVectorSum;
        long steps;
        long lastRecordedSteps = -1;
        private INDArray gradientFlat;
        private INDArray gradientView;
        OutputEntropy.Sum entropyWindow = new OutputEntropy.Sum(0, 0);

        Tracker(Layer layer) {
            this.layer = layer;
            this.index = layer.getIndex();
            String configured = layer.conf().getLayer().getLayerName();
            this.name = configured == null ? "layer" + index : configured;
            org.deeplearning4j.nn.conf.layers.Layer conf = layer.conf().getLayer();
            this.updateScale = conf instanceof HebbianLearning h ? -1.0 / h.getStep().updateScale() : 1.0;
            INDArray w = neuronMajor(layer.getParam("W"));
            this.neurons = (int) w.rows();
            this.initial = w.dup('c');
            this.updateSum = Nd4j.zeros(DataType.DOUBLE, neurons);
            this.winSum = Nd4j.zeros(DataType.DOUBLE, neurons);
            this.updateVectorSum = averageUpdateVectors ? Nd4j.zeros(w.dataType(), w.shape()) : null;
        }

        /** Dense W {@code [nIn, nOut]} or convolution W {@code [nOut, nIn, kH, kW]} as {@code [nOut, fanIn]} views. */
        private INDArray neuronMajor(INDArray w) {
            return w.rank() == 2 ? w.transpose() : w.reshape('c', w.size(0), w.length() / w.size(0));
        }

        /** The weight-gradient view, neuron-major; rebuilt only if the network replaces its gradient array. */
        private INDArray weightGradient() {
            INDArray flat = layer.getGradientsViewArray();
            if (flat != gradientFlat) {
                gradientFlat = flat;
                gradientView = neuronMajor(layer.conf().getLayer().initializer()
                        .getGradientsFromFlattened(layer.conf(), flat).get("W"));
            }
            return gradientView;
        }

        void recordStep() {
            INDArray gradient = weightGradient();
            INDArray norms = rowNorms(gradient);
            if (updateScale != 1.0) {
                norms.muli(updateScale);
            }
            updateSum.addi(norms);
            if (updateVectorSum != null) {
                updateVectorSum.addi(gradient);
            }
            INDArray activity = ((ObservableActivity) layer).lastActivitySums();
            if (activity != null) {
                winSum.addi(activity.castTo(DataType.DOUBLE));
            }
            steps++;
        }

        void addOutputs(INDArray outputs) {
            entropyWindow = entropyWindow.plus(OutputEntropy.ofBatch(outputs));
        }

        /** Row L2 norms in double; a float norm overflows once entries pass ~1e19 (squares beyond the float range): then in double. */
        private INDArray rowNorms(INDArray rows) {
            INDArray norms = rows.norm2(1).castTo(DataType.DOUBLE);
            if (!Double.isFinite(norms.sumNumber().doubleValue())) {
                norms = rows.castTo(DataType.DOUBLE).norm2(1);
            }
            return norms;
        }

        /** Gini of {@code ||mean_t dW_i(t)||} over neurons; NaN if not tracked, before any step, or if not finite. */
        private double giniOfAverageUpdate() {
            if (updateVectorSum == null || steps == 0) {
                return Double.NaN;
            }
            double[] norms = rowNorms(updateVectorSum).muli(updateScale / steps).toDoubleVector();
            return java.util.Arrays.stream(norms).allMatch(Double::isFinite) ? Gini.of(norms) : Double.NaN;
        }

        /** The statistics now; {@code record}: this moment enters the history (resets the entropy window). */
        LayerSnapshot snapshot(boolean record) {
            // Temporaries of W's size go to the listener's snapshot workspace (reused), not to detached
            // memory that only the Java garbage collector would free.
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().getAndActivateWorkspace(SCRATCH, SNAPSHOT_ID)) {
                double[] average = updateSum.div(Math.max(1, steps)).toDoubleVector();
                double[] wins = winSum.toDoubleVector();
                INDArray w = neuronMajor(layer.getParam("W"));
                double[] distance = w.sub(initial).norm2(1).castTo(DataType.DOUBLE).toDoubleVector();
                double[] change = DeadNeurons.directionChange(w, initial).castTo(DataType.DOUBLE).toDoubleVector();
                boolean[] dead = new boolean[neurons];
                int deadCount = 0;
                double changeSum = 0;
                double winTotal = 0;
                double updateTotal = 0;
                for (int i = 0; i < neurons; i++) {
                    dead[i] = DeadNeurons.isDead(change[i], deadTolerance);
                    deadCount += dead[i] ? 1 : 0;
                    changeSum += change[i];
                    winTotal += wins[i];
                    updateTotal += average[i];
                }
                // A diverged layer (infinite or NaN updates) gets a NaN Gini instead of stopping the training.
                boolean finite = java.util.Arrays.stream(average).allMatch(Double::isFinite);
                LayerSummary summary = new LayerSummary(index, name, lastEpoch, lastIteration, steps, neurons,
                        finite ? Gini.of(average) : Double.NaN, deadCount / (double) neurons, entropyWindow.mean(),
                        updateTotal / neurons, changeSum / neurons, winTotal, giniOfAverageUpdate());
                if (record) {
                    lastRecordedSteps = steps;
                    entropyWindow = new OutputEntropy.Sum(0, 0);
                }
                return new LayerSnapshot(summary, average, wins, distance, change, dead);
            }
        }
    }
}
