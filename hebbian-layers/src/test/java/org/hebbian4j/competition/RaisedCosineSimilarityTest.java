package org.hebbian4j.competition;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RaisedCosineSimilarityTest {

    @Test
    void smallCaseMatchesHandArithmetic() {
        INDArray x = Nd4j.create(new double[][]{{3, 4}, {0, 0}});
        INDArray w = Nd4j.create(new double[][]{{1, 0}, {0, -2}});   // neuron-major
        INDArray b = Nd4j.create(new double[][]{{0.5, 0}});
        INDArray u = x.mmul(w.transpose()).addRowVector(b);
        // row 0: cos to w0 = 3/5 -> ((0.6 + 1)/2)^2 = 0.64; cos to w1 = -8/10 -> ((-0.8 + 1)/2)^2 = 0.01
        // row 1 (zero input, norm counted as 1): u - b = 0 -> cos 0 -> 0.25
        INDArray s = new RaisedCosineSimilarity().similarity(u, x, b, w);
        assertEquals(0.64, s.getDouble(0, 0), 1e-12);
        assertEquals(0.01, s.getDouble(0, 1), 1e-12);
        assertEquals(0.25, s.getDouble(1, 0), 1e-12);
        assertEquals(0.25, s.getDouble(1, 1), 1e-12);
    }

    @Test
    void vectorizedEqualsNaiveLoopAndIsScaleFree() {
        Random random = new Random(4);
        int rows = 7, nIn = 5, nOut = 3;
        double[][] xs = new double[rows][nIn];
        double[][] ws = new double[nOut][nIn];
        for (double[] row : xs) for (int j = 0; j < nIn; j++) row[j] = random.nextGaussian();
        for (double[] row : ws) for (int j = 0; j < nIn; j++) row[j] = random.nextGaussian();
        INDArray x = Nd4j.create(xs).castTo(DataType.FLOAT);
        INDArray w = Nd4j.create(ws).castTo(DataType.FLOAT);
        INDArray b = Nd4j.zeros(DataType.FLOAT, 1, nOut);
        INDArray s = new RaisedCosineSimilarity(3).similarity(x.mmul(w.transpose()), x, b, w);
        INDArray scaled = new RaisedCosineSimilarity(3).similarity(x.mmul(w.transpose().mul(7)), x, b, w.mul(7));
        for (int n = 0; n < rows; n++) {
            for (int i = 0; i < nOut; i++) {
                double dot = 0, xx = 0, ww = 0;
                for (int j = 0; j < nIn; j++) {
                    dot += xs[n][j] * ws[i][j];
                    xx += xs[n][j] * xs[n][j];
                    ww += ws[i][j] * ws[i][j];
                }
                double expected = Math.pow((dot / Math.sqrt(xx * ww) + 1) / 2, 3);
                assertEquals(expected, s.getDouble(n, i), 1e-5);
                assertEquals(expected, scaled.getDouble(n, i), 1e-5);
            }
        }
    }

    @Test
    void powerMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new RaisedCosineSimilarity(0));
    }
}
