package org.hebbian4j.rules;

import org.hebbian4j.conf.HebbianDenseLayer;
import org.hebbian4j.rules.RuleTestSupport.Batch;
import org.hebbian4j.rules.RuleTestSupport.Layout;
import org.hebbian4j.testutil.Matrices;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

import java.util.List;
import java.util.Random;

import static org.hebbian4j.testutil.Matrices.assertMatrixEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SupervisedHebbRuleTest extends LearningRuleContract<SupervisedHebbRule> {

    private final LearningRule rule = new SupervisedHebbRule();

    @Override
    protected List<SupervisedHebbRule> rules() {
        return List.of(new SupervisedHebbRule());
    }

    @Test
    void updateOfTwoSampleBatchMatchesHandArithmetic() {
        double[][] x = {{1, 2, 3}, {0, -1, 2}};
        double[][] w = {{1, 0, -1}, {0.5, 1, 0}};
        double[][] u = {{-2, 2.5}, {-2, -1}};       // not read by the rule
        double[][] y = {{0.75, 0.25}, {0.5, 0.5}};
        double[][] t = {{1, 0}, {0, 1}};
        // t - y = {{0.25, -0.25}, {-0.5, 0.5}};  dw_ij = mean_b (t_bi - y_bi) x_bj
        // row 0: (0.25*[1,2,3] + (-0.5)*[0,-1,2]) / 2 = ([0.25,0.5,0.75] + [0,0.5,-1]) / 2 = [0.125, 0.5, -0.125]
        // row 1: (-0.25*[1,2,3] + 0.5*[0,-1,2]) / 2 = ([-0.25,-0.5,-0.75] + [0,-0.5,1]) / 2 = [-0.125, -0.5, 0.125]
        double[][] expected = {{0.125, 0.5, -0.125}, {-0.125, -0.5, 0.125}};

        INDArray out = RuleTestSupport.update(rule, new Batch(x, u, y, w), t, Layout.PLAIN, DataType.DOUBLE, 1.0);

        assertMatrixEquals(expected, out, 1e-15);
    }

    /** dw_ij = (t_i - y_i) x_j for each sample, then the batch mean. */
    @Override
    protected double[][] naiveUpdate(SupervisedHebbRule rule, Signals s) {
        double[][] t = s.targets();
        int batchSize = s.x().length;
        int nOut = s.w().length;
        int nIn = s.w()[0].length;
        double[][] dw = new double[nOut][nIn];
        for (int b = 0; b < batchSize; b++) {
            for (int i = 0; i < nOut; i++) {
                for (int j = 0; j < nIn; j++) {
                    dw[i][j] += (t[b][i] - s.y()[b][i]) * s.x()[b][j] / batchSize;
                }
            }
        }
        return dw;
    }

    static double[][] oneHot(Random random, int rows, int classes) {
        double[][] t = new double[rows][classes];
        for (double[] row : t) {
            row[random.nextInt(classes)] = 1.0;
        }
        return t;
    }

    /**
     * With softmax outputs the rule is minus the gradient of the mean multi-class cross-entropy with
     * respect to the weights, as DL4J's LossMCXENT computes it: (1/B) (T - Y)^T X = -(1/B) (dL/du)^T X.
     */
    @Test
    void withSoftmaxOutputsTheRuleIsMinusTheCrossEntropyGradient() {
        Random random = new Random(5);
        int batchSize = 9;
        int nIn = 6;
        int nOut = 4;
        INDArray x = Matrices.array(Matrices.gaussian(random, batchSize, nIn), DataType.DOUBLE, 'c');
        INDArray w = Matrices.array(Matrices.gaussian(random, nOut, nIn), DataType.DOUBLE, 'c');
        INDArray t = Matrices.array(oneHot(random, batchSize, nOut), DataType.DOUBLE, 'c');
        INDArray u = x.mmul(w.transpose());
        INDArray y = new ActivationSoftmax().getActivation(u.dup(), true);
        INDArray lossGradient = new LossMCXENT().computeGradient(t, u.dup(), new ActivationSoftmax(), null);
        INDArray minusWeightGradient = lossGradient.transpose().mmul(x).divi(batchSize).negi();

        INDArray out = Nd4j.create(DataType.DOUBLE, new long[]{nOut, nIn}, 'f');
        rule.update(new LocalSignals(x, u, y, w, t), out, 1.0);

        assertMatrixEquals(Matrices.values(minusWeightGradient), out, 1e-12);
    }

    /** "The true label is a stable point": where the output equals the target, nothing is learned. */
    @Test
    void outputsEqualToTheTargetsGiveAZeroUpdate() {
        Random random = new Random(7);
        double[][] t = oneHot(random, 5, 3);
        double[][] x = Matrices.gaussian(random, 5, 4);
        double[][] w = Matrices.gaussian(random, 3, 4);
        Batch batch = new Batch(x, Matrices.multiply(x, Matrices.transpose(w)), t, w);

        INDArray out = RuleTestSupport.update(rule, batch, t, Layout.LAYER_VIEWS, DataType.DOUBLE, -1.0);

        assertMatrixEquals(new double[3][4], out, 0.0);
    }

    @Test
    void isSupervisedAndRefusesSignalsWithoutOrWithMisshapenTargets() {
        assertTrue(rule.requiresTargets());
        INDArray x = Nd4j.rand(DataType.DOUBLE, 4, 3);
        INDArray y = Nd4j.rand(DataType.DOUBLE, 4, 2);
        INDArray w = Nd4j.rand(DataType.DOUBLE, 2, 3);
        INDArray out = Nd4j.create(DataType.DOUBLE, 2, 3);

        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> rule.update(LocalSignals.of(x, y, y, w), out, 1.0));
        assertTrue(missing.getMessage().contains("needs targets"), missing.getMessage());
        IllegalArgumentException misshapen = assertThrows(IllegalArgumentException.class,
                () -> rule.update(new LocalSignals(x, y, y, w, Nd4j.rand(DataType.DOUBLE, 4, 3)), out, 1.0));
        assertTrue(misshapen.getMessage().contains("[4, 3]") && misshapen.getMessage().contains("[4, 2]"),
                misshapen.getMessage());
    }

    @Test
    void hiddenHebbianDenseLayerRejectsTheSupervisedRule() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new HebbianDenseLayer.Builder().nIn(4).nOut(3).rule(rule).build());
        assertTrue(e.getMessage().contains("supervised-hebb") && e.getMessage().contains("needs labels"), e.getMessage());
    }
}
