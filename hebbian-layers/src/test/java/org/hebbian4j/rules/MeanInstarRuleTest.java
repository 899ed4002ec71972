package org.hebbian4j.rules;

import org.hebbian4j.rules.RuleTestSupport.Batch;
import org.hebbian4j.rules.RuleTestSupport.Layout;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;

import static org.hebbian4j.testutil.Matrices.assertMatrixEquals;

class MeanInstarRuleTest extends LearningRuleContract<MeanInstarRule> {

    private final LearningRule rule = new MeanInstarRule();

    @Override
    protected List<MeanInstarRule> rules() {
        return List.of(new MeanInstarRule());
    }

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

    /** dw_i = sum_b r_bi (x_b - w_i) / sum_b r_bi, 0 when the sum is at most MIN_REWARD. */
    @Override
    protected double[][] naiveUpdate(MeanInstarRule rule, Signals s) {
        int nOut = s.w().length;
        int nIn = s.w()[0].length;
        double[][] dw = new double[nOut][nIn];
        for (int i = 0; i < nOut; i++) {
            double rewardSum = 0;
            for (double[] y : s.y()) {
                rewardSum += y[i];
            }
            if (rewardSum <= MeanInstarRule.MIN_REWARD) {
                continue;
            }
            for (int b = 0; b < s.x().length; b++) {
                for (int j = 0; j < nIn; j++) {
                    dw[i][j] += s.y()[b][i] * (s.x()[b][j] - s.w()[i][j]) / rewardSum;
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
}
