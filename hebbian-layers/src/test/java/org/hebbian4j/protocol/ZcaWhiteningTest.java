package org.hebbian4j.protocol;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ZcaWhiteningTest {

    @Test
    void handComputedDiagonalCovariance() {
        // mean 0, cov = diag(2/4, 8/4) = diag(0.5, 2): Z = diag(1/sqrt(0.5), 1/sqrt(2))
        INDArray x = Nd4j.createFromArray(new double[][]{{1, 0}, {-1, 0}, {0, 2}, {0, -2}});
        ZcaWhitening zca = new ZcaWhitening(0).fit(x);
        INDArray expected = Nd4j.createFromArray(new double[][]{{1 / Math.sqrt(0.5), 0}, {0, 1 / Math.sqrt(2)}});
        assertTrue(expected.equalsWithEps(zca.matrix(), 1e-12), zca.matrix().toString());
        INDArray white = zca.apply(x);
        assertEquals(Math.sqrt(2), white.getDouble(0, 0), 1e-12);
        assertEquals(Math.sqrt(2), white.getDouble(2, 1), 1e-12);
    }

    @Test
    void handComputedCorrelatedPair() {
        // x2 = x1 with noise-free correlation broken by the 4th point: cov computed by hand
        INDArray x = Nd4j.createFromArray(new double[][]{{1, 1}, {-1, -1}, {1, -1}, {-1, 1}, {2, 2}, {-2, -2}});
        // mean 0; cov = (1/6) [[12, 8], [8, 12]]: eigen (20/6, [1,1]/sqrt2) and (4/6, [1,-1]/sqrt2)
        double a = 1 / Math.sqrt(20.0 / 6), b = 1 / Math.sqrt(4.0 / 6);
        INDArray expected = Nd4j.createFromArray(new double[][]{{(a + b) / 2, (a - b) / 2}, {(a - b) / 2, (a + b) / 2}});
        ZcaWhitening zca = new ZcaWhitening(0).fit(x);
        assertTrue(expected.equalsWithEps(zca.matrix(), 1e-10), zca.matrix() + " vs " + expected);
    }

    @Test
    void whitenedTrainingDataHaveIdentityCovarianceAndMatrixIsSymmetric() {
        Nd4j.getRandom().setSeed(7);
        INDArray mix = Nd4j.randn(DataType.DOUBLE, 6, 6);
        INDArray x = Nd4j.randn(DataType.DOUBLE, 2000, 6).mmul(mix).addi(3.0);
        ZcaWhitening zca = new ZcaWhitening(0).fit(x);
        INDArray w = zca.apply(x);
        INDArray centred = w.subRowVector(w.mean(0));
        INDArray cov = centred.transpose().mmul(centred).divi(x.size(0));
        assertTrue(Nd4j.eye(6).castTo(DataType.DOUBLE).equalsWithEps(cov, 1e-8), cov.toString());
        assertTrue(zca.matrix().equalsWithEps(zca.matrix().transpose(), 1e-10));
        // a naive loop: x' = (x - mu) Z for one row
        double[] row = new double[6];
        for (int j = 0; j < 6; j++) {
            for (int k = 0; k < 6; k++) {
                row[j] += (x.getDouble(5, k) - zca.mean().getDouble(0, k)) * zca.matrix().getDouble(k, j);
            }
        }
        assertArrayEquals(row, w.getRow(5).toDoubleVector(), 1e-10);
    }

    @Test
    void epsilonShrinksLowVarianceDirections() {
        INDArray x = Nd4j.createFromArray(new double[][]{{1, 0}, {-1, 0}, {0, 2}, {0, -2}});
        ZcaWhitening zca = new ZcaWhitening(0.5).fit(x);
        assertEquals(1, zca.matrix().getDouble(0, 0), 1e-12);            // 1/sqrt(0.5 + 0.5)
        assertEquals(1 / Math.sqrt(2.5), zca.matrix().getDouble(1, 1), 1e-12);
    }

    @Test
    void preProcessorKeepsImageShapeAndType() {
        Nd4j.getRandom().setSeed(3);
        INDArray images = Nd4j.rand(DataType.FLOAT, 50, 2, 3, 3);
        ZcaWhitening zca = new ZcaWhitening(1e-2).fit(images);
        DataSet ds = new DataSet(images.dup(), Nd4j.zeros(DataType.FLOAT, 50, 2));
        zca.preProcess(ds);
        assertArrayEquals(images.shape(), ds.getFeatures().shape());
        assertEquals(DataType.FLOAT, ds.getFeatures().dataType());
        INDArray flat = zca.apply(images.reshape(50, 18));
        assertTrue(flat.reshape(50, 2, 3, 3).equalsWithEps(ds.getFeatures(), 1e-5));
        assertTrue(zca.apply(images, 7).equalsWithEps(ds.getFeatures(), 1e-5), "chunked apply differs");
    }

    @Test
    void badUseIsRejectedWithAMessage() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new ZcaWhitening(-1)).getMessage().contains("epsilon"));
        assertTrue(assertThrows(IllegalStateException.class, () -> new ZcaWhitening(0).apply(Nd4j.ones(2, 2))).getMessage()
                .contains("fit"));
        ZcaWhitening zca = new ZcaWhitening(0.1).fit(Nd4j.rand(10, 4));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> zca.apply(Nd4j.ones(3, 5))).getMessage().contains("4"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new ZcaWhitening(0).fit(Nd4j.ones(1, 3))).getMessage()
                .contains("2 examples"));
        assertTrue(assertThrows(IllegalStateException.class, () -> new ZcaWhitening(0).fit(Nd4j.ones(5, 3))).getMessage()
                .contains("zero variance"));
    }
}
