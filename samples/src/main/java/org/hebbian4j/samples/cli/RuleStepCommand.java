package org.hebbian4j.samples.cli;

import org.hebbian4j.samples.support.ComponentChoice;
import org.hebbian4j.samples.support.JsonLine;
import org.hebbian4j.samples.support.OutputOptions;
import org.hebbian4j.samples.support.RunRecord;

import org.hebbian4j.competition.Competition;
import org.hebbian4j.data.NpyFile;
import org.hebbian4j.util.AtomicFiles;
import org.hebbian4j.homeostasis.Homeostasis;
import org.hebbian4j.registry.Components;
import org.hebbian4j.rules.LearningRule;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
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
 * {@code hebbian4j rule-step}: one update step of any rule and competition (and homeostasis) on
 * arrays read from NumPy {@code .npy} files; writes dW and the new state as {@code .npy}, so that
 * Hebbian4j can be compared with other implementations number for number.
 *
 * <p>dW ({@code dw.npy}, W's shape {@code [nOut, nIn]}) is exactly what one {@code fit} step with
 * {@code Sgd(lr)} adds to W, divided by lr: the rule's batch mean (Krotov-Hopfield: normalized by
 * max|dW|), computed by the layer's own backward pass ({@link SingleStep}). Conventions:
 * docs/rules.md, section "Cross-checking with NumPy".
 */
@Command(name = "rule-step", mixinStandardHelpOptions = true,
        description = {"Apply ONE update step of a rule + competition (+ homeostasis) to arrays from NumPy .npy files "
                + "and write dW (and the new state) as .npy, to compare Hebbian4j with other code number for number.",
                "dW = what one fit step with Sgd(lr) adds to W, divided by lr; W is neuron-major (nOut x nIn)."})
public class RuleStepCommand implements Callable<Integer> {

    @Option(names = "--rule", paramLabel = "NAME", description = "Learning rule (see --list).")
    String rule;

    @Option(names = "--competition", paramLabel = "NAME", defaultValue = "none",
            description = "Competition that maps u to the rule's y (see --list). Default: ${DEFAULT-VALUE}.")
    String competition;

    @Option(names = "--homeostasis", paramLabel = "NAME", defaultValue = "none",
            description = "Homeostasis; its state is theta.npy (see --list). Default: ${DEFAULT-VALUE}.")
    String homeostasis;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "A hyperparameter of the rule, competition or homeostasis (repeatable; prefix with rule., "
                    + "competition. or homeostasis. if ambiguous).")
    Map<String, String> settings = new LinkedHashMap<>();

    @Option(names = "--x", paramLabel = "FILE", description = "Input x, (batch, nIn).")
    Path x;

    @Option(names = "--w", paramLabel = "FILE", description = "Weights W, (nOut, nIn), row i = neuron i.")
    Path w;

    @Option(names = "--b", paramLabel = "FILE", description = "Bias b, (nOut,). Default: zeros.")
    Path b;

    @Option(names = "--targets", paramLabel = "FILE", description = "Targets t, (batch, nOut), for supervised rules.")
    Path targets;

    @Option(names = "--state-in", paramLabel = "DIR",
            description = "Directory with the state before the step as <state>.npy (theta.npy, hebbnetAverage.npy, ...); "
                    + "missing files start at their initial values.")
    Path stateIn;

    @Option(names = "--dtype", paramLabel = "float32|float64",
            description = "Precision of the computation and of the output files. Default: that of w.npy "
                    + "(float64 unless w.npy is float32).")
    String dtype;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory: dw.npy and the new state <state>.npy.")
    Path out;

    @Option(names = "--list", description = "List every rule, competition and homeostasis with its hyperparameters and "
            + "defaults (with --json: as one JSON object).")
    boolean list;

    @Mixin
    OutputOptions output = new OutputOptions();

    @Override
    public Integer call() throws Exception {
        RunRecord run = output.startRun();
        if (list) {
            System.out.println(output.json ? JsonLine.of(run.with(ComponentListing.asMap())) : ComponentListing.asText());
            return 0;
        }
        require(rule, "--rule");
        require(x, "--x");
        require(w, "--w");
        require(out, "--out");
        run = run.data("x " + x + ", W " + w + (b == null ? "" : ", b " + b) + (targets == null ? "" : ", targets " + targets)
                + (stateIn == null ? "" : ", state from " + stateIn));
        if (HEBBIAN_DESCENT.equals(rule)) {
            return hebbianDescent(run);
        }
        ComponentChoice choice = new ComponentChoice(rule, competition, homeostasis, settings);
        choice.checkSettings();
        LearningRule ruleInstance = choice.createRule();
        Competition competitionInstance = choice.createCompetition();
        Homeostasis homeostasisInstance = choice.createHomeostasis();
        if (stateIn != null && !Files.isDirectory(stateIn)) {
            throw new IOException("--state-in " + stateIn + ": no such directory");
        }

        DataType dataType = dataType();
        INDArray weights = read("--w", w, dataType);
        INDArray inputs = read("--x", x, dataType);
        checkShapes(inputs, weights);
        long nOut = weights.rows();
        long nIn = weights.columns();
        long batch = inputs.rows();
        competitionInstance.validateFor(nOut, "--competition " + competition);
        INDArray bias = b == null ? Nd4j.zeros(dataType, nOut) : read("--b", b, dataType);
        if (bias.length() != nOut || bias.rank() > 2) {
            throw new IllegalArgumentException("shape mismatch: --b " + b + " has shape " + NpyFile.shapeText(bias.shape())
                    + " but --w " + w + " has shape " + NpyFile.shapeText(weights.shape()) + ": b must be (" + nOut + ",)");
        }
        INDArray targetArray = readTargets(ruleInstance, dataType, batch, nOut);

        System.out.printf(Locale.ROOT, "rule-step: rule %s, competition %s, homeostasis %s, %s%n",
                Components.describe(ruleInstance.name(), ruleInstance),
                Components.describe(competitionInstance.name(), competitionInstance),
                Components.describe(homeostasisInstance.name(), homeostasisInstance), dtypeName(dataType));
        System.out.printf(Locale.ROOT, "x %s, W %s (nOut = %d, nIn = %d), b %s%n", NpyFile.shapeText(inputs.shape()),
                NpyFile.shapeText(weights.shape()), nOut, nIn, b == null ? "zeros" : b.toString());

        Map<String, INDArray> stateBefore = new LinkedHashMap<>();
        Map<String, Object> stateSources = new LinkedHashMap<>();
        for (SingleStep.StateSpec spec : SingleStep.states(ruleInstance, homeostasisInstance, nIn, nOut)) {
            Path file = stateIn == null ? null : stateIn.resolve(spec.name() + ".npy");
            if (file != null && Files.exists(file)) {
                INDArray value = read("--state-in", file, dataType);
                if (value.length() != spec.length() || value.rank() > 2) {
                    throw new IllegalArgumentException("--state-in " + file + " has shape " + NpyFile.shapeText(value.shape())
                            + " but state " + spec.name() + " needs (" + spec.length() + ",), one value per "
                            + (spec.axis().equals("nOut") ? "neuron" : "input") + " (" + spec.axis() + " = " + spec.length() + ")");
                }
                stateBefore.put(spec.name(), value);
                stateSources.put(spec.name(), file.toString());
                System.out.printf(Locale.ROOT, "state %s: read from %s%n", spec.name(), file);
            } else {
                stateBefore.put(spec.name(), Nd4j.valueArrayOf(new long[]{spec.length()}, spec.initialValue(), dataType));
                stateSources.put(spec.name(), "initial");
                System.out.printf(Locale.ROOT, "state %s: initial value %s (%s)%n", spec.name(), spec.initialValue(),
                        file == null ? "no --state-in" : "no " + file);
            }
        }

        SingleStep.Result result = SingleStep.run(ruleInstance, competitionInstance, homeostasisInstance,
                new SingleStep.Inputs(inputs, weights, bias, targetArray, stateBefore));

        Map<String, Object> files = new LinkedHashMap<>();
        Path dwFile = out.resolve("dw.npy");
        write(dwFile, result.dW());
        files.put("dw", dwFile.toString());
        System.out.printf(Locale.ROOT, "wrote %s %s %s, max |dW| = %.6g%n", dwFile, NpyFile.shapeText(result.dW().shape()),
                dtypeName(dataType), result.dW().length() == 0 ? 0.0 : result.dW().amaxNumber().doubleValue());
        for (Map.Entry<String, INDArray> e : result.state().entrySet()) {
            Path file = out.resolve(e.getKey() + ".npy");
            write(file, e.getValue());
            files.put(e.getKey(), file.toString());
            System.out.printf(Locale.ROOT, "wrote %s %s (state after the step)%n", file, NpyFile.shapeText(e.getValue().shape()));
        }
        run.write(out);
        if (output.json) {
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("rule", Components.describe(ruleInstance.name(), ruleInstance));
            summary.put("competition", Components.describe(competitionInstance.name(), competitionInstance));
            summary.put("homeostasis", Components.describe(homeostasisInstance.name(), homeostasisInstance));
            summary.put("dtype", dtypeName(dataType));
            summary.put("batch", batch);
            summary.put("n_in", nIn);
            summary.put("n_out", nOut);
            summary.put("state_in", stateSources);
            summary.put("files", files);
            output.print(run.with(summary));
        }
        return 0;
    }

    private static void require(Object value, String option) {
        if (value == null) {
            throw new IllegalArgumentException("missing " + option + " (see 'hebbian4j rule-step --help'; "
                    + "--list shows the rules and competitions)");
        }
    }

    private DataType dataType() throws IOException {
        if (dtype == null) {
            NpyFile.Header header = readHeader(w);
            return header.elementType() == NpyFile.ElementType.FLOAT32 ? DataType.FLOAT : DataType.DOUBLE;
        }
        return switch (dtype.toLowerCase(Locale.ROOT)) {
            case "float32" -> DataType.FLOAT;
            case "float64" -> DataType.DOUBLE;
            default -> throw new IllegalArgumentException("--dtype must be float32 or float64, got '" + dtype + "'");
        };
    }

    private static String dtypeName(DataType dataType) {
        return dataType == DataType.FLOAT ? "float32" : "float64";
    }

    private static NpyFile.Header readHeader(Path file) throws IOException {
        try {
            return NpyFile.readHeader(file);
        } catch (IOException e) {
            throw new IOException("--w: " + e.getMessage(), e);
        }
    }

    private static INDArray read(String option, Path file, DataType dataType) throws IOException {
        try {
            return NpyFile.read(file, dataType);
        } catch (IOException e) {
            throw new IOException(option + ": " + e.getMessage(), e);
        }
    }

    private void checkShapes(INDArray inputs, INDArray weights) {
        if (weights.rank() != 2) {
            throw new IllegalArgumentException("--w " + w + " has shape " + NpyFile.shapeText(weights.shape())
                    + "; W must be 2-D (nOut, nIn), row i = neuron i");
        }
        if (inputs.rank() != 2 || inputs.columns() != weights.columns()) {
            throw new IllegalArgumentException("shape mismatch: --x " + x + " has shape " + NpyFile.shapeText(inputs.shape())
                    + " but --w " + w + " has shape " + NpyFile.shapeText(weights.shape()) + ": x must be (batch, nIn) = "
                    + "(batch, " + weights.columns() + ")");
        }
        if (inputs.rows() == 0 || weights.rows() == 0 || weights.columns() == 0) {
            throw new IllegalArgumentException("empty arrays: --x " + x + " has shape " + NpyFile.shapeText(inputs.shape())
                    + ", --w " + w + " has shape " + NpyFile.shapeText(weights.shape()) + "; need batch, nOut, nIn >= 1");
        }
    }

    private INDArray readTargets(LearningRule ruleInstance, DataType dataType, long batch, long nOut) throws IOException {
        if (!ruleInstance.requiresTargets()) {
            if (targets != null) {
                throw new IllegalArgumentException("--targets given, but rule '" + ruleInstance.name()
                        + "' is unsupervised and uses no targets");
            }
            return null;
        }
        if (targets == null) {
            throw new IllegalArgumentException("rule '" + ruleInstance.name() + "' is supervised: it needs --targets (batch, nOut)");
        }
        INDArray t = read("--targets", targets, dataType);
        if (t.rank() != 2 || t.rows() != batch || t.columns() != nOut) {
            throw new IllegalArgumentException("shape mismatch: --targets " + targets + " has shape "
                    + NpyFile.shapeText(t.shape()) + " but needs (batch, nOut) = (" + batch + ", " + nOut + ")");
        }
        return t;
    }

    /** Hebbian descent is a layer (it needs the loss), not a registered rule: its own path. */
    static final String HEBBIAN_DESCENT = "hebbian-descent";

    private int hebbianDescent(RunRecord run) throws IOException {
        if (!"none".equals(competition) || !"none".equals(homeostasis)) {
            throw new IllegalArgumentException("hebbian-descent takes no --competition or --homeostasis");
        }
        for (String key : settings.keySet()) {
            if (!key.equals(HebbianDescentStep.ACTIVATION) && !key.equals(HebbianDescentStep.CENTERING)) {
                throw new IllegalArgumentException("hebbian-descent has no hyperparameter '" + key + "'; it has: "
                        + HebbianDescentStep.ACTIVATION + ", " + HebbianDescentStep.CENTERING);
            }
        }
        String activation = settings.getOrDefault(HebbianDescentStep.ACTIVATION, "sigmoid");
        double centering = Double.NaN;
        if (settings.containsKey(HebbianDescentStep.CENTERING)) {
            try {
                centering = Double.parseDouble(settings.get(HebbianDescentStep.CENTERING));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("hebbian-descent: centering must be a momentum in [0, 1], got '"
                        + settings.get(HebbianDescentStep.CENTERING) + "'");
            }
        }
        DataType dataType = dataType();
        INDArray weights = read("--w", w, dataType);
        INDArray inputs = read("--x", x, dataType);
        checkShapes(inputs, weights);
        long nOut = weights.rows();
        long nIn = weights.columns();
        INDArray bias = b == null ? Nd4j.zeros(dataType, nOut) : read("--b", b, dataType);
        if (targets == null) {
            throw new IllegalArgumentException("rule 'hebbian-descent' is supervised: it needs --targets (batch, nOut)");
        }
        INDArray t = read("--targets", targets, dataType);
        if (t.rank() != 2 || t.rows() != inputs.rows() || t.columns() != nOut) {
            throw new IllegalArgumentException("shape mismatch: --targets " + targets + " has shape "
                    + NpyFile.shapeText(t.shape()) + " but needs (batch, nOut) = (" + inputs.rows() + ", " + nOut + ")");
        }
        INDArray mu = null;
        if (!Double.isNaN(centering)) {
            Path file = stateIn == null ? null : stateIn.resolve("mu.npy");
            mu = file != null && Files.exists(file) ? read("--state-in", file, dataType) : Nd4j.zeros(dataType, nIn);
            if (mu.length() != nIn) {
                throw new IllegalArgumentException("--state-in mu.npy has " + mu.length() + " values, needs nIn = " + nIn);
            }
            System.out.printf(Locale.ROOT, "state mu: %s%n", file != null && Files.exists(file) ? "read from " + file : "initial 0");
        }
        HebbianDescentStep.Result result = HebbianDescentStep.run(inputs, weights, bias, t, activation, centering, mu);
        Map<String, Object> files = new LinkedHashMap<>();
        write(out.resolve("dw.npy"), result.dW());
        files.put("dw", out.resolve("dw.npy").toString());
        write(out.resolve("db.npy"), result.dB());
        files.put("db", out.resolve("db.npy").toString());
        if (result.mu() != null) {
            write(out.resolve("mu.npy"), result.mu());
            files.put("mu", out.resolve("mu.npy").toString());
        }
        System.out.printf(Locale.ROOT, "rule-step: hebbian-descent (activation %s, MSE%s): wrote %s%n", activation,
                Double.isNaN(centering) ? "" : ", centering " + centering, files.values());
        run.write(out);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("rule", HEBBIAN_DESCENT);
        summary.put("files", files);
        output.print(run.with(summary));
        return 0;
    }

    private static void write(Path file, INDArray array) throws IOException {
        AtomicFiles.write(file, stream -> NpyFile.write(stream, array));
    }

    /** The listing of {@code --list}. */
    static final class ComponentListing {

        private ComponentListing() {
        }

        private static final Map<Components.Kind, String> TITLES = Map.of(
                Components.Kind.RULE, "rules", Components.Kind.COMPETITION, "competitions",
                Components.Kind.HOMEOSTASIS, "homeostasis");

        /** kind title to name to {hyperparameters, state}. */
        static Map<String, Object> asMap() {
            Map<String, Object> all = new LinkedHashMap<>();
            for (Components.Kind kind : Components.Kind.values()) {
                Map<String, Object> byName = new LinkedHashMap<>();
                for (Map.Entry<String, ?> e : Components.defaults(kind).entrySet()) {
                    if (HEBBIAN_DESCENT.equals(e.getKey())) {
                        continue;   // its own path, listed below
                    }
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("hyperparameters", Components.hyperparameters(e.getValue()));
                    entry.put("state", states(e.getValue()).stream().map(s -> Map.of("name", s.name(),
                            "length", s.axis(), "initial", s.initialValue())).toList());
                    if (e.getValue() instanceof LearningRule r) {
                        entry.put("supervised", r.requiresTargets());
                    }
                    byName.put(e.getKey(), entry);
                }
                if (kind == Components.Kind.RULE) {
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("class", "org.hebbian4j.rules.HebbianDescentRule");
                    entry.put("layer", "org.hebbian4j.conf.HebbianOutputLayer");
                    entry.put("hyperparameters", Map.of(HebbianDescentStep.ACTIVATION, "sigmoid",
                            HebbianDescentStep.CENTERING, "off"));
                    entry.put("state", List.of(Map.of("name", "mu", "length", "nIn", "initialValue", 0.0)));
                    entry.put("supervised", true);
                    byName.put(HEBBIAN_DESCENT, entry);
                }
                all.put(TITLES.get(kind), byName);
            }
            return all;
        }

        static String asText() {
            StringBuilder sb = new StringBuilder();
            for (Components.Kind kind : Components.Kind.values()) {
                sb.append(switch (kind) {
                    case RULE -> "Rules (--rule NAME)";
                    case COMPETITION -> "Competitions (--competition NAME)";
                    case HOMEOSTASIS -> "Homeostasis (--homeostasis NAME)";
                }).append(", hyperparameters with their defaults (--set KEY=VALUE):\n");
                for (Map.Entry<String, ?> e : Components.defaults(kind).entrySet()) {
                    if (HEBBIAN_DESCENT.equals(e.getKey())) {
                        continue;   // its own path, listed below
                    }
                    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %-14s", e.getKey()));
                    Components.hyperparameters(e.getValue()).forEach((k, v) -> line.append(' ').append(k).append('=').append(v));
                    for (SingleStep.StateSpec s : states(e.getValue())) {
                        line.append("  [state ").append(s.name()).append(".npy: ").append(s.axis())
                                .append(" values, initially ").append(s.initialValue()).append(']');
                    }
                    if (e.getValue() instanceof LearningRule r && r.requiresTargets()) {
                        line.append("  [supervised: needs --targets]");
                    }
                    sb.append(line.toString().stripTrailing()).append('\n');
                }
                if (kind == Components.Kind.RULE) {
                    sb.append(String.format(Locale.ROOT, "  %-14s", HEBBIAN_DESCENT))
                            .append(" activation=sigmoid centering=off (a momentum in [0, 1])  [HebbianOutputLayer with"
                                    + " HebbianDescentRule, MSE; supervised: needs --targets; writes db.npy; state mu.npy: nIn values with"
                                    + " centering, initially 0.0]\n");
                }
            }
            return sb.toString().stripTrailing();
        }

        private static List<SingleStep.StateSpec> states(Object component) {
            if (component instanceof LearningRule r) {
                return SingleStep.states(r, Components.homeostasis("none", Map.of()), 1, 1);
            }
            if (component instanceof Homeostasis h) {
                return SingleStep.states(Components.rule("hebb", Map.of()), h, 1, 1);
            }
            return List.of();
        }
    }
}
