package org.hebbian4j.rules;

import org.hebbian4j.competition.Competition;
import org.hebbian4j.competition.SparseActivity;
import org.hebbian4j.testutil.Matrices;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the tests of every learning rule share: the array layouts a layer hands a rule, random signals, small
 * training loops. The checks every rule passes are {@link LearningRuleContract}.
 */
final class RuleTestSupport {

    private RuleTestSupport() {
    }

    /** How the arrays handed to a rule are laid out in memory. */
    enum Layout {
        /** {@code out} a fresh 'f'-order {@code [nOut, nIn]} array, W, x, u, y plain 'c'-order arrays. */
        PLAIN,
        /**
         * As {@code HebbianDenseLayer} calls a rule: {@code out} and W the transposed ('c'-order)
         * views of 'f'-order {@code [nIn, nOut]} arrays, x (DL4J activations), u and y 'f'-order.
         */
        LAYER_VIEWS,
        /**
         * As {@link #LAYER_VIEWS}, with W, the bias and the rule's state views of one flat parameter row
         * and {@code out} a view of one flat gradient row, at an offset and with other parameters on both
         * sides, as DL4J's flattened parameters and gradients hold them ({@code FlatParamInitializer}).
         */
        FLAT_VIEWS
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
        Prepared prepared = prepare(layout, dataType, batch.x(), batch.u(), batch.y(), batch.w(), null, targets,
                state, null);
        prepared.update(rule, scale, rule.getClass().getSimpleName());
        return prepared.out();
    }

    /**
     * The signals of one batch laid out as {@code layout} in {@code dataType}, with {@code out}
     * prefilled with NaN.
     *
     * @param u           the pre-activations as handed to the rule (they include {@code bias}, if any)
     * @param y           the activity; ignored when {@code competition} is given
     * @param bias        the layer's bias, handed with {@link LocalSignals#withBias}, or null (then no bias
     *                    and no activity sums are handed over, as for signals not built by a layer)
     * @param targets     {@code [B, nOut]} for a supervised rule, or null
     * @param state       the rule's state vectors by name (empty for none)
     * @param competition null, or a winner-take-all competition whose {@link Competition#competeSparse}
     *                    of u gives the activity, handed over in its sparse form as well
     */
    static Prepared prepare(Layout layout, DataType dataType, double[][] x, double[][] u, double[][] y,
                            double[][] w, double[] bias, double[][] targets, Map<String, double[]> state,
                            Competition competition) {
        return new Prepared(layout, dataType, x, u, y, w, bias, targets, state, competition);
    }

    /**
     * One batch's signals as a rule receives them, the values they hold (as doubles, after rounding
     * to the data type: what a naive reference is to be computed from), and what the rule wrote.
     */
    static final class Prepared {

        /** Value of the flat gradient row outside W's segment, which no rule may touch. */
        private static final double SENTINEL = 12345.0;
        /** Other parameters before W's segment in the flat rows, and after the last segment. */
        private static final int PAD_BEFORE = 3;
        private static final int PAD_AFTER = 2;

        private final Layout layout;
        private final DataType dataType;
        private final LocalSignals signals;
        private final INDArray out;
        private final INDArray gradientFlat;
        private final Map<String, INDArray> watched = new LinkedHashMap<>();
        private final Map<String, double[][]> before = new LinkedHashMap<>();
        private final int nIn;
        private final int nOut;

        private Prepared(Layout layout, DataType dataType, double[][] x, double[][] u, double[][] y,
                         double[][] w, double[] bias, double[][] targets, Map<String, double[]> state,
                         Competition competition) {
            this.layout = layout;
            this.dataType = dataType;
            this.nOut = w.length;
            this.nIn = w[0].length;
            char rows = layout == Layout.PLAIN ? 'c' : 'f';
            INDArray xs = Matrices.array(x, dataType, rows);
            INDArray us = Matrices.array(u, dataType, rows);
            SparseActivity sparse = competition == null ? null : competition.competeSparse(us);
            if (competition != null) {
                assertNotNull(sparse, competition + " gives no sparse activity");
            }
            INDArray ys = sparse != null ? sparse.dense() : Matrices.array(y, dataType, rows);
            INDArray ts = targets == null ? null : Matrices.array(targets, dataType, rows);
            INDArray ws;
            INDArray bs = null;
            Map<String, INDArray> states = new LinkedHashMap<>();
            if (layout == Layout.FLAT_VIEWS) {
                // Parameters: [pad][W as 'f' [nIn, nOut]][b][state...][pad], as FlatParamInitializer lays them out.
                long stateLength = state.values().stream().mapToLong(v -> v.length).sum();
                long length = PAD_BEFORE + (long) nIn * nOut + nOut + stateLength + PAD_AFTER;
                INDArray params = Nd4j.valueArrayOf(new long[]{1, length}, -SENTINEL, dataType);
                ws = segment(params, PAD_BEFORE, (long) nIn * nOut).reshape('f', nIn, nOut).transpose();
                fill(ws, w);
                long offset = PAD_BEFORE + (long) nIn * nOut;
                if (bias != null) {
                    bs = segment(params, offset, nOut);
                    fill(bs, new double[][]{bias});
                }
                offset += nOut;
                for (Map.Entry<String, double[]> e : state.entrySet()) {
                    INDArray view = segment(params, offset, e.getValue().length);
                    fill(view, new double[][]{e.getValue()});
                    states.put(e.getKey(), view);
                    offset += e.getValue().length;
                }
                gradientFlat = Nd4j.valueArrayOf(new long[]{1, length}, SENTINEL, dataType);
                out = segment(gradientFlat, PAD_BEFORE, (long) nIn * nOut).reshape('f', nIn, nOut).transpose();
                fill(out, filledWithNaN(nOut, nIn));
                assertTrue(out.isView() && ws.isView(), "W and its gradient are views of the flat rows");
                watched.put("parameters", params);
            } else {
                ws = layout == Layout.PLAIN ? Matrices.array(w, dataType, 'c') : Matrices.transposedViewOfF(w, dataType);
                if (bias != null) {
                    bs = Matrices.array(new double[][]{bias}, dataType, 'c');
                }
                state.forEach((name, values) -> states.put(name, Matrices.array(new double[][]{values}, dataType, 'c')));
                gradientFlat = null;
                out = layout == Layout.PLAIN ? Matrices.array(filledWithNaN(nOut, nIn), dataType, 'f')
                        : Matrices.transposedViewOfF(filledWithNaN(nOut, nIn), dataType);
            }
            LocalSignals s = new LocalSignals(xs, us, ys, ws, ts, states).withSparseActivity(sparse);
            if (bias != null) {
                s = s.withBias(bs).withActivitySums(ys.sum(0));
            }
            signals = s;
            watched.put("x", xs);
            watched.put("u", us);
            watched.put("y", ys);
            watched.put("W", ws);
            if (ts != null) {
                watched.put("t", ts);
            }
            if (bs != null) {
                watched.put("b", bs);
            }
            states.forEach((name, view) -> watched.put("state " + name, view));
            watched.forEach((name, array) -> before.put(name, Matrices.values(array)));
        }

        /** {@code [1, length]} view of the flat row {@code flat} from {@code offset}. */
        private static INDArray segment(INDArray flat, long offset, long length) {
            return flat.get(NDArrayIndex.interval(0, 0, true), NDArrayIndex.interval(offset, offset + length));
        }

        private static void fill(INDArray view, double[][] values) {
            for (int i = 0; i < values.length; i++) {
                for (int j = 0; j < values[0].length; j++) {
                    view.putScalar(i, j, values[i][j]);
                }
            }
        }

        /** The signals to hand to the rule. */
        LocalSignals signals() {
            return signals;
        }

        /** The array the rule writes its update into. */
        INDArray out() {
            return out;
        }

        /** x as the rule sees it (rounded to the data type). */
        double[][] x() {
            return before.get("x");
        }

        /** u as the rule sees it. */
        double[][] u() {
            return before.get("u");
        }

        /** y as the rule sees it (the dense activity, for a competition's). */
        double[][] y() {
            return before.get("y");
        }

        /** W as the rule sees it, neuron-major. */
        double[][] w() {
            return before.get("W");
        }

        /** t as the rule sees it, or null. */
        double[][] targets() {
            return before.get("t");
        }

        /** b as the rule sees it, or null. */
        double[] bias() {
            double[][] b = before.get("b");
            return b == null ? null : b[0];
        }

        /** The state vectors as the rule sees them. */
        Map<String, double[]> state() {
            Map<String, double[]> state = new LinkedHashMap<>();
            signals.state().forEach((name, view) -> state.put(name, before.get("state " + name)[0]));
            return state;
        }

        /**
         * Runs {@code rule.update(signals, out, scale)}, checks that the signals (and, for
         * {@link Layout#FLAT_VIEWS}, every parameter) come back bit for bit, that {@code out} has the
         * data type, and returns the update as a layer reads it back: for {@link Layout#FLAT_VIEWS} from
         * the flat gradient row, whose entries outside W's segment must be untouched.
         */
        double[][] update(LearningRule rule, double scale, String context) {
            rule.update(signals, out, scale);
            assertInputsUnchanged(context);
            assertEquals(dataType, out.dataType(), context + ": data type of out");
            if (layout != Layout.FLAT_VIEWS) {
                return Matrices.values(out);
            }
            double[][] written = new double[nOut][nIn];
            long wEnd = PAD_BEFORE + (long) nIn * nOut;
            for (long k = 0; k < gradientFlat.length(); k++) {
                double v = gradientFlat.getDouble(0, k);
                if (k >= PAD_BEFORE && k < wEnd) {
                    // 'f' [nIn, nOut]: input j of neuron i at j + i nIn
                    long e = k - PAD_BEFORE;
                    written[(int) (e / nIn)][(int) (e % nIn)] = v;
                } else {
                    assertEquals(SENTINEL, v, context + ": flat gradient entry " + k + " outside W's segment");
                }
            }
            return written;
        }

        /** The signals (and the flat parameters) hold the values they were created with, bit for bit. */
        void assertInputsUnchanged(String context) {
            watched.forEach((name, array) -> {
                double[][] now = Matrices.values(array);
                double[][] then = before.get(name);
                for (int i = 0; i < then.length; i++) {
                    assertArrayEquals(then[i], now[i], 0.0, context + ": " + name + " was modified (row " + i + ")");
                }
            });
        }
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
}
