package org.hebbian4j.samples.papers.liuson;

import org.hebbian4j.samples.support.DataOptions;
import org.hebbian4j.samples.support.DataSources;
import org.hebbian4j.samples.support.JsonLine;
import org.hebbian4j.samples.support.LimitOptions;
import org.hebbian4j.samples.support.OutputOptions;
import org.hebbian4j.samples.support.ProgressBar;
import org.hebbian4j.samples.support.RunRecord;
import org.hebbian4j.samples.support.SeedOption;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.hebbian4j.activations.TriangleActivation;
import org.hebbian4j.util.AtomicFiles;
import org.hebbian4j.competition.Competition;
import org.hebbian4j.competition.Rectified;
import org.hebbian4j.competition.RectifiedSoftWta;
import org.hebbian4j.competition.SoftWta;
import org.hebbian4j.competition.Triangle;
import org.hebbian4j.conf.HebbianDenseLayer;
import org.hebbian4j.data.Cifar10Data;
import org.hebbian4j.data.ShuffledDataSetIterator;
import org.hebbian4j.metrics.HebbianStatisticsListener;
import org.hebbian4j.metrics.LayerSnapshot;
import org.hebbian4j.metrics.LayerSummary;
import org.hebbian4j.probe.LayerFeatures;
import org.hebbian4j.probe.LinearProbe;
import org.hebbian4j.rules.AntiHebbianSoftHebbRule;
import org.hebbian4j.rules.HebbNetRule;
import org.hebbian4j.rules.LearningRule;
import org.hebbian4j.rules.LiusonRule;
import org.hebbian4j.rules.SoftHebbRule;
import org.hebbian4j.visualization.WeightImages;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * Reproduces H. Liuson, "Learning Dynamics in Competitive Hebbian Learning" (sections 4-5, Tables 1
 * and 2): one-hidden-layer MLPs of 32, 128, 512 and 2048 units trained for one epoch by a Hebbian
 * rule, then a linear probe on the hidden layer; the Gini coefficient of the per-neuron average
 * update size at the start (after the first step) and end of training.
 *
 * <p>Protocol, per data set, rule and width: inputs layer-normalized per example (the layer norm
 * before the hidden layer; its affine parameters stay at their initial 1 and 0 since no gradient
 * reaches them during Hebbian training); hidden layer W [units, inputs] without bias, PyTorch's
 * default initialization U(-1/sqrt(fanIn), 1/sqrt(fanIn)), ReLU (triangle for "liuson-triangle");
 * one epoch, batch 32, Sgd(0.05) (0.01 for SoftHebb on CIFAR-10). Probe: the hidden features
 * layer-normalized per example (the layer norm before the head; its affine part folds into the
 * linear head), dropout on them, a softmax head trained {@code --probe-epochs} epochs by Adam(1e-3);
 * the maximum test accuracy over the epochs is reported, as the paper does.
 */
@Command(name = "liuson", mixinStandardHelpOptions = true,
        description = "Reproduce Liuson's Tables 1 and 2: probe accuracy and Gini coefficient of Hebbian MLPs.")
public class LiusonCommand implements Callable<Integer> {

    static final List<String> ALL_RULES = List.of("random", "liuson", "softhebb", "softhebb-anti", "hebbnet", "liuson-triangle");

    @Option(names = "--datasets", split = ",", defaultValue = "mnist,cifar10",
            description = "Data sets: mnist, cifar10. Default: ${DEFAULT-VALUE}.")
    List<String> datasets;

    @Option(names = "--units", split = ",", defaultValue = "32,128,512,2048",
            description = "Hidden widths. Default: ${DEFAULT-VALUE}.")
    List<Integer> units;

    @Option(names = "--rules", split = ",", defaultValue = "random,liuson,softhebb,hebbnet,liuson-triangle",
            description = "Rules: random (untrained), liuson, softhebb, softhebb-anti (Journe et al.'s anti-Hebbian SoftHebb "
                    + "with y = softmax(relu(u)); not in the default list), hebbnet, liuson-triangle. Default: ${DEFAULT-VALUE}.")
    List<String> rules;

    @Option(names = "--mnist-dir", description = "Directory of the four MNIST IDX files. Default: $HEBBIAN4J_DATA/mnist, "
            + "else the embedded MNIST test set (8,000 train / 2,000 test).")
    Path mnistDir;

    @Option(names = "--cifar-dir", description = "Directory of the CIFAR-10 binary batches. Default: "
            + "$HEBBIAN4J_DATA/cifar-10, then $HEBBIAN4J_DATA/cifar-10-subset.")
    Path cifarDir;

    @Mixin
    LimitOptions limits = new LimitOptions();

    @Option(names = "--batch", defaultValue = "32", description = "Hebbian minibatch. Default: ${DEFAULT-VALUE}.")
    int batch;

    @Option(names = "--probe-epochs", defaultValue = "10", description = "Probe epochs. Default: ${DEFAULT-VALUE}.")
    int probeEpochs;

    @Option(names = "--probe-batch", defaultValue = "32", description = "Probe minibatch. Default: ${DEFAULT-VALUE}.")
    int probeBatch;

    @Option(names = "--dropout", defaultValue = "0.2",
            description = "Dropout probability between hidden layer and head (not given by the paper). Default: ${DEFAULT-VALUE}.")
    double dropout;

    @Mixin
    SeedOption seed = new SeedOption();

    @Option(names = "--out", defaultValue = "liuson-out",
            description = "Directory for results.json and the weight pictures. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--results-md", description = "Also write liuson-<dataset>.md tables (ours beside the paper's) here.")
    Path resultsMarkdown;

    @Option(names = "--resume", description = "Keep the runs already in <out>/results.json (written after every run) "
            + "when it was made with the same settings, and run only the missing ones.")
    boolean resume;


    @Option(names = "--hebbnet-level", defaultValue = "neuron",
            description = "What HebbNet's sparsity selects: neuron (the neurons with the largest update), activation "
                    + "(per sample, the most active neurons), entry (single weights). Default: ${DEFAULT-VALUE}.")
    String hebbnetLevel;

    @Option(names = "--hebbnet-momentum", defaultValue = "0.999",
            description = "Momentum of HebbNet's running average T of the activity, per batch (Liuson does not give it; "
                    + "with 0.99 T catches up with the learning neurons within ~100 steps and the selection rotates, "
                    + "see docs/results/liuson.md). Default: ${DEFAULT-VALUE}.")
    double hebbnetMomentum;

    @Mixin
    OutputOptions output = new OutputOptions();

    /** One trained and probed network. NaN where not applicable (no Gini for the untrained network). */
    record Run(String dataset, String rule, int units, int trainExamples, int testExamples, double learningRate,
               double probeMaxAccuracy, double probeFinalAccuracy, double giniStart, double giniEnd,
               double giniOfAverageUpdateEnd, double deadFractionEnd, double outputEntropyEnd, long steps, double seconds) {
        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("dataset", dataset);
            m.put("rule", rule);
            m.put("units", units);
            m.put("train_examples", trainExamples);
            m.put("test_examples", testExamples);
            m.put("learning_rate", learningRate);
            m.put("probe_max_accuracy", probeMaxAccuracy);
            m.put("probe_final_accuracy", probeFinalAccuracy);
            m.put("gini_start", finite(giniStart));
            m.put("gini_end", finite(giniEnd));
            m.put("gini_of_average_update_end", finite(giniOfAverageUpdateEnd));
            m.put("dead_fraction_end", finite(deadFractionEnd));
            m.put("output_entropy_end", finite(outputEntropyEnd));
            m.put("steps", steps);
            m.put("seconds", seconds);
            return m;
        }

        private static Object finite(double v) {
            return Double.isNaN(v) ? null : v;
        }
    }

    @Override
    public Integer call() throws Exception {
        RunRecord record = output.startRun();
        validate();
        hebbnetLevel();
        if (!(hebbnetMomentum >= 0 && hebbnetMomentum < 1)) {
            throw new IllegalArgumentException("--hebbnet-momentum must be in [0, 1); got " + hebbnetMomentum);
        }
        // Native memory of dropped arrays is freed by the garbage collector: collect every few seconds.
        Nd4j.getMemoryManager().setAutoGcWindow(5000);
        Nd4j.getMemoryManager().togglePeriodicGc(true);
        List<Run> runs = new ArrayList<>();
        Map<String, String> sources = new LinkedHashMap<>();
        List<Run> earlier = resume ? earlierRuns(record) : List.of();
        for (String dataset : datasets) {
            DataSet[] data = load(dataset, sources);
            DataSet train = new DataSet(rowLayerNorm(data[0].getFeatures()), data[0].getLabels());
            DataSet test = new DataSet(rowLayerNorm(data[1].getFeatures()), data[1].getLabels());
            System.out.printf(Locale.ROOT, "%s: %s (%d train, %d test)%n", dataset, sources.get(dataset),
                    train.numExamples(), test.numExamples());
            for (int width : units) {
                for (String rule : rules) {
                    Optional<Run> kept = earlier.stream().filter(r -> r.dataset().equals(dataset) && r.rule().equals(rule)
                            && r.units() == width && r.trainExamples() == train.numExamples()
                            && r.testExamples() == test.numExamples()).findFirst();
                    Run run;
                    if (kept.isPresent()) {
                        run = kept.get();
                    } else {
                        run = runOne(dataset, rule, width, train, test);
                        releaseMemory();
                    }
                    runs.add(run);
                    System.out.printf(Locale.ROOT, "%-8s %-16s %5d units: probe %.1f%% (max over epochs), Gini %s -> %s "
                                    + "(of the average update vectors: %s), dead %s, %.0f s%s%n", dataset, rule, width,
                            100 * run.probeMaxAccuracy(), fmt(run.giniStart()), fmt(run.giniEnd()),
                            fmt(run.giniOfAverageUpdateEnd()), fmt(run.deadFractionEnd()), run.seconds(),
                            kept.isPresent() ? " (kept from " + out.resolve("results.json") + ")" : "");
                    writeResults(record, runs, sources);
                    if (resultsMarkdown != null) {
                        writeMarkdown(record, dataset, runs, sources); // the tables so far, in case of interruption
                    }
                }
            }
        }
        if (resultsMarkdown != null) {
            for (String dataset : datasets) {
                System.out.println("Wrote " + writeMarkdown(record, dataset, runs, sources));
            }
        }
        output.print(results(record, runs, sources));
        return 0;
    }

    /**
     * Frees the finished run's memory before the next: the training thread's workspaces (sized for the
     * run's network) and the native memory of its arrays, which ND4J releases only when the Java
     * garbage collector collects them (rarely, since the Java heap hardly fills).
     */
    private static void releaseMemory() {
        Nd4j.getWorkspaceManager().destroyAllWorkspacesForCurrentThread();
        System.gc();
    }

    private Path writeMarkdown(RunRecord record, String dataset, List<Run> runs, Map<String, String> sources) throws IOException {
        Path file = resultsMarkdown.resolve("liuson-" + dataset + ".md");
        List<Run> mine = runs.stream().filter(r -> r.dataset().equals(dataset)).toList();
        byte[] text = LiusonTables.markdown(dataset, sources.get(dataset), mine, record,
                        new HebbNetRule(0.8, hebbnetMomentum, hebbnetLevel()))
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        AtomicFiles.write(file, o -> o.write(text));
        return file;
    }

    /**
     * The runs of an earlier, possibly interrupted invocation, read back from {@code <out>/results.json};
     * empty when there is no such file. Refuses a file made with other settings (limits, batch, probe,
     * dropout, seed, HebbNet's: all options but the lists of data sets, widths and rules and where data and
     * results are), whose runs would not be comparable.
     */
    private List<Run> earlierRuns(RunRecord record) throws IOException {
        Path file = out.resolve("results.json");
        if (!Files.exists(file)) {
            System.out.println("--resume: no " + file + " yet, starting afresh");
            return List.of();
        }
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        List<String> differences = record.differences(root, NOT_COMPARED);
        if (!differences.isEmpty()) {
            throw new IllegalArgumentException("--resume: " + file + " was made with other settings ("
                    + String.join("; ", differences) + "); use another --out or the same settings");
        }
        List<Run> kept = new ArrayList<>();
        for (JsonNode r : root.path("runs")) {
            kept.add(new Run(r.get("dataset").asText(), r.get("rule").asText(), r.get("units").asInt(),
                    r.get("train_examples").asInt(), r.get("test_examples").asInt(), r.get("learning_rate").asDouble(),
                    r.get("probe_max_accuracy").asDouble(), r.get("probe_final_accuracy").asDouble(),
                    orNaN(r.get("gini_start")), orNaN(r.get("gini_end")), orNaN(r.get("gini_of_average_update_end")),
                    orNaN(r.get("dead_fraction_end")),
                    orNaN(r.get("output_entropy_end")), r.get("steps").asLong(), r.get("seconds").asDouble()));
        }
        System.out.printf(Locale.ROOT, "--resume: %d earlier runs in %s%n", kept.size(), file);
        return kept;
    }

    private static double orNaN(JsonNode value) {
        return value == null || value.isNull() ? Double.NaN : value.asDouble();
    }

    private HebbNetRule.Level hebbnetLevel() {
        try {
            return HebbNetRule.Level.valueOf(hebbnetLevel.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--hebbnet-level must be neuron, activation or entry; got '" + hebbnetLevel + "'");
        }
    }

    /** Options in which a --resume may differ from the run it continues. */
    private static final Set<String> NOT_COMPARED = Set.of("--datasets", "--units", "--rules", "--mnist-dir", "--cifar-dir",
            "--out", "--results-md", "--resume");

    private void writeResults(RunRecord record, List<Run> runs, Map<String, String> sources) throws IOException {
        JsonLine.write(out.resolve("results.json"), results(record, runs, sources));
    }

    /** The run record (its data: each data set's source) and the runs. */
    private static Map<String, Object> results(RunRecord record, List<Run> runs, Map<String, String> sources) {
        String data = String.join("; ", sources.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList());
        return record.data(data).with(Map.of("runs", runs.stream().map(Run::toMap).toList()));
    }

    /** Liuson's learning rates: 0.05, except SoftHebb (either form) on CIFAR-10 (0.01). */
    static double learningRate(String dataset, String rule) {
        return rule.startsWith("softhebb") && dataset.equals("cifar10") ? 0.01 : 0.05;
    }

    private Run runOne(String dataset, String rule, int width, DataSet train, DataSet test) throws IOException {
        long start = System.nanoTime();
        int nIn = (int) train.getFeatures().size(1);
        int classes = (int) train.getLabels().size(1);
        double lr = learningRate(dataset, rule);
        MultiLayerNetwork net = network(rule, nIn, width, classes, lr, seed.value, hebbnetLevel(), hebbnetMomentum);
        HebbianStatisticsListener statistics = null;
        long steps = 0;
        if (!rule.equals("random")) {
            steps = (train.numExamples() + batch - 1) / batch;
            statistics = HebbianStatisticsListener.builder().snapshotEvery((int) Math.max(1, steps / 100))
                    .averageUpdateVectors(true).build();
            net.setListeners(statistics, new ProgressBar(rule + " " + width, steps, batch));
            net.fit(new ShuffledDataSetIterator(train, batch, seed.value), 1);
            net.setListeners(List.of());
        }
        DataSet trainFeatures = layerNormFeatures(LayerFeatures.of(net, 0, train, 1000));
        DataSet testFeatures = layerNormFeatures(LayerFeatures.of(net, 0, test, 1000));
        LinearProbe probe = new LinearProbe(probeEpochs, probeBatch, new Adam(1e-3), seed.value, dropout);
        long probeSteps = (long) probeEpochs * ((trainFeatures.numExamples() + probeBatch - 1) / probeBatch);
        LinearProbe.Result result = probe.fit(trainFeatures, testFeatures,
                List.of(new ProgressBar("probe " + width, probeSteps, probeBatch)), null);

        double giniStart = Double.NaN;
        double giniEnd = Double.NaN;
        double giniVectorEnd = Double.NaN;
        double deadEnd = Double.NaN;
        double entropyEnd = Double.NaN;
        LayerSnapshot snapshot = null;
        if (statistics != null) {
            snapshot = statistics.snapshot(0);
            List<LayerSummary> history = statistics.history(0);
            giniStart = history.get(0).gini();
            giniEnd = snapshot.summary().gini();
            giniVectorEnd = snapshot.summary().giniOfAverageUpdate();
            deadEnd = snapshot.summary().deadFraction();
            entropyEnd = history.get(history.size() - 1).outputEntropy();
        }
        WeightImages.Layout layout = dataset.equals("cifar10") ? new WeightImages.Layout(3, 32, 32)
                : new WeightImages.Layout(1, 28, 28);
        WeightImages.writePng(WeightImages.ofLayer(net.getLayer(0), layout, snapshot, 1),
                out.resolve(dataset + "-" + rule + "-" + width + "-weights.png"));
        return new Run(dataset, rule, width, train.numExamples(), test.numExamples(), lr, result.maxAccuracy(),
                result.finalAccuracy(), giniStart, giniEnd, giniVectorEnd, deadEnd, entropyEnd, steps, (System.nanoTime() - start) / 1e9);
    }

    /** The one-hidden-layer MLP of a rule: the Hebbian layer (index 0) and a softmax head (index 1). */
    static MultiLayerNetwork network(String rule, int nIn, int width, int classes, double lr, long seed,
                                     HebbNetRule.Level hebbnetLevel, double hebbnetMomentum) {
        LearningRule learningRule;
        Competition competition;
        boolean normalize;
        IActivation activation = Activation.RELU.getActivationFunction();
        switch (rule) {
            case "random", "softhebb" -> {
                learningRule = new SoftHebbRule();
                competition = new SoftWta(1.0);
                normalize = false;
            }
            case "softhebb-anti" -> {
                // Journe et al.'s form, which Liuson's section 2 describes: every non-winner's update is
                // negated; y = softmax(f(u)) with f = ReLU ("Consider an activation function f, such as ReLU").
                learningRule = new AntiHebbianSoftHebbRule();
                competition = new RectifiedSoftWta(1.0);
                normalize = false;
            }
            case "liuson" -> {
                learningRule = new LiusonRule(1.0, 0.99);
                competition = new Rectified();
                normalize = true;
            }
            case "liuson-triangle" -> {
                learningRule = new LiusonRule(1.0, 0.99);
                competition = new Triangle();
                activation = new TriangleActivation();
                normalize = true;
            }
            case "hebbnet" -> {
                learningRule = new HebbNetRule(0.8, hebbnetMomentum, hebbnetLevel);
                competition = new Rectified();
                normalize = true;
            }
            default -> throw new IllegalArgumentException("unknown rule '" + rule + "'; known: " + ALL_RULES);
        }
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(seed).dataType(DataType.FLOAT).updater(new Adam(1e-3))
                .list()
                .layer(new HebbianDenseLayer.Builder().name("hidden").nIn(nIn).nOut(width)
                        .weightInit(WeightInit.UNIFORM).biasInit(0.0)
                        .rule(learningRule).competition(competition).activation(activation)
                        .normalizeWeights(normalize).updater(new Sgd(lr)).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).name("head")
                        .nIn(width).nOut(classes).activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        return net;
    }

    /** Layer normalization without affine part, per example: {@code (x - mean) / sqrt(var + 1e-5)} over each row. */
    static INDArray rowLayerNorm(INDArray x) {
        INDArray rows = x.rank() == 2 ? x : x.reshape('c', x.size(0), x.length() / x.size(0));
        INDArray centred = rows.subColumnVector(rows.mean(true, 1));
        INDArray sd = Transforms.sqrt(centred.mul(centred).mean(true, 1).addi(1e-5), false);
        return centred.diviColumnVector(sd);
    }

    private static DataSet layerNormFeatures(DataSet features) {
        return new DataSet(rowLayerNorm(features.getFeatures()), features.getLabels());
    }

    private DataSet[] load(String dataset, Map<String, String> sources) throws IOException {
        if (dataset.equals("mnist")) {
            DataOptions.Loaded mnist = DataSources.mnist(mnistDir, limits);
            sources.put(dataset, mnist.source());
            return new DataSet[]{mnist.train(), mnist.test()};
        }
        Path dir = DataSources.cifar10Dir(cifarDir, "--cifar-dir");
        sources.put(dataset, "CIFAR-10 from " + dir);
        DataSet train = Cifar10Data.load(dir, true, limits.train);
        DataSet test = Cifar10Data.load(dir, false, limits.test);
        return new DataSet[]{flat(train), flat(test)};
    }

    private static DataSet flat(DataSet images) {
        INDArray x = images.getFeatures();
        return new DataSet(x.reshape('c', x.size(0), x.length() / x.size(0)), images.getLabels());
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.3f", v);
    }

    private void validate() {
        for (String d : datasets) {
            if (!d.equals("mnist") && !d.equals("cifar10")) {
                throw new IllegalArgumentException("--datasets: unknown data set '" + d + "' (mnist, cifar10)");
            }
        }
        for (String r : rules) {
            if (!ALL_RULES.contains(r)) {
                throw new IllegalArgumentException("--rules: unknown rule '" + r + "'; known: " + ALL_RULES);
            }
        }
        for (int u : units) {
            if (u < 1) {
                throw new IllegalArgumentException("--units must be >= 1, got " + u);
            }
        }
        if (batch < 1 || probeBatch < 1 || probeEpochs < 1) {
            throw new IllegalArgumentException("--batch, --probe-batch and --probe-epochs must be >= 1");
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("--dropout must be in [0, 1), got " + dropout);
        }
    }
}
