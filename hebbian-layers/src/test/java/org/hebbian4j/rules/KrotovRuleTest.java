package org.hebbian4j.rules;

import org.hebbian4j.competition.NoCompetition;
import org.hebbian4j.rules.RuleTestSupport.Batch;
import org.hebbian4j.rules.RuleTestSupport.Layout;
import org.hebbian4j.testutil.Matrices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.hebbian4j.testutil.Matrices.assertMatrixEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KrotovRuleTest extends LearningRuleContract<KrotovRule> {

    private static final double[][] X = {{1, 2, 3}, {0, -1, 2}};
    private static final double[][] W = {{1, 0, -1}, {0.5, 1, 0}, {0, 0, 1}};
    private static final double[][] UNUSED_U = {{9, 9, 9}, {9, 9, 9}};   // the rule computes its own u
    private static final double[][] UNUSED_Y = {{1, 0, 0}, {0, 1, 0}};   // and its own g

    /** Lebesgue p = 3 and 4.5, and p = 2, whose similarity a layer's pre-activation minus its bias gives. */
    @Override
    protected List<KrotovRule> rules() {
        return List.of(new KrotovRule(3, 3, 0.4), new KrotovRule(4.5, 2, 0.25), new KrotovRule(2, 3, 0.4),
                new KrotovRule(2.5, 4, 0.3));
    }

    /** The rank-k competition needs at least k neurons. */
    @Override
    protected int minimumNeurons(KrotovRule rule) {
        return rule.rankK();
    }

    @Test
    void updateWithDotProductSimilarityMatchesHandArithmetic() {
        // p = 2, k = 2, delta = 0.4: u = x W^T
        //   b=0: u = [1-3, 0.5+2, 3] = [-2, 2.5, 3]  -> top: neuron 2, 2nd: neuron 1 -> g = [0, -0.4, 1]
        //   b=1: u = [0-2, 0-1,  2]  = [-2, -1,  2]  -> top: neuron 2, 2nd: neuron 1 -> g = [0, -0.4, 1]
        // D_i = sum_b g_bi x_b - (sum_b g_bi u_bi) w_i
        //   row 0: g = 0                                            -> [0, 0, 0]
        //   row 1: -0.4*[1,2,3] - 0.4*[0,-1,2] = [-0.4,-0.4,-2]
        //          sum g u = -0.4*2.5 - 0.4*(-1) = -0.6             -> [-0.4,-0.4,-2] + 0.6*[0.5,1,0] = [-0.1, 0.2, -2]
        //   row 2: [1,2,3] + [0,-1,2] = [1,1,5]; sum g u = 3 + 2 = 5 -> [1,1,5] - 5*[0,0,1] = [1, 1, 0]
        // max|D| = 2: dW = D / 2
        double[][] expected = {{0, 0, 0}, {-0.05, 0.1, -1}, {0.5, 0.5, 0}};

        INDArray out = RuleTestSupport.update(new KrotovRule(2, 2, 0.4), new Batch(X, UNUSED_U, UNUSED_Y, W),
                Layout.PLAIN, DataType.DOUBLE, 1.0);

        assertMatrixEquals(expected, out, 1e-15);
    }

    @Test
    void updateWithLebesgueThreeSimilarityMatchesHandArithmetic() {
        // p = 3: u uses sign(W)|W|^2 = [[1,0,-1], [0.25,1,0], [0,0,1]], the decay uses W itself
        //   b=0: u = [-2, 0.25+2, 3] = [-2, 2.25, 3] -> g = [0, -0.4, 1]
        //   b=1: u = [-2, -1, 2]                     -> g = [0, -0.4, 1]
        //   row 1: [-0.4,-0.4,-2]; sum g u = -0.4*2.25 - 0.4*(-1) = -0.5 -> + 0.5*[0.5,1,0] = [-0.15, 0.1, -2]
        //   row 2: as for p = 2: [1, 1, 0]
        // max|D| = 2: dW = D / 2
        double[][] expected = {{0, 0, 0}, {-0.075, 0.05, -1}, {0.5, 0.5, 0}};

        INDArray out = RuleTestSupport.update(new KrotovRule(3, 2, 0.4), new Batch(X, UNUSED_U, UNUSED_Y, W),
                Layout.PLAIN, DataType.DOUBLE, 1.0);

        assertMatrixEquals(expected, out, 1e-15);
    }

    /**
     * Per sample: u_i = sum_j sign(w_ij)|w_ij|^(p-1) x_j, g by rank, D_ij += g_i (x_j - u_i w_ij);
     * then D / (max|D| + 1e-30), so that D = 0 gives 0.
     */
    @Override
    protected double[][] naiveUpdate(KrotovRule rule, Signals s) {
        int nOut = s.w().length;
        int nIn = s.w()[0].length;
        double[][] d = new double[nOut][nIn];
        for (double[] x : s.x()) {
            double[] u = new double[nOut];
            for (int i = 0; i < nOut; i++) {
                for (int j = 0; j < nIn; j++) {
                    double wij = s.w()[i][j];
                    u[i] += Math.signum(wij) * Math.pow(Math.abs(wij), rule.lebesgueP() - 1) * x[j];
                }
            }
            double[] g = rankK(u, rule.rankK(), rule.antiHebbianStrength());
            for (int i = 0; i < nOut; i++) {
                for (int j = 0; j < nIn; j++) {
                    d[i][j] += g[i] * (x[j] - u[i] * s.w()[i][j]);
                }
            }
        }
        double largest = 0;
        for (double[] row : d) {
            for (double v : row) {
                largest = Math.max(largest, Math.abs(v));
            }
        }
        return RuleTestSupport.scaled(d, 1.0 / (largest + 1e-30));
    }

    /** +1 for the largest u, -delta for the k-th largest (selection by repeated maximum). */
    private static double[] rankK(double[] u, int k, double delta) {
        double[] g = new double[u.length];
        boolean[] taken = new boolean[u.length];
        for (int rank = 1; rank <= k; rank++) {
            int best = -1;
            for (int i = 0; i < u.length; i++) {
                if (!taken[i] && (best < 0 || u[i] > u[best])) {
                    best = i;
                }
            }
            taken[best] = true;
            if (rank == 1) {
                g[best] = 1;
            } else if (rank == k) {
                g[best] = -delta;
            }
        }
        return g;
    }

    @ParameterizedTest(name = "scale={0}")
    @MethodSource("scales")
    void oneUpdateMovesTheLargestWeightByExactlyScale(double scale) {
        Batch batch = Batch.random(18, 32, 20, 10);

        INDArray out = RuleTestSupport.update(new KrotovRule(), batch, Layout.LAYER_VIEWS, DataType.DOUBLE, scale);

        assertEquals(Math.abs(scale), out.amaxNumber().doubleValue(), 1e-15 * Math.abs(scale), "max|scale * dW|");
    }

    static Stream<Double> scales() {
        return Stream.of(1.0, -1.0, 0.02, -0.37);
    }

    /**
     * With p = 2 the rule is the "dense-krotov" workload of /work/shared/bench/torch_hebbian_reference.py,
     * re-stated here line by line with matrices: {@code u = x W^T; g = +1 at the top unit, -delta at
     * the k-th; dW = g^T x - diag(sum_b g*u) W; W += lr dW / (max|dW| + 1e-30)}.
     */
    @Test
    void withDotProductSimilarityOneStepEqualsTheTorchReferenceFormula() {
        Random random = new Random(19);
        int batchSize = 64;
        int nIn = 30;
        int nOut = 12;
        int k = 2;
        double delta = 0.4;
        double lr = 0.02;
        double[][] x = Matrices.uniform(random, batchSize, nIn, 0, 1);
        double[][] w = Matrices.gaussian(random, nOut, nIn);
        for (double[] row : w) {
            for (int j = 0; j < nIn; j++) {
                row[j] *= 0.1;
            }
        }

        double[][] u = Matrices.multiply(x, Matrices.transpose(w));
        double[][] g = new double[batchSize][];
        for (int b = 0; b < batchSize; b++) {
            g[b] = rankK(u[b], k, delta);
        }
        double[][] dw = Matrices.multiply(Matrices.transpose(g), x);
        double largest = 0;
        for (int i = 0; i < nOut; i++) {
            double gu = 0;
            for (int b = 0; b < batchSize; b++) {
                gu += g[b][i] * u[b][i];
            }
            for (int j = 0; j < nIn; j++) {
                dw[i][j] -= gu * w[i][j];
                largest = Math.max(largest, Math.abs(dw[i][j]));
            }
        }
        double[][] expected = new double[nOut][nIn];
        for (int i = 0; i < nOut; i++) {
            for (int j = 0; j < nIn; j++) {
                expected[i][j] = w[i][j] + lr * dw[i][j] / (largest + 1e-30);
            }
        }
        INDArray weights = Matrices.array(w, DataType.DOUBLE, 'c');

        RuleTestSupport.step(new KrotovRule(2, k, delta), new NoCompetition(), weights,
                Matrices.array(x, DataType.DOUBLE, 'c'), lr);

        assertMatrixEquals(expected, weights, 1e-14);
    }

    @Test
    void defaultsAreKrotovAndHopfieldsSetting() {
        assertEquals(new KrotovRule(3, 7, 0.4), new KrotovRule());
    }

    @Test
    void invalidHyperparametersAreRejectedNamingTheField() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new KrotovRule(1.5, 3, 0.4))
                .getMessage().contains("lebesgueP"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new KrotovRule(3, 1, 0.4))
                .getMessage().contains("rankK"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new KrotovRule(3, 3, -0.1))
                .getMessage().contains("antiHebbianStrength"));
    }
}
