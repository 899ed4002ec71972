package org.hebbian4j.samples.cli;

import org.hebbian4j.samples.support.JsonLine;
import org.hebbian4j.samples.support.OutputOptions;
import org.hebbian4j.samples.support.ProgressBar;

import org.hebbian4j.samples.support.DataOptions;
import org.hebbian4j.samples.support.HebbianOptions;
import org.hebbian4j.samples.support.RunRecord;
import org.hebbian4j.samples.support.SeedOption;
import org.hebbian4j.samples.support.SparkOptions;

import org.hebbian4j.backend.NativeBackend;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.hebbian4j.data.ShuffledDataSetIterator;
import org.hebbian4j.metrics.HebbianStatisticsListener;
import org.hebbian4j.metrics.LayerSummary;
import org.hebbian4j.probe.LayerFeatures;
import org.hebbian4j.probe.LinearProbe;
import org.hebbian4j.training.Checkpoints;
import org.hebbian4j.training.ResumableTraining;
import org.hebbian4j.training.TrainingPosition;
import org.hebbian4j.util.AtomicFiles;
import org.hebbian4j.samples.pictures.AccuracyTracker;
import org.hebbian4j.samples.pictures.TrainingPictures;
import org.hebbian4j.spark.ParameterAveraging;
import org.hebbian4j.spark.RemoteFiles;
import org.hebbian4j.spark.ShuffledEpochs;
import org.hebbian4j.spark.SparkProbeTraining;
import org.apache.spark.api.java.JavaSparkContext;
import org.hebbian4j.zoo.HybridMlp;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The main job: trains the hybrid MLP "H G" (a Hebbian layer below a softmax classifier) on an IDX
 * data set and reports its test accuracy beside the random-features control: the same network, same
 * initial weights, whose Hebbian layer never learns.
 *
 * <p>Protocol: (1) {@code --epochs} epochs of {@code fit} on the whole network: the Hebbian layer
 * learns by its rule (unsupervised); (2) the Hebbian layer is frozen and the classifier is trained
 * {@code --classifier-epochs} epochs on its features (a linear probe with standardized features,
 * folded back into the network's output layer); (3) test accuracy of the resulting network. The
 * control runs steps (2) and (3) on the untrained network.
 *
 * <p>Step (1) writes a checkpoint to {@code <out>/checkpoint/checkpoint.zip} every
 * {@code --checkpoint-every} iterations and at the end of every epoch (atomically: a killed run leaves
 * the previous checkpoint); {@code --resume} continues from it with the same batches an uninterrupted
 * run would see, so the final model is the same. The checkpoint is deleted when the run completes.
 * {@code model.zip} is written only at the end of a successful run, and never with non-finite
 * parameters, so a failed or diverged run leaves the previous model as it was.
 *
 * <p>With {@code --spark MASTER} both phases run on Apache Spark by synchronous parameter averaging
 * ({@link ParameterAveraging}, module hebbian-spark): the Hebbian phase on the network, the classifier on the
 * frozen features. That run writes no checkpoint (a failed round stops it with the model of the last good round,
 * and model.zip is not written) and no training statistics, which the layers would record on the workers.
 */
@Command(name = "train", description = "Train a Hebbian layer + softmax classifier and compare it with random features.",
        mixinStandardHelpOptions = true)
public class TrainCommand implements Callable<Integer> {

    @Mixin
    DataOptions data = new DataOptions();

    @Mixin
    HebbianOptions hebbian = new HebbianOptions();

    @Option(names = "--hidden", defaultValue = "2000", description = "Hebbian units. Default: ${DEFAULT-VALUE}.")
    int hidden;

    @Option(names = "--epochs", defaultValue = "auto", paramLabel = "N|auto",
            description = "Epochs of Hebbian learning; auto: enough for each Hebbian unit to see about "
                    + AUTO_INPUTS_PER_UNIT + " inputs, ceil(" + AUTO_INPUTS_PER_UNIT + " x hidden / training examples), "
                    + "at least 1 (full MNIST: 1; the embedded 8,000 images: 3). Default: ${DEFAULT-VALUE}.")
    String epochsOption;

    /**
     * Inputs per Hebbian unit that {@code --epochs auto} provides. With homeostasis every unit wins about
     * equally often, so this is about the wins per unit: 12 (one full-MNIST epoch, 60,000 inputs for 2,000
     * units, gives 30; on the embedded 8,000 images 3 epochs, 12, already beat random features and 8
     * epochs gain nothing more: docs/results/main-job.md).
     */
    static final int AUTO_INPUTS_PER_UNIT = 12;

    /** --epochs, resolved once the training set's size is known. */
    int epochs;

    @Option(names = "--classifier-epochs", defaultValue = "10",
            description = "Epochs of the classifier on the frozen features. Default: ${DEFAULT-VALUE}.")
    int classifierEpochs;

    @Option(names = "--lr-decay", defaultValue = "1", paramLabel = "FACTOR",
            description = "Decay the Hebbian learning rate exponentially, step by step, to FACTOR times --lr at the last "
                    + "step of the Hebbian phase (1: constant). Default: ${DEFAULT-VALUE}.")
    double learningRateDecay;

    @Option(names = "--batch", defaultValue = "64", description = "Minibatch size. Default: ${DEFAULT-VALUE}.")
    int batch;

    @Mixin
    SeedOption seed = new SeedOption();

    @Option(names = "--out", defaultValue = "hebbian4j-out",
            description = "Directory for the model and results. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--control", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Also train the random-features controls (default: on; --no-control).")
    boolean control;

    @Option(names = "--checkpoint-every", defaultValue = "200", paramLabel = "N",
            description = "Write a checkpoint to <out>/checkpoint/ every N iterations of Hebbian learning, and at the "
                    + "end of every epoch (0: epoch ends only). Default: ${DEFAULT-VALUE}.")
    long checkpointEvery;

    @Option(names = "--resume", description = "Continue the interrupted run whose checkpoint is in <out>/checkpoint/ "
            + "(give the same options as that run; --epochs may be larger).")
    boolean resume;

    @Option(names = "--restart", description = "Discard a checkpoint left in <out>/checkpoint/ by an interrupted run "
            + "and start over.")
    boolean restart;

    /** Test hook: simulates an interruption (exit code 1) once this many iterations are done in all. */
    @Option(names = "--stop-after-iterations", hidden = true, defaultValue = "0")
    long stopAfterIterations;

    @Option(names = "--pictures", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Record the Hebbian layer's statistics (Gini, dead neurons, output entropy) and write "
                    + "hebbian-statistics.csv, hebbian-neurons.csv, weights.png, dynamics.png and entropy.png to --out "
                    + "(default: on; --no-pictures).")
    boolean pictures;

    @Mixin
    OutputOptions output = new OutputOptions();

    @Mixin
    SparkOptions spark = new SparkOptions();

    /** With --spark: the context and the workers; null on this machine alone. */
    private Distributed distributed;

    /** A run on Spark: the context and its workers. */
    private record Distributed(JavaSparkContext sc, int workers) {
    }

    @Override
    public Integer call() throws Exception {
        RunRecord run = output.startRun();
        validate();
        if (!spark.enabled()) {
            return train(run);
        }
        JavaSparkContext sc = spark.start("hebbian4j train");
        try {
            distributed = new Distributed(sc, spark.workers(sc));
            System.out.printf(Locale.ROOT, "Spark: master %s, %d workers, each minibatch split among them, averaging "
                    + "every %d minibatch(es)%n", sc.master(), distributed.workers(), spark.averagingFrequency);
            if (spark.dataUri != null) {
                data.dataDir = RemoteFiles.localCopy(sc, spark.dataUri);
            }
            return train(run);
        } finally {
            sc.stop();
        }
    }

    private int train(RunRecord run) throws IOException {
        long startNanos = System.nanoTime();
        DataOptions.Loaded loaded = load();
        run = run.data(loaded.source());
        DataSet train = loaded.train();
        DataSet test = loaded.test();
        epochs = epochsFor(train.numExamples());
        HybridMlp zoo = network(train);

        ShuffledDataSetIterator batches = new ShuffledDataSetIterator(train, batch, seed.value);
        TrainCheckpoint checkpoint = new TrainCheckpoint(out, runSettings(loaded, train, zoo), batches.batchesPerEpoch());
        Checkpoints.Restored<MultiLayerNetwork> begun = checkpoint.begin(zoo, resume, restart, epochs);
        MultiLayerNetwork net = begun.model();
        TrainingPosition start = begun.position();
        // The control: the same network untrained (its initialization depends only on the seed).
        MultiLayerNetwork untrained = control ? initialized(zoo) : null;

        Recorders recorders = distributed != null ? sparkHebbianPhase(net, train)
                : hebbianPhase(net, batches, checkpoint, start, test);
        double hebbianSeconds = (System.nanoTime() - startNanos) / 1e9;
        Map<String, Object> statisticsResults = recorders == null ? Map.of() : statistics(net, recorders);

        Map<String, Object> results = accuracies(net, untrained, train, test);
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        results.put("seconds", seconds);
        results.put("hebbian_seconds", hebbianSeconds);
        results.put("train_examples", train.numExamples());
        results.put("test_examples", test.numExamples());
        results.put("network", zoo.toString());
        results.put("epochs", epochs);
        results.put("classifier_epochs", classifierEpochs);
        results.put("resumed_from_iteration", start.iteration());
        if (distributed != null) {
            results.put("spark_master", distributed.sc().master());
            results.put("spark_workers", distributed.workers());
            results.put("averaging_frequency", spark.averagingFrequency);
        }
        results.putAll(statisticsResults);

        Map<String, Object> report = run.with(results);
        Path modelFile = save(net, report, checkpoint);
        printAccuracies(results, seconds, hebbianSeconds, modelFile);
        output.print(report);
        return 0;
    }

    /** Loads the data and says what it is and which backend runs. */
    private DataOptions.Loaded load() throws IOException {
        DataOptions.Loaded loaded = data.load();
        System.out.printf(Locale.ROOT, "Data: %s (%d train, %d test)%n", loaded.source(), loaded.train().numExamples(),
                loaded.test().numExamples());
        System.out.println("Backend: " + NativeBackend.describe());
        return loaded;
    }

    /** The hybrid MLP for {@code train}'s inputs and classes, with the Hebbian options. */
    private HybridMlp network(DataSet train) {
        HybridMlp zoo = new HybridMlp().nIn((int) train.getFeatures().size(1)).hidden(hidden)
                .classes((int) train.getLabels().size(1)).seed(seed.value)
                .rule(hebbian.rule()).competition(hebbian.competition()).homeostasis(hebbian.homeostasis())
                .activation(hebbian.activation(hidden)).normalizeWeights(hebbian.normalize)
                .hebbianUpdater(hebbianUpdater(hebbian.learningRate(), learningRateDecay,
                        (long) epochs * ((train.numExamples() + batch - 1) / batch)));
        System.out.println("Network: " + zoo);
        return zoo;
    }

    /** The Hebbian epochs for a training set of {@code examples}: --epochs N, or auto (see {@link #AUTO_INPUTS_PER_UNIT}). */
    int epochsFor(int examples) {
        return epochsFor(epochsOption, hidden, examples);
    }

    /**
     * The Hebbian epochs that {@code --epochs option} gives {@code hidden} units on a training set of
     * {@code examples}: a whole number, or auto (see {@link #AUTO_INPUTS_PER_UNIT}).
     */
    static int epochsFor(String option, int hidden, int examples) {
        if (option.trim().equalsIgnoreCase("auto")) {
            return (int) Math.max(1, Math.min(1000, (AUTO_INPUTS_PER_UNIT * (long) hidden + examples - 1) / Math.max(1, examples)));
        }
        int n;
        try {
            n = Integer.parseInt(option.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--epochs must be a whole number >= 0 or auto, got '" + option + "'");
        }
        if (n < 0) {
            throw new IllegalArgumentException("--epochs must be >= 0, got " + n);
        }
        return n;
    }

    private static MultiLayerNetwork initialized(HybridMlp zoo) {
        MultiLayerNetwork net = new MultiLayerNetwork(zoo.conf());
        net.init();
        return net;
    }

    /** What records the Hebbian phase for the pictures: the layer's statistics and the accuracy over training. */
    private record Recorders(HebbianStatisticsListener statistics, AccuracyTracker accuracy) {
    }

    /**
     * Step (1): the whole network's {@code fit} from {@code start} to the end of {@code --epochs}, with progress,
     * checkpoints and (with {@code --pictures}) recorders, which it returns (null without).
     */
    private Recorders hebbianPhase(MultiLayerNetwork net, ShuffledDataSetIterator batches, TrainCheckpoint checkpoint,
                                   TrainingPosition start, DataSet test) {
        long total = batches.batchesPerEpoch() * epochs;
        List<TrainingListener> listeners = new ArrayList<>();
        listeners.add(new ProgressBar("hebbian", total - start.iteration(), batch));
        listeners.add(checkpoint.listener(checkpointEvery, start, output.verbose));
        if (stopAfterIterations > 0) {
            listeners.add(new StopAfter(stopAfterIterations - start.iteration()));
        }
        // Statistics cover the Hebbian learning done in this run (after a resume: from the checkpoint on).
        Recorders recorders = null;
        if (pictures && total > start.iteration()) {
            recorders = new Recorders(HebbianStatisticsListener.builder().snapshotEvery((int) Math.max(1, total / 50))
                    .csvDirectory(out).build(), new AccuracyTracker(head(test, 1000), (int) Math.max(1, total / 20)));
            listeners.add(recorders.statistics());
            listeners.add(recorders.accuracy());
        }
        net.setListeners(listeners);
        ResumableTraining.fit(net, batches, epochs, start);
        net.setListeners(List.of());
        return recorders;
    }

    /**
     * Step (1) on Spark: {@code --epochs} epochs of parameter averaging over the minibatches of each epoch that this
     * machine alone would fit, with a progress bar; returns no recorders (null).
     */
    private Recorders sparkHebbianPhase(MultiLayerNetwork net, DataSet train) {
        if (pictures) {
            System.out.println("--spark: no training statistics or pictures (the Hebbian layer learns on the workers)");
        }
        ParameterAveraging averaging = sparkAveraging("hebbian", (train.numExamples() + batch - 1) / batch, epochs);
        new ShuffledEpochs(distributed.sc(), train, batch, seed.value).fit(averaging, net, epochs, epoch -> { });
        return null;
    }

    /**
     * The parameter averaging of --spark for {@code epochs} epochs of {@code batchesPerEpoch} minibatches (each
     * split among the workers), with a progress bar labelled {@code label} advancing by one averaging round.
     */
    private ParameterAveraging sparkAveraging(String label, long batchesPerEpoch, int epochs) {
        long rounds = (batchesPerEpoch + spark.averagingFrequency - 1) / spark.averagingFrequency;
        ProgressBar bar = new ProgressBar(label, rounds * epochs, batch * spark.averagingFrequency);
        return spark.averaging(distributed.workers(), report -> bar.iterationDone(null, report.round(), report.epoch()));
    }

    /** The Hebbian layer's statistics at the start and end of the phase; writes the pictures. */
    private Map<String, Object> statistics(MultiLayerNetwork net, Recorders recorders) throws IOException {
        HebbianStatisticsListener statistics = recorders.statistics();
        recorders.accuracy().evaluate(net);
        List<LayerSummary> history = statistics.history(HybridMlp.HEBBIAN_LAYER);
        LayerSummary last = statistics.snapshot(HybridMlp.HEBBIAN_LAYER).summary();
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("gini_start", history.get(0).gini());
        results.put("gini_end", last.gini());
        results.put("dead_fraction_end", last.deadFraction());
        results.put("output_entropy_end", history.get(history.size() - 1).outputEntropy());
        List<Path> files = TrainingPictures.write(out, "Hebbian layer, " + hebbian.rule + " + " + hebbian.competitionName()
                        + ", " + hidden + " units", net.getLayer(HybridMlp.HEBBIAN_LAYER), statistics,
                recorders.accuracy().points(), 1);
        System.out.printf(Locale.ROOT, "Hebbian layer: Gini %.3f -> %.3f, dead neurons %.1f%%; pictures: %s%n",
                history.get(0).gini(), last.gini(), 100 * last.deadFraction(),
                files.stream().map(p -> p.getFileName().toString()).toList());
        return results;
    }

    /** Steps (2) and (3): the test accuracy of {@code net} and of the controls built from {@code untrained}. */
    private Map<String, Object> accuracies(MultiLayerNetwork net, MultiLayerNetwork untrained, DataSet train, DataSet test) {
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("test_accuracy", trainClassifier("classifier", net, train, test));
        if (untrained != null) {
            results.put("control_accuracy", trainClassifier("control", untrained, train, test));
            // The strongest random-features baseline we know: the same random weights with ReLU.
            MultiLayerNetwork reluControl = reluCopy(untrained);
            results.put("control_relu_accuracy", trainClassifier("control-relu", reluControl, train, test));
        }
        return results;
    }

    /** Writes model.zip (finite parameters only) and results.json, then drops the checkpoint; returns the model file. */
    private Path save(MultiLayerNetwork net, Map<String, Object> report, TrainCheckpoint checkpoint) throws IOException {
        Path modelFile = out.resolve("model.zip");
        requireFinite(net, modelFile);
        AtomicFiles.write(modelFile, stream -> ModelSerializer.writeModel(net, stream, false));
        JsonLine.write(out.resolve("results.json"), report);
        checkpoint.finish();
        return modelFile;
    }

    private static void printAccuracies(Map<String, Object> results, double seconds, double hebbianSeconds, Path modelFile) {
        System.out.printf(Locale.ROOT, "Test accuracy, Hebbian features:  %.2f%%%n", 100 * (double) results.get("test_accuracy"));
        if (results.containsKey("control_accuracy")) {
            System.out.printf(Locale.ROOT, "Test accuracy, random features (control, same network untrained): %.2f%%%n",
                    100 * (double) results.get("control_accuracy"));
            System.out.printf(Locale.ROOT, "Test accuracy, random features with ReLU (same random weights):   %.2f%%%n",
                    100 * (double) results.get("control_relu_accuracy"));
        }
        System.out.printf(Locale.ROOT, "Time: %.1f s (Hebbian phase %.1f s). Model: %s%n", seconds, hebbianSeconds,
                modelFile);
    }

    /**
     * Sgd at {@code learningRate}, or with {@code decay < 1} an exponential schedule per step
     * {@code learningRate * gamma^iteration} with gamma chosen so that the last of {@code totalSteps}
     * steps (iteration {@code totalSteps - 1}) uses {@code learningRate * decay}.
     */
    static IUpdater hebbianUpdater(double learningRate, double decay, long totalSteps) {
        if (decay == 1.0) {
            return new Sgd(learningRate);
        }
        double gamma = Math.pow(decay, 1.0 / Math.max(1, totalSteps - 1));
        return new Sgd(new ExponentialSchedule(ScheduleType.ITERATION, learningRate, gamma));
    }

    /** A copy of {@code net} whose Hebbian layer uses ReLU instead of its configured activation. */
    private static MultiLayerNetwork reluCopy(MultiLayerNetwork net) {
        org.deeplearning4j.nn.conf.MultiLayerConfiguration conf = net.getLayerWiseConfigurations().clone();
        ((org.deeplearning4j.nn.conf.layers.BaseLayer) conf.getConf(HybridMlp.HEBBIAN_LAYER).getLayer())
                .setActivationFn(org.nd4j.linalg.activations.Activation.RELU.getActivationFunction());
        MultiLayerNetwork copy = new MultiLayerNetwork(conf);
        copy.init(net.params().dup(), false);
        return copy;
    }

    /** Freezes the Hebbian layer's features, trains the classifier on them, returns the network's test accuracy. */
    private double trainClassifier(String label, MultiLayerNetwork net, DataSet train, DataSet test) {
        DataSet trainFeatures = LayerFeatures.of(net, HybridMlp.HEBBIAN_LAYER, train, 1000);
        DataSet testFeatures = LayerFeatures.of(net, HybridMlp.HEBBIAN_LAYER, test, 1000);
        long iterations = (long) classifierEpochs * ((train.numExamples() + batch - 1) / batch);
        LinearProbe probe = LinearProbe.adam(classifierEpochs, batch, seed.value);
        LinearProbe.Result result = distributed == null
                ? probe.fit(trainFeatures, testFeatures, List.of(new ProgressBar(label, iterations, batch)), null)
                : probe.fit(trainFeatures, testFeatures, List.of(), null, new SparkProbeTraining(distributed.sc(),
                        sparkAveraging(label, (train.numExamples() + batch - 1) / batch, classifierEpochs)));
        net.getLayer(HybridMlp.CLASSIFIER_LAYER).setParam("W", result.weights());
        net.getLayer(HybridMlp.CLASSIFIER_LAYER).setParam("b", result.bias());
        return LinearProbe.accuracy(net, test);
    }

    /** What must be the same for a run to continue another one's checkpoint. */
    private Map<String, String> runSettings(DataOptions.Loaded loaded, DataSet train, HybridMlp zoo) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("data", loaded.source());
        settings.put("train_examples", String.valueOf(train.numExamples()));
        settings.put("network", zoo.toString());
        settings.put("batch", String.valueOf(batch));
        settings.put("seed", String.valueOf(seed.value));
        return settings;
    }

    private static void requireFinite(MultiLayerNetwork net, Path file) {
        if (!Double.isFinite(net.params().sumNumber().doubleValue())) {
            throw new IllegalStateException("refusing to write " + file + ": the model's parameters are not finite "
                    + "(NaN or infinity); the previous file, if any, is kept");
        }
    }

    /** The {@code --stop-after-iterations} test hook: ends training like an interruption. */
    private static final class StopAfter extends BaseTrainingListener {
        private final long remaining;
        private long done;

        StopAfter(long remaining) {
            this.remaining = remaining;
        }

        @Override
        public void iterationDone(Model model, int iteration, int epoch) {
            if (++done >= remaining) {
                throw new IllegalStateException("stopped after iteration " + (model instanceof MultiLayerNetwork m
                        ? m.getIterationCount() + 1 : done) + " (--stop-after-iterations, a test hook); continue with --resume");
            }
        }
    }

    /** The first {@code n} examples of {@code data} (all if it has fewer). */
    private static DataSet head(DataSet data, int n) {
        return n >= data.numExamples() ? data : (DataSet) data.getRange(0, n);
    }

    private void validate() {
        hebbian.checkSettings();
        if (hidden < 1) {
            throw new IllegalArgumentException("--hidden must be >= 1, got " + hidden);
        }
        epochsFor(1);   // a malformed --epochs fails before the data is loaded
        if (classifierEpochs < 1) {
            throw new IllegalArgumentException("--classifier-epochs must be >= 1, got " + classifierEpochs);
        }
        if (batch < 1) {
            throw new IllegalArgumentException("--batch must be >= 1, got " + batch);
        }
        if (!(learningRateDecay > 0 && learningRateDecay <= 1)) {
            throw new IllegalArgumentException("--lr-decay must be in (0, 1], got " + learningRateDecay);
        }
        if (checkpointEvery < 0) {
            throw new IllegalArgumentException("--checkpoint-every must be >= 0, got " + checkpointEvery);
        }
        if (resume && restart) {
            throw new IllegalArgumentException("--resume and --restart exclude each other");
        }
        spark.validate();
        if (spark.enabled() && resume) {
            throw new IllegalArgumentException("--resume does not work with --spark (a Spark run writes no checkpoint)");
        }
    }
}
