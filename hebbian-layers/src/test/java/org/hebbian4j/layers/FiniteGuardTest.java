package org.hebbian4j.layers;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link FiniteGuard#allFinite} finds a NaN or an infinity at every position of the array layouts
 * layers hand it (contiguous views with an offset, transposed views, strided views that take the
 * slow path), and ignores non-finite values outside the view.
 */
class FiniteGuardTest {

    private static final float[] NON_FINITE = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY};

    /** A flat "parameter" array of 3 + 7*5 + 4 elements, with W a [7, 5] 'f' view at offset 3. */
    private static INDArray[] paramsAndWeights(DataType type) {
        INDArray params = Nd4j.rand(type, 1, 3 + 35 + 4).subi(0.5);
        INDArray w = params.get(NDArrayIndex.point(0), NDArrayIndex.interval(3, 38)).reshape('f', 7, 5);
        return new INDArray[]{params, w};
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void findsEveryNonFiniteValueInAContiguousViewWithOffset(DataType type) {
        INDArray[] pw = paramsAndWeights(type);
        INDArray w = pw[1];
        assertTrue(FiniteGuard.allFinite(w));
        for (int i = 0; i < 7; i++) {
            for (int j = 0; j < 5; j++) {
                for (float bad : NON_FINITE) {
                    double old = w.getDouble(i, j);
                    w.putScalar(i, j, bad);
                    assertFalse(FiniteGuard.allFinite(w), bad + " at " + i + "," + j);
                    assertFalse(FiniteGuard.allFinite(w.transpose()), bad + " at " + i + "," + j + " (transposed view)");
                    w.putScalar(i, j, old);
                }
            }
        }
        assertTrue(FiniteGuard.allFinite(w));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 2, 38, 41})
    void ignoresNonFiniteValuesOutsideTheView(int position) {
        INDArray[] pw = paramsAndWeights(DataType.FLOAT);
        pw[0].putScalar(0, position, Float.NaN);

        assertTrue(FiniteGuard.allFinite(pw[1]));
        assertTrue(FiniteGuard.allFinite(pw[1].transpose()));
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE", "HALF"})
    void findsNonFiniteValuesInStridedViewsAndOtherTypes(DataType type) {
        INDArray matrix = Nd4j.rand(type, 6, 9);
        INDArray column = matrix.getColumn(4);
        INDArray block = matrix.get(NDArrayIndex.interval(1, 4), NDArrayIndex.interval(2, 7));
        assertTrue(FiniteGuard.allFinite(column));
        assertTrue(FiniteGuard.allFinite(block));

        matrix.putScalar(3, 4, Double.POSITIVE_INFINITY);

        assertFalse(FiniteGuard.allFinite(column));
        assertFalse(FiniteGuard.allFinite(block));
        assertFalse(FiniteGuard.allFinite(matrix));
        assertTrue(FiniteGuard.allFinite(matrix.getColumn(0)));
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void singleElementsAndScalars(DataType type) {
        assertTrue(FiniteGuard.allFinite(Nd4j.scalar(type, 1.5)));
        assertFalse(FiniteGuard.allFinite(Nd4j.scalar(type, Double.NaN)));
        assertFalse(FiniteGuard.allFinite(Nd4j.valueArrayOf(new long[]{1, 1}, Double.NEGATIVE_INFINITY, type)));
    }
}
