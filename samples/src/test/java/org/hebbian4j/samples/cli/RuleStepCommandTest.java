package org.hebbian4j.samples.cli;

import org.hebbian4j.samples.support.ComponentChoice;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.hebbian4j.competition.Competition;
import org.hebbian4j.competition.SoftWta;
import org.hebbian4j.conf.HebbianDenseLayer;
import org.hebbian4j.data.NpyFile;
import org.hebbian4j.homeostasis.AdaptiveThreshold;
import org.hebbian4j.homeostasis.Homeostasis;
import org.hebbian4j.registry.Components;
import org.hebbian4j.rules.HebbNetRule;
import org.hebbian4j.rules.LearningRule;
import org.hebbian4j.rules.LocalSignals;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code hebbian4j rule-step}: its dW and state are what a real fit step of a HebbianDenseLayer
 * does; the listing; errors (exit code 1 and a one-line message naming what is wrong).
 */
public class RuleStepCommandTest {

    private static final int N_IN = 10;
    private static final int N_OUT = 6;
    private static final int BATCH = 16;
    private static final double LEARNING_RATE = 0.05;

    @TempDir
    Path dir;

    private static INDArray random(long seed, DataType type, long... shape) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.randn(type, shape);
    }

    private Path save(String name, INDArray array) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        NpyFile.write(file, array);
        return file;
    }

    /** Writes x, w, b; returns the file arguments of rule-step. */
    private List<String> writeInputs(DataType type) throws IOException {
        Nd4j.getRandom().setSeed(1);
        INDArray x = Nd4j.rand(type, BATCH, N_IN);
        save("x.npy", x);
        save("w.npy", random(2, type, N_OUT, N_IN).divi(3));
        save("b.npy", random(3, type, N_OUT).muli(0.05));
        return new ArrayList<>(List.of("--x", dir.resolve("x.npy").toString(), "--w", dir.resolve("w.npy").toString(),
                "--b", dir.resolve("b.npy").toString()));
    }

    private static CliHarness.Run ruleStep(List<String> files, String options, Path out) {
        List<String> args = new ArrayList<>(List.of("rule-step"));
        args.addAll(files);
        args.addAll(List.of(options.split(" ")));
        args.addAll(List.of("--out", out.toString()));
        return CliHarness.run(args.toArray(String[]::new));
    }

    private static double maxAbsDifference(INDArray a, INDArray b) {
        return a.castTo(DataType.DOUBLE).sub(b.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
    }

    /**
     * One fit() step of a real network (HebbianDenseLayer + softmax output, Sgd(lr)) from the same
     * W, b and state: W moves by exactly lr * dw.npy (then the layer's unit norm or growth factor,
     * which rule-step leaves out) and every state becomes the written one.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "--rule hebb --competition kwta --set winners=3",
            "--rule sanger --competition none",
            "--rule krotov --set rankK=3",
            "--rule hebbnet --competition relu --homeostasis threshold --set rate=0.5 --set sparsity=0.5",
            "--rule liuson --competition relu --set averageMomentum=0.9",
            "--rule oja --competition softmax --homeostasis growth --set homeostasis.averageMomentum=0.5"})
    void oneFitStepOfARealLayerMovesWeightsByLearningRateTimesDwAndStateToTheWrittenState(String options) throws Exception {
        List<String> files = writeInputs(DataType.DOUBLE);
        Map<String, String> settings = new LinkedHashMap<>();
        String[] tokens = options.split(" ");
        for (int i = 0; i < tokens.length; i++) {
            if (tokens[i].equals("--set")) {
                String[] kv = tokens[++i].split("=", 2);
                settings.put(kv[0], kv[1]);
            }
        }
        ComponentChoice choice = new ComponentChoice(option(tokens, "--rule", null), option(tokens, "--competition", "none"),
                option(tokens, "--homeostasis", "none"), settings);
        LearningRule rule = choice.createRule();
        Competition competition = choice.createCompetition();
        Homeostasis homeostasis = choice.createHomeostasis();
        List<SingleStep.StateSpec> specs = SingleStep.states(rule, homeostasis, N_IN, N_OUT);
        long seed = 10;
        Files.createDirectories(dir.resolve("state-in"));
        for (SingleStep.StateSpec spec : specs) {
            save("state-in/" + spec.name() + ".npy", Nd4j.rand(DataType.DOUBLE, spec.length()).muli(0.3)
                    .addi(random(seed++, DataType.DOUBLE, spec.length()).muli(0.01)));
        }
        files.addAll(List.of("--state-in", dir.resolve("state-in").toString()));
        Path out = dir.resolve("out");

        CliHarness.Run run = ruleStep(files, options, out);
        assertEquals(0, run.exitCode(), run.err());

        INDArray w = NpyFile.read(dir.resolve("w.npy"));
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(5)
                .dataType(DataType.DOUBLE).updater(new Sgd(LEARNING_RATE)).list()
                .layer(new HebbianDenseLayer.Builder().nIn(N_IN).nOut(N_OUT).rule(rule).competition(competition)
                        .homeostasis(homeostasis).normalizeWeights(rule.requiresNormalizedWeights())
                        .activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(N_OUT).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        Layer layer = net.getLayer(0);
        layer.setParam("W", w.transpose());
        layer.setParam("b", NpyFile.read(dir.resolve("b.npy")).reshape(1, N_OUT));
        for (SingleStep.StateSpec spec : specs) {
            layer.setParam(spec.name(), NpyFile.read(dir.resolve("state-in/" + spec.name() + ".npy")).reshape(1, N_OUT));
        }
        INDArray labels = Nd4j.zeros(DataType.DOUBLE, BATCH, 3);
        for (int s = 0; s < BATCH; s++) {
            labels.putScalar(s, s % 3, 1.0);
        }
        net.fit(new DataSet(NpyFile.read(dir.resolve("x.npy")), labels));

        INDArray dw = NpyFile.read(out.resolve("dw.npy"));
        assertTrue(dw.amaxNumber().doubleValue() > 1e-3, "a measurable update");
        INDArray expected = w.add(dw.mul(LEARNING_RATE));
        if (rule.requiresNormalizedWeights()) {
            expected.diviColumnVector(expected.norm2(true, 1));
        }
        INDArray factors = homeostasis.enabled()
                ? homeostasis.weightScale(NpyFile.read(out.resolve("theta.npy")).reshape(1, N_OUT)) : null;
        if (factors != null) {
            expected.muliColumnVector(factors.reshape(N_OUT, 1));
        }
        INDArray actual = layer.getParam("W").transpose();
        assertTrue(maxAbsDifference(expected, actual) <= 1e-12,
                "W after fit = W + lr dW: max difference " + maxAbsDifference(expected, actual));
        if (!rule.requiresNormalizedWeights() && factors == null) {
            assertEquals(0.0, maxAbsDifference(expected, actual), "bit for bit: the same arithmetic as DL4J's Sgd step");
        }
        for (SingleStep.StateSpec spec : specs) {
            INDArray written = NpyFile.read(out.resolve(spec.name() + ".npy"));
            assertEquals(0.0, maxAbsDifference(written.reshape(1, N_OUT), layer.getParam(spec.name())),
                    spec.name() + " after the step, bit for bit");
            assertTrue(run.out().contains("state " + spec.name() + ": read from"), run.out());
        }
    }

    private static String option(String[] tokens, String name, String fallback) {
        for (int i = 0; i + 1 < tokens.length; i++) {
            if (tokens[i].equals(name)) {
                return tokens[i + 1];
            }
        }
        return fallback;
    }

    @Test
    void theDirectStepBuildsTheSameSignalsAsTheLayer() throws IOException {
        INDArray x = Nd4j.rand(DataType.DOUBLE, BATCH, N_IN);
        INDArray w = random(2, DataType.DOUBLE, N_OUT, N_IN).divi(3);
        INDArray b = random(3, DataType.DOUBLE, N_OUT).muli(0.05);
        Map<String, INDArray> state = Map.of(SingleStep.THETA, random(4, DataType.DOUBLE, N_OUT).muli(0.1),
                HebbNetRule.AVERAGE_STATE, Nd4j.rand(DataType.DOUBLE, N_OUT).muli(0.3));
        SingleStep.Inputs in = new SingleStep.Inputs(x, w, b, null, state);
        LearningRule rule = new HebbNetRule(0.5, 0.9);
        Competition competition = new SoftWta(0.5);
        Homeostasis homeostasis = new AdaptiveThreshold(0.5);

        SingleStep.Result layer = SingleStep.throughLayer(rule, competition, homeostasis, in);
        SingleStep.Result direct = SingleStep.direct(rule, competition, homeostasis, in);

        assertTrue(maxAbsDifference(layer.dW(), direct.dW()) <= 1e-14, "dW");
        assertEquals(layer.state().keySet(), direct.state().keySet());
        for (String name : layer.state().keySet()) {
            assertTrue(maxAbsDifference(layer.state().get(name), direct.state().get(name)) <= 1e-14, name);
        }
    }

    /** A supervised test rule: {@code dw_ij = (t_i - y_i) x_j}, batch mean (the delta rule). */
    private record DeltaRule() implements LearningRule {
        @Override
        public void update(LocalSignals s, INDArray out, double scale) {
            out.assign(s.targets().sub(s.activity()).transpose().mmul(s.input()).muli(scale / s.batchSize()));
        }

        @Override
        public boolean requiresTargets() {
            return true;
        }

        @Override
        public String name() {
            return "delta";
        }
    }

    @Test
    void aSupervisedRuleReceivesTheTargets() {
        // x = [[1, 2]], W = [[1, 0], [0, 1]], b = 0: u = y = [1, 2]; t = [0, 3]: t - y = [-1, 1];
        // dW = (t - y)^T x = [[-1, -2], [1, 2]]
        INDArray x = Nd4j.create(new double[][]{{1, 2}});
        INDArray w = Nd4j.create(new double[][]{{1, 0}, {0, 1}});
        INDArray t = Nd4j.create(new double[][]{{0, 3}});
        SingleStep.Result r = SingleStep.run(new DeltaRule(), Components.competition("none", Map.of()),
                Components.homeostasis("none", Map.of()), new SingleStep.Inputs(x, w, Nd4j.zeros(DataType.DOUBLE, 2), t, Map.of()));
        assertArrayEquals(new double[][]{{-1, -2}, {1, 2}}, r.dW().toDoubleMatrix());
    }

    @Test
    void stateStartsAtItsInitialValueUnlessReadAndTheOutputOfOneStepIsTheStateOfTheNext() throws IOException {
        List<String> files = writeInputs(DataType.DOUBLE);
        Path first = dir.resolve("first");
        CliHarness.Run run = ruleStep(files, "--rule hebbnet --competition relu --homeostasis threshold --set rate=1", first);
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("state hebbnetAverage: initial value 0.0 (no --state-in)"), run.out());
        assertTrue(run.out().contains("state theta: initial value 0.0"), run.out());

        Files.delete(first.resolve("theta.npy"));
        List<String> chained = new ArrayList<>(files);
        chained.addAll(List.of("--state-in", first.toString()));
        Path second = dir.resolve("second");
        run = ruleStep(chained, "--rule hebbnet --competition relu --homeostasis threshold --set rate=1", second);
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("state hebbnetAverage: read from " + first.resolve("hebbnetAverage.npy")), run.out());
        assertTrue(run.out().contains("state theta: initial value 0.0 (no " + first.resolve("theta.npy") + ")"), run.out());
        assertTrue(run.out().contains("wrote " + second.resolve("dw.npy") + " (6, 10) float64"), run.out());
        INDArray average1 = NpyFile.read(first.resolve("hebbnetAverage.npy"));
        INDArray average2 = NpyFile.read(second.resolve("hebbnetAverage.npy"));
        assertEquals(1, average2.rank());
        // Same batch twice: T2 - T1 = m (T1 - T0) with T0 = 0, m = 0.99.
        assertTrue(maxAbsDifference(average2.sub(average1), average1.mul(0.99)) < 1e-15);
        assertFalse(dir.resolve("second").resolve("liusonAverage.npy").toFile().exists());
    }

    @Test
    void precisionDefaultsToThatOfWAndDtypeOverridesIt() throws IOException {
        List<String> files = writeInputs(DataType.FLOAT);
        CliHarness.Run run = ruleStep(files, "--rule oja", dir.resolve("f"));
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(DataType.FLOAT, NpyFile.read(dir.resolve("f").resolve("dw.npy")).dataType());

        run = ruleStep(files, "--rule oja --dtype float64", dir.resolve("d"));
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(DataType.DOUBLE, NpyFile.read(dir.resolve("d").resolve("dw.npy")).dataType());
        assertTrue(maxAbsDifference(NpyFile.read(dir.resolve("f").resolve("dw.npy")),
                NpyFile.read(dir.resolve("d").resolve("dw.npy"))) < 1e-5);
    }

    @Test
    void jsonSummaryNamesTheFilesWritten() throws IOException {
        List<String> files = writeInputs(DataType.DOUBLE);
        CliHarness.Run run = ruleStep(files, "--rule liuson --competition relu --json", dir.resolve("o"));
        assertEquals(0, run.exitCode(), run.err());
        JsonNode json = new ObjectMapper().readTree(run.lastLine());
        assertEquals("liuson(temperature=1.0, averageMomentum=0.99)", json.get("rule").asText());
        assertEquals("float64", json.get("dtype").asText());
        assertEquals(BATCH, json.get("batch").asInt());
        assertEquals(dir.resolve("o").resolve("dw.npy").toString(), json.get("files").get("dw").asText());
        assertEquals("initial", json.get("state_in").get("liusonAverage").asText());
        JsonNode record = json.get("run");
        assertTrue(record.get("command").asText().startsWith("hebbian4j rule-step"), record.toString());
        assertTrue(record.get("data").asText().contains("x.npy"), record.toString());
        assertEquals(record, new ObjectMapper().readTree(dir.resolve("o").resolve("run.json").toFile()),
                "the output directory holds the run record");
    }

    // ---- --list ----

    @Test
    void listPrintsEveryComponentWithItsHyperparametersAndDefaults() {
        CliHarness.Run run = CliHarness.run("rule-step", "--list");
        assertEquals(0, run.exitCode(), run.err());
        for (Components.Kind kind : Components.Kind.values()) {
            for (Map.Entry<String, ?> e : Components.defaults(kind).entrySet()) {
                String line = run.out().lines().filter(l -> l.strip().split("\\s+")[0].equals(e.getKey()))
                        .filter(l -> l.startsWith("  ")).findFirst().orElse(null);
                assertTrue(line != null, kind + " " + e.getKey() + " listed:\n" + run.out());
                if (e.getKey().equals("hebbian-descent")) {
                    // Its own path (the layer's activation and centering, MSE): checked below.
                    assertTrue(line.contains("activation=sigmoid centering=off"), line);
                    continue;
                }
                Components.hyperparameters(e.getValue()).forEach((k, v) ->
                        assertTrue(line.contains(k + "=" + v), line + " shows " + k + "=" + v));
            }
        }
        assertTrue(run.out().contains("[state hebbnetAverage.npy: nOut values, initially 0.0]"), run.out());
        assertTrue(run.out().contains("[state theta.npy"), run.out());
    }

    @Test
    void listJsonIsOneObjectWithEveryComponentItsHyperparametersAndState() throws IOException {
        CliHarness.Run run = CliHarness.run("rule-step", "--list", "--json");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(1, run.out().strip().lines().count(), run.out());
        JsonNode json = new ObjectMapper().readTree(run.out());
        Map<Components.Kind, String> sections = Map.of(Components.Kind.RULE, "rules",
                Components.Kind.COMPETITION, "competitions", Components.Kind.HOMEOSTASIS, "homeostasis");
        for (Components.Kind kind : Components.Kind.values()) {
            JsonNode section = json.get(sections.get(kind));
            // Rules list hebbian-descent with the layer's settings: it has its own path in rule-step.
            assertEquals(Components.defaults(kind).size(), section.size(), kind.toString());
            if (kind == Components.Kind.RULE) {
                assertTrue(section.get("hebbian-descent").get("supervised").asBoolean());
                assertEquals("sigmoid", section.get("hebbian-descent").get("hyperparameters").get("activation").asText());
            }
            for (Map.Entry<String, ?> e : Components.defaults(kind).entrySet()) {
                if (e.getKey().equals("hebbian-descent")) {
                    continue;
                }
                JsonNode hyper = section.get(e.getKey()).get("hyperparameters");
                Map<String, Object> expected = Components.hyperparameters(e.getValue());
                assertEquals(expected.size(), hyper.size(), e.getKey());
                expected.forEach((k, v) -> assertEquals(v.toString(), hyper.get(k).asText(), e.getKey() + "." + k));
            }
        }
        assertEquals(7, json.get("rules").get("krotov").get("hyperparameters").get("rankK").asInt());
        assertEquals(3.0, json.get("rules").get("krotov").get("hyperparameters").get("lebesgueP").asDouble());
        assertEquals("hebbnetAverage", json.get("rules").get("hebbnet").get("state").get(0).get("name").asText());
        assertEquals("nOut", json.get("rules").get("hebbnet").get("state").get(0).get("length").asText());
        assertFalse(json.get("rules").get("hebb").get("supervised").asBoolean());
        assertEquals("theta", json.get("homeostasis").get("threshold").get("state").get(0).get("name").asText());
        assertEquals(0, json.get("homeostasis").get("none").get("state").size());
    }

    // ---- errors: exit code 1, one line naming what is wrong ----

    private static void assertFailsWithOneLine(CliHarness.Run run, String... parts) {
        assertEquals(1, run.exitCode(), run.out() + run.err());
        List<String> lines = run.err().strip().lines().toList();
        assertEquals(2, lines.size(), "one error line and the --verbose hint: " + run.err());
        assertTrue(lines.get(0).startsWith("hebbian4j: error: "), run.err());
        for (String part : parts) {
            assertTrue(lines.get(0).contains(part), "\"" + part + "\" in: " + lines.get(0));
        }
    }

    @Test
    void xAndWOfDifferentInputSizesAreRejectedNamingBothShapes() throws IOException {
        save("x.npy", Nd4j.rand(DataType.DOUBLE, 8, 10));
        save("w.npy", Nd4j.rand(DataType.DOUBLE, 6, 12));
        List<String> files = List.of("--x", dir.resolve("x.npy").toString(), "--w", dir.resolve("w.npy").toString());
        assertFailsWithOneLine(ruleStep(files, "--rule hebb", dir.resolve("o")),
                "shape mismatch", "x.npy has shape (8, 10)", "w.npy has shape (6, 12)");
        assertFalse(Files.exists(dir.resolve("o")), "nothing written");
    }

    @Test
    void badInputsEndWithExitCodeOneAndAOneLineMessage() throws IOException {
        List<String> files = writeInputs(DataType.DOUBLE);
        Path out = dir.resolve("o");
        assertFailsWithOneLine(ruleStep(files, "--rule nope", out), "unknown rule 'nope'", "hebb", "liuson");
        assertFailsWithOneLine(ruleStep(files, "--rule hebb --competition best", out), "unknown competition 'best'");
        assertFailsWithOneLine(ruleStep(files, "--rule hebb --set temperature=2", out), "temperature");
        assertFailsWithOneLine(ruleStep(files, "--rule hebb --competition softmax --set temperature=0", out),
                "temperature");
        assertFailsWithOneLine(ruleStep(files, "--rule hebb --competition kwta --set winners=7", out), "winners", "nOut = 6");
        assertFailsWithOneLine(ruleStep(files, "--rule hebb --dtype float16", out), "--dtype", "float16");
        assertFailsWithOneLine(CliHarness.run("rule-step", "--rule", "hebb", "--w", files.get(3), "--out", out.toString()),
                "missing --x");

        Path missing = dir.resolve("missing.npy");
        List<String> missingX = new ArrayList<>(files);
        missingX.set(1, missing.toString());
        assertFailsWithOneLine(ruleStep(missingX, "--rule hebb", out), "--x", "not found", missing.toString());

        Path text = dir.resolve("text.npy");
        Files.writeString(text, "1,2,3\n");
        List<String> textW = new ArrayList<>(files);
        textW.set(3, text.toString());
        assertFailsWithOneLine(ruleStep(textW, "--rule hebb", out), "--w", text.toString(), "not a .npy file");

        save("b7.npy", Nd4j.zeros(DataType.DOUBLE, 7));
        List<String> badB = new ArrayList<>(files);
        badB.set(5, dir.resolve("b7.npy").toString());
        assertFailsWithOneLine(ruleStep(badB, "--rule hebb", out), "b7.npy has shape (7,)", "(6,)");

        save("bad-state/hebbnetAverage.npy", Nd4j.zeros(DataType.DOUBLE, 5));
        List<String> badState = new ArrayList<>(files);
        badState.addAll(List.of("--state-in", dir.resolve("bad-state").toString()));
        assertFailsWithOneLine(ruleStep(badState, "--rule hebbnet --competition relu", out),
                "hebbnetAverage.npy has shape (5,)", "(6,)", "nOut = 6");

        List<String> noDir = new ArrayList<>(files);
        noDir.addAll(List.of("--state-in", dir.resolve("no-such-dir").toString()));
        assertFailsWithOneLine(ruleStep(noDir, "--rule hebb", out), "no-such-dir", "no such directory");

        List<String> withTargets = new ArrayList<>(files);
        withTargets.addAll(List.of("--targets", dir.resolve("x.npy").toString()));
        assertFailsWithOneLine(ruleStep(withTargets, "--rule oja", out), "--targets", "unsupervised");
        assertFalse(Files.exists(out), "nothing written");
    }
}
