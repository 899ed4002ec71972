package org.hebbian4j.rules;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.hebbian4j.competition.Competition;
import org.hebbian4j.competition.HardWta;
import org.hebbian4j.competition.KWta;
import org.hebbian4j.competition.RankKAntiHebbian;
import org.hebbian4j.conf.HebbianDenseLayer;
import org.hebbian4j.conf.HebbianOutputLayer;
import org.hebbian4j.registry.Components;
import org.hebbian4j.registry.RegisteredInstances;
import org.hebbian4j.rules.RuleTestSupport.Layout;
import org.hebbian4j.rules.RuleTestSupport.Prepared;
import org.hebbian4j.testutil.Matrices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.shade.jackson.databind.ObjectMapper;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The contract every {@link LearningRule} satisfies. A rule's test class extends this with the rule and
 * its naive form, and inherits the checks:
 * <ol>
 *   <li>the vectorized {@link LearningRule#update} equals the naive per-sample loop
 *       ({@link #naiveUpdate}, plain double arrays) times {@code scale}, on random signals: DOUBLE and
 *       FLOAT; one sample, one input, one neuron; scales 1, -0.5, -1, -0.02 and 0; the layouts a
 *       layer hands a rule ({@link Layout}), including W and {@code out} as views of DL4J's flat
 *       parameter and gradient rows, whose other entries the rule must leave alone; {@code out} is
 *       prefilled with NaN (it is overwritten) and every signal comes back bit for bit;</li>
 *   <li>the same under the winner-take-all competitions' sparse activity
 *       ({@link LocalSignals#sparseActivity()}), in a narrow layer and in one wide enough for the
 *       sparse path ({@code OuterProductTerms.sparseIsCheaper}), with repeated winners;</li>
 *   <li>zero input (x = 0, u = 0, y = 0) and zero weights give a finite update, the naive one;</li>
 *   <li>JSON through DL4J's shaded Jackson (as the interface type, and inside a
 *       {@link HebbianDenseLayer} or, for a supervised rule, {@link HebbianOutputLayer} network
 *       configuration, JSON and YAML), and Java serialization, give an equal rule whose update is the
 *       same bit for bit;</li>
 *   <li>the class is registered in {@link Components} once, under its {@link LearningRule#name()};
 *       every instance is re-created by {@link Components#rule} from its hyperparameters as text.</li>
 * </ol>
 * Every check runs on each of {@link #rules()} and on the rule's default instance in {@link Components}.
 * Supervised rules ({@link LearningRule#requiresTargets()}) get one-hot targets, stateful rules random
 * state vectors (uniform in [-0.5, 1.5)); a stateful rule's test extends {@link StatefulRuleContract},
 * which checks the state's change as well. The naive form sees the signals as the rule does, rounded to
 * the data type. {@code ContractCoverageTest} fails for a rule class without a test that extends this.
 *
 * @param <R> the rule class
 */
public abstract class LearningRuleContract<R extends LearningRule> {

    /** Absolute tolerance of DOUBLE updates against the naive form. */
    protected static final double DOUBLE_TOLERANCE = 1e-10;
    /** Absolute tolerance of FLOAT updates against the naive form. */
    protected static final double FLOAT_TOLERANCE = 1e-5;

    /**
     * The signals of one batch as plain arrays, for {@link #naiveUpdate}: x {@code [B][nIn]}, u (including
     * the bias, if any) and y {@code [B][nOut]}, W neuron-major {@code [nOut][nIn]}, t {@code [B][nOut]}
     * (null for an unsupervised rule), the state vectors by name (empty for a rule without state), and b
     * {@code [nOut]} (null when the signals carry no bias).
     */
    public record Signals(double[][] x, double[][] u, double[][] y, double[][] w, double[][] targets,
                          Map<String, double[]> state, double[] bias) {

        public int batchSize() {
            return x.length;
        }

        public int nIn() {
            return w[0].length;
        }

        public int nOut() {
            return w.length;
        }

        /** The state vector {@code name}. */
        public double[] state(String name) {
            double[] values = state.get(name);
            if (values == null) {
                throw new IllegalStateException("no state " + name + " among " + state.keySet());
            }
            return values;
        }
    }

    /** The rule with the hyperparameters worth covering (the registry's default is added). */
    protected abstract List<R> rules();

    /**
     * The rule's dW (without {@code scale}), neuron-major {@code [nOut][nIn]}, by plain loops over the
     * samples, neurons and inputs, as the rule's paper defines it.
     */
    protected abstract double[][] naiveUpdate(R rule, Signals s);

    /** Smallest number of neurons the rule is defined for (checks on smaller layers skip it). */
    protected int minimumNeurons(R rule) {
        return 1;
    }

    /**
     * A discrepancy between the rule and its naive form under {@code competition}'s sparse activity that
     * is known and reported but not yet fixed: the reason, which the sparse-activity check reports as its
     * skip; null (the default) for none. Not for tolerances: a rule that differs from its naive form is
     * a bug.
     */
    protected String knownDiscrepancyUnder(R rule, Competition competition) {
        return null;
    }

    /** Absolute tolerance against the naive form. */
    protected double tolerance(R rule, DataType dataType) {
        return dataType == DataType.DOUBLE ? DOUBLE_TOLERANCE : FLOAT_TOLERANCE;
    }

    /** {@link #rules()} and, for each of their classes, the default instance registered in {@link Components}. */
    public final List<R> instancesUnderTest() {
        return RegisteredInstances.withRegisteredDefaults(rules(), Components.Kind.RULE, getClass().getSimpleName());
    }

    // ---------------------------------------------------------------- signals

    static Stream<Arguments> updateCases() {
        return Stream.of(
                Arguments.of(Layout.PLAIN, DataType.DOUBLE, 1.0, 7, 11, 5),
                Arguments.of(Layout.LAYER_VIEWS, DataType.DOUBLE, 1.0, 7, 11, 5),
                Arguments.of(Layout.LAYER_VIEWS, DataType.DOUBLE, -0.5, 7, 11, 5),
                Arguments.of(Layout.PLAIN, DataType.DOUBLE, -0.5, 7, 11, 5),
                Arguments.of(Layout.PLAIN, DataType.DOUBLE, 0.0, 7, 11, 5),
                // Degenerate shapes: one neuron (the transposed gradient view is a [1, nIn] row),
                // one input, one sample, and one sample of one neuron.
                Arguments.of(Layout.LAYER_VIEWS, DataType.DOUBLE, -0.5, 7, 11, 1),
                Arguments.of(Layout.LAYER_VIEWS, DataType.DOUBLE, -0.5, 7, 1, 5),
                Arguments.of(Layout.LAYER_VIEWS, DataType.DOUBLE, -0.5, 1, 11, 5),
                Arguments.of(Layout.FLAT_VIEWS, DataType.DOUBLE, -1.0, 1, 11, 1),
                Arguments.of(Layout.PLAIN, DataType.FLOAT, -0.5, 7, 11, 5),
                Arguments.of(Layout.LAYER_VIEWS, DataType.FLOAT, -0.5, 7, 11, 5),
                Arguments.of(Layout.FLAT_VIEWS, DataType.DOUBLE, -1.0, 7, 11, 5),
                Arguments.of(Layout.FLAT_VIEWS, DataType.FLOAT, -0.02, 9, 13, 8),
                Arguments.of(Layout.FLAT_VIEWS, DataType.DOUBLE, -1.0, 40, 30, 24));
    }

    /** One random batch for {@code rule}: signals, targets if supervised, state if stateful, a bias by layout. */
    static Prepared randomBatch(LearningRule rule, long seed, Layout layout, DataType dataType,
                                        int batchSize, int nIn, int nOut) {
        Random random = new Random(seed);
        double[][] x = Matrices.gaussian(random, batchSize, nIn);
        double[][] w = Matrices.gaussian(random, nOut, nIn);
        // Independent of u, so that a rule that mixes up u and y cannot pass.
        double[][] y = Matrices.uniform(random, batchSize, nOut, -1.0, 2.0);
        double[] bias = bias(random, layout, nOut);
        return RuleTestSupport.prepare(layout, dataType, x, preActivation(x, w, bias), y, w, bias,
                targets(rule, random, batchSize, nOut), state(rule, random, nIn, nOut), null);
    }

    /** No bias for plain signals, a zero bias as a layer without one hands it, a random one for flat views. */
    private static double[] bias(Random random, Layout layout, int nOut) {
        return switch (layout) {
            case PLAIN -> null;
            case LAYER_VIEWS -> new double[nOut];
            case FLAT_VIEWS -> Matrices.uniform(random, 1, nOut, -0.25, 0.25)[0];
        };
    }

    /** u = x W^T + b. */
    private static double[][] preActivation(double[][] x, double[][] w, double[] bias) {
        double[][] u = Matrices.multiply(x, Matrices.transpose(w));
        if (bias != null) {
            for (double[] row : u) {
                for (int i = 0; i < row.length; i++) {
                    row[i] += bias[i];
                }
            }
        }
        return u;
    }

    /** One-hot targets for a supervised rule, else null. */
    private static double[][] targets(LearningRule rule, Random random, int batchSize, int nOut) {
        if (!rule.requiresTargets()) {
            return null;
        }
        double[][] t = new double[batchSize][nOut];
        for (double[] row : t) {
            row[random.nextInt(nOut)] = 1.0;
        }
        return t;
    }

    /** Random values of a stateful rule's state vectors, uniform in [-0.5, 1.5); empty for other rules. */
    private static Map<String, double[]> state(LearningRule rule, Random random, int nIn, int nOut) {
        Map<String, double[]> state = new LinkedHashMap<>();
        if (rule instanceof StatefulRule stateful) {
            for (RuleState s : stateful.stateVariables()) {
                state.put(s.name(), Matrices.uniform(random, 1, (int) s.length(nIn, nOut), -0.5, 1.5)[0]);
            }
        }
        return state;
    }

    static Signals naiveSignals(Prepared p) {
        return new Signals(p.x(), p.u(), p.y(), p.w(), p.targets(), p.state(), p.bias());
    }

    static long seed(Object... parts) {
        return Arrays.deepToString(parts).hashCode();
    }

    /** The instances defined for a layer of {@code nOut} neurons. */
    List<R> fitting(int nOut) {
        return instancesUnderTest().stream().filter(r -> minimumNeurons(r) <= nOut).toList();
    }

    /** Element-wise {@code |expected - actual| <= tolerance}, naming the first offending element. */
    static void assertClose(double[][] expected, double[][] actual, double tolerance, String context) {
        assertEquals(expected.length, actual.length, context + ": rows");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i].length, actual[i].length, context + ": columns");
            for (int j = 0; j < expected[i].length; j++) {
                double diff = Math.abs(expected[i][j] - actual[i][j]);
                if (!(diff <= tolerance)) {
                    fail(context + ": element (" + i + ", " + j + ") expected " + expected[i][j] + " but was "
                            + actual[i][j] + " (|diff| = " + diff + " > " + tolerance + ")");
                }
            }
        }
    }

    private static boolean allFinite(double[][] m) {
        return Arrays.stream(m).flatMapToDouble(Arrays::stream).allMatch(Double::isFinite);
    }

    // ---------------------------------------------------------------- 1. update = naive loop

    @ParameterizedTest(name = "{0} {1} scale={2} B={3} nIn={4} nOut={5}")
    @MethodSource("updateCases")
    void updateEqualsTheNaiveLoop(Layout layout, DataType dataType, double scale, int batchSize, int nIn, int nOut) {
        List<R> rules = fitting(nOut);
        assumeTrue(!rules.isEmpty(), "no instance is defined for " + nOut + " neurons");
        for (R rule : rules) {
            String context = rule + ", " + layout + " " + dataType + " scale " + scale + " B " + batchSize + " nIn "
                    + nIn + " nOut " + nOut;
            Prepared p = randomBatch(rule, seed(layout, dataType, batchSize, nIn, nOut), layout, dataType, batchSize,
                    nIn, nOut);

            double[][] written = p.update(rule, scale, context);

            assertClose(RuleTestSupport.scaled(naiveUpdate(rule, naiveSignals(p)), scale), written,
                    tolerance(rule, dataType), context);
        }
    }

    // ---------------------------------------------------------------- 2. sparse activity

    static Stream<Arguments> sparseCases() {
        List<Arguments> all = new ArrayList<>();
        Competition[] competitions = {new HardWta(), new KWta(3), new RankKAntiHebbian(2, 0.4),
                new RankKAntiHebbian(4, 0.25)};
        int[][] shapes = {{12, 7, 9}, {10, 6, 300}};   // B, nIn, nOut: narrow, and wide enough for the sparse path
        Object[][] layouts = {{Layout.PLAIN, DataType.DOUBLE}, {Layout.FLAT_VIEWS, DataType.DOUBLE},
                {Layout.FLAT_VIEWS, DataType.FLOAT}, {Layout.LAYER_VIEWS, DataType.FLOAT}};
        for (Competition c : competitions) {
            for (int[] shape : shapes) {
                for (Object[] layout : layouts) {
                    all.add(Arguments.of(c, shape[0], shape[1], shape[2], layout[0], layout[1]));
                }
            }
        }
        return all.stream();
    }

    /**
     * Under a winner-take-all competition the layer hands the rule the activity's sparse form as well:
     * the update must stay the naive one, computed from the dense activity. Samples 0-3 are equal, so
     * that winners repeat.
     */
    @ParameterizedTest(name = "{0} B={1} nIn={2} nOut={3} {4} {5}")
    @MethodSource("sparseCases")
    void updateWithTheSparseActivityOfAWinnerTakeAllCompetitionEqualsTheNaiveLoop(
            Competition competition, int batchSize, int nIn, int nOut, Layout layout, DataType dataType) {
        List<R> rules = fitting(nOut);
        assumeTrue(!rules.isEmpty(), "no instance is defined for " + nOut + " neurons");
        List<String> known = new ArrayList<>();
        for (R rule : rules) {
            String discrepancy = knownDiscrepancyUnder(rule, competition);
            if (discrepancy != null) {
                known.add(rule + " under " + competition + ": " + discrepancy);
                continue;
            }
            String context = rule + " under " + competition + ", " + layout + " " + dataType + " nOut " + nOut;
            Random random = new Random(seed(competition, batchSize, nIn, nOut, layout, dataType));
            double[][] x = Matrices.gaussian(random, batchSize, nIn);
            for (int b = 1; b < 4; b++) {
                x[b] = x[0].clone();
            }
            double[][] w = Matrices.gaussian(random, nOut, nIn);
            double[] bias = bias(random, layout, nOut);
            Prepared p = RuleTestSupport.prepare(layout, dataType, x, preActivation(x, w, bias), null, w, bias,
                    targets(rule, random, batchSize, nOut), state(rule, random, nIn, nOut), competition);
            assertTrue(p.signals().sparseActivity() != null, context);

            double[][] written = p.update(rule, -0.3, context);

            assertClose(RuleTestSupport.scaled(naiveUpdate(rule, naiveSignals(p)), -0.3), written,
                    tolerance(rule, dataType), context);
        }
        assumeTrue(known.isEmpty(), () -> "KNOWN DISCREPANCY (any other instances were checked): " + known);
    }

    // ---------------------------------------------------------------- 3. zero input, zero weights

    static Stream<Arguments> zeroCases() {
        return Stream.of(Arguments.of("input", DataType.DOUBLE), Arguments.of("input", DataType.FLOAT),
                Arguments.of("weights", DataType.DOUBLE), Arguments.of("weights", DataType.FLOAT));
    }

    /** x = 0 (so u = 0, and y = 0 as well), or W = 0 (so u = 0): a finite update, the naive one. */
    @ParameterizedTest(name = "zero {0}, {1}")
    @MethodSource("zeroCases")
    void zeroInputOrZeroWeightsGiveAFiniteUpdateEqualToTheNaiveLoop(String zero, DataType dataType) {
        int batchSize = 6;
        int nIn = 5;
        int nOut = 8;
        List<R> rules = fitting(nOut);
        assumeTrue(!rules.isEmpty(), "no instance is defined for " + nOut + " neurons");
        for (R rule : rules) {
            String context = rule + ", zero " + zero + ", " + dataType;
            Random random = new Random(seed(zero, dataType));
            boolean zeroInput = zero.equals("input");
            double[][] x = zeroInput ? new double[batchSize][nIn] : Matrices.gaussian(random, batchSize, nIn);
            double[][] w = zeroInput ? Matrices.gaussian(random, nOut, nIn) : new double[nOut][nIn];
            double[][] y = zeroInput ? new double[batchSize][nOut] : Matrices.uniform(random, batchSize, nOut, 0, 1);
            Prepared p = RuleTestSupport.prepare(Layout.LAYER_VIEWS, dataType, x, new double[batchSize][nOut], y, w,
                    new double[nOut], targets(rule, random, batchSize, nOut), state(rule, random, nIn, nOut), null);

            double[][] written = p.update(rule, -1.0, context);

            assertTrue(allFinite(written), context + ": update not finite: " + Arrays.deepToString(written));
            assertClose(RuleTestSupport.scaled(naiveUpdate(rule, naiveSignals(p)), -1.0), written,
                    tolerance(rule, dataType), context);
        }
    }

    // ---------------------------------------------------------------- 4. serialization

    /** A network configuration with the rule in the layer that takes it. */
    private static MultiLayerConfiguration configurationWith(LearningRule rule) {
        Layer layer = rule.requiresTargets()
                ? new HebbianOutputLayer.Builder().nIn(12).nOut(16).rule(rule).build()
                : new HebbianDenseLayer.Builder().nIn(12).nOut(16).rule(rule)
                .normalizeWeights(rule.requiresNormalizedWeights()).build();
        return new NeuralNetConfiguration.Builder().list().layer(layer).build();
    }

    private static LearningRule ruleOf(MultiLayerConfiguration conf) {
        Layer layer = conf.getConf(0).getLayer();
        return layer instanceof HebbianOutputLayer output ? output.getRule()
                : assertInstanceOf(HebbianDenseLayer.class, layer).getRule();
    }

    private static Object javaRoundTrip(Object o) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return in.readObject();
        }
    }

    /**
     * As DL4J serializes it (the interface type with its mapper; a layer in a network configuration,
     * JSON and YAML) and by Java serialization, the rule comes back equal, of its class, and with the
     * same update bit for bit.
     */
    @Test
    void serializedRuleIsEqualAndGivesTheSameUpdate() throws Exception {
        ObjectMapper mapper = NeuralNetConfiguration.mapper();
        for (R rule : instancesUnderTest()) {
            String json = mapper.writerFor(LearningRule.class).writeValueAsString(rule);
            assertTrue(json.contains(rule.getClass().getName()), "JSON names the class: " + json);
            MultiLayerConfiguration conf = configurationWith(rule);
            MultiLayerConfiguration fromJson = MultiLayerConfiguration.fromJson(conf.toJson());
            MultiLayerConfiguration fromYaml = MultiLayerConfiguration.fromYaml(conf.toYaml());
            assertEquals(conf, fromJson, rule + ": configuration JSON round trip");
            assertEquals(conf, fromYaml, rule + ": configuration YAML round trip");
            Map<String, LearningRule> copies = new LinkedHashMap<>();
            copies.put("interface JSON " + json, mapper.readValue(json, LearningRule.class));
            copies.put("layer configuration JSON", ruleOf(fromJson));
            copies.put("layer configuration YAML", ruleOf(fromYaml));
            copies.put("Java serialization", (LearningRule) javaRoundTrip(rule));

            int nOut = Math.max(5, minimumNeurons(rule));
            double[][] original = randomBatch(rule, 3, Layout.LAYER_VIEWS, DataType.DOUBLE, 7, 11, nOut)
                    .update(rule, -1.0, rule.toString());
            for (Map.Entry<String, LearningRule> e : copies.entrySet()) {
                String context = rule + ", " + e.getKey();
                LearningRule copy = e.getValue();
                assertEquals(rule, copy, context);
                assertEquals(rule.getClass(), copy.getClass(), context);
                assertEquals(rule.hashCode(), copy.hashCode(), context);
                double[][] again = randomBatch(copy, 3, Layout.LAYER_VIEWS, DataType.DOUBLE, 7, 11, nOut)
                        .update(copy, -1.0, context);
                assertClose(original, again, 0.0, context + ": update of the copy");
            }
        }
    }

    // ---------------------------------------------------------------- 5. registry

    /**
     * The class is registered in {@link Components} once, under the rule's name; that name gives an
     * instance of the class, and the name with the instance's hyperparameters as text gives the instance.
     */
    @Test
    void isRegisteredInComponentsUnderItsNameWithHyperparametersSettableAsText() {
        for (R rule : instancesUnderTest()) {
            List<String> names = Components.defaults(Components.Kind.RULE).entrySet().stream()
                    .filter(e -> e.getValue().getClass() == rule.getClass()).map(Map.Entry::getKey).toList();
            assertEquals(List.of(rule.name()), names, rule + ": registered once, under its name");
            assertInstanceOf(rule.getClass(), Components.rule(rule.name(), Map.of()));
            assertEquals(rule, Components.rule(rule.name(), asText(rule)),
                    rule + ": from its hyperparameters as text");
        }
    }

    /** A component's hyperparameters as the text the command line gives them. */
    static Map<String, String> asText(Object component) {
        Map<String, String> text = new LinkedHashMap<>();
        Components.hyperparameters(component).forEach((name, value) ->
                text.put(name, value instanceof Enum<?> e ? e.name() : String.valueOf(value)));
        return text;
    }
}
