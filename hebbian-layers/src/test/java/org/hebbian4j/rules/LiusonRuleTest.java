package org.hebbian4j.rules;

import org.hebbian4j.rules.RuleTestSupport.Batch;
import org.hebbian4j.rules.RuleTestSupport.Layout;
import org.hebbian4j.testutil.Matrices;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.hebbian4j.testutil.Matrices.assertMatrixEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LiusonRuleTest extends StatefulRuleContract<LiusonRule> {

    private static final String EMA = LiusonRule.AVERAGE_STATE;

    @Override
    protected List<LiusonRule> rules() {
        return List.of(new LiusonRule(0.7, 0.9), new LiusonRule(0.5, 0.95));
    }

    /** y_EMA <- m y_EMA + (1 - m) mean_b y: the change is (1 - m) (mean_b y - y_EMA). */
    @Override
    protected double[] naiveStateChange(LiusonRule rule, RuleState state, Signals s) {
        return NaiveHebbNet.averageChange(state, s.y(), s.state(state.name()));
    }

    @Test
    void updateOfTwoSampleBatchMatchesHandArithmetic() {
        double[][] x = {{1, 2, 3}, {0, -1, 2}};
        double[] ema = {0.1, 0.2, 0.3};
        // y - y_EMA chosen so that softmax gives simple fractions (n = 3, 1/n = 1/3):
        //   b=0: y - ema = [ln 4, ln 3, ln 1] -> y* = [4, 3, 1] / 8 = [0.5, 0.375, 0.125]
        //        s = [+1 (winner), -1 (0.375 >= 1/3), 0 (0.125 < 1/3)] -> s y* = [0.5, -0.375, 0]
        //   b=1: y - ema = [ln 1, ln 2, ln 5] -> y* = [1, 2, 5] / 8 = [0.125, 0.25, 0.625]
        //        s = [0, 0, +1]                                     -> s y* = [0, 0, 0.625]
        double[][] y = {
                {Math.log(4) + 0.1, Math.log(3) + 0.2, 0.3},
                {0.1, Math.log(2) + 0.2, Math.log(5) + 0.3}};
        // dw_i = mean_b s_bi y*_bi x_b
        //   row 0: (0.5 * [1,2,3]) / 2    = [0.25, 0.5, 0.75]
        //   row 1: (-0.375 * [1,2,3]) / 2 = [-0.1875, -0.375, -0.5625]
        //   row 2: (0.625 * [0,-1,2]) / 2 = [0, -0.3125, 0.625]
        double[][] expected = {{0.25, 0.5, 0.75}, {-0.1875, -0.375, -0.5625}, {0, -0.3125, 0.625}};
        Batch batch = new Batch(x, new double[2][3], y, new double[3][3]);   // u and W are not read

        INDArray out = RuleTestSupport.update(new LiusonRule(1.0, 0.9), batch, Map.of(EMA, ema),
                Layout.PLAIN, DataType.DOUBLE, 1.0);

        assertMatrixEquals(expected, out, 1e-14);
    }

    /** Per sample: y* = softmax((y - ema) / T), the mask s, dw_ij += s_i y*_i x_j / B. */
    @Override
    protected double[][] naiveUpdate(LiusonRule rule, Signals s) {
        double[] ema = s.state(EMA);
        int batchSize = s.x().length;
        int nOut = s.w().length;
        int nIn = s.w()[0].length;
        double[][] dw = new double[nOut][nIn];
        for (int b = 0; b < batchSize; b++) {
            double[] yStar = softmax(s.y()[b], ema, rule.temperature());
            int winner = 0;
            for (int i = 1; i < nOut; i++) {
                if (yStar[i] > yStar[winner]) {
                    winner = i;
                }
            }
            for (int i = 0; i < nOut; i++) {
                double mask = i == winner ? 1 : yStar[i] < 1.0 / nOut ? 0 : -1;
                for (int j = 0; j < nIn; j++) {
                    dw[i][j] += mask * yStar[i] * s.x()[b][j] / batchSize;
                }
            }
        }
        return dw;
    }

    private static double[] softmax(double[] y, double[] ema, double temperature) {
        double[] e = new double[y.length];
        double sum = 0;
        for (int i = 0; i < y.length; i++) {
            e[i] = Math.exp((y[i] - ema[i]) / temperature);
            sum += e[i];
        }
        for (int i = 0; i < y.length; i++) {
            e[i] /= sum;
        }
        return e;
    }

    /**
     * For a single sample, the update of each neuron is a multiple of x: positive for exactly one
     * neuron (the winner), zero for the neurons below the mean 1/n, negative for all others, and
     * every neuron with a non-zero update has y* at least 1/n.
     */
    @Test
    void perSampleExactlyOneNeuronIsHebbianTheMinimallyActivatedAreUntouchedTheRestAntiHebbian() {
        Random random = new Random(27);
        int nOut = 8;
        int nIn = 5;
        LiusonRule rule = new LiusonRule();
        for (int trial = 0; trial < 50; trial++) {
            Batch batch = Batch.random(1000 + trial, 1, nIn, nOut);
            double[] ema = Matrices.uniform(random, 1, nOut, 0, 1)[0];
            double[] yStar = softmax(batch.y()[0], ema, 1.0);

            double[][] dw = Matrices.values(RuleTestSupport.update(rule, batch, Map.of(EMA, ema), Layout.PLAIN,
                    DataType.DOUBLE, 1.0));

            int hebbian = 0;
            for (int i = 0; i < nOut; i++) {
                double alongX = Matrices.dot(dw[i], batch.x()[0]);
                if (yStar[i] < 1.0 / nOut) {
                    assertEquals(0.0, Matrices.norm(dw[i]), 0.0, "trial " + trial + ": neuron " + i + " below 1/n");
                } else if (alongX > 0) {
                    hebbian++;
                } else {
                    assertTrue(alongX < 0, "trial " + trial + ": neuron " + i + " above 1/n must learn");
                }
            }
            assertEquals(1, hebbian, "trial " + trial + ": Hebbian neurons");
        }
    }

    @Test
    void emaMovesTowardsTheBatchMeanOfTheActivityAndTheRuleRequiresUnitNormWeights() {
        // y_EMA <- m y_EMA + (1 - m) mean_b y, m = 0.5: mean_b y = [2, 0]; change = 0.5 * ([2, 0] - [1, 1])
        LiusonRule rule = new LiusonRule(1.0, 0.5);
        INDArray y = Nd4j.create(new double[][]{{1, 1}, {3, -1}});
        LocalSignals signals = LocalSignals.of(Nd4j.zeros(2, 3), y, y, Nd4j.zeros(2, 3))
                .withState(Map.of(EMA, Nd4j.create(new double[][]{{1, 1}})));

        assertMatrixEquals(new double[][]{{0.5, -0.5}}, rule.stateChange(signals, rule.stateVariables().get(0)), 1e-15);
        assertTrue(rule.requiresNormalizedWeights());
    }

    @Test
    void defaultsAndValidation() {
        assertEquals(new LiusonRule(1.0, 0.99), new LiusonRule());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new LiusonRule(0, 0.9))
                .getMessage().contains("temperature"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new LiusonRule(1, -0.1))
                .getMessage().contains("averageMomentum"));
    }
}
