package org.hebbian4j.samples.bench;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The floor does the work it claims: its update is {@code lr (exp(u)^T x - diag(d) W)} with
 * {@code u = x W}, checked against a naive double-precision loop, for a dense layer and for a
 * convolution, whose rows x are its input's patches unfolded by hand.
 */
public class StepFloorTest {

    @Test
    void denseFloorComputesTheSoftUpdate() {
        Nd4j.getRandom().setSeed(3);
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 5);
        StepFloor floor = new StepFloor(new INDArray[]{x}, 0, 3, 11);
        floor.pass();
        assertMatchesNaive(x, floor);
    }

    @Test
    void convolutionFloorUnfoldsAndComputesTheSoftUpdate() {
        Nd4j.getRandom().setSeed(4);
        INDArray images = Nd4j.rand(DataType.FLOAT, 2, 2, 4, 4);
        // The patches by hand: row (b*3 + i)*3 + j, column (c*2 + ki)*2 + kj = images[b, c, i + ki, j + kj].
        double[][] patches = new double[2 * 3 * 3][2 * 2 * 2];
        for (int b = 0; b < 2; b++) {
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    for (int c = 0; c < 2; c++) {
                        for (int ki = 0; ki < 2; ki++) {
                            for (int kj = 0; kj < 2; kj++) {
                                patches[(b * 3 + i) * 3 + j][(c * 2 + ki) * 2 + kj] = images.getDouble(b, c, i + ki, j + kj);
                            }
                        }
                    }
                }
            }
        }
        INDArray rows = Nd4j.create(patches);
        StepFloor floor = new StepFloor(new INDArray[]{images}, 2, 3, 12);
        long[] t = floor.pass();
        assertEquals(StepFloor.PARTS.length + 2, t.length);
        assertMatchesNaive(rows, floor);
    }

    private static void assertMatchesNaive(INDArray x, StepFloor floor) {
        double[][] xs = x.toDoubleMatrix();
        double[][] w = floor.weights().toDoubleMatrix();
        double[] scaledDecay = floor.scaledDecay().toDoubleVector();
        double[][] update = floor.lastUpdate().toDoubleMatrix();
        double lr = LayerStepBench.LEARNING_RATE;
        int nIn = w.length;
        int nOut = w[0].length;
        for (int i = 0; i < nOut; i++) {
            for (int j = 0; j < nIn; j++) {
                double hebb = 0;
                for (double[] row : xs) {
                    double u = 0;
                    for (int k = 0; k < nIn; k++) {
                        u += row[k] * w[k][i];
                    }
                    hebb += Math.exp(u) * row[j];
                }
                // scaledDecay = -lr d: the update is lr hebb + scaledDecay_i W_ji.
                double expected = lr * hebb + scaledDecay[i] * w[j][i];
                assertEquals(expected, update[j][i], 1e-5 * Math.max(1, Math.abs(expected)), "entry " + i + "," + j);
            }
        }
    }
}
