package org.hebbian4j.layers;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Data and assertions shared by the layer tests. */
final class LayerTestSupport {

    private LayerTestSupport() {
    }

    /** Tolerance of an exact-step comparison: 1e-10 in double, 1e-5 in float. */
    static double tolerance(DataType dataType) {
        return dataType == DataType.DOUBLE ? 1e-10 : 1e-5;
    }

    /**
     * Features uniform in [0, 1) {@code [batch, nIn]} and one-hot labels {@code [batch, nClasses]}
     * (sample s in class s mod nClasses), both reproducible from {@code seed}.
     */
    static DataSet randomDataSet(DataType dataType, int batch, int nIn, int nClasses, long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray features = Nd4j.rand(dataType, batch, nIn);
        INDArray labels = Nd4j.zeros(dataType, batch, nClasses);
        for (int s = 0; s < batch; s++) {
            labels.putScalar(s, s % nClasses, 1.0);
        }
        return new DataSet(features, labels);
    }

    /**
     * A learnable problem: features uniform in [0, 1) and the label of each sample is the argmax of
     * a fixed random linear map of its features.
     */
    static DataSet linearlySeparableDataSet(DataType dataType, int batch, int nIn, int nClasses, long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray features = Nd4j.rand(dataType, batch, nIn);
        INDArray map = Nd4j.randn(dataType, nIn, nClasses);
        INDArray scores = features.sub(0.5).mmul(map);
        INDArray labels = Nd4j.zeros(dataType, batch, nClasses);
        for (int s = 0; s < batch; s++) {
            labels.putScalar(s, scores.getRow(s).argMax().getInt(0), 1.0);
        }
        return new DataSet(features, labels);
    }

    /** Asserts that {@code actual} (DL4J's W layout) equals {@code expected} element by element within {@code tolerance}. */
    static void assertMatrixEquals(double[][] expected, INDArray actual, double tolerance, String what) {
        double[][] got = actual.toDoubleMatrix();
        assertEquals(expected.length, got.length, what + ": rows");
        for (int r = 0; r < expected.length; r++) {
            assertArrayEquals(expected[r], got[r], tolerance, what + ": row " + r);
        }
    }

    /** Largest |a - b| over all elements. */
    static double maxAbsDifference(double[][] a, double[][] b) {
        double max = 0;
        for (int r = 0; r < a.length; r++) {
            for (int c = 0; c < a[r].length; c++) {
                max = Math.max(max, Math.abs(a[r][c] - b[r][c]));
            }
        }
        return max;
    }

    /**
     * Asserts that the expected step is far larger than the comparison's tolerance, so that an
     * "exact step" assertion cannot pass with weights that did not move.
     */
    static void assertStepIsMeasurable(double[][] before, double[][] expectedAfter, double tolerance) {
        double step = maxAbsDifference(before, expectedAfter);
        assertTrue(step > 100 * tolerance, "expected step " + step + " too small to test against tolerance " + tolerance);
    }

    /** Whether every element is exactly zero. */
    static boolean allZero(INDArray array) {
        for (double v : array.dup().data().asDouble()) {
            if (v != 0.0) {
                return false;
            }
        }
        return true;
    }

    /** Finds the first throwable of {@code type} in the cause chain of {@code thrown}, or fails. */
    static <T extends Throwable> T causeOfType(Throwable thrown, Class<T> type) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " in the cause chain of " + thrown, thrown);
    }
}
