package org.hebbian4j.samples.papers.lagani;

import org.hebbian4j.samples.support.DataSources;
import org.hebbian4j.samples.support.JsonLine;
import org.hebbian4j.samples.support.OutputOptions;
import org.hebbian4j.samples.support.ProgressBar;
import org.hebbian4j.samples.support.RunRecord;
import org.hebbian4j.samples.support.SeedOption;

import org.hebbian4j.backend.NativeBackend;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.deeplearning4j.util.ModelSerializer;
import org.hebbian4j.competition.Competition;
import org.hebbian4j.data.Cifar10Data;
import org.hebbian4j.data.MnistData;
import org.hebbian4j.data.embedded.EmbeddedMnist;
import org.hebbian4j.data.ShuffledDataSetIterator;
import org.hebbian4j.protocol.BatchNormStatistics;
import org.hebbian4j.protocol.ChannelStandardization;
import org.hebbian4j.protocol.DataSplits;
import org.hebbian4j.protocol.EarlyStoppedTraining;
import org.hebbian4j.protocol.HybridTraining;
import org.hebbian4j.protocol.ImageInputs;
import org.hebbian4j.protocol.LayerProbe;
import org.hebbian4j.competition.PreActivationSimilarity;
import org.hebbian4j.competition.RaisedCosineSimilarity;
import org.hebbian4j.rules.RewardWeightedInstarRule;
import org.hebbian4j.protocol.LocalLearningPhase;
import org.hebbian4j.protocol.ZcaWhitening;
import org.hebbian4j.rules.InstarRule;
import org.hebbian4j.rules.MeanInstarRule;
import org.hebbian4j.util.AtomicFiles;
import org.hebbian4j.zoo.LaganiNet;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.SplitTestAndTrain;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * Reproduces rows of Lagani et al.'s MNIST Tables 1-3 (and runs the same protocol on CIFAR-10) with
 * {@link LaganiNet} and the library's protocol classes ({@code org.hebbian4j.protocol}).
 *
 * <p>Protocol (the paper's section 5, and what is ours where it is silent): MNIST digits resized to 32x32 and
 * repeated over three channels; the last 10,000 training images held out for validation (50k / 10k / 10k;
 * CIFAR-10 40k / 10k / 10k, the subset on this machine 3,000 / 1,000 / 1,000); ZCA whitening fit on the training
 * split (MNIST: on the gray 32x32 images before the channels are repeated); minibatch 64. A hybrid row: blocks
 * marked B below the lowest Hebbian block come from the backprop baseline BBBBBG (trained first in the same run,
 * or {@code --pretrained}) and stay frozen; the Hebbian blocks learn unsupervised for {@code --hebbian-epochs}
 * epochs (instar rule with the chosen competition, Sgd at {@code --hebbian-lr}); the blocks above and the
 * classifier train with early stopping on validation accuracy (Nesterov 0.9, learning rate 1e-3, L2 5e-2, dropout
 * 0.5 before the classifier; at most {@code --epochs}, patience {@code --patience}). A probe row (Table 1): the
 * network with Hebbian blocks 1..N trained unsupervised, and a softmax probe trained by SGD (Nesterov 0.9, 1e-3,
 * L2 5e-4) with early stopping on the block's output; the "BP" column probes the backprop baseline.
 */
@Command(name = "lagani", mixinStandardHelpOptions = true,
        description = "Reproduce Lagani et al.'s hybrid Hebbian/backprop networks (Tables 1-3) on MNIST or CIFAR-10.")
public class LaganiCommand implements Callable<Integer> {

    @Option(names = "--pattern", split = ",", defaultValue = "BBBBBG,HBBBBG,BBBBHG,HHBBBG,HHHHHG,BBBBHH",
            description = "Layer patterns: five letters H/B then G (or H: supervised Hebbian classifier); "
                    + "'none' for no hybrid row (only the --probe-layer rows). Default: ${DEFAULT-VALUE}.")
    List<String> patterns;

    @Option(names = "--competition", split = ",", defaultValue = "WTA,e-soft-WTA",
            description = "Competitions of the Hebbian layers: WTA, 5-WTA, e-soft-WTA, p-soft-WTA. Default: ${DEFAULT-VALUE}.")
    List<String> competitions;

    @Option(names = "--probe-layer", split = ",", description = "Also probe these layers (1-5) of the Hebbian network and "
            + "of the backprop baseline (Table 1).")
    List<Integer> probeLayers = new ArrayList<>();

    @Option(names = "--no-bp-probe", description = "With --probe-layer: do not probe the backprop baseline (the BP column).")
    boolean noBpProbe;

    @Option(names = "--dataset", defaultValue = "mnist", description = "mnist or cifar10. Default: ${DEFAULT-VALUE}.")
    String dataset;

    @Option(names = "--data-dir", description = "Directory of the data set's files (MNIST IDX, or CIFAR-10 binary batches). "
            + "Default: $HEBBIAN4J_DATA/mnist or $HEBBIAN4J_DATA/cifar-10, then .../cifar-10-subset; MNIST falls back "
            + "to the embedded test set (8,000 / 2,000).")
    Path dataDir;

    @Option(names = "--epochs", defaultValue = "20", description = "At most this many backprop epochs per row (the paper: 20). "
            + "Default: ${DEFAULT-VALUE}.")
    int epochs;

    @Option(names = "--patience", defaultValue = "3",
            description = "Stop a row after this many epochs without a better validation accuracy. Default: ${DEFAULT-VALUE}.")
    int patience;

    @Option(names = "--hebbian-epochs", defaultValue = "1", description = "Epochs of unsupervised Hebbian training; "
            + "0 leaves the Hebbian layers at their random initialization (the control of a probe row). "
            + "Default: ${DEFAULT-VALUE}.")
    int hebbianEpochs;

    @Option(names = "--rule", defaultValue = "mean-instar", description = "Hebbian rule: mean-instar (each rewarded neuron "
            + "steps by the learning rate towards its inputs' reward-weighted mean), reward-weighted-instar (the authors' "
            + "code: sum r|r|(x - w) / sum |r|) or instar (the batch mean of eq. 3; with lr 1e-3 the kernels hardly move "
            + "in an epoch). Default: ${DEFAULT-VALUE}.")
    String rule;

    @Option(names = "--similarity", defaultValue = "pre-activation", description = "What the Hebbian neurons compete on: "
            + "pre-activation (u = x W + b) or raised-cosine (((cos(x, w) + 1) / 2)^2, the authors' code). "
            + "Default: ${DEFAULT-VALUE}.")
    String similarity;

    @Option(names = "--normalized-forward", description = "Hebbian layers output ReLU(x . w / |w|), as the authors' code.")
    boolean normalizedForward;

    @Option(names = "--probe-dropout", defaultValue = "0", description = "Dropout probability on a probe's input features "
            + "(the authors' code: 0.5). Default: ${DEFAULT-VALUE}.")
    double probeDropout;

    @Option(names = "--probe-halving-from", defaultValue = "0", description = "From this epoch on (e.g. 10, the authors' "
            + "code) halve a probe's learning rate after every epoch; 0: constant. Default: ${DEFAULT-VALUE}.")
    int probeHalvingFrom;

    @Option(names = "--halving-from", defaultValue = "0", description = "From this epoch on (e.g. 10, the authors' "
            + "code) halve the learning rate of the backprop layers and classifier after every epoch; 0: constant. "
            + "Default: ${DEFAULT-VALUE}.")
    int halvingFrom;

    @Option(names = "--hebbian-lr", defaultValue = "1e-3", description = "Hebbian learning rate (the paper: 1e-3). "
            + "Default: ${DEFAULT-VALUE}.")
    double hebbianLr;

    @Option(names = "--validation", defaultValue = "10000", description = "Training examples held out for validation "
            + "(at most a quarter of the training set). Default: ${DEFAULT-VALUE}.")
    int validation;

    @Option(names = "--train-limit", defaultValue = "0", description = "Use at most this many training examples after the "
            + "hold-out (0 = all; a reduced run).")
    int trainLimit;

    @Option(names = "--validation-limit", defaultValue = "0", description = "At most this many validation examples (0 = all).")
    int validationLimit;

    @Option(names = "--test-limit", defaultValue = "0", description = "At most this many test examples (0 = all).")
    int testLimit;

    @Option(names = "--zca-epsilon", defaultValue = "1e-2", description = "ZCA whitening regularization; 0 < eps. "
            + "Default: ${DEFAULT-VALUE}.")
    double zcaEpsilon;

    @Option(names = "--no-whitening", description = "Do not whiten the inputs.")
    boolean noWhitening;

    @Option(names = "--standardize", description = "Standardize each channel by the mean and standard deviation of the "
            + "training split instead of whitening, as the authors' code feeds rows that start with a backprop layer.")
    boolean standardize;

    @Option(names = "--pretrained", description = "A saved BBBBBG network (ModelSerializer zip) to take frozen layers "
            + "from, instead of training the baseline in this run.")
    Path pretrained;

    @Option(names = "--batch", defaultValue = "64", description = "Minibatch size (the paper: 64). Default: ${DEFAULT-VALUE}.")
    int batch;

    @Mixin
    SeedOption seed = new SeedOption();

    @Option(names = "--out", defaultValue = "lagani-out", description = "Directory for results.json and the baseline "
            + "network. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--results-md", description = "Also write lagani-<dataset>.md (ours beside the paper's) to this directory.")
    Path resultsMarkdown;

    @Mixin
    OutputOptions output = new OutputOptions();

    /** One row of the results; accuracies in percent, NaN where the paper has no number. */
    record Row(String kind, String pattern, String competition, int probeLayer, double paper, double ours,
               double validation, int bestEpoch, int epochsRun, int hebbianEpochs, double seconds) {
        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", kind);
            m.put("pattern", pattern);
            m.put("competition", competition);
            m.put("probe_layer", probeLayer);
            m.put("paper_accuracy", Double.isNaN(paper) ? null : paper);
            m.put("test_accuracy", ours);
            m.put("validation_accuracy", validation);
            m.put("best_epoch", bestEpoch);
            m.put("epochs_run", epochsRun);
            m.put("hebbian_epochs", hebbianEpochs);
            m.put("seconds", seconds);
            return m;
        }
    }

    private final PrintStream log = System.err;

    /** This run's record, with its data source once loaded. */
    private RunRecord run;

    /** Training examples over which the batch normalizations of probed Hebbian blocks get their statistics. */
    static final int BN_EXAMPLES = 10_000;

    @Override
    public Integer call() throws Exception {
        run = output.startRun();
        validateOptions();
        // Native memory of dropped arrays is freed by the garbage collector: collect every few seconds.
        Nd4j.getMemoryManager().setAutoGcWindow(5000);
        Nd4j.getMemoryManager().togglePeriodicGc(true);
        long start = System.nanoTime();
        Files.createDirectories(out);
        Loaded data = load();
        run = run.data(data.source);
        log.println("lagani: " + data.source + "; train / validation / test = " + data.splits);
        log.println("lagani: backend " + NativeBackend.describe());
        List<Row> rows = new ArrayList<>();
        MultiLayerNetwork baseline = baseline(data.splits, rows);
        for (String pattern : patterns) {
            if (pattern.equals("BBBBBG")) {
                continue;   // the baseline row, done above
            }
            for (String competition : competitionsOf(pattern)) {
                rows.add(hybridRowWith(pattern, competition, baseline, data.splits));
                writeResults(rows, data, start, false);
            }
        }
        for (int layer : probeLayers) {
            if (baseline != null && !noBpProbe) {
                rows.add(probeRow(layer, "BP", baseline, data.splits));
            }
            for (String competition : competitions) {
                rows.add(probeRow(layer, competition, null, data.splits));
                writeResults(rows, data, start, false);
            }
        }
        writeResults(rows, data, start, true);
        return 0;
    }

    private void validateOptions() {
        List<String> upper = new ArrayList<>();
        if (patterns.size() == 1 && patterns.get(0).trim().equalsIgnoreCase("none")) {
            if (probeLayers.isEmpty()) {
                throw new IllegalArgumentException("--pattern none leaves nothing to run: add --probe-layer");
            }
            patterns = new ArrayList<>();
        }
        for (String p : patterns) {
            String u = p.trim().toUpperCase(Locale.ROOT);
            new LaganiNet(u).pretrainedFrozenLayers();   // validates the pattern and the protocol's constraint
            upper.add(u);
        }
        patterns = upper;
        List<String> canonical = new ArrayList<>();
        for (String c : competitions) {
            canonical.add(canonicalCompetition(c));
        }
        competitions = canonical;
        for (int layer : probeLayers) {
            if (layer < 1 || layer > 5) {
                throw new IllegalArgumentException("--probe-layer must be 1 to 5; got " + layer);
            }
        }
        if (epochs < 1 || patience < 1 || hebbianEpochs < 0 || batch < 1) {
            throw new IllegalArgumentException("--epochs, --patience and --batch must be >= 1, --hebbian-epochs >= 0");
        }
        if (!List.of("mean-instar", "instar", "reward-weighted-instar").contains(rule)) {
            throw new IllegalArgumentException("--rule must be mean-instar, reward-weighted-instar or instar; got " + rule);
        }
        if (!List.of("pre-activation", "raised-cosine").contains(similarity)) {
            throw new IllegalArgumentException("--similarity must be pre-activation or raised-cosine; got " + similarity);
        }
        if (!(probeDropout >= 0 && probeDropout < 1)) {
            throw new IllegalArgumentException("--probe-dropout must be in [0, 1); got " + probeDropout);
        }
        if (probeHalvingFrom < 0) {
            throw new IllegalArgumentException("--probe-halving-from must be >= 0; got " + probeHalvingFrom);
        }
        if (!(hebbianLr > 0) || Double.isInfinite(hebbianLr)) {
            throw new IllegalArgumentException("--hebbian-lr must be a finite number > 0; got " + hebbianLr);
        }
        if (halvingFrom < 0) {
            throw new IllegalArgumentException("--halving-from must be >= 0; got " + halvingFrom);
        }
        if (standardize && noWhitening) {
            throw new IllegalArgumentException("--standardize replaces the whitening already: drop --no-whitening");
        }
        if (!(zcaEpsilon > 0) || Double.isInfinite(zcaEpsilon)) {
            throw new IllegalArgumentException("--zca-epsilon must be a finite number > 0; got " + zcaEpsilon);
        }
        if (!dataset.equals("mnist") && !dataset.equals("cifar10")) {
            throw new IllegalArgumentException("--dataset must be mnist or cifar10; got " + dataset);
        }
        if (pretrained != null && !Files.isRegularFile(pretrained)) {
            throw new IllegalArgumentException("--pretrained " + pretrained + " is not a file");
        }
    }

    /** The paper's name of a competition ("WTA", "5-WTA", "e-soft-WTA", "p-soft-WTA"), from any common spelling. */
    static String canonicalCompetition(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT).replace("_", "-");
        return switch (n) {
            case "wta" -> "WTA";
            case "5-wta", "kwta", "k-wta" -> "5-WTA";
            case "e-soft-wta", "e-soft", "esoft", "soft-wta" -> "e-soft-WTA";
            case "p-soft-wta", "p-soft", "psoft" -> "p-soft-WTA";
            default -> throw new IllegalArgumentException("--competition: unknown '" + name
                    + "' (one of WTA, 5-WTA, e-soft-WTA, p-soft-WTA)");
        };
    }

    /** Competitions a pattern is run with: none matter when no block 1-5 is Hebbian. */
    private List<String> competitionsOf(String pattern) {
        return pattern.substring(0, 5).indexOf('H') < 0 ? List.of("-") : competitions;
    }

    private boolean needsBaseline() {
        if (!probeLayers.isEmpty() && !noBpProbe) {
            return true;
        }
        for (String p : patterns) {
            if (p.equals("BBBBBG") || !new LaganiNet(p).pretrainedFrozenLayers().isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /** The backprop baseline: loaded, or trained with early stopping (and then a row of its own). */
    private MultiLayerNetwork baseline(DataSplits data, List<Row> rows) throws IOException {
        if (!needsBaseline()) {
            return null;
        }
        if (pretrained != null) {
            log.println("lagani: backprop baseline from " + pretrained);
            MultiLayerNetwork net = ModelSerializer.restoreMultiLayerNetwork(pretrained.toFile(), false);
            if (!patterns.contains("BBBBBG")) {
                return net;
            }
            double test = 100 * HybridTraining.accuracy(net, data.test(), batch);
            rows.add(new Row("hybrid", "BBBBBG", "-", 0, paperHybrid("BBBBBG", "-"), test, Double.NaN, 0, 0, 0, 0));
            return net;
        }
        Row row = hybridRowWith("BBBBBG", "-", null, data);
        rows.add(row);
        return lastNetwork;
    }

    private MultiLayerNetwork lastNetwork;

    private Row hybridRowWith(String pattern, String competition, MultiLayerNetwork baseline, DataSplits data)
            throws IOException {
        String label = pattern + (competition.equals("-") ? "" : " " + competition);
        LaganiNet zoo = laganiNet(pattern, competition);
        MultiLayerNetwork net = new MultiLayerNetwork(zoo.conf());
        net.init();
        Set<Integer> frozen = zoo.pretrainedFrozenLayers();
        EpochProgress progress = new EpochProgress(label, batchesPerEpoch(data.train()), batch, epochs);
        long t0 = System.nanoTime();
        Path checkpoint = checkpointOf(label);
        EarlyStoppedTraining topTraining = new EarlyStoppedTraining(epochs, patience).checkpointingTo(checkpoint);
        startOrResume(label, checkpoint, topTraining.canResume());
        HybridTraining.Result result = new HybridTraining(hebbianEpochs, topTraining, batch, seed.value)
                .run(net, frozen.isEmpty() ? null : baseline, frozen, data, List.of(progress), progress);
        double seconds = (System.nanoTime() - t0) / 1e9;
        lastNetwork = result.network();
        if (pattern.equals("BBBBBG")) {
            saveBaseline(result.network());
        }
        EarlyStoppedTraining.Result top = result.top();
        Row row = new Row("hybrid", pattern, competition, 0, paperHybrid(pattern, competition),
                100 * result.testAccuracy(), 100 * top.bestValidationAccuracy(), top.bestEpoch(), top.epochsRun(),
                result.hebbianEpochs(), seconds);
        log.printf(Locale.ROOT, "lagani: %s: test %.2f%% (paper %s), best epoch %d of %d, %.0f s%n", label, row.ours,
                fmt(row.paper), row.bestEpoch, row.epochsRun, seconds);
        return row;
    }

    private Row probeRow(int layer, String column, MultiLayerNetwork baseline, DataSplits data) throws IOException {
        String label = "probe L" + layer + " " + column;
        EpochProgress progress = new EpochProgress(label, batchesPerEpoch(data.train()), batch, epochs);
        long t0 = System.nanoTime();
        org.nd4j.linalg.learning.config.Nesterovs probeUpdater = probeHalvingFrom > 0
                ? new org.nd4j.linalg.learning.config.Nesterovs(LayerProbe.halvingAfter(1e-3, probeHalvingFrom, epochs), 0.9)
                : new org.nd4j.linalg.learning.config.Nesterovs(1e-3, 0.9);
        Path checkpoint = checkpointOf(label);
        LayerProbe probe = new LayerProbe(probeUpdater, 5e-4, new EarlyStoppedTraining(epochs, patience), batch, seed.value)
                .withDropout(1.0 - probeDropout)
                .checkpointingTo(checkpoint);
        MultiLayerNetwork net = baseline;
        int hebbian = baseline == null ? hebbianEpochs : 0;
        if (startOrResume(label, checkpoint, probe.canResume())) {
            net = null;
        }
        if (net == null && !probe.canResume()) {
            String pattern = "H".repeat(layer) + "B".repeat(5 - layer) + "G";
            net = new MultiLayerNetwork(laganiNet(pattern, column).conf());
            net.init();
            progress.phase("hebbian");
            if (hebbianEpochs > 0) {
                LocalLearningPhase.fit(net, Set.of(), new ShuffledDataSetIterator(data.train(), batch, seed.value, true), hebbianEpochs,
                        List.of(progress), progress::epoch);
            }
            // The blocks' batch normalizations never receive an error, so DL4J leaves their statistics at
            // their initial values (identity); estimate them bottom-up, as PyTorch's would have accumulated.
            progress.phase("batch-norm statistics");
            for (int block = 1; block <= layer; block++) {
                BatchNormStatistics.estimate(net, LaganiNet.blockOutput(block), data.train(), BN_EXAMPLES, batch);
            }
        }
        progress.phase("probe");
        LayerProbe.Result result = probe.fit(net, LaganiNet.blockOutput(layer), data, List.of(progress), progress::epoch);
        double seconds = (System.nanoTime() - t0) / 1e9;
        EarlyStoppedTraining.Result t = result.training();
        Row row = new Row("probe", "layer " + layer, column, layer, dataset.equals("mnist") ? LaganiPaper.probe(layer, column) : Double.NaN,
                100 * result.testAccuracy(),
                100 * t.bestValidationAccuracy(), t.bestEpoch(), t.epochsRun(), hebbian, seconds);
        log.printf(Locale.ROOT, "lagani: %s: test %.2f%% (paper %s), best epoch %d of %d, %.0f s%n", label, row.ours,
                fmt(row.paper), row.bestEpoch, row.epochsRun, seconds);
        return row;
    }

    /** Where the row {@code label} ("probe L1 WTA", "HBBBBG WTA", "BBBBBG") checkpoints its epochs. */
    private Path checkpointOf(String label) {
        return out.resolve("checkpoints").resolve(label.replace(' ', '-'));
    }

    /**
     * Before a row: when {@code resumable} (its checkpoint exists), checks that it was made under these settings
     * and says so; else writes the run record beside the checkpoint to come. Returns {@code resumable}.
     */
    private boolean startOrResume(String label, Path checkpoint, boolean resumable) throws IOException {
        if (resumable) {
            requireSameSettings(checkpoint);
            log.println("lagani: " + label + ": resuming from its checkpoint in " + checkpoint
                    + " (the trained layers are in it; delete the directory to start the row over)");
        } else {
            Files.createDirectories(checkpoint);
            run.write(checkpoint);
        }
        return resumable;
    }

    /** Options that do not change a row (its label names its pattern or layer and competition) or only say where files go. */
    private static final Set<String> NOT_COMPARED_ON_RESUME = Set.of("--out", "--results-md", "--data-dir", "--pattern",
            "--competition", "--probe-layer", "--no-bp-probe");

    /** A row's checkpoint continues only under the settings it was started with ({@code run.json} beside it). */
    private void requireSameSettings(Path checkpoint) throws IOException {
        Path record = checkpoint.resolve("run.json");
        if (!Files.isRegularFile(record)) {
            throw new IllegalArgumentException(checkpoint + " holds a checkpoint but no run.json: delete the directory"
                    + " to start the row over");
        }
        org.nd4j.shade.jackson.databind.ObjectMapper mapper = new org.nd4j.shade.jackson.databind.ObjectMapper();
        // run.json is the record itself; differences() reads it under "run", as in a results file
        org.nd4j.shade.jackson.databind.node.ObjectNode previous = mapper.createObjectNode();
        previous.set("run", mapper.readTree(record.toFile()));
        List<String> differences = run.differences(previous, NOT_COMPARED_ON_RESUME);
        if (!differences.isEmpty()) {
            throw new IllegalArgumentException("the checkpoint in " + checkpoint + " is of a run with other settings ("
                    + String.join("; ", differences) + "): give the same options, or delete the directory to start the row over");
        }
    }

    /** The paper's MNIST number for a row; NaN on CIFAR-10 (the subset is not comparable to its Tables 4-6). */
    private double paperHybrid(String pattern, String competition) {
        return dataset.equals("mnist") ? LaganiPaper.hybrid(pattern, competition) : Double.NaN;
    }

    private LaganiNet laganiNet(String pattern, String competition) {
        LaganiNet zoo = new LaganiNet(pattern).seed(seed.value).hebbianUpdater(new Sgd(hebbianLr))
                .rule(switch (rule) {
                    case "instar" -> new InstarRule();
                    case "reward-weighted-instar" -> new RewardWeightedInstarRule();
                    default -> new MeanInstarRule();
                })
                .similarity(similarity.equals("raised-cosine") ? new RaisedCosineSimilarity() : new PreActivationSimilarity())
                .normalizedForward(normalizedForward);
        if (halvingFrom > 0) {
            zoo.backpropUpdater(new org.nd4j.linalg.learning.config.Nesterovs(LayerProbe.halvingAfter(1e-3, halvingFrom, epochs), 0.9));
        }
        if (!competition.equals("-") && !competition.equals("BP")) {
            Competition c = LaganiNet.paperCompetitions().get(competition);
            zoo.competition(c);
        }
        return zoo;
    }

    private int batchesPerEpoch(DataSet train) {
        return (train.numExamples() + batch - 1) / batch;
    }

    private void saveBaseline(MultiLayerNetwork net) {
        Path file = out.resolve("pretrained-BBBBBG.zip");
        try {
            AtomicFiles.write(file, stream -> ModelSerializer.writeModel(net, stream, false));
            log.println("lagani: backprop baseline saved to " + file + " (reuse it with --pretrained)");
        } catch (IOException e) {
            throw new IllegalStateException("could not save the baseline network to " + file + ": " + e.getMessage(), e);
        }
    }

    /** Data ready for the network: splits of [N, 3, 32, 32] images, whitened unless --no-whitening. */
    record Loaded(DataSplits splits, String source, String preprocessing) {
    }

    private Loaded load() throws IOException {
        DataSet train;
        DataSet test;
        String source;
        boolean gray = dataset.equals("mnist");
        if (gray) {
            Path dir = DataSources.mnistDir(dataDir);
            if (dir != null) {
                train = MnistData.load(dir, true, reducedTrainCount());
                test = MnistData.load(dir, false, testLimit);
                source = "MNIST from " + dir;
            } else {
                SplitTestAndTrain split = EmbeddedMnist.split();
                train = split.getTrain();
                test = split.getTest();
                source = DataSources.EMBEDDED_MNIST;
            }
            train = ImageInputs.grayToChannels(train, 28, 28, 32, 1);
            test = ImageInputs.grayToChannels(test, 28, 28, 32, 1);
        } else {
            Path dir = DataSources.cifar10Dir(dataDir, "--data-dir");
            train = Cifar10Data.load(dir, true, reducedTrainCount());
            test = Cifar10Data.load(dir, false, testLimit);
            source = "CIFAR-10 from " + dir;
        }
        int held = trainLimit > 0 && train.numExamples() > trainLimit
                ? train.numExamples() - trainLimit
                : Math.min(validation, train.numExamples() / 4);
        if (held != validation) {
            log.println("lagani: only " + train.numExamples() + " training examples: holding out " + held + " for validation");
        }
        DataSplits splits = DataSplits.holdOut(train, test, held).limit(trainLimit, validationLimit, testLimit);
        String preprocessing;
        if (standardize) {
            ChannelStandardization standardization = new ChannelStandardization(gray ? 1 : 3).fit(splits.train().getFeatures());
            splits = new DataSplits(standardized(standardization, splits.train()), standardized(standardization, splits.validation()),
                    standardized(standardization, splits.test()));
            preprocessing = "each channel standardized by the training split's mean and standard deviation "
                    + standardization.mean() + ", " + standardization.std() + " (no whitening)";
            log.println("lagani: " + preprocessing);
        } else if (noWhitening) {
            preprocessing = "no whitening";
        } else {
            long t0 = System.nanoTime();
            log.println("lagani: fitting ZCA whitening on " + splits.train().numExamples() + " training images ...");
            ZcaWhitening zca = new ZcaWhitening(zcaEpsilon).fit(splits.train().getFeatures());
            splits = new DataSplits(whiten(zca, splits.train()), whiten(zca, splits.validation()), whiten(zca, splits.test()));
            preprocessing = String.format(Locale.ROOT, "ZCA whitening (epsilon %s) fit on the training split%s, %.0f s",
                    zcaEpsilon, gray ? " (gray 32x32 images, before the channels are repeated)" : "", (System.nanoTime() - t0) / 1e9);
            log.println("lagani: " + preprocessing);
        }
        if (gray) {
            splits = new DataSplits(threeChannels(splits.train()), threeChannels(splits.validation()), threeChannels(splits.test()));
        }
        return new Loaded(splits, source, preprocessing);
    }

    /**
     * How many training examples to read: all (0) for a full run; for a reduced run ({@code --train-limit}) only
     * the first train-limit + validation examples, of which the last are held out (so a reduced run never holds
     * the whole data set in memory; its validation examples are then not the full run's).
     */
    private int reducedTrainCount() {
        if (trainLimit <= 0) {
            return 0;
        }
        return trainLimit + (validationLimit > 0 ? Math.min(validationLimit, validation) : validation);
    }

    private static DataSet standardized(ChannelStandardization standardization, DataSet data) {
        return new DataSet(standardization.apply(data.getFeatures()), data.getLabels());
    }

    private static DataSet whiten(ZcaWhitening zca, DataSet data) {
        return new DataSet(zca.apply(data.getFeatures(), 4096), data.getLabels());
    }

    private static DataSet threeChannels(DataSet gray) {
        INDArray x = gray.getFeatures();
        return new DataSet(Nd4j.concat(1, x, x, x), gray.getLabels());
    }

    // ---------------------------------------------------------------- output

    private void writeResults(List<Row> rows, Loaded data, long start, boolean last) throws IOException {
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("dataset", dataset);
        results.put("splits", Map.of("train", data.splits.train().numExamples(), "validation",
                data.splits.validation().numExamples(), "test", data.splits.test().numExamples()));
        results.put("preprocessing", data.preprocessing);
        results.put("max_epochs", epochs);
        results.put("patience", patience);
        results.put("hebbian_epochs", hebbianEpochs);
        results.put("hebbian_lr", hebbianLr);
        results.put("rule", rule);
        results.put("similarity", similarity);
        results.put("normalized_forward", normalizedForward);
        results.put("probe_dropout", probeDropout);
        results.put("probe_halving_from", probeHalvingFrom);
        results.put("halving_from", halvingFrom);
        results.put("complete", last);
        results.put("seconds", seconds);
        List<Map<String, Object>> list = new ArrayList<>();
        for (Row r : rows) {
            list.add(r.toMap());
        }
        results.put("rows", list);
        Map<String, Object> report = run.with(results);
        JsonLine.write(out.resolve("results.json"), report);
        String markdown = markdown(rows, data, seconds, last);
        AtomicFiles.write(out.resolve("lagani-" + dataset + ".md"), s -> s.write(markdown.getBytes(StandardCharsets.UTF_8)));
        if (resultsMarkdown != null) {
            AtomicFiles.write(resultsMarkdown.resolve("lagani-" + dataset + ".md"),
                    s -> s.write(markdown.getBytes(StandardCharsets.UTF_8)));
        }
        if (last) {
            System.out.print(table(rows));
            output.print(report);
        }
    }

    private boolean reduced(Loaded data) {
        int fullTrain = dataset.equals("mnist") ? 50_000 : 40_000;
        return data.splits.train().numExamples() < fullTrain || data.splits.test().numExamples() < 10_000;
    }

    String markdown(List<Row> rows, Loaded data, double seconds, boolean complete) {
        StringBuilder md = new StringBuilder();
        boolean mnist = dataset.equals("mnist");
        md.append("# Lagani et al. hybrid networks: ").append(mnist ? "MNIST" : "CIFAR-10").append("\n\n");
        md.append("Generated by `").append(run.command()).append("` (Hebbian4j ").append(run.version())
                .append("; every option's value is in results.json's \"run\") on ").append(LocalDate.now()).append(complete ? "" : " (INCOMPLETE: run still going or cut short)")
                .append(". Accuracies are top-1 test accuracy in percent; the paper's are means of five runs.\n\n");
        if (reduced(data)) {
            md.append("**REDUCED RUN**: fewer examples than the paper's protocol; not comparable to the paper's numbers.\n\n");
        }
        if (!mnist) {
            md.append("No comparison with the paper's CIFAR-10 tables (4-6) is possible on a subset of the data.\n\n");
        }
        md.append("| setting | value |\n|---|---|\n");
        md.append("| data | ").append(data.source).append(" |\n");
        md.append("| train / validation / test | ").append(data.splits).append(" |\n");
        md.append("| preprocessing | ").append(mnist ? "digits resized to 32x32 (bilinear), 3 channels; " : "").append(data.preprocessing).append(" |\n");
        md.append(String.format(Locale.ROOT, "| backprop | Nesterov 0.9, lr 1e-3%s, L2 5e-2, dropout 0.5, batch %d, early stopping on validation accuracy: at most %d epochs, patience %d |%n",
                halvingFrom > 0 ? " halved after every epoch from epoch " + halvingFrom : "", batch, epochs, patience));
        md.append(String.format(Locale.ROOT, "| Hebbian | %s rule, competing on %s%s, Sgd(%s), %d epoch(s) unsupervised, then frozen |%n",
                rule, similarity, normalizedForward ? ", output ReLU(x.w/|w|)" : "", hebbianLr, hebbianEpochs));
        md.append(String.format(Locale.ROOT, "| Probe | dropout %s, learning rate %s |%n", probeDropout,
                probeHalvingFrom > 0 ? "1e-3 halved after every epoch from epoch " + probeHalvingFrom : "1e-3 constant"));
        md.append("| probes | softmax by SGD (Nesterov 0.9, lr 1e-3, L2 5e-4), early stopping as above, on the block's output after pooling and batch norm |\n");
        md.append("| seed | ").append(seed.value).append(" (one run per row) |\n");
        md.append(String.format(Locale.ROOT, "| wall time | %.1f min (2-core machine) |%n%n", seconds / 60));
        md.append(table(rows));
        md.append("\n`best / run`: the epoch with the best validation accuracy (the paper's epochs to convergence) and the "
                + "epochs trained (early stopping). Rows ending in H are Table 3 (top-layer retraining, SHC classifier).\n");
        return md.toString();
    }

    static String table(List<Row> rows) {
        StringBuilder t = new StringBuilder();
        t.append("| kind | pattern / layer | competition | paper (%) | ours (%) | ours - paper | validation (%) | best / run | Hebbian epochs | time (min) |\n");
        t.append("|---|---|---|---|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            String diff = Double.isNaN(r.paper) ? "n/a" : String.format(Locale.ROOT, "%+.2f", r.ours - r.paper);
            t.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %.2f | %s | %s | %d / %d | %d | %.1f |%n",
                    r.kind.equals("probe") ? "probe (Table 1)" : LaganiPaper.table(r.pattern), r.pattern, r.competition,
                    fmt(r.paper), r.ours, diff, Double.isNaN(r.validation) ? "n/a" : String.format(Locale.ROOT, "%.2f", r.validation),
                    r.bestEpoch, r.epochsRun, r.hebbianEpochs, r.seconds / 60));
        }
        return t.toString();
    }

    private static String fmt(double paper) {
        return Double.isNaN(paper) ? "n/a" : String.format(Locale.ROOT, "%.2f", paper);
    }

    /** Progress: one bar per epoch of each phase, on standard error. */
    private final class EpochProgress extends BaseTrainingListener implements HybridTraining.Progress {
        private final String label;
        private final int batches;
        private final int batchSize;
        private final int maxEpochs;
        private String phase = "";
        private int epoch = 1;
        private ProgressBar bar;

        EpochProgress(String label, int batches, int batchSize, int maxEpochs) {
            this.label = label;
            this.batches = batches;
            this.batchSize = batchSize;
            this.maxEpochs = maxEpochs;
        }

        @Override
        public void phase(String name) {
            phase = name;
            epoch = 1;
            bar = null;
            log.println("lagani: " + label + ": " + name + " phase");
        }

        @Override
        public void epoch(int finished) {
            epoch = finished + 1;
            bar = null;
        }

        @Override
        public void iterationDone(Model model, int iteration, int ep) {
            if (bar == null) {
                String of = phase.equals("hebbian") ? String.valueOf(hebbianEpochs) : "<=" + maxEpochs;
                bar = new ProgressBar(phase + " " + epoch + "/" + of, batches, batchSize);
            }
            bar.iterationDone(model, iteration, ep);
        }
    }
}
