package org.hebbian4j.competition;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.hebbian4j.conf.HebbianDenseLayer;
import org.hebbian4j.registry.Components;
import org.hebbian4j.registry.RegisteredInstances;
import org.hebbian4j.testutil.Matrices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
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

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The contract every {@link Competition} satisfies. A competition's test class extends this with the
 * competition and its naive form (one row of u to one row of y, by plain loops), and inherits the checks:
 * <ol>
 *   <li>{@link Competition#compete} equals the naive form row by row, on random pre-activations with an
 *       all-zero row, a row of equal values, an all-negative row and a tie for the maximum: DOUBLE and
 *       FLOAT; u in 'c' and 'f' order and as a strided view of a bigger array; one sample, one neuron, wide
 *       rows; y has u's shape and data type, and u (and the array around it) comes back bit for bit;
 *       where {@link Competition#competeSparse} lists the activity, its {@code dense()} is
 *       {@code compete(u)} exactly and its entries (distinct columns per row) give the same matrix;</li>
 *   <li>{@link Competition#validateFor} accepts exactly the widths {@code compete} works on, and its
 *       message starts with the layer it is given;</li>
 *   <li>JSON through DL4J's shaded Jackson (as the interface type, and inside a {@link HebbianDenseLayer}
 *       network configuration, JSON and YAML), and Java serialization, give an equal competition
 *       with the same activity bit for bit;</li>
 *   <li>the class is registered in {@link Components} once, under its {@link Competition#name()}; every
 *       instance is re-created by {@link Components#competition} from its hyperparameters as text.</li>
 * </ol>
 * Every check runs on each of {@link #competitions()} and on the default instance in {@link Components}.
 * The naive form sees u as the competition does, rounded to the data type; its result is rounded to the
 * data type before the comparison. {@code ContractCoverageTest} fails for a competition class without a
 * test that extends this.
 *
 * @param <C> the competition class
 */
public abstract class CompetitionContract<C extends Competition> {

    /** Absolute tolerance of DOUBLE activities against the naive form. */
    protected static final double DOUBLE_TOLERANCE = 1e-12;
    /** Absolute tolerance of FLOAT activities against the naive form. */
    protected static final double FLOAT_TOLERANCE = 1e-6;

    /** How u is laid out in memory. */
    public enum Input {
        /** A 'c'-order array. */
        C,
        /** An 'f'-order array (DL4J's pre-activations). */
        F,
        /** The interior block of a bigger 'c'-order array: rows strided, not contiguous. */
        VIEW
    }

    /** The competition with the hyperparameters worth covering (the registry's default is added). */
    protected abstract List<C> competitions();

    /** The activity of one sample, by plain loops: y for the pre-activations u of one row. */
    protected abstract double[] naive(C competition, double[] u);

    /**
     * Absolute tolerance against the naive form (0 for a competition whose activity is exact, such as a
     * selection of winners).
     */
    protected double tolerance(C competition, DataType dataType) {
        return dataType == DataType.DOUBLE ? DOUBLE_TOLERANCE : FLOAT_TOLERANCE;
    }

    /** {@link #competitions()} and, for each of their classes, the default instance registered in {@link Components}. */
    public final List<C> instancesUnderTest() {
        return RegisteredInstances.withRegisteredDefaults(competitions(), Components.Kind.COMPETITION, getClass().getSimpleName());
    }

    /** The naive activity of every row. */
    public final double[][] naive(C competition, double[][] u) {
        double[][] y = new double[u.length][];
        for (int b = 0; b < u.length; b++) {
            y[b] = naive(competition, u[b].clone());
            assertEquals(u[b].length, y[b].length, "naive activity of row " + b);
        }
        return y;
    }

    // ---------------------------------------------------------------- u

    static Stream<Arguments> competeCases() {
        List<Arguments> all = new ArrayList<>();
        int[][] shapes = {{40, 9}, {1, 9}, {40, 1}, {7, 300}};
        for (DataType type : new DataType[]{DataType.DOUBLE, DataType.FLOAT}) {
            for (Input input : Input.values()) {
                for (int[] shape : shapes) {
                    all.add(Arguments.of(type, input, shape[0], shape[1]));
                }
            }
        }
        return all.stream();
    }

    /**
     * Uniform in [-2, 3), with (when the shape has room) row 0 all zero, row 1 all 1.5, row 2 all
     * negative, and row 3 tied for its maximum 3.5 at its first and last neuron.
     */
    static double[][] randomPreActivations(long seed, int rows, int neurons) {
        Random random = new Random(seed);
        double[][] u = Matrices.uniform(random, rows, neurons, -2, 3);
        if (rows >= 4) {
            Arrays.fill(u[0], 0.0);
            Arrays.fill(u[1], 1.5);
            u[2] = Matrices.uniform(random, 1, neurons, -3, -0.1)[0];
            u[3][0] = 3.5;
            u[3][neurons - 1] = 3.5;
        }
        return u;
    }

    /** u laid out as {@code input}; for {@link Input#VIEW} the bigger array is returned as well. */
    private record Laid(INDArray u, INDArray whole) {

        static Laid of(double[][] values, DataType type, Input input) {
            if (input != Input.VIEW) {
                INDArray u = Matrices.array(values, type, input == Input.C ? 'c' : 'f');
                return new Laid(u, u);
            }
            int rows = values.length;
            int cols = values[0].length;
            double[][] bigger = Matrices.uniform(new Random(99), rows + 3, cols + 4, -9, 9);
            for (int b = 0; b < rows; b++) {
                System.arraycopy(values[b], 0, bigger[b + 1], 2, cols);
            }
            INDArray whole = Matrices.array(bigger, type, 'c');
            INDArray u = whole.get(NDArrayIndex.interval(1, rows + 1), NDArrayIndex.interval(2, cols + 2));
            assertTrue(u.isView(), "u is a view of the bigger array");
            return new Laid(u, whole);
        }
    }

    /** Whether {@code validateFor} accepts {@code neurons}. */
    private static boolean fits(Competition competition, long neurons) {
        try {
            competition.validateFor(neurons, "contract");
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static long seed(Object... parts) {
        return Arrays.deepToString(parts).hashCode();
    }

    /** The naive activity rounded to the data type, as the competition's result holds it. */
    private double[][] expected(C competition, double[][] u, DataType type) {
        double[][] y = naive(competition, u);
        if (type == DataType.FLOAT) {
            for (double[] row : y) {
                for (int i = 0; i < row.length; i++) {
                    row[i] = (float) row[i];
                }
            }
        }
        return y;
    }

    static void assertClose(double[][] expected, double[][] actual, double tolerance, String context) {
        assertEquals(expected.length, actual.length, context + ": rows");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i].length, actual[i].length, context + ": columns");
            for (int j = 0; j < expected[i].length; j++) {
                double diff = Math.abs(expected[i][j] - actual[i][j]);
                if (!(diff <= tolerance) && !(expected[i][j] == actual[i][j])) {
                    fail(context + ": element (" + i + ", " + j + ") expected " + expected[i][j] + " but was "
                            + actual[i][j] + " (|diff| = " + diff + " > " + tolerance + ")");
                }
            }
        }
    }

    /** Runs {@code compete}, checks y's shape and type and that u and the array around it are unchanged. */
    private static INDArray compete(Competition competition, Laid laid, String context) {
        double[][] before = Matrices.values(laid.whole());
        INDArray y = competition.compete(laid.u());
        assertArrayEquals(laid.u().shape(), y.shape(), context + ": shape of y");
        assertEquals(laid.u().dataType(), y.dataType(), context + ": data type of y");
        double[][] after = Matrices.values(laid.whole());
        for (int i = 0; i < before.length; i++) {
            assertArrayEquals(before[i], after[i], 0.0, context + ": u modified (row " + i + ")");
        }
        return y;
    }

    // ---------------------------------------------------------------- 1. compete = naive loop

    @ParameterizedTest(name = "{0} {1} B={2} n={3}")
    @MethodSource("competeCases")
    void competeEqualsTheNaiveLoop(DataType type, Input input, int rows, int neurons) {
        List<C> fitting = instancesUnderTest().stream().filter(c -> fits(c, neurons)).toList();
        assumeTrue(!fitting.isEmpty(), "no instance is defined for " + neurons + " neurons");
        double[][] u = randomPreActivations(seed(type, input, rows, neurons), rows, neurons);
        for (C competition : fitting) {
            String context = competition + ", " + type + " " + input + " B " + rows + " n " + neurons;
            Laid laid = Laid.of(u, type, input);
            double[][] seen = Matrices.values(laid.u());
            double[][] before = Matrices.values(laid.whole());

            INDArray y = compete(competition, laid, context);

            assertClose(expected(competition, seen, type), Matrices.values(y), tolerance(competition, type), context);
            SparseActivity sparse = competition.competeSparse(laid.u());
            if (sparse != null) {
                assertListsExactly(Matrices.values(y), sparse, laid, context + ", competeSparse");
            }
            assertClose(before, Matrices.values(laid.whole()), 0.0, context + ": u modified by competeSparse");
        }
    }

    /**
     * The sparse activity's {@code dense()} is y exactly, and its entries (distinct columns in range)
     * describe the same matrix; u was not modified.
     */
    private static void assertListsExactly(double[][] y, SparseActivity s, Laid laid, String context) {
        int rows = y.length;
        int neurons = y[0].length;
        assertEquals(rows, s.rows(), context + ": rows");
        assertEquals(neurons, s.neurons(), context + ": neurons");
        assertEquals(laid.u().dataType(), s.values().dataType(), context + ": data type of the values");
        double[][] dense = Matrices.values(s.dense());
        assertClose(y, dense, 0.0, context + ": dense() is compete(u)");
        double[][] fromEntries = new double[rows][neurons];
        for (int b = 0; b < rows; b++) {
            Set<Long> columns = new HashSet<>();
            for (int e = 0; e < s.entriesPerRow(); e++) {
                long column = s.columns().getLong(b, e);
                assertTrue(column >= 0 && column < neurons && columns.add(column),
                        context + ": row " + b + " lists column " + column + " outside the row or twice");
                fromEntries[b][(int) column] = s.values().getDouble(b, e);
            }
        }
        assertClose(fromEntries, dense, 0.0, context + ": the listed entries");
    }

    // ---------------------------------------------------------------- 2. validateFor

    /** {@code validateFor(n)} passes exactly for the widths n that {@code compete} accepts. */
    @Test
    void validateForAcceptsExactlyTheWidthsCompeteWorksOn() {
        for (C competition : instancesUnderTest()) {
            for (int neurons = 1; neurons <= 12; neurons++) {
                INDArray u = Matrices.array(randomPreActivations(neurons, 3, neurons), DataType.DOUBLE, 'c');
                String context = competition + ", n " + neurons;
                try {
                    competition.validateFor(neurons, "layer 3 (\"contract\")");
                } catch (IllegalArgumentException refused) {
                    assertTrue(refused.getMessage().startsWith("layer 3 (\"contract\")"),
                            context + ": the message names the layer: " + refused.getMessage());
                    assertThrows(IllegalArgumentException.class, () -> competition.compete(u),
                            context + ": refused by validateFor but accepted by compete");
                    continue;
                }
                competition.compete(u);
            }
        }
    }

    // ---------------------------------------------------------------- 3. serialization

    private static MultiLayerConfiguration configurationWith(Competition competition) {
        return new NeuralNetConfiguration.Builder().list()
                .layer(new HebbianDenseLayer.Builder().nIn(12).nOut(32).competition(competition).build()).build();
    }

    private static Competition competitionOf(MultiLayerConfiguration conf) {
        return assertInstanceOf(HebbianDenseLayer.class, conf.getConf(0).getLayer()).getCompetition();
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
     * JSON and YAML) and by Java serialization, the competition comes back equal, of its class, and with
     * the same activity bit for bit.
     */
    @Test
    void serializedCompetitionIsEqualAndGivesTheSameActivity() throws Exception {
        ObjectMapper mapper = NeuralNetConfiguration.mapper();
        double[][] u = randomPreActivations(5, 20, 12);
        for (C competition : instancesUnderTest()) {
            String json = mapper.writerFor(Competition.class).writeValueAsString(competition);
            assertTrue(json.contains(competition.getClass().getName()), "JSON names the class: " + json);
            MultiLayerConfiguration conf = configurationWith(competition);
            MultiLayerConfiguration fromJson = MultiLayerConfiguration.fromJson(conf.toJson());
            MultiLayerConfiguration fromYaml = MultiLayerConfiguration.fromYaml(conf.toYaml());
            assertEquals(conf, fromJson, competition + ": configuration JSON round trip");
            assertEquals(conf, fromYaml, competition + ": configuration YAML round trip");
            Map<String, Competition> copies = new LinkedHashMap<>();
            copies.put("interface JSON " + json, mapper.readValue(json, Competition.class));
            copies.put("layer configuration JSON", competitionOf(fromJson));
            copies.put("layer configuration YAML", competitionOf(fromYaml));
            copies.put("Java serialization", (Competition) javaRoundTrip(competition));

            double[][] original = Matrices.values(competition.compete(Matrices.array(u, DataType.DOUBLE, 'f')));
            for (Map.Entry<String, Competition> e : copies.entrySet()) {
                String context = competition + ", " + e.getKey();
                Competition copy = e.getValue();
                assertEquals(competition, copy, context);
                assertEquals(competition.getClass(), copy.getClass(), context);
                assertEquals(competition.hashCode(), copy.hashCode(), context);
                assertClose(original, Matrices.values(copy.compete(Matrices.array(u, DataType.DOUBLE, 'f'))), 0.0,
                        context + ": activity of the copy");
            }
        }
    }

    // ---------------------------------------------------------------- 4. registry

    /**
     * The class is registered in {@link Components} once, under the competition's name; that name gives
     * an instance of the class, and the name with the instance's hyperparameters as text gives the instance.
     */
    @Test
    void isRegisteredInComponentsUnderItsNameWithHyperparametersSettableAsText() {
        for (C competition : instancesUnderTest()) {
            List<String> names = Components.defaults(Components.Kind.COMPETITION).entrySet().stream()
                    .filter(e -> e.getValue().getClass() == competition.getClass()).map(Map.Entry::getKey).toList();
            assertEquals(List.of(competition.name()), names, competition + ": registered once, under its name");
            assertInstanceOf(competition.getClass(), Components.competition(competition.name(), Map.of()));
            Map<String, String> text = new LinkedHashMap<>();
            Components.hyperparameters(competition).forEach((name, value) ->
                    text.put(name, value instanceof Enum<?> en ? en.name() : String.valueOf(value)));
            assertEquals(competition, Components.competition(competition.name(), text),
                    competition + ": from its hyperparameters as text");
        }
    }
}
