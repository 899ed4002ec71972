package org.hebbian4j.samples.cli;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.hebbian4j.backend.NativeBackend;
import org.hebbian4j.data.ShuffledDataSetIterator;
import org.hebbian4j.probe.LinearProbe;
import org.hebbian4j.samediff.HebbianTraining;
import org.hebbian4j.samediff.HebbianWeight;
import org.hebbian4j.samples.support.DataOptions;
import org.hebbian4j.samples.support.HebbianOptions;
import org.hebbian4j.samples.support.JsonLine;
import org.hebbian4j.samples.support.OutputOptions;
import org.hebbian4j.samples.support.ProgressBar;
import org.hebbian4j.samples.support.RunRecord;
import org.hebbian4j.samples.support.SeedOption;
import org.hebbian4j.util.AtomicFiles;
import org.hebbian4j.zoo.HybridMlp;
import org.nd4j.autodiff.listeners.At;
import org.nd4j.autodiff.listeners.BaseListener;
import org.nd4j.autodiff.listeners.Loss;
import org.nd4j.autodiff.listeners.Operation;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Sgd;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The main job ({@code train}) with its Hebbian phase in SameDiff: the same network, 784 -&gt; hidden Hebbian
 * -&gt; softmax, built as a SameDiff graph ({@link HybridMlpGraph}) from the same initial weights as
 * {@code train}'s {@link HybridMlp}, and the same protocol.
 *
 * <p>(1) {@code --epochs} epochs of {@code sd.fit} on the same batches as {@code train}: W1 learns by its rule
 * through {@link HebbianTraining} (step {@code W1 += lr * dW}, the weight's {@code directStep(--lr)}), while
 * autodiff trains a classifier with Adam(1e-3) alongside, as {@code train} does in that phase (it does not reach
 * W1 and is replaced in step 2). (2) The features: the layer's activation ({@code --activation}, the same
 * {@link org.hebbian4j.activations.KWinnersActivation} as {@code train}'s layer) of the pre-activation u1 computed
 * by the graph, for the training and test sets; the classifier trained on them by {@link LinearProbe} exactly as
 * {@code train} does. (3) Its test accuracy. The controls run (2) and (3) on the same graph untrained (the same
 * code and initial weights) and with ReLU instead of the activation. So the only difference from {@code train} is
 * where the Hebbian phase and u1 are computed.
 *
 * <p>Writes {@code <out>/samediff-model.fb} (the trained graph, {@code SameDiff.load}-able) and
 * {@code <out>/results.json}. No checkpoints, statistics or pictures ({@code train} has them).
 */
@Command(name = "samediff-train", mixinStandardHelpOptions = true,
        description = "The main job (train) with its Hebbian phase in a SameDiff graph: Hebbian layer + softmax "
                + "classifier, compared with random features.")
public class SameDiffTrainCommand implements Callable<Integer> {

    /** The trained graph's file in {@code --out}. */
    static final String MODEL_FILE = "samediff-model.fb";

    @Mixin
    DataOptions data = new DataOptions();

    @Mixin
    HebbianOptions hebbian = new HebbianOptions();

    @Option(names = "--hidden", defaultValue = "2000", description = "Hebbian units. Default: ${DEFAULT-VALUE}.")
    int hidden;

    @Option(names = "--epochs", defaultValue = "auto", paramLabel = "N|auto",
            description = "Epochs of Hebbian learning, as train's --epochs (auto: ceil(" + TrainCommand.AUTO_INPUTS_PER_UNIT
                    + " x hidden / training examples), at least 1). Default: ${DEFAULT-VALUE}.")
    String epochsOption;

    @Option(names = "--classifier-epochs", defaultValue = "10",
            description = "Epochs of the classifier on the frozen features. Default: ${DEFAULT-VALUE}.")
    int classifierEpochs;

    @Option(names = "--batch", defaultValue = "64", description = "Minibatch size. Default: ${DEFAULT-VALUE}.")
    int batch;

    @Mixin
    SeedOption seed = new SeedOption();

    @Option(names = "--out", defaultValue = "hebbian4j-out",
            description = "Directory for the graph and results. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--control", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Also train the random-features controls (default: on; --no-control).")
    boolean control;

    @Mixin
    OutputOptions output = new OutputOptions();

    @Override
    public Integer call() throws Exception {
        RunRecord run = output.startRun();
        validate();
        long startNanos = System.nanoTime();
        DataOptions.Loaded loaded = data.load();
        run = run.data(loaded.source());
        DataSet train = loaded.train();
        DataSet test = loaded.test();
        System.out.printf(Locale.ROOT, "Data: %s (%d train, %d test)%n", loaded.source(), train.numExamples(),
                test.numExamples());
        System.out.println("Backend: " + NativeBackend.describe());
        int epochs = TrainCommand.epochsFor(epochsOption, hidden, train.numExamples());
        IActivation activation = hebbian.activation(hidden);
        MultiLayerNetwork initial = initialNetwork(train);

        HybridMlpGraph graph = HybridMlpGraph.of(initial, activation);
        HebbianWeight weight = hebbianWeight();
        System.out.println("Graph: " + graph);
        System.out.println("Hebbian weight: " + weight.describe() + ", " + weight);
        hebbianPhase(graph, weight, new ShuffledDataSetIterator(train, batch, seed.value), epochs);
        double hebbianSeconds = (System.nanoTime() - startNanos) / 1e9;

        Map<String, Object> results = new LinkedHashMap<>();
        results.put("test_accuracy", trainClassifier("classifier", graph, train, test));
        if (control) {
            results.put("control_accuracy", trainClassifier("control", HybridMlpGraph.of(initial, activation), train, test));
            results.put("control_relu_accuracy", trainClassifier("control-relu",
                    HybridMlpGraph.of(initial, Activation.RELU.getActivationFunction()), train, test));
        }
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        results.put("seconds", seconds);
        results.put("hebbian_seconds", hebbianSeconds);
        results.put("train_examples", train.numExamples());
        results.put("test_examples", test.numExamples());
        results.put("network", graph.toString());
        results.put("hebbian_weight", weight.toString());
        results.put("epochs", epochs);
        results.put("classifier_epochs", classifierEpochs);

        Map<String, Object> report = run.with(results);
        Path modelFile = save(graph, report);
        printAccuracies(results, seconds, hebbianSeconds, modelFile);
        output.print(report);
        return 0;
    }

    /** {@code train}'s network, initialized: the source of the graph's initial weights. */
    private MultiLayerNetwork initialNetwork(DataSet train) {
        HybridMlp zoo = new HybridMlp().nIn((int) train.getFeatures().size(1)).hidden(hidden)
                .classes((int) train.getLabels().size(1)).seed(seed.value)
                .rule(hebbian.rule()).competition(hebbian.competition()).homeostasis(hebbian.homeostasis())
                .activation(hebbian.activation(hidden)).normalizeWeights(hebbian.normalize)
                .hebbianUpdater(new Sgd(hebbian.learningRate()));
        MultiLayerNetwork net = new MultiLayerNetwork(zoo.conf());
        net.init();
        return net;
    }

    /** W1 with the chosen rule, competition, homeostasis and normalization, stepping at --lr. */
    private HebbianWeight hebbianWeight() {
        return HebbianWeight.dense(HybridMlpGraph.HEBBIAN_WEIGHT, HybridMlpGraph.INPUT, HybridMlpGraph.PRE_ACTIVATION)
                .rule(hebbian.rule()).competition(hebbian.competition()).homeostasis(hebbian.homeostasis())
                .normalizeWeights(hebbian.normalize).directStep(hebbian.learningRate()).build();
    }

    /**
     * Step (1): {@code epochs} epochs of {@code sd.fit}, epoch e on the batches of {@code batches}' epoch e (the
     * batches {@code train} sees); W1 learns by its rule, the classifier by Adam(1e-3) as in {@link HybridMlp}.
     */
    static void hebbianPhase(HybridMlpGraph graph, HebbianWeight weight, ShuffledDataSetIterator batches, int epochs) {
        SameDiff sd = graph.sameDiff();
        sd.setTrainingConfig(TrainingConfig.builder().updater(new Adam(1e-3))
                .dataSetFeatureMapping(HybridMlpGraph.INPUT).dataSetLabelMapping(HybridMlpGraph.LABEL).build());
        HebbianTraining.attach(sd, weight);
        sd.addListeners(new Progress(new ProgressBar("hebbian", (long) epochs * batches.batchesPerEpoch(),
                batches.batch())));
        for (int epoch = 0; epoch < epochs; epoch++) {
            batches.startAt(epoch, 0);
            sd.fit(batches, 1);
        }
    }

    /** Steps (2) and (3) on {@code graph}: its frozen features, the classifier trained on them, its test accuracy. */
    private double trainClassifier(String label, HybridMlpGraph graph, DataSet train, DataSet test) {
        DataSet trainFeatures = graph.features(train, 1000);
        DataSet testFeatures = graph.features(test, 1000);
        long iterations = (long) classifierEpochs * ((train.numExamples() + batch - 1) / batch);
        LinearProbe.Result result = LinearProbe.adam(classifierEpochs, batch, seed.value).fit(trainFeatures,
                testFeatures, List.of(new ProgressBar(label, iterations, batch)), null);
        return HybridMlpGraph.accuracy(testFeatures, result.weights(), result.bias());
    }

    private Path save(HybridMlpGraph graph, Map<String, Object> report) throws IOException {
        Files.createDirectories(out);
        Path modelFile = out.resolve(MODEL_FILE);
        if (!Double.isFinite(graph.hebbianWeight().sumNumber().doubleValue())) {
            throw new IllegalStateException("refusing to write " + modelFile + ": the Hebbian weight W1 is not finite "
                    + "(NaN or infinity); the previous file, if any, is kept");
        }
        AtomicFiles.write(modelFile, stream -> graph.sameDiff().save(stream, false));
        JsonLine.write(out.resolve("results.json"), report);
        return modelFile;
    }

    private static void printAccuracies(Map<String, Object> results, double seconds, double hebbianSeconds, Path modelFile) {
        System.out.printf(Locale.ROOT, "Test accuracy, Hebbian features (SameDiff):      %.2f%%%n",
                100 * (double) results.get("test_accuracy"));
        if (results.containsKey("control_accuracy")) {
            System.out.printf(Locale.ROOT, "Test accuracy, random features (control, same graph untrained): %.2f%%%n",
                    100 * (double) results.get("control_accuracy"));
            System.out.printf(Locale.ROOT, "Test accuracy, random features with ReLU (same random weights):  %.2f%%%n",
                    100 * (double) results.get("control_relu_accuracy"));
        }
        System.out.printf(Locale.ROOT, "Time: %.1f s (Hebbian phase %.1f s). Graph: %s%n", seconds, hebbianSeconds,
                modelFile);
    }

    private void validate() {
        hebbian.checkSettings();
        if (hidden < 1) {
            throw new IllegalArgumentException("--hidden must be >= 1, got " + hidden);
        }
        TrainCommand.epochsFor(epochsOption, hidden, 1);   // a malformed --epochs fails before the data is loaded
        if (classifierEpochs < 1) {
            throw new IllegalArgumentException("--classifier-epochs must be >= 1, got " + classifierEpochs);
        }
        if (batch < 1) {
            throw new IllegalArgumentException("--batch must be >= 1, got " + batch);
        }
        hebbian.learningRate();
    }

    /** A {@link ProgressBar} fed by SameDiff's training iterations. */
    private static final class Progress extends BaseListener {
        private final ProgressBar bar;

        Progress(ProgressBar bar) {
            this.bar = bar;
        }

        @Override
        public boolean isActive(Operation operation) {
            return operation == Operation.TRAINING;
        }

        @Override
        public void iterationDone(SameDiff sd, At at, MultiDataSet dataSet, Loss loss) {
            bar.iterationDone(null, at.iteration(), at.epoch());
        }
    }
}
