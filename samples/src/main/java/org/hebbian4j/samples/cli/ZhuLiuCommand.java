package org.hebbian4j.samples.cli;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.hebbian4j.competition.LateralInhibition;
import org.hebbian4j.util.AtomicFiles;
import org.hebbian4j.conf.HebbianDenseLayer;
import org.hebbian4j.data.MnistData;
import org.hebbian4j.data.ShuffledDataSetIterator;
import org.hebbian4j.homeostasis.GrowthFactor;
import org.hebbian4j.metrics.HebbianStatisticsListener;
import org.hebbian4j.metrics.LayerSummary;
import org.hebbian4j.metrics.OutputEntropy;
import org.hebbian4j.probe.LinearProbe;
import org.hebbian4j.rules.SangerRule;
import org.hebbian4j.visualization.WeightImages;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.SplitTestAndTrain;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * A partial reproduction of Z. Zhu, S. Liu, "Feature Selectors that Fire Together Wire Together"
 * (sections 3-5): a 64-unit Hebbian layer trained by Sanger's rule on the lateral-inhibition activity
 * {@code h = h~^lambda / max h~^lambda}, with the exponential-average growth factor (eps 0.01),
 * 3 epochs at learning rate 0.01 on MNIST, for several inhibition strengths lambda. Per lambda it
 * reports the entropy of the Hebbian layer's output h on the test set (section 4.5), the share of
 * low-weight selectors in the classifier (section 4.2, Table 1) and the classifier's test accuracy
 * (Table 3), beside the paper's figures.
 *
 * <p>Deviation: the paper's classifier learns by {@code dS = alpha (t - y) h} with a max-norm and its
 * first input zeroed; here a softmax linear probe (Adam, 10 epochs, on the frozen h) stands in. Both
 * are softmax regressions on h (that update is the cross-entropy gradient), but the optimizer, the
 * max-norm and the zeroing differ, so the classifier weights (and the low-weight share) are not the
 * paper's. Fashion-MNIST is not run (no copy on this machine; {@code --mnist-dir} accepts any IDX set).
 */
@Command(name = "zhu-liu", mixinStandardHelpOptions = true,
        description = "Partial reproduction of Zhu & Liu: Sanger + lateral inhibition per lambda; output entropy, low-weight selectors, accuracy.")
public class ZhuLiuCommand implements Callable<Integer> {

    /** Table 1: low-weight selectors (%) for lambda 1, 5, 10, 15. */
    static final Map<Integer, Double> PAPER_LOW_WEIGHT = Map.of(1, 31.4, 5, 26.8, 10, 40.6, 15, 43.7);
    /** Table 3, MNIST: accuracy (%) "with/without the Oja's rule classifier", lambda 1-15. */
    static final double[][] PAPER_ACCURACY = {{73.66, 51.54}, {66.46, 67.81}, {59.84, 73.18}, {61.85, 73.49},
            {71.69, 74.95}, {61.64, 75.54}, {63.15, 74.80}, {64.71, 77.20}, {73.68, 75.94}, {70.25, 79.32},
            {58.83, 75.89}, {72.98, 77.49}, {69.40, 78.97}, {64.24, 76.79}, {68.55, 77.63}};

    @Option(names = "--lambdas", split = ",", defaultValue = "1,5,10,15", description = "Inhibition strengths. Default: ${DEFAULT-VALUE}.")
    List<Integer> lambdas;

    @Option(names = "--hidden", defaultValue = "64", description = "Feature selectors. Default: ${DEFAULT-VALUE}.")
    int hidden;

    @Option(names = "--epochs", defaultValue = "3", description = "Hebbian epochs. Default: ${DEFAULT-VALUE}.")
    int epochs;

    @Option(names = "--lr", defaultValue = "0.01", description = "Hebbian learning rate. Default: ${DEFAULT-VALUE}.")
    double learningRate;

    @Option(names = "--growth-strength", defaultValue = "0.01", description = "Growth factor eps. Default: ${DEFAULT-VALUE}.")
    double growthStrength;

    @Option(names = "--batch", defaultValue = "32", description = "Minibatch (not given by the paper). Default: ${DEFAULT-VALUE}.")
    int batch;

    @Option(names = "--cutoff", defaultValue = "0.1",
            description = "beta: a selector is low-weight for a class if its weight is below beta times the class's largest weight. Default: ${DEFAULT-VALUE}.")
    double cutoff;

    @Option(names = "--mnist-dir", description = "Directory of the four MNIST IDX files. Default: $HEBBIAN4J_DATA/mnist, else the embedded test set.")
    Path mnistDir;

    @Option(names = "--train-limit", defaultValue = "0", description = "At most this many training examples (0 = all).")
    int trainLimit;

    @Option(names = "--test-limit", defaultValue = "0", description = "At most this many test examples (0 = all).")
    int testLimit;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--out", defaultValue = "zhu-liu-out", description = "Directory for results and pictures. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--results-md", description = "Also write zhu-liu-mnist.md here.")
    Path resultsMarkdown;

    @Option(names = "--json", description = "Print the results as one JSON object on the last line.")
    boolean json;

    @Option(names = "--verbose", description = "Stack traces on errors.")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        if (hidden < 1 || epochs < 1 || batch < 1 || !(learningRate > 0) || !(cutoff > 0 && cutoff < 1)) {
            throw new IllegalArgumentException("--hidden, --epochs, --batch must be >= 1, --lr > 0, --cutoff in (0, 1)");
        }
        Nd4j.getMemoryManager().setAutoGcWindow(5000);
        Nd4j.getMemoryManager().togglePeriodicGc(true);
        String source;
        DataSet train;
        DataSet test;
        Path dir = mnistDir != null ? mnistDir : MnistData.locateDefaultDir("mnist");
        if (dir != null && Files.isDirectory(dir)) {
            train = MnistData.load(dir, true, trainLimit);
            test = MnistData.load(dir, false, testLimit);
            source = "MNIST from " + dir;
        } else {
            DataSet all = MnistData.loadFromClasspath(DataOptions.EMBEDDED_MNIST, false, 0);
            SplitTestAndTrain split = all.splitTestAndTrain(DataOptions.EMBEDDED_TRAIN);
            train = limit(split.getTrain(), trainLimit);
            test = limit(split.getTest(), testLimit);
            source = "embedded MNIST test set split 8,000 / 2,000";
        }
        System.out.printf(Locale.ROOT, "Data: %s (%d train, %d test)%n", source, train.numExamples(), test.numExamples());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int lambda : lambdas) {
            rows.add(runOne(lambda, train, test));
            Nd4j.getWorkspaceManager().destroyAllWorkspacesForCurrentThread();
            System.gc();
        }
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("data", source);
        all.put("train_examples", train.numExamples());
        all.put("test_examples", test.numExamples());
        all.put("runs", rows);
        JsonLine.write(out.resolve("results.json"), all);
        if (resultsMarkdown != null) {
            byte[] md = markdown(source, train.numExamples(), test.numExamples(), rows)
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            Path file = resultsMarkdown.resolve("zhu-liu-mnist.md");
            AtomicFiles.write(file, o -> o.write(md));
            System.out.println("Wrote " + file);
        }
        if (json) {
            System.out.println(JsonLine.of(all));
        }
        return 0;
    }

    private Map<String, Object> runOne(int lambda, DataSet train, DataSet test) throws Exception {
        long start = System.nanoTime();
        LateralInhibition inhibition = new LateralInhibition(lambda);
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(seed).dataType(DataType.FLOAT).updater(new Adam(1e-3)).list()
                .layer(new HebbianDenseLayer.Builder().name("selectors").nIn(train.getFeatures().size(1)).nOut(hidden)
                        .rule(new SangerRule()).competition(inhibition)
                        .homeostasis(new GrowthFactor(0.99, growthStrength))
                        .activation(Activation.IDENTITY).updater(new Sgd(learningRate)).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(hidden).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        long steps = (long) epochs * ((train.numExamples() + batch - 1) / batch);
        HebbianStatisticsListener statistics = HebbianStatisticsListener.builder()
                .snapshotEvery((int) Math.max(1, steps / 100)).outputEntropyEvery(0).build();
        net.setListeners(statistics);
        net.fit(new ShuffledDataSetIterator(train, batch, seed), epochs);
        net.setListeners(List.of());

        Map<String, Object> row = new LinkedHashMap<>();
        row.put("lambda", lambda);
        double largestWeight = net.getLayer(0).getParam("W").amaxNumber().doubleValue();
        if (!Double.isFinite(largestWeight)) {
            // Diverged: the weights overflowed. Report it instead of probing NaN features.
            row.put("diverged", true);
            row.put("steps", steps);
            row.put("seconds", (System.nanoTime() - start) / 1e9);
            System.out.printf(Locale.ROOT, "lambda %2d: DIVERGED (weights overflowed)%n", lambda);
            return row;
        }
        row.put("diverged", false);
        // The paper's hidden output is the inhibited activity h, which this library feeds to the rule
        // (the layer's forward output is u): compute h for the probe and the entropy.
        DataSet trainH = inhibited(net, inhibition, train);
        DataSet testH = inhibited(net, inhibition, test);
        OutputEntropy.Sum entropy = OutputEntropy.ofBatch(testH.getFeatures());
        LinearProbe.Result probe = new LinearProbe(10, 64, new Adam(1e-3), seed).fit(trainH, testH, List.of(), null);
        double lowWeight = lowWeightShare(probe.weights(), cutoff);
        LayerSummary end = statistics.snapshot(0).summary();
        WeightImages.writePng(WeightImages.ofLayer(net.getLayer(0), null, statistics.snapshot(0), 2),
                out.resolve("zhu-liu-lambda-" + lambda + "-weights.png"));

        row.put("probe_max_accuracy", probe.maxAccuracy());
        row.put("probe_final_accuracy", probe.finalAccuracy());
        row.put("output_entropy_test", entropy.mean());
        row.put("zero_output_test_fraction", 1 - entropy.vectors() / (double) testH.numExamples());
        row.put("low_weight_selectors", lowWeight);
        row.put("gini_end", end.gini());
        row.put("dead_fraction_end", end.deadFraction());
        row.put("steps", steps);
        row.put("seconds", (System.nanoTime() - start) / 1e9);
        System.out.printf(Locale.ROOT, "lambda %2d: probe %.1f%%, output entropy %.3f nats, low-weight selectors %.1f%%, "
                        + "Gini %.3f, dead %.1f%%%n", lambda, 100 * probe.maxAccuracy(), entropy.mean(), 100 * lowWeight,
                end.gini(), 100 * end.deadFraction());
        return row;
    }

    /** The lateral-inhibition activity h of the trained layer for every example, with the labels. */
    private static DataSet inhibited(MultiLayerNetwork net, LateralInhibition inhibition, DataSet data) {
        INDArray x = data.getFeatures();
        INDArray h = Nd4j.create(DataType.FLOAT, x.size(0), net.getLayer(0).getParam("W").size(1));
        for (long s = 0; s < x.size(0); s += 1000) {
            long e = Math.min(x.size(0), s + 1000);
            INDArray u = net.feedForwardToLayer(0, x.get(NDArrayIndex.interval(s, e)), false).get(1);
            h.get(NDArrayIndex.interval(s, e), NDArrayIndex.all()).assign(inhibition.compete(u));
        }
        return new DataSet(h, data.getLabels());
    }

    /**
     * Share of (class, selector) pairs whose classifier weight is below {@code beta} times the class's
     * largest weight: Zhu and Liu's "low weight selectors" (section 4.2) read with the cutoff relative
     * to each class's strongest selector (the paper does not say how its weights were scaled).
     */
    static double lowWeightShare(INDArray weights, double beta) {
        INDArray w = weights.castTo(DataType.DOUBLE); // [selectors, classes]
        INDArray classMax = w.max(true, 0);
        INDArray low = w.lt(classMax.mul(beta).broadcast(w.shape())).castTo(DataType.DOUBLE);
        return low.meanNumber().doubleValue();
    }

    private String markdown(String source, int trainExamples, int testExamples, List<Map<String, Object>> rows) {
        StringBuilder md = new StringBuilder();
        md.append("# Zhu & Liu, \"Feature Selectors that Fire Together Wire Together\": MNIST (generated, partial)\n\n");
        md.append(String.format(Locale.ROOT, "Generated by `hebbian4j zhu-liu --lambdas %s --hidden %d --epochs %d --lr %s "
                        + "--growth-strength %s --batch %d --cutoff %s --seed %d`. Data: %s; %,d training and %,d test examples.%n%n",
                String.join(",", lambdas.stream().map(String::valueOf).toList()), hidden, epochs, learningRate,
                growthStrength, batch, cutoff, seed, source, trainExamples, testExamples));
        md.append("| lambda | output entropy of h, test (nats; ln ").append(hidden).append(String.format(Locale.ROOT, " = %.2f)",
                Math.log(hidden))).append(" | test samples with h = 0 | low-weight selectors, ours / paper (%) | accuracy, ours (linear probe) / paper (Table 3: with, without the Oja-rule classifier) (%) | Gini end | dead end |\n");
        md.append("|---|---|---|---|---|---|---|\n");
        for (Map<String, Object> r : rows) {
            int lambda = (Integer) r.get("lambda");
            if (Boolean.TRUE.equals(r.get("diverged"))) {
                md.append("| ").append(lambda).append(" | diverged (weights overflowed) | | | | | |\n");
                continue;
            }
            Double paperLow = PAPER_LOW_WEIGHT.get(lambda);
            String paperAcc = lambda >= 1 && lambda <= 15
                    ? String.format(Locale.ROOT, "%.2f, %.2f", PAPER_ACCURACY[lambda - 1][0], PAPER_ACCURACY[lambda - 1][1]) : "-";
            md.append(String.format(Locale.ROOT, "| %d | %.3f | %.1f%% | %.1f / %s | %.1f / %s | %.2f | %.1f%% |%n", lambda,
                    (Double) r.get("output_entropy_test"), 100 * (Double) r.get("zero_output_test_fraction"),
                    100 * (Double) r.get("low_weight_selectors"), paperLow == null ? "-" : String.format(Locale.ROOT, "%.1f", paperLow),
                    100 * (Double) r.get("probe_max_accuracy"), paperAcc, (Double) r.get("gini_end"),
                    100 * (Double) r.get("dead_fraction_end")));
        }
        md.append("\nReadings and deviations: see [zhu-liu.md](zhu-liu.md).\n");
        return md.toString();
    }

    private static DataSet limit(DataSet data, int limit) {
        return limit <= 0 || limit >= data.numExamples() ? data : (DataSet) data.getRange(0, limit);
    }
}
