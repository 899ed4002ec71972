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

class OjaRuleTest extends LearningRuleContract<OjaRule> {

    private final LearningRule rule = new OjaRule();

    @Override
    protected List<OjaRule> rules() {
        return List.of(new OjaRule());
    }

    @Test
    void updateOfTwoSampleBatchMatchesHandArithmetic() {
        double[][] x = {{1, 2, 3}, {0, -1, 2}};
        double[][] w = {{1, 0, -1}, {0.5, 1, 0}};
        double[][] u = {{-2, 2.5}, {-2, -1}};     // x W^T; Oja does not read u
        double[][] y = {{1, 0.5}, {2, -1}};
        // dw_ij = mean_b y_bi (x_bj - y_bi w_ij)
        // row 0, w0 = [1,0,-1]:
        //   b=0, y=1:    1 * ([1,2,3]  - 1*[1,0,-1])     = [0,2,4]
        //   b=1, y=2:    2 * ([0,-1,2] - 2*[1,0,-1])     = 2*[-2,-1,4] = [-4,-2,8]
        //   mean: [-4,0,12] / 2 = [-2, 0, 6]
        // row 1, w1 = [0.5,1,0]:
        //   b=0, y=0.5:  0.5 * ([1,2,3]  - 0.5*[0.5,1,0]) = 0.5*[0.75,1.5,3] = [0.375,0.75,1.5]
        //   b=1, y=-1:   -1 * ([0,-1,2]  + [0.5,1,0])     = -[0.5,0,2]       = [-0.5,0,-2]
        //   mean: [-0.125,0.75,-0.5] / 2 = [-0.0625, 0.375, -0.25]
        double[][] expected = {{-2, 0, 6}, {-0.0625, 0.375, -0.25}};

        INDArray out = RuleTestSupport.update(rule, new Batch(x, u, y, w), Layout.PLAIN, DataType.DOUBLE, 1.0);

        assertMatrixEquals(expected, out, 1e-15);
    }

    /** dw_ij = y_i (x_j - y_i w_ij) for each sample, then the batch mean. */
    @Override
    protected double[][] naiveUpdate(OjaRule rule, Signals s) {
        int batchSize = s.x().length;
        int nOut = s.w().length;
        int nIn = s.w()[0].length;
        double[][] dw = new double[nOut][nIn];
        for (int b = 0; b < batchSize; b++) {
            for (int i = 0; i < nOut; i++) {
                double yi = s.y()[b][i];
                for (int j = 0; j < nIn; j++) {
                    dw[i][j] += yi * (s.x()[b][j] - yi * s.w()[i][j]) / batchSize;
                }
            }
        }
        return dw;
    }

    /**
     * Oja's theorem: a linear neuron (y = u = w.x) trained by small steps converges to the unit-norm
     * eigenvector of the largest eigenvalue of the input covariance. Each neuron learns alone under
     * NoCompetition, so every row of W must end there (up to sign).
     */
    @Test
    void ojaConvergesToTopEigenvectorOfCovariance() {
        Random random = new Random(5);
        double[][] q = Matrices.randomOrthogonal(random, 4);
        double[] eigenvalues = {5, 2, 1, 0.5};
        double[] topEigenvector = Matrices.column(q, 0);
        double[][] start = Matrices.gaussian(random, 3, 4);
        start[0] = Matrices.withNorm(start[0], 0.1);   // far below unit norm
        start[1] = Matrices.withNorm(start[1], 3.0);   // far above
        INDArray w = Matrices.array(start, DataType.DOUBLE, 'c');

        int steps = 3000;
        for (int step = 0; step < steps; step++) {
            double learningRate = step < 1000 ? 0.01 : 0.002;
            double[][] x = RuleTestSupport.correlatedGaussian(random, q, eigenvalues, 16);
            RuleTestSupport.step(rule, new NoCompetition(), w, Matrices.array(x, DataType.DOUBLE, 'c'), learningRate);
        }

        double[][] learned = Matrices.values(w);
        for (int i = 0; i < learned.length; i++) {
            double cosine = RuleTestSupport.absCosine(learned[i], topEigenvector);
            assertTrue(cosine > 0.99, "neuron " + i + ": |cos(w, v1)| = " + cosine);
            assertEquals(1.0, Matrices.norm(learned[i]), 0.05, "neuron " + i + ": |w|");
        }
    }
}
