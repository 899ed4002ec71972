package org.hebbian4j.samples.cli;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.hebbian4j.data.ShuffledDataSetIterator;
import org.hebbian4j.probe.LayerFeatures;
import org.hebbian4j.probe.LinearProbe;
import org.hebbian4j.zoo.HybridMlp;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Sgd;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
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
        net.setListeners(new ProgressBar("hebbian", iterationsPerEpoch * epochs, batch));
        net.fit(new ShuffledDataSetIterator(train, batch, seed), epochs);
        net.setListeners(List.of());
        double hebbianSeconds = (System.nanoTime() - start) / 1e9;

        double accuracy = trainClassifier("classifier", net, train, test);
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("test_accuracy", accuracy);
        if (untrained != null) {
            double controlAccuracy = trainClassifier("control", untrained, train, test);
            results.put("control_accuracy", controlAccuracy);
            // The strongest random-features baseline we know: the same random weights with ReLU.
            MultiLayerNetwork reluControl = reluCopy(untrained);
            results.put("control_relu_accuracy", trainClassifier("control-relu", reluControl, train, test));
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

        Path modelFile = out.resolve("model.zip");
        AtomicFiles.write(modelFile, stream -> ModelSerializer.writeModel(net, stream, false));
        JsonLine.write(out.resolve("results.json"), results);

        System.out.printf(Locale.ROOT, "Test accuracy, Hebbian features:  %.2f%%%n", 100 * accuracy);
        if (results.containsKey("control_accuracy")) {
            System.out.printf(Locale.ROOT, "Test accuracy, random features (control, same network untrained): %.2f%%%n",
                    100 * (double) results.get("control_accuracy"));
            System.out.printf(Locale.ROOT, "Test accuracy, random features with ReLU (same random weights):   %.2f%%%n",
                    100 * (double) results.get("control_relu_accuracy"));
        }
        System.out.printf(Locale.ROOT, "Time: %.1f s (Hebbian phase %.1f s). Model: %s%n", seconds, hebbianSeconds,
                modelFile);
        if (json) {
            System.out.println(JsonLine.of(results));
        }
        return 0;
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
        LinearProbe probe = LinearProbe.adam(classifierEpochs, batch, seed);
        LinearProbe.Result result = probe.fit(trainFeatures, testFeatures,
                List.of(new ProgressBar(label, iterations, batch)), null);
        net.getLayer(HybridMlp.CLASSIFIER_LAYER).setParam("W", result.weights());
        net.getLayer(HybridMlp.CLASSIFIER_LAYER).setParam("b", result.bias());
        return LinearProbe.accuracy(net, test);
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
