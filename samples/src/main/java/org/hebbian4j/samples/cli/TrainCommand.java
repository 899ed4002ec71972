package org.hebbian4j.samples.cli;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.hebbian4j.data.ShuffledDataSetIterator;
import org.hebbian4j.metrics.HebbianStatisticsListener;
import org.hebbian4j.metrics.LayerSummary;
import org.hebbian4j.probe.LayerFeatures;
import org.hebbian4j.probe.LinearProbe;
import org.hebbian4j.samples.pictures.AccuracyTracker;
import org.hebbian4j.samples.pictures.TrainingPictures;
import org.hebbian4j.zoo.HybridMlp;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Sgd;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

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

    @Option(names = "--epochs", defaultValue = "1", description = "Epochs of Hebbian learning. Default: ${DEFAULT-VALUE}.")
    int epochs;

    @Option(names = "--classifier-epochs", defaultValue = "10",
            description = "Epochs of the classifier on the frozen features. Default: ${DEFAULT-VALUE}.")
    int classifierEpochs;

    @Option(names = "--batch", defaultValue = "64", description = "Minibatch size. Default: ${DEFAULT-VALUE}.")
    int batch;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--out", defaultValue = "hebbian4j-out",
            description = "Directory for the model and results. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--no-control", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Also train the random-features control (default: on).")
    boolean control;

    @Option(names = "--pictures", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Record the Hebbian layer's statistics (Gini, dead neurons, output entropy) and write "
                    + "hebbian-statistics.csv, hebbian-neurons.csv, weights.png, dynamics.png and entropy.png to --out "
                    + "(default: on; --no-pictures).")
    boolean pictures;

    @Option(names = "--json", description = "Print the key figures as one JSON object on the last line.")
    boolean json;

    @Option(names = "--verbose", description = "Stack traces on errors.")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        validate();
        long start = System.nanoTime();
        DataOptions.Loaded loaded = data.load();
        DataSet train = loaded.train();
        DataSet test = loaded.test();
        int nIn = (int) train.getFeatures().size(1);
        int classes = (int) train.getLabels().size(1);
        System.out.printf(Locale.ROOT, "Data: %s (%d train, %d test)%n", loaded.source(), train.numExamples(),
                test.numExamples());

        HybridMlp zoo = new HybridMlp().nIn(nIn).hidden(hidden).classes(classes).seed(seed)
                .rule(hebbian.rule()).competition(hebbian.competition()).homeostasis(hebbian.homeostasis())
                .activation(hebbian.activation()).normalizeWeights(hebbian.normalize)
                .hebbianUpdater(new Sgd(hebbian.learningRate()));
        System.out.println("Network: " + zoo);

        MultiLayerNetwork net = new MultiLayerNetwork(zoo.conf());
        net.init();
        MultiLayerNetwork untrained = control ? net.clone() : null;

        long iterationsPerEpoch = (train.numExamples() + batch - 1) / batch;
        long totalIterations = iterationsPerEpoch * epochs;
        List<TrainingListener> listeners = new ArrayList<>(List.of(new ProgressBar("hebbian", totalIterations, batch)));
        HebbianStatisticsListener statistics = null;
        AccuracyTracker accuracyTracker = null;
        if (pictures && epochs > 0) {
            statistics = HebbianStatisticsListener.builder().snapshotEvery((int) Math.max(1, totalIterations / 50))
                    .csvDirectory(out).build();
            accuracyTracker = new AccuracyTracker(head(test, 1000), (int) Math.max(1, totalIterations / 20));
            listeners.add(statistics);
            listeners.add(accuracyTracker);
        }
        net.setListeners(listeners);
        net.fit(new ShuffledDataSetIterator(train, batch, seed), epochs);
        net.setListeners(List.of());
        double hebbianSeconds = (System.nanoTime() - start) / 1e9;
        Map<String, Object> statisticsResults = new LinkedHashMap<>();
        if (statistics != null) {
            accuracyTracker.evaluate(net);
            List<LayerSummary> history = statistics.history(HybridMlp.HEBBIAN_LAYER);
            LayerSummary last = statistics.snapshot(HybridMlp.HEBBIAN_LAYER).summary();
            statisticsResults.put("gini_start", history.get(0).gini());
            statisticsResults.put("gini_end", last.gini());
            statisticsResults.put("dead_fraction_end", last.deadFraction());
            statisticsResults.put("output_entropy_end", history.get(history.size() - 1).outputEntropy());
            List<Path> files = TrainingPictures.write(out, "Hebbian layer, " + hebbian.rule + " + " + hebbian.competition
                            + ", " + hidden + " units", net.getLayer(HybridMlp.HEBBIAN_LAYER), statistics,
                    accuracyTracker.points(), 1);
            System.out.printf(Locale.ROOT, "Hebbian layer: Gini %.3f -> %.3f, dead neurons %.1f%%; pictures: %s%n",
                    history.get(0).gini(), last.gini(), 100 * last.deadFraction(),
                    files.stream().map(p -> p.getFileName().toString()).toList());
        }

        double accuracy = trainClassifier("classifier", net, train, test);
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("test_accuracy", accuracy);
        if (untrained != null) {
            double controlAccuracy = trainClassifier("control", untrained, train, test);
            results.put("control_accuracy", controlAccuracy);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        results.put("seconds", seconds);
        results.put("hebbian_seconds", hebbianSeconds);
        results.put("train_examples", train.numExamples());
        results.put("test_examples", test.numExamples());
        results.put("data", loaded.source());
        results.put("network", zoo.toString());
        results.put("epochs", epochs);
        results.put("classifier_epochs", classifierEpochs);
        results.put("seed", seed);
        results.putAll(statisticsResults);

        Path modelFile = out.resolve("model.zip");
        AtomicFiles.write(modelFile, stream -> ModelSerializer.writeModel(net, stream, false));
        JsonLine.write(out.resolve("results.json"), results);

        System.out.printf(Locale.ROOT, "Test accuracy, Hebbian features:  %.2f%%%n", 100 * accuracy);
        if (results.containsKey("control_accuracy")) {
            System.out.printf(Locale.ROOT, "Test accuracy, random features (control, same network untrained): %.2f%%%n",
                    100 * (double) results.get("control_accuracy"));
        }
        System.out.printf(Locale.ROOT, "Time: %.1f s (Hebbian phase %.1f s). Model: %s%n", seconds, hebbianSeconds,
                modelFile);
        if (json) {
            System.out.println(JsonLine.of(results));
        }
        return 0;
    }

    /** Freezes the Hebbian layer's features, trains the classifier on them, returns the network's test accuracy. */
    private double trainClassifier(String label, MultiLayerNetwork net, DataSet train, DataSet test) {
        DataSet trainFeatures = LayerFeatures.of(net, HybridMlp.HEBBIAN_LAYER, train, 1000);
        DataSet testFeatures = LayerFeatures.of(net, HybridMlp.HEBBIAN_LAYER, test, 1000);
        long iterations = (long) classifierEpochs * ((train.numExamples() + batch - 1) / batch);
        LinearProbe probe = new LinearProbe(classifierEpochs, batch, new org.nd4j.linalg.learning.config.Adam(1e-3), seed);
        LinearProbe.Result result = probe.fit(trainFeatures, testFeatures,
                List.of(new ProgressBar(label, iterations, batch)), null);
        net.getLayer(HybridMlp.CLASSIFIER_LAYER).setParam("W", result.weights());
        net.getLayer(HybridMlp.CLASSIFIER_LAYER).setParam("b", result.bias());
        return LinearProbe.accuracy(net, test);
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
        if (epochs < 0) {
            throw new IllegalArgumentException("--epochs must be >= 0, got " + epochs);
        }
        if (classifierEpochs < 1) {
            throw new IllegalArgumentException("--classifier-epochs must be >= 1, got " + classifierEpochs);
        }
        if (batch < 1) {
            throw new IllegalArgumentException("--batch must be >= 1, got " + batch);
        }
    }
}
