package org.hebbian4j.rules;

import org.hebbian4j.rules.RuleTestSupport.Batch;
import org.hebbian4j.rules.RuleTestSupport.Layout;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;

import static org.hebbian4j.testutil.Matrices.assertMatrixEquals;

class RewardWeightedInstarRuleTest extends LearningRuleContract<RewardWeightedInstarRule> {

    private final LearningRule rule = new RewardWeightedInstarRule();

    @Override
    protected List<RewardWeightedInstarRule> rules() {
        return List.of(new RewardWeightedInstarRule());
    }

    /** dw_i = sum_b r_bi |r_bi| (x_b - w_i) / sum_b |r_bi| (a zero sum counts as 1). */
    @Override
    protected double[][] naiveUpdate(RewardWeightedInstarRule rule, Signals s) {
        int nOut = s.w().length;
        int nIn = s.w()[0].length;
        double[][] dw = new double[nOut][nIn];
        for (int i = 0; i < nOut; i++) {
            double denominator = 0;
            for (double[] row : s.y()) {
                denominator += Math.abs(row[i]);
            }
            denominator = denominator == 0 ? 1 : denominator;
            for (int b = 0; b < s.x().length; b++) {
                double r = s.y()[b][i];
                for (int j = 0; j < nIn; j++) {
                    dw[i][j] += r * Math.abs(r) * (s.x()[b][j] - s.w()[i][j]) / denominator;
                }
            }
        }
        return dw;
    }

    @Test
    void updateOfTwoSampleBatchMatchesHandArithmetic() {
        double[][] x = {{1, 2}, {3, 0}};
        double[][] w = {{1, 1}, {0, 2}, {5, 5}};
        double[][] u = {{0, 0, 0}, {0, 0, 0}};     // not read
        double[][] r = {{0.5, 1, 0}, {0.25, 0, 0}};
        // neuron 0: (0.25 ([1,2]-[1,1]) + 0.0625 ([3,0]-[1,1])) / 0.75 = ([0,0.25] + [0.125,-0.0625]) / 0.75
        //         = [0.125, 0.1875] / 0.75 = [1/6, 0.25]
        // neuron 1: (1 ([1,2]-[0,2])) / 1 = [1, 0];  neuron 2: no reward: sum 0 -> 1, update 0
        double[][] expected = {{1.0 / 6, 0.25}, {1, 0}, {0, 0}};

        INDArray out = RuleTestSupport.update(rule, new Batch(x, u, r, w), Layout.PLAIN, DataType.DOUBLE, 1.0);

        assertMatrixEquals(expected, out, 1e-15);
    }

    @Test
    void underWinnerTakeAllItEqualsTheMeanInstarRule() {
        double[][] x = {{1, 2}, {3, 0}, {-1, 4}};
        double[][] w = {{1, 1}, {0, 2}};
        double[][] u = {{0, 0}, {0, 0}, {0, 0}};
        double[][] r = {{1, 0}, {1, 0}, {0, 1}};
        Batch batch = new Batch(x, u, r, w);
        INDArray mean = RuleTestSupport.update(new MeanInstarRule(), batch, Layout.PLAIN, DataType.DOUBLE, 1.0);
        INDArray weighted = RuleTestSupport.update(rule, batch, Layout.PLAIN, DataType.DOUBLE, 1.0);
        org.junit.jupiter.api.Assertions.assertTrue(mean.equalsWithEps(weighted, 1e-14), mean + " vs " + weighted);
    }
}
