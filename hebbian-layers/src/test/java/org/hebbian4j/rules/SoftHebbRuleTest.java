package org.hebbian4j.rules;

import org.hebbian4j.competition.SoftWta;
import org.hebbian4j.rules.RuleTestSupport.Batch;
import org.hebbian4j.rules.RuleTestSupport.Layout;
import org.hebbian4j.testutil.Matrices;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;
import java.util.Random;

import static org.hebbian4j.testutil.Matrices.assertMatrixEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class SoftHebbRuleTest extends LearningRuleContract<SoftHebbRule> {

    private final LearningRule rule = new SoftHebbRule();

    @Override
    protected List<SoftHebbRule> rules() {
        return List.of(new SoftHebbRule());
    }

    @Test
    void updateOfTwoSampleBatchMatchesHandArithmetic() {
        double[][] x = {{1, 2, 3}, {0, -1, 2}};
        double[][] w = {{1, 0, -1}, {0.5, 1, 0}};
        // u = x W^T: b=0: [1-3, 0.5+2] = [-2, 2.5];  b=1: [0-2, 0-1] = [-2, -1]
        double[][] u = {{-2, 2.5}, {-2, -1}};
        double[][] y = {{0.25, 0.75}, {0.5, 0.5}};   // any activity; the rule takes y as given
        // dw_ij = mean_b y_bi (x_bj - u_bi w_ij)
        // row 0, w0 = [1,0,-1]:
        //   b=0, y=0.25, u=-2:  0.25 * ([1,2,3]  + 2*[1,0,-1]) = 0.25*[3,2,1]  = [0.75,0.5,0.25]
        //   b=1, y=0.5,  u=-2:  0.5  * ([0,-1,2] + 2*[1,0,-1]) = 0.5*[2,-1,0]  = [1,-0.5,0]
        //   mean: [1.75,0,0.25] / 2 = [0.875, 0, 0.125]
        // row 1, w1 = [0.5,1,0]:
        //   b=0, y=0.75, u=2.5: 0.75 * ([1,2,3]  - 2.5*[0.5,1,0]) = 0.75*[-0.25,-0.5,3] = [-0.1875,-0.375,2.25]
        //   b=1, y=0.5,  u=-1:  0.5  * ([0,-1,2] + [0.5,1,0])     = 0.5*[0.5,0,2]       = [0.25,0,1]
        //   mean: [0.0625,-0.375,3.25] / 2 = [0.03125, -0.1875, 1.625]
        double[][] expected = {{0.875, 0, 0.125}, {0.03125, -0.1875, 1.625}};

        INDArray out = RuleTestSupport.update(rule, new Batch(x, u, y, w), Layout.PLAIN, DataType.DOUBLE, 1.0);

        assertMatrixEquals(expected, out, 1e-15);
    }

    /** dw_ij = y_i (x_j - u_i w_ij) for each sample, then the batch mean. */
    @Override
    protected double[][] naiveUpdate(SoftHebbRule rule, Signals s) {
        int batchSize = s.x().length;
        int nOut = s.w().length;
        int nIn = s.w()[0].length;
        double[][] dw = new double[nOut][nIn];
        for (int b = 0; b < batchSize; b++) {
            for (int i = 0; i < nOut; i++) {
                double yi = s.y()[b][i];
                double ui = s.u()[b][i];
                for (int j = 0; j < nIn; j++) {
                    dw[i][j] += yi * (s.x()[b][j] - ui * s.w()[i][j]) / batchSize;
                }
            }
        }
        return dw;
    }

    /**
     * With u_i = w_i.x, the rule changes |w_i|^2 by {@code 2 lr y_i u_i (1 - |w_i|^2)} (to first
     * order in lr): since y = softmax(u) makes y_i u_i positive on average, every weight vector is
     * driven to unit norm, from below and from above.
     */
    @Test
    void softHebbDrivesWeightNormsToOne() {
        Random random = new Random(9);
        int nIn = 6;
        double[][] q = Matrices.randomOrthogonal(random, nIn);
        double[] eigenvalues = {9, 6, 4, 3, 2, 1};
        double[][] start = Matrices.gaussian(random, 4, nIn);
        double[] startNorms = {0.5, 0.5, 2, 2};
        for (int i = 0; i < start.length; i++) {
            start[i] = Matrices.withNorm(start[i], startNorms[i]);
        }
        INDArray w = Matrices.array(start, DataType.DOUBLE, 'c');

        for (int step = 0; step < 2000; step++) {
            double learningRate = step < 1000 ? 0.02 : 0.005;
            double[][] x = RuleTestSupport.correlatedGaussian(random, q, eigenvalues, 32);
            RuleTestSupport.step(rule, new SoftWta(1.0), w, Matrices.array(x, DataType.DOUBLE, 'c'), learningRate);
        }

        double[][] learned = Matrices.values(w);
        for (int i = 0; i < learned.length; i++) {
            assertEquals(1.0, Matrices.norm(learned[i]), 0.05,
                    "neuron " + i + " (started at |w| = " + startNorms[i] + ")");
        }
    }
}
