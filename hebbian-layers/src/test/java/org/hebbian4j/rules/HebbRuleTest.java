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
import static org.junit.jupiter.api.Assertions.assertTrue;

class HebbRuleTest extends LearningRuleContract<HebbRule> {

    private final LearningRule rule = new HebbRule();

    @Override
    protected List<HebbRule> rules() {
        return List.of(new HebbRule());
    }

    @Test
    void updateOfTwoSampleBatchMatchesHandArithmetic() {
        double[][] x = {{1, 2, 3}, {0, -1, 2}};
        double[][] w = {{1, 0, -1}, {0.5, 1, 0}};
        double[][] u = {{-2, 2.5}, {-2, -1}};     // x W^T; Hebb does not read u or W
        double[][] y = {{1, 0.5}, {2, -1}};
        // dw_ij = mean_b y_bi x_bj
        // row 0: (1*[1,2,3] + 2*[0,-1,2]) / 2    = ([1,2,3] + [0,-2,4]) / 2   = [0.5, 0, 3.5]
        // row 1: (0.5*[1,2,3] + (-1)*[0,-1,2]) / 2 = ([0.5,1,1.5] + [0,1,-2]) / 2 = [0.25, 1, -0.25]
        double[][] expected = {{0.5, 0, 3.5}, {0.25, 1, -0.25}};

        INDArray out = RuleTestSupport.update(rule, new Batch(x, u, y, w), Layout.PLAIN, DataType.DOUBLE, 1.0);

        assertMatrixEquals(expected, out, 1e-15);
    }

    /** dw_ij = y_i x_j for each sample, then the batch mean. */
    @Override
    protected double[][] naiveUpdate(HebbRule rule, Signals s) {
        int batchSize = s.x().length;
        int nOut = s.w().length;
        int nIn = s.w()[0].length;
        double[][] dw = new double[nOut][nIn];
        for (int b = 0; b < batchSize; b++) {
            for (int i = 0; i < nOut; i++) {
                for (int j = 0; j < nIn; j++) {
                    dw[i][j] += s.y()[b][i] * s.x()[b][j] / batchSize;
                }
            }
        }
        return dw;
    }

    /**
     * With y = u = W x, the mean Hebbian update is W C: the steps are a power iteration, so every
     * weight vector grows along the top eigenvector of the input covariance C.
     */
    @Test
    void hebbWithoutCompetitionGrowsAlongTopEigenvectorOfCovariance() {
        Random random = new Random(3);
        double[][] q = Matrices.randomOrthogonal(random, 4);
        double[] eigenvalues = {5, 2, 1, 0.5};
        double[] topEigenvector = Matrices.column(q, 0);
        INDArray w = Matrices.array(Matrices.gaussian(random, 3, 4), DataType.DOUBLE, 'c');
        double[][] initial = Matrices.values(w);

        for (int step = 0; step < 500; step++) {
            double[][] x = RuleTestSupport.correlatedGaussian(random, q, eigenvalues, 32);
            RuleTestSupport.step(rule, new NoCompetition(), w, Matrices.array(x, DataType.DOUBLE, 'c'), 0.01);
        }

        double[][] learned = Matrices.values(w);
        for (int i = 0; i < learned.length; i++) {
            double cosine = RuleTestSupport.absCosine(learned[i], topEigenvector);
            assertTrue(cosine > 0.999, "neuron " + i + ": |cos(w, v1)| = " + cosine);
            double growth = Matrices.norm(learned[i]) / Matrices.norm(initial[i]);
            assertTrue(growth > 1e6, "neuron " + i + ": |w| grew only by " + growth);
        }
    }
}
