package org.hebbian4j.samples.papers.zhuliu;

import org.hebbian4j.samples.support.DataOptions;
import org.hebbian4j.samples.support.DataSources;
import org.hebbian4j.samples.support.JsonLine;
import org.hebbian4j.samples.support.LimitOptions;
import org.hebbian4j.samples.support.OutputOptions;
import org.hebbian4j.samples.support.RunRecord;
import org.hebbian4j.samples.support.SeedOption;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.nn.weights.WeightInit;
import org.hebbian4j.data.MnistData;
import org.hebbian4j.data.ShuffledDataSetIterator;
import org.hebbian4j.layers.NonFiniteUpdateException;
import org.hebbian4j.metrics.HebbianStatisticsListener;
import org.hebbian4j.metrics.LayerSummary;
import org.hebbian4j.metrics.OutputEntropy;
import org.hebbian4j.probe.LinearProbe;
import org.hebbian4j.util.AtomicFiles;
import org.hebbian4j.visualization.WeightImages;
import org.hebbian4j.zoo.ZhuLiuNet;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * A reproduction of Z. Zhu, S. Liu, "Feature Selectors that Fire Together Wire Together" (sections
 * 3-5) on MNIST: per lateral-inhibition strength lambda, their network ({@link ZhuLiuNet}: 64
 * Sanger feature selectors with inhibition and the growth factor, and their supervised Hebbian
 * classifier, eq. 13, with its max norm and zeroed first selector) trained for 3 epochs at learning
 * rate 0.01 (their appendix). Reports the classifier's test accuracy beside their Table 3, the
 * classifier's low-weight selectors beside their Table 1, the entropy of the selectors' output h
 * and of the classifier's output (section 4.5), and, as an extra column, a softmax linear probe
 * (Adam) on the frozen h, which says what the features hold whatever the classifier.
 *
 * <p>Fashion-MNIST is not run (no copy on this machine; {@code --mnist-dir} accepts any IDX set).
 */
@Command(name = "zhu-liu", mixinStandardHelpOptions = true,
        description = "Reproduction of Zhu & Liu: Sanger + lateral inhibition + their Hebbian classifier per lambda; "
                + "accuracy, low-weight selectors, output entropy beside the paper.")
public class ZhuLiuCommand implements Callable<Integer> {

    @Option(names = {"--lambdas", "--lambda"}, split = ",", defaultValue = "1,2,3,4,5,6,7,8,9,10,11,12,13,14,15",
            description = "Inhibition strengths. Default: ${DEFAULT-VALUE}.")
    List<Integer> lambdas;

    @Option(names = "--hidden", defaultValue = "64", description = "Feature selectors. Default: ${DEFAULT-VALUE}.")
    int hidden;

    @Option(names = "--epochs", defaultValue = "3", description = "Training epochs (both layers). Default: ${DEFAULT-VALUE}.")
    int epochs;

    @Option(names = "--lr", defaultValue = "0.01",
            description = "Learning rate alpha of both layers, per example (their appendix: 0.01): a batch of B takes one step "
                    + "of alpha * B times its mean update, i.e. alpha times its summed update. Default: ${DEFAULT-VALUE}.")
    double learningRate;

    @Option(names = "--growth-strength", defaultValue = "0.01", description = "Growth factor epsilon. Default: ${DEFAULT-VALUE}.")
    double growthStrength;

    @Option(names = "--growth-momentum", defaultValue = "0.99",
            description = "gamma of the exponential average (not given by the paper). Default: ${DEFAULT-VALUE}.")
    double growthMomentum;

    @Option(names = "--growth-signed", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Growth factor per weight sign (negative weights divided by f), as the authors' code reads eq. 10's f_ij; "
                    + "--no-growth-signed scales whole neurons by f. Default: ${DEFAULT-VALUE}.")
    boolean growthSigned;

    @Option(names = "--batch", defaultValue = "8",
            description = "Minibatch (not given by the paper; the authors' code updates per example, batch 1, which is about "
                    + "8 times slower here). Default: ${DEFAULT-VALUE}.")
    int batch;

    @Option(names = "--selector-init", defaultValue = "uniform01",
            description = "Initial selector weights: uniform01 (U(0,1), the authors' code) or a DL4J WeightInit. Default: ${DEFAULT-VALUE}.")
    String selectorInit;

    @Option(names = "--classifier-init", defaultValue = "uniform01",
            description = "Initial classifier weights, as --selector-init. Default: ${DEFAULT-VALUE}.")
    String classifierInit;

    @Option(names = "--cutoffs", split = ",", defaultValue = "0.1,0.2",
            description = "beta: a positive classifier weight at or below beta is low (Table 1). Default: ${DEFAULT-VALUE}.")
    List<Double> cutoffs;

    @Option(names = "--refit-epochs", defaultValue = "0",
            description = "Diagnostic: also train a fresh classifier (same rule) on the frozen final h for this many epochs (0 = off). Default: ${DEFAULT-VALUE}.")
    int refitEpochs;

    @Option(names = "--probe-epochs", defaultValue = "10",
            description = "Epochs of the extra linear probe on h (0 = no probe). Default: ${DEFAULT-VALUE}.")
    int probeEpochs;

    @Option(names = "--mnist-dir", description = "Directory of the four MNIST IDX files. Default: $HEBBIAN4J_DATA/mnist, else the embedded test set.")
    Path mnistDir;

    @Mixin
    LimitOptions limits = new LimitOptions();

    @Mixin
    SeedOption seed = new SeedOption();

    @Option(names = "--out", defaultValue = "zhu-liu-out", description = "Directory for results and pictures. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--results-md", description = "Also write zhu-liu-mnist.md here.")
    Path resultsMarkdown;

    @Option(names = "--resume",
            description = "Reuse the lambdas already in <out>/results.json of an interrupted run with the same settings.")
    boolean resume;

    @Mixin
    OutputOptions output = new OutputOptions();

    @Override
    public Integer call() throws Exception {
        RunRecord run = output.startRun();
        validate();
        Nd4j.getMemoryManager().setAutoGcWindow(5000);
        Nd4j.getMemoryManager().togglePeriodicGc(true);
        DataOptions.Loaded data = DataSources.mnist(mnistDir, limits);
        DataSet train = data.train();
        DataSet test = data.test();
        run = run.data(data.source());
        System.out.printf(Locale.ROOT, "Data: %s (%d train, %d test)%n", data.source(), train.numExamples(), test.numExamples());
        long start = System.nanoTime();
        Map<String, Object> previous = resume ? previousResults(run) : null;
        Map<Integer, Map<String, Object>> done = previousRows(previous);
        double previousSeconds = previous == null ? 0 : ((Number) previous.get("seconds")).doubleValue();
        List<Map<String, Object>> rows = new ArrayList<>();
        Map<String, Object> all = new LinkedHashMap<>();
        for (int lambda : lambdas) {
            Map<String, Object> row = done.get(lambda);
            if (row != null) {
                System.out.printf(Locale.ROOT, "lambda %2d: from %s%n", lambda, out.resolve("results.json"));
            } else {
                row = runOne(lambda, train, test);
                Nd4j.getWorkspaceManager().destroyAllWorkspacesForCurrentThread();
                System.gc();
            }
            rows.add(row);
            all = run.with(results(train, test, previousSeconds + (System.nanoTime() - start) / 1e9, rows,
                    rows.size() == lambdas.size()));
            // After every lambda, so that an interrupted sweep keeps what it finished (--resume).
            JsonLine.write(out.resolve("results.json"), all);
        }
        if (resultsMarkdown != null) {
            byte[] md = ZhuLiuTables.markdown(run, train.numExamples(), test.numExamples(),
                    hidden, cutoffs, (Double) all.get("seconds"), rows).getBytes(StandardCharsets.UTF_8);
            Path file = resultsMarkdown.resolve("zhu-liu-mnist.md");
            AtomicFiles.write(file, o -> o.write(md));
            System.out.println("Wrote " + file);
        }
        output.print(all);
        return 0;
    }

    private static Map<String, Object> results(DataSet train, DataSet test, double seconds,
                                               List<Map<String, Object>> rows, boolean complete) {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("train_examples", train.numExamples());
        all.put("test_examples", test.numExamples());
        all.put("seconds", seconds);
        all.put("complete", complete);
        all.put("runs", new ArrayList<>(rows));
        return all;
    }

    /** Options that do not change the figures of a lambda, so that --resume may differ in them. */
    private static final Set<String> NOT_COMPARED = Set.of("--mnist-dir", "--out", "--results-md", "--resume");

    /** The runs of an earlier {@code <out>/results.json} by lambda (none without one). */
    private static Map<Integer, Map<String, Object>> previousRows(Map<String, Object> previous) {
        Map<Integer, Map<String, Object>> rows = new LinkedHashMap<>();
        if (previous != null) {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> runs = (List<Map<String, Object>>) previous.get("runs");
            for (Map<String, Object> r : runs) {
                rows.put(((Number) r.get("lambda")).intValue(), r);
            }
        }
        return rows;
    }

    /** {@code <out>/results.json}, if there is one and its run record has this run's settings. */
    private Map<String, Object> previousResults(RunRecord run) throws java.io.IOException {
        Path file = out.resolve("results.json");
        if (!Files.exists(file)) {
            return null;
        }
        ObjectMapper mapper = new ObjectMapper();
        JsonNode previous = mapper.readTree(file.toFile());
        List<String> differences = run.differences(previous, NOT_COMPARED);
        if (!differences.isEmpty()) {
            System.out.println("--resume: " + file + " was written with other settings (" + String.join("; ", differences)
                    + "); starting afresh");
            return null;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> results = mapper.convertValue(previous, Map.class);
        return results;
    }

    private void validate() {
        if (hidden < 2 || epochs < 1 || batch < 1 || probeEpochs < 0 || refitEpochs < 0) {
            throw new IllegalArgumentException("--hidden must be >= 2, --epochs and --batch >= 1, --probe-epochs and --refit-epochs >= 0");
        }
        if (!(learningRate > 0) || !(growthStrength > 0) || !(growthMomentum >= 0 && growthMomentum < 1)) {
            throw new IllegalArgumentException("--lr and --growth-strength must be > 0, --growth-momentum in [0, 1)");
        }
        for (double beta : cutoffs) {
            if (!(beta > 0 && beta < 1)) {
                throw new IllegalArgumentException("--cutoffs: each beta must be in (0, 1), got " + beta);
            }
        }
        weightInit(selectorInit);
        weightInit(classifierInit);
    }

    /** "uniform01" (U(0, 1), the authors' public code) or a DL4J {@link WeightInit} name. */
    static IWeightInit weightInit(String name) {
        if (name.equalsIgnoreCase("uniform01")) {
            return ZhuLiuNet.uniform01();
        }
        try {
            return WeightInit.valueOf(name.toUpperCase(Locale.ROOT)).getWeightInitFunction();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown weight initialization '" + name
                    + "'; use uniform01 or a DL4J WeightInit name such as XAVIER, UNIFORM, NORMAL");
        }
    }

    /** Their network for one lambda; both layers step by alpha times the batch's summed update. */
    private ZhuLiuNet network(int lambda, int nIn) {
        return new ZhuLiuNet().lambda(lambda).nIn(nIn).hidden(hidden).classes(MnistData.NUM_CLASSES)
                .learningRate(learningRate * batch).growthStrength(growthStrength).growthMomentum(growthMomentum)
                .growthSigned(growthSigned).selectorInit(weightInit(selectorInit))
                .classifierInit(weightInit(classifierInit)).seed(seed.value);
    }

    private Map<String, Object> runOne(int lambda, DataSet train, DataSet test) throws Exception {
        long start = System.nanoTime();
        ZhuLiuNet zoo = network(lambda, (int) train.getFeatures().size(1));
        MultiLayerNetwork net = new MultiLayerNetwork(zoo.conf());
        net.init();
        long steps = (long) epochs * ((train.numExamples() + batch - 1) / batch);
        HebbianStatisticsListener statistics = HebbianStatisticsListener.builder()
                .snapshotEvery((int) Math.max(1, steps / 100)).outputEntropyEvery(0).build();
        net.setListeners(statistics);
        String divergence = null;
        try {
            net.fit(new ShuffledDataSetIterator(train, batch, seed.value), epochs);
        } catch (NonFiniteUpdateException e) {
            divergence = e.getMessage();
        }
        net.setListeners(List.of());
        double trainSeconds = (System.nanoTime() - start) / 1e9;

        Map<String, Object> row = new LinkedHashMap<>();
        row.put("lambda", lambda);
        row.put("paper_accuracy_eq13_classifier", finiteOrNull(ZhuLiuPaper.accuracy(lambda, false)));
        row.put("paper_accuracy_oja_classifier", finiteOrNull(ZhuLiuPaper.accuracy(lambda, true)));
        row.put("paper_low_weight_selectors", ZhuLiuPaper.LOW_WEIGHT.get(lambda));
        if (divergence != null || !Double.isFinite(net.params().amaxNumber().doubleValue())) {
            // Diverged: the weights overflowed. Report it instead of measuring NaN.
            row.put("diverged", true);
            row.put("divergence", divergence == null ? "non-finite weights after training" : divergence);
            row.put("steps", steps);
            row.put("seconds", (System.nanoTime() - start) / 1e9);
            System.out.printf(Locale.ROOT, "lambda %2d: DIVERGED (%s)%n", lambda, row.get("divergence"));
            return row;
        }
        row.put("diverged", false);
        Outputs trainOut = outputs(net, train);
        Outputs testOut = outputs(net, test);
        double accuracy = accuracy(testOut.classifier(), test.getLabels());
        INDArray classifierWeights = net.getLayer(1).getParam("W");      // [selectors, classes]
        OutputEntropy.Sum hEntropy = OutputEntropy.ofBatch(testOut.h());
        OutputEntropy.Sum yEntropy = OutputEntropy.ofBatch(testOut.classifier());
        LayerSummary end = statistics.snapshot(0).summary();
        WeightImages.writePng(WeightImages.ofLayer(net.getLayer(0), null, statistics.snapshot(0), 2),
                out.resolve("zhu-liu-lambda-" + lambda + "-weights.png"));

        row.put("accuracy", accuracy);
        row.put("train_accuracy", accuracy(trainOut.classifier(), train.getLabels()));
        if (probeEpochs > 0) {
            LinearProbe.Result probe = new LinearProbe(probeEpochs, 64, new Adam(1e-3), seed.value)
                    .fit(new DataSet(trainOut.h(), train.getLabels()), new DataSet(testOut.h(), test.getLabels()), List.of(), null);
            row.put("probe_max_accuracy", probe.maxAccuracy());
            row.put("probe_final_accuracy", probe.finalAccuracy());
        }
        if (refitEpochs > 0) {
            MultiLayerNetwork refit = new MultiLayerNetwork(zoo.classifierConf());
            refit.init();
            refit.fit(new ShuffledDataSetIterator(new DataSet(trainOut.h(), train.getLabels()), batch, seed.value + 1), refitEpochs);
            row.put("refit_accuracy", accuracy(refit.output(testOut.h()), test.getLabels()));
        }
        Map<String, Double> low = new LinkedHashMap<>();
        Map<String, Double> above = new LinkedHashMap<>();
        above.put("0.0", ClassifierWeights.shareAbove(classifierWeights, 0.0));
        for (double beta : cutoffs) {
            low.put(Double.toString(beta), ClassifierWeights.lowWeightShare(classifierWeights, beta));
            above.put(Double.toString(beta), ClassifierWeights.shareAbove(classifierWeights, beta));
        }
        row.put("low_weight_selectors", low);
        row.put("classifier_weights_above", above);
        row.put("output_entropy_h_test", hEntropy.mean());
        row.put("zero_h_test_fraction", 1 - hEntropy.vectors() / (double) test.numExamples());
        row.put("output_entropy_classifier_test", yEntropy.mean());
        row.put("gini_end", end.gini());
        row.put("dead_fraction_end", end.deadFraction());
        row.put("steps", steps);
        row.put("train_seconds", trainSeconds);
        row.put("seconds", (System.nanoTime() - start) / 1e9);
        System.out.printf(Locale.ROOT, "lambda %2d: accuracy %.2f%% (paper %.2f%%)%s%s, entropy h %.3f / classifier %.3f nats, "
                        + "low-weight selectors %s, Gini %.3f, dead %.1f%%, %.0f s%n", lambda, 100 * accuracy,
                ZhuLiuPaper.accuracy(lambda, false), probeEpochs > 0
                        ? String.format(Locale.ROOT, ", probe %.2f%%", 100 * (Double) row.get("probe_max_accuracy")) : "",
                refitEpochs > 0 ? String.format(Locale.ROOT, ", refit %.2f%%", 100 * (Double) row.get("refit_accuracy")) : "",
                hEntropy.mean(), yEntropy.mean(), low, end.gini(), 100 * end.deadFraction(), (Double) row.get("seconds"));
        return row;
    }

    /** The selectors' output h and the classifier's output y for every example. */
    record Outputs(INDArray h, INDArray classifier) {
    }

    private static Outputs outputs(MultiLayerNetwork net, DataSet data) {
        INDArray x = data.getFeatures();
        long n = x.size(0);
        INDArray h = Nd4j.create(DataType.FLOAT, n, net.getLayer(0).getParam("W").size(1));
        INDArray y = Nd4j.create(DataType.FLOAT, n, net.getLayer(1).getParam("W").size(1));
        for (long s = 0; s < n; s += 1000) {
            long e = Math.min(n, s + 1000);
            List<INDArray> acts = net.feedForward(x.get(NDArrayIndex.interval(s, e)), false);
            h.get(NDArrayIndex.interval(s, e), NDArrayIndex.all()).assign(acts.get(1));
            y.get(NDArrayIndex.interval(s, e), NDArrayIndex.all()).assign(acts.get(2));
        }
        return new Outputs(h, y);
    }

    /** Share of rows whose largest output is the labelled class (ties: the first largest). */
    static double accuracy(INDArray outputs, INDArray labels) {
        INDArray predicted = Nd4j.argMax(outputs, 1);
        INDArray actual = Nd4j.argMax(labels, 1);
        return predicted.eq(actual).castTo(DataType.DOUBLE).meanNumber().doubleValue();
    }

    private static Double finiteOrNull(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
