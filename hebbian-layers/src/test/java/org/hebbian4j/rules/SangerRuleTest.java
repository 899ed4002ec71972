package org.hebbian4j.rules;

import org.hebbian4j.competition.NoCompetition;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

class SangerRuleTest extends LearningRuleContract<SangerRule> {

    private final LearningRule rule = new SangerRule();

    @Override
    protected List<SangerRule> rules() {
        return List.of(new SangerRule());
    }

    @Test
    void updateOfTwoSampleBatchMatchesHandArithmetic() {
        double[][] x = {{1, 2, 3}, {0, -1, 2}};
        double[][] w = {{1, 0, -1}, {0.5, 1, 0}};
        double[][] u = {{-2, 2.5}, {-2, -1}};     // x W^T; Sanger does not read u
        double[][] y = {{1, 0.5}, {2, -1}};
        // dw_i = mean_b y_bi (x_b - sum_{k<=i} y_bk w_k)
        // row 0 (k = 0 only: Oja), w0 = [1,0,-1]:
        //   b=0, y0=1:  1 * ([1,2,3]  - 1*[1,0,-1]) = [0,2,4]
        //   b=1, y0=2:  2 * ([0,-1,2] - 2*[1,0,-1]) = 2*[-2,-1,4] = [-4,-2,8]
        //   mean: [-4,0,12] / 2 = [-2, 0, 6]
        // row 1 (k = 0, 1), w1 = [0.5,1,0]:
        //   b=0, y=(1, 0.5):  0.5 * ([1,2,3]  - 1*[1,0,-1] - 0.5*[0.5,1,0]) = 0.5*[-0.25,1.5,4] = [-0.125,0.75,2]
        //   b=1, y=(2, -1):   -1  * ([0,-1,2] - 2*[1,0,-1] + 1*[0.5,1,0])   = -1*[-1.5,0,4]    = [1.5,0,-4]
        //   mean: [1.375,0.75,-2] / 2 = [0.6875, 0.375, -1]
        double[][] expected = {{-2, 0, 6}, {0.6875, 0.375, -1}};

        INDArray out = RuleTestSupport.update(rule, new Batch(x, u, y, w), Layout.PLAIN, DataType.DOUBLE, 1.0);

        assertMatrixEquals(expected, out, 1e-15);
    }

    /** dw_ij = y_i (x_j - sum_{k<=i} w_kj y_k) for each sample, then the batch mean. */
    @Override
    protected double[][] naiveUpdate(SangerRule rule, Signals s) {
        int batchSize = s.x().length;
        int nOut = s.w().length;
        int nIn = s.w()[0].length;
        double[][] dw = new double[nOut][nIn];
        for (int b = 0; b < batchSize; b++) {
            double[] y = s.y()[b];
            for (int i = 0; i < nOut; i++) {
                for (int j = 0; j < nIn; j++) {
                    double reconstruction = 0;
                    for (int k = 0; k <= i; k++) {
                        reconstruction += s.w()[k][j] * y[k];
                    }
                    dw[i][j] += y[i] * (s.x()[b][j] - reconstruction) / batchSize;
                }
            }
        }
        return dw;
    }

    /**
     * Sanger's theorem: linear neurons (y = u = W x) trained by small steps converge to the
     * eigenvectors of the input covariance in order of decreasing eigenvalue, row i to the i-th;
     * the rows end orthonormal.
     */
    @Test
    void sangerWithoutCompetitionConvergesToOrderedPrincipalComponents() {
        Random random = new Random(17);
        int dims = 5;
        double[][] q = Matrices.randomOrthogonal(random, dims);
        double[] eigenvalues = {6, 3, 1.5, 0.5, 0.25};
        INDArray w = Matrices.array(Matrices.uniform(random, 3, dims, -0.3, 0.3), DataType.DOUBLE, 'c');

        for (int step = 0; step < 4000; step++) {
            double learningRate = step < 2000 ? 0.01 : 0.002;
            double[][] x = RuleTestSupport.correlatedGaussian(random, q, eigenvalues, 16);
            RuleTestSupport.step(rule, new NoCompetition(), w, Matrices.array(x, DataType.DOUBLE, 'c'), learningRate);
        }

        double[][] learned = Matrices.values(w);
        for (int i = 0; i < learned.length; i++) {
            double cosine = RuleTestSupport.absCosine(learned[i], Matrices.column(q, i));
            assertTrue(cosine > 0.99, "neuron " + i + ": |cos(w_i, v_" + (i + 1) + ")| = " + cosine);
            for (int k = 0; k < learned.length; k++) {
                assertEquals(i == k ? 1.0 : 0.0, Matrices.dot(learned[i], learned[k]), 0.05,
                        "w_" + i + " . w_" + k);
            }
        }
    }
}
