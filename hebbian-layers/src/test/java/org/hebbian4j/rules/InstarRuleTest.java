package org.hebbian4j.rules;

import org.hebbian4j.competition.HardWta;
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

class InstarRuleTest extends LearningRuleContract<InstarRule> {

    private final LearningRule rule = new InstarRule();

    @Override
    protected List<InstarRule> rules() {
        return List.of(new InstarRule());
    }

    @Test
    void updateOfTwoSampleBatchMatchesHandArithmetic() {
        double[][] x = {{1, 2, 3}, {0, -1, 2}};
        double[][] w = {{1, 0, -1}, {0.5, 1, 0}};
        double[][] u = {{-2, 2.5}, {-2, -1}};     // x W^T; instar does not read u
        double[][] r = {{1, 0}, {0.5, 0.5}};      // rewards: sample 0 won by neuron 0, sample 1 shared
        // dw_i = mean_b r_bi (x_b - w_i)
        // row 0, w0 = [1,0,-1]:
        //   b=0, r=1:    1   * ([1,2,3]  - [1,0,-1]) = [0,2,4]
        //   b=1, r=0.5:  0.5 * ([0,-1,2] - [1,0,-1]) = 0.5*[-1,-1,3] = [-0.5,-0.5,1.5]
        //   mean: [-0.5,1.5,5.5] / 2 = [-0.25, 0.75, 2.75]
        // row 1, w1 = [0.5,1,0]:
        //   b=0, r=0:    0
        //   b=1, r=0.5:  0.5 * ([0,-1,2] - [0.5,1,0]) = 0.5*[-0.5,-2,2] = [-0.25,-1,1]
        //   mean: [-0.125, -0.5, 0.5]
        double[][] expected = {{-0.25, 0.75, 2.75}, {-0.125, -0.5, 0.5}};

        INDArray out = RuleTestSupport.update(rule, new Batch(x, u, r, w), Layout.PLAIN, DataType.DOUBLE, 1.0);

        assertMatrixEquals(expected, out, 1e-15);
    }

    /** dw_ij = r_i (x_j - w_ij) for each sample, then the batch mean. */
    @Override
    protected double[][] naiveUpdate(InstarRule rule, Signals s) {
        int batchSize = s.x().length;
        int nOut = s.w().length;
        int nIn = s.w()[0].length;
        double[][] dw = new double[nOut][nIn];
        for (int b = 0; b < batchSize; b++) {
            for (int i = 0; i < nOut; i++) {
                double ri = s.y()[b][i];
                for (int j = 0; j < nIn; j++) {
                    dw[i][j] += ri * (s.x()[b][j] - s.w()[i][j]) / batchSize;
                }
            }
        }
        return dw;
    }

    /**
     * Under winner-take-all, the instar rule is online k-means: on a fixed data set (full batch) a
     * neuron moves by {@code lr * (n_i / B) * (mean of the samples it wins - w_i)}, so once every
     * neuron wins one cluster, each weight vector converges geometrically to that cluster's mean.
     */
    @Test
    void instarWithHardWtaMovesWeightsToClusterMeans() {
        double[][] centres = {{3, 1, 0, 0, 0}, {0, 3, 1, 0, 0}, {0, 0, 0, 3, 1}};
        int perCluster = 100;
        Random random = new Random(7);
        double[][] x = new double[centres.length * perCluster][];
        double[][] clusterMeans = new double[centres.length][5];
        for (int c = 0; c < centres.length; c++) {
            for (int s = 0; s < perCluster; s++) {
                double[] sample = new double[5];
                for (int j = 0; j < 5; j++) {
                    sample[j] = centres[c][j] + 0.3 * random.nextGaussian();
                    clusterMeans[c][j] += sample[j] / perCluster;
                }
                x[c * perCluster + s] = sample;
            }
        }
        // Each neuron starts at a third of a centre plus noise, in an order unrelated to the clusters.
        int[] startCluster = {2, 0, 1};
        double[][] start = new double[3][5];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 5; j++) {
                start[i][j] = centres[startCluster[i]][j] / 3 + 0.2 * random.nextGaussian();
            }
        }
        INDArray w = Matrices.array(start, DataType.DOUBLE, 'c');
        INDArray input = Matrices.array(x, DataType.DOUBLE, 'c');

        for (int step = 0; step < 150; step++) {
            RuleTestSupport.step(rule, new HardWta(), w, input, 1.0);
        }

        double[][] learned = Matrices.values(w);
        for (int i = 0; i < 3; i++) {
            assertMatrixEquals(new double[][]{clusterMeans[startCluster[i]]},
                    w.getRow(i, true), 1e-9);
        }
        // And each neuron wins exactly its own cluster.
        INDArray wins = new HardWta().compete(input.mmul(w.transpose())).sum(0);
        for (int i = 0; i < 3; i++) {
            assertEquals(perCluster, wins.getDouble(i), "samples won by neuron " + i);
            assertTrue(Matrices.norm(learned[i]) > 3, "neuron " + i + " moved out to its cluster");
        }
    }
}
