package org.hebbian4j.rules;

import org.hebbian4j.rules.RuleTestSupport.Batch;
import org.hebbian4j.rules.RuleTestSupport.Layout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import static org.hebbian4j.testutil.Matrices.assertMatrixEquals;

class MeanInstarRuleTest {

    private final LearningRule rule = new MeanInstarRule();

    @Test
    void updateOfTwoSampleBatchMatchesHandArithmetic() {
        double[][] x = {{1, 2, 3}, {0, -1, 2}};
        double[][] w = {{1, 0, -1}, {0.5, 1, 0}, {2, 2, 2}};
        double[][] u = {{0, 0, 0}, {0, 0, 0}};     // not read
        double[][] r = {{1, 0, 0}, {0.5, 0.5, 0}}; // neuron 2 never rewarded
        // row 0: s = 1.5; sum_b r (x_b - w0) = [0,2,4] + [-0.5,-0.5,1.5] = [-0.5,1.5,5.5]; / 1.5
        // row 1: s = 0.5; 0.5 * ([0,-1,2] - [0.5,1,0]) = [-0.25,-1,1]; / 0.5 = [-0.5,-2,2] = x_1 - w1
        // row 2: no reward: 0
        double[][] expected = {{-0.5 / 1.5, 1.5 / 1.5, 5.5 / 1.5}, {-0.5, -2, 2}, {0, 0, 0}};

        INDArray out = RuleTestSupport.update(rule, new Batch(x, u, r, w), Layout.PLAIN, DataType.DOUBLE, 1.0);

        assertMatrixEquals(expected, out, 1e-15);
    }

    @ParameterizedTest(name = "{0} {1} scale={2} B={3} nIn={4} nOut={5}")
    @MethodSource("org.hebbian4j.rules.RuleTestSupport#layoutCases")
    void vectorizedUpdateEqualsNaivePerSampleLoop(Layout layout, DataType dataType, double scale,
                                                  int batchSize, int nIn, int nOut, double tolerance) {
        Batch batch = Batch.random(17, batchSize, nIn, nOut);
        INDArray out = RuleTestSupport.update(rule, batch, layout, dataType, scale);
        assertMatrixEquals(RuleTestSupport.scaled(naive(batch), scale), out, tolerance);
    }

    /** dw_i = sum_b r_bi (x_b - w_i) / sum_b r_bi, 0 when the sum is not positive. */
    private static double[][] naive(Batch batch) {
        int nOut = batch.w().length;
        int nIn = batch.w()[0].length;
        double[][] dw = new double[nOut][nIn];
        for (int i = 0; i < nOut; i++) {
            double s = 0;
            for (double[] y : batch.y()) {
                s += y[i];
            }
            if (s <= MeanInstarRule.MIN_REWARD) {
                continue;
            }
            for (int b = 0; b < batch.x().length; b++) {
                for (int j = 0; j < nIn; j++) {
                    dw[i][j] += batch.y()[b][i] * (batch.x()[b][j] - batch.w()[i][j]) / s;
                }
            }
        }
        return dw;
    }

    @Test
    void neuronsWithUnderflowingRewardsDoNotLearnAndTheUpdateStaysFinite() {
        double[][] x = {{1, 2}, {3, 4}};
        double[][] w = {{0, 0}, {1, 1}};
        double[][] u = {{0, 0}, {0, 0}};
        double[][] r = {{1, 1e-40}, {0, 1e-42}};   // neuron 1: denormal rewards, as a soft-WTA at T = 0.02 gives
        for (DataType type : new DataType[]{DataType.FLOAT, DataType.DOUBLE}) {
            INDArray out = RuleTestSupport.update(rule, new Batch(x, u, r, w), Layout.PLAIN, type, 1.0);
            assertMatrixEquals(new double[][]{{1, 2}, {0, 0}}, out, 1e-6);
        }
    }

    @Test
    void jsonRoundTrip() throws Exception {
        RuleTestSupport.assertJsonRoundTrip(rule);
    }
}
