package org.hebbian4j.rules;

import org.hebbian4j.registry.Components;
import org.hebbian4j.rules.RuleTestSupport.Batch;
import org.hebbian4j.rules.RuleTestSupport.Layout;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.impl.LossL1;
import org.nd4j.linalg.lossfunctions.impl.LossL2;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;

import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.hebbian4j.testutil.Matrices.assertMatrixEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HebbianDescentRuleTest extends LearningRuleContract<HebbianDescentRule> {

    @Override
    protected List<HebbianDescentRule> rules() {
        return List.of(new HebbianDescentRule(), new HebbianDescentRule(new LossL1()), new HebbianDescentRule(new LossL2()));
    }

    /** dw_ij = -g_i x_j per sample, batch mean; MSE: g = 2 (h - t) / nOut, L1: g = sign(h - t), L2: g = 2 (h - t). */
    @Override
    protected double[][] naiveUpdate(HebbianDescentRule rule, Signals s) {
        int batchSize = s.x().length;
        int nOut = s.w().length;
        int nIn = s.w()[0].length;
        double[][] dw = new double[nOut][nIn];
        for (int b = 0; b < batchSize; b++) {
            for (int i = 0; i < nOut; i++) {
                double diff = s.y()[b][i] - s.targets()[b][i];
                double g = rule.loss() instanceof LossL1 ? Math.signum(diff)
                        : rule.loss() instanceof LossMSE ? 2 * diff / nOut : 2 * diff;
                for (int j = 0; j < nIn; j++) {
                    dw[i][j] -= g * s.x()[b][j] / batchSize;
                }
            }
        }
        return dw;
    }

    @Test
    void updateOfTwoSampleBatchUnderL2MatchesHandArithmetic() {
        double[][] x = {{1, 2, 3}, {0, -1, 2}};
        double[][] w = {{1, 0, -1}, {0.5, 1, 0}};   // not read by the rule
        double[][] u = {{-2, 2.5}, {-2, -1}};       // not read: the activation's derivative is dropped
        double[][] h = {{0.75, 0.25}, {0.5, 0.5}};
        double[][] t = {{1, 0}, {0, 1}};
        // DL4J's L2 (sum of squares): g = dL/dh = 2 (h - t) = {{-0.5, 0.5}, {1, -1}};  dw = -mean_b g_bi x_b
        // row 0: -(-0.5*[1,2,3] + 1*[0,-1,2]) / 2 = -([-0.5,-1,-1.5] + [0,-1,2]) / 2 = [0.25, 1, -0.25]
        // row 1: -(0.5*[1,2,3] - 1*[0,-1,2]) / 2 = -([0.5,1,1.5] + [0,1,-2]) / 2 = [-0.25, -1, 0.25]
        double[][] expected = {{0.25, 1, -0.25}, {-0.25, -1, 0.25}};

        INDArray out = RuleTestSupport.update(new HebbianDescentRule(new LossL2()), new Batch(x, u, h, w), t, Layout.PLAIN,
                DataType.DOUBLE, 1.0);

        assertMatrixEquals(expected, out, 1e-15);
    }

    @Test
    void underL2ItIsTwiceTheSupervisedHebbRule() {
        Batch batch = Batch.random(3, 5, 4, 3);
        double[][] t = SupervisedHebbRuleTest.oneHot(new Random(5), 5, 3);
        INDArray descent = RuleTestSupport.update(new HebbianDescentRule(new LossL2()), batch, t, Layout.PLAIN, DataType.DOUBLE, 1.0);
        INDArray hebb = RuleTestSupport.update(new SupervisedHebbRule(), batch, t, Layout.PLAIN, DataType.DOUBLE, 1.0);
        assertTrue(descent.equalsWithEps(hebb.mul(2), 1e-12));
    }

    @Test
    void isSupervisedAndRegisteredWithItsLossAsAHyperparameter() {
        LearningRule rule = (LearningRule) Components.create(Components.Kind.RULE, "hebbian-descent", Map.of("loss", "l1"));
        assertEquals(new HebbianDescentRule(new LossL1()), rule);
        assertTrue(rule.requiresTargets());
        assertEquals(new HebbianDescentRule(), Components.create(Components.Kind.RULE, "hebbian-descent", Map.of()));
        assertThrows(IllegalArgumentException.class, () -> new HebbianDescentRule(null));
    }
}
