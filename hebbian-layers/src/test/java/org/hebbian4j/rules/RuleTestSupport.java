package org.hebbian4j.rules;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.hebbian4j.competition.Competition;
import org.hebbian4j.testutil.Matrices;
import org.junit.jupiter.params.provider.Arguments;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.databind.ObjectMapper;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.hebbian4j.testutil.Matrices.assertMatrixEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the tests of every learning rule share: array layouts, random signals, JSON round trip. */
final class RuleTestSupport {

    static final double DOUBLE_TOLERANCE = 1e-10;
    static final double FLOAT_TOLERANCE = 1e-5;

    private RuleTestSupport() {
    }

    /** How the arrays handed to a rule are laid out in memory. */
    enum Layout {
        /** {@code out} a fresh 'f'-order {@code [nOut, nIn]} array, W, x, u, y plain 'c'-order arrays. */
        PLAIN,
        /**
         * As {@code HebbianDenseLayerImpl} calls a rule: {@code out} and W the transposed ('c'-order)
         * views of 'f'-order {@code [nIn, nOut]} arrays, x (DL4J activations), u and y 'f'-order.
         */
        LAYER_VIEWS
    }

    /** Random signals of one batch: u = x W^T, and an activity y drawn independently of u. */
    record Batch(double[][] x, double[][] u, double[][] y, double[][] w) {

        static Batch random(long seed, int batchSize, int nIn, int nOut) {
            Random random = new Random(seed);
            double[][] x = Matrices.gaussian(random, batchSize, nIn);
            double[][] w = Matrices.gaussian(random, nOut, nIn);
            double[][] u = Matrices.multiply(x, Matrices.transpose(w));
            // Independent of u, so that a rule that mixes up u and y cannot pass.
            double[][] y = Matrices.uniform(random, batchSize, nOut, -1.0, 2.0);
            return new Batch(x, u, y, w);
        }
    }

    /** Cases for "vectorized == naive loop": layout, data type, scale, B, nIn, nOut, tolerance. */
    static Stream<Arguments> layoutCases() {
        return Stream.of(
                Arguments.of(Layout.PLAIN, DataType.DOUBLE, 1.0, 7, 11, 5, DOUBLE_TOLERANCE),
                Arguments.of(Layout.LAYER_VIEWS, DataType.DOUBLE, 1.0, 7, 11, 5, DOUBLE_TOLERANCE),
                Arguments.of(Layout.LAYER_VIEWS, DataType.DOUBLE, -0.5, 7, 11, 5, DOUBLE_TOLERANCE),
                Arguments.of(Layout.PLAIN, DataType.DOUBLE, -0.5, 7, 11, 5, DOUBLE_TOLERANCE),
                // Degenerate shapes: one neuron (the transposed gradient view is a [1, nIn] row),
                // one input, one sample.
                Arguments.of(Layout.LAYER_VIEWS, DataType.DOUBLE, -0.5, 7, 11, 1, DOUBLE_TOLERANCE),
                Arguments.of(Layout.LAYER_VIEWS, DataType.DOUBLE, -0.5, 7, 1, 5, DOUBLE_TOLERANCE),
                Arguments.of(Layout.LAYER_VIEWS, DataType.DOUBLE, -0.5, 1, 11, 5, DOUBLE_TOLERANCE),
                Arguments.of(Layout.PLAIN, DataType.FLOAT, -0.5, 7, 11, 5, FLOAT_TOLERANCE),
                Arguments.of(Layout.LAYER_VIEWS, DataType.FLOAT, -0.5, 7, 11, 5, FLOAT_TOLERANCE));
    }

    /**
     * Runs {@code rule.update} on the batch laid out as {@code layout}, with {@code out} prefilled
     * with NaN (the contract says it is overwritten: neither added to nor scaled by 0), checks that
     * the signals were not modified, and returns {@code out}.
     */
    static INDArray update(LearningRule rule, Batch batch, Layout layout, DataType dataType, double scale) {
        return update(rule, batch, Map.of(), layout, dataType, scale);
    }

    /**
     * As {@link #update(LearningRule, Batch, Layout, DataType, double)}, handing the rule the given
     * state vectors (each as a {@code [1, n]} array), which must come back unmodified as well.
     */
    static INDArray update(LearningRule rule, Batch batch, Map<String, double[]> state, Layout layout,
                           DataType dataType, double scale) {
        return update(rule, batch, state, null, layout, dataType, scale);
    }

    /**
     * As {@link #update(LearningRule, Batch, Layout, DataType, double)} for a supervised rule: hands
     * it the targets t {@code [B, nOut]} (laid out as y), which must come back unmodified as well.
     */
    static INDArray update(LearningRule rule, Batch batch, double[][] targets, Layout layout,
                           DataType dataType, double scale) {
        return update(rule, batch, Map.of(), targets, layout, dataType, scale);
    }

    private static INDArray update(LearningRule rule, Batch batch, Map<String, double[]> state, double[][] targets,
                                   Layout layout, DataType dataType, double scale) {
        int nOut = batch.w().length;
        int nIn = batch.w()[0].length;
        INDArray x;
        INDArray u;
        INDArray y;
        INDArray w;
        INDArray out;
        if (layout == Layout.PLAIN) {
            x = Matrices.array(batch.x(), dataType, 'c');
            u = Matrices.array(batch.u(), dataType, 'c');
            y = Matrices.array(batch.y(), dataType, 'c');
            w = Matrices.array(batch.w(), dataType, 'c');
            out = Matrices.array(filledWithNaN(nOut, nIn), dataType, 'f');
        } else {
            x = Matrices.array(batch.x(), dataType, 'f');
            u = Matrices.array(batch.u(), dataType, 'f');
            y = Matrices.array(batch.y(), dataType, 'f');
            w = Matrices.transposedViewOfF(batch.w(), dataType);
            out = Matrices.transposedViewOfF(filledWithNaN(nOut, nIn), dataType);
        }
        Map<String, INDArray> stateArrays = new LinkedHashMap<>();
        state.forEach((name, values) -> stateArrays.put(name, Matrices.array(new double[][]{values}, dataType, 'c')));
        INDArray t = targets == null ? null : Matrices.array(targets, dataType, layout == Layout.PLAIN ? 'c' : 'f');
        rule.update(new LocalSignals(x, u, y, w, t, stateArrays), out, scale);

        double tolerance = 0.0;   // the signals must come back bit for bit
        assertMatrixEquals(Matrices.values(Matrices.array(batch.x(), dataType, 'c')), x, tolerance);
        assertMatrixEquals(Matrices.values(Matrices.array(batch.u(), dataType, 'c')), u, tolerance);
        assertMatrixEquals(Matrices.values(Matrices.array(batch.y(), dataType, 'c')), y, tolerance);
        assertMatrixEquals(Matrices.values(Matrices.array(batch.w(), dataType, 'c')), w, tolerance);
        if (targets != null) {
            assertMatrixEquals(Matrices.values(Matrices.array(targets, dataType, 'c')), t, tolerance);
        }
        state.forEach((name, values) -> assertMatrixEquals(
                Matrices.values(Matrices.array(new double[][]{values}, dataType, 'c')), stateArrays.get(name), tolerance));
        assertEquals(dataType, out.dataType());
        return out;
    }

    private static double[][] filledWithNaN(int rows, int cols) {
        double[][] m = new double[rows][cols];
        for (double[] row : m) {
            Arrays.fill(row, Double.NaN);
        }
        return m;
    }

    /** {@code factor * m}, element-wise. */
    static double[][] scaled(double[][] m, double factor) {
        double[][] s = new double[m.length][m[0].length];
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m[0].length; j++) {
                s[i][j] = factor * m[i][j];
            }
        }
        return s;
    }

    /**
     * {@code n} samples of a zero-mean Gaussian with covariance {@code Q diag(eigenvalues) Q^T}:
     * {@code x = Q diag(sqrt(eigenvalues)) z}, z standard normal.
     */
    static double[][] correlatedGaussian(Random random, double[][] q, double[] eigenvalues, int n) {
        int d = eigenvalues.length;
        double[][] x = new double[n][d];
        for (double[] sample : x) {
            for (int k = 0; k < d; k++) {
                double coefficient = Math.sqrt(eigenvalues[k]) * random.nextGaussian();
                for (int i = 0; i < d; i++) {
                    sample[i] += q[i][k] * coefficient;
                }
            }
        }
        return x;
    }

    /** One step of a layer without bias: u = x W^T, y = competition(u), {@code W += learningRate * dW}. */
    static void step(LearningRule rule, Competition competition, INDArray w, INDArray x, double learningRate) {
        INDArray u = x.mmul(w.transpose());
        INDArray y = competition.compete(u);
        INDArray dw = Nd4j.create(w.dataType(), w.shape(), 'f');
        rule.update(LocalSignals.of(x, u, y, w), dw, learningRate);
        w.addi(dw);
    }

    /** |cos| of the angle between two vectors. */
    static double absCosine(double[] a, double[] b) {
        return Math.abs(Matrices.dot(a, b)) / (Matrices.norm(a) * Matrices.norm(b));
    }

    /** Serializes as the interface type with DL4J's mapper, reads back, and asserts equality. */
    static void assertJsonRoundTrip(LearningRule rule) throws Exception {
        ObjectMapper mapper = NeuralNetConfiguration.mapper();
        String json = mapper.writerFor(LearningRule.class).writeValueAsString(rule);
        assertTrue(json.contains(rule.getClass().getName()), "JSON names the class: " + json);
        LearningRule back = mapper.readValue(json, LearningRule.class);
        assertEquals(rule, back, "round trip of " + json);
        assertEquals(rule.getClass(), back.getClass());
    }
}
