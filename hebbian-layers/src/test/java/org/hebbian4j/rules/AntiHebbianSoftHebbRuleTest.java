package org.hebbian4j.rules;

import org.hebbian4j.rules.RuleTestSupport.Batch;
import org.hebbian4j.rules.RuleTestSupport.Layout;
import org.hebbian4j.testutil.Matrices;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;

import static org.hebbian4j.testutil.Matrices.assertMatrixEquals;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

class AntiHebbianSoftHebbRuleTest extends LearningRuleContract<AntiHebbianSoftHebbRule> {

    private final LearningRule rule = new AntiHebbianSoftHebbRule();

    @Override
    protected List<AntiHebbianSoftHebbRule> rules() {
        return List.of(new AntiHebbianSoftHebbRule());
    }

    @Test
    void updateOfTwoSampleBatchMatchesHandArithmetic() {
        double[][] x = {{1, 2, 3}, {0, -1, 2}};
        double[][] w = {{1, 0, -1}, {0.5, 1, 0}};
        double[][] u = {{-2, 2.5}, {-2, -1}};       // x W^T
        double[][] y = {{0.25, 0.75}, {0.5, 0.5}};
        // SoftHebb's per-sample terms y_i (x - u_i w_i) (see SoftHebbRuleTest):
        //   row 0: b=0 [0.75,0.5,0.25]          b=1 [1,-0.5,0]
        //   row 1: b=0 [-0.1875,-0.375,2.25]    b=1 [0.25,0,1]
        // winners: b=0 neuron 1 (0.75); b=1 a tie 0.5/0.5, lowest index: neuron 0. Losers negated:
        //   row 0: (-[0.75,0.5,0.25] + [1,-0.5,0]) / 2        = [0.25,-1,-0.25] / 2       = [0.125, -0.5, -0.125]
        //   row 1: ([-0.1875,-0.375,2.25] - [0.25,0,1]) / 2   = [-0.4375,-0.375,1.25] / 2 = [-0.21875, -0.1875, 0.625]
        double[][] expected = {{0.125, -0.5, -0.125}, {-0.21875, -0.1875, 0.625}};

        INDArray out = RuleTestSupport.update(rule, new Batch(x, u, y, w), Layout.PLAIN, DataType.DOUBLE, 1.0);

        assertMatrixEquals(expected, out, 1e-15);
    }

    /** dw_ij = s_i y_i (x_j - u_i w_ij), s = +1 for the sample's largest y, -1 otherwise; batch mean. */
    @Override
    protected double[][] naiveUpdate(AntiHebbianSoftHebbRule rule, Signals s) {
        int batchSize = s.x().length;
        int nOut = s.w().length;
        int nIn = s.w()[0].length;
        double[][] dw = new double[nOut][nIn];
        for (int b = 0; b < batchSize; b++) {
            int winner = 0;
            for (int i = 1; i < nOut; i++) {
                if (s.y()[b][i] > s.y()[b][winner]) {
                    winner = i;
                }
            }
            for (int i = 0; i < nOut; i++) {
                double sign = i == winner ? 1 : -1;
                for (int j = 0; j < nIn; j++) {
                    dw[i][j] += sign * s.y()[b][i] * (s.x()[b][j] - s.u()[b][i] * s.w()[i][j]) / batchSize;
                }
            }
        }
        return dw;
    }

    /** On one sample, the winner's update is SoftHebb's and every other neuron's is SoftHebb's negated. */
    @Test
    void onOneSampleTheWinnerLearnsAsSoftHebbAndTheOthersTheOpposite() {
        for (int trial = 0; trial < 20; trial++) {
            Batch batch = Batch.random(2000 + trial, 1, 6, 5);
            int winner = 0;
            for (int i = 1; i < 5; i++) {
                if (batch.y()[0][i] > batch.y()[0][winner]) {
                    winner = i;
                }
            }

            double[][] anti = Matrices.values(RuleTestSupport.update(rule, batch, Layout.PLAIN, DataType.DOUBLE, 1.0));
            double[][] soft = Matrices.values(RuleTestSupport.update(new SoftHebbRule(), batch, Layout.PLAIN,
                    DataType.DOUBLE, 1.0));

            for (int i = 0; i < 5; i++) {
                double[] expected = i == winner ? soft[i] : RuleTestSupport.scaled(new double[][]{soft[i]}, -1)[0];
                assertArrayEquals(expected, anti[i], 1e-14, "trial " + trial + ", neuron " + i);
            }
        }
    }
}
