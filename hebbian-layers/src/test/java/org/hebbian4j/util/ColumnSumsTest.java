package org.hebbian4j.util;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link ColumnSums} equals {@code sum(0)} for tall row-major matrices (its BLAS path), short ones,
 * column-major ones and views, in both float types; {@code into} writes a given vector.
 */
class ColumnSumsTest {

    private static double[] exactColumnSums(INDArray m) {
        double[] s = new double[(int) m.columns()];
        for (int i = 0; i < m.rows(); i++) {
            for (int j = 0; j < m.columns(); j++) {
                s[j] += m.getDouble(i, j);
            }
        }
        return s;
    }

    @ParameterizedTest(name = "{0} x {1} {2} {3}")
    @CsvSource({"2000, 7, c, DOUBLE", "2000, 7, c, FLOAT", "2000, 7, f, DOUBLE", "2000, 7, f, FLOAT", "5, 9, c, DOUBLE", "512, 3, f, FLOAT",
            "600, 1, c, DOUBLE", "511, 3, c, FLOAT", "512, 3, c, FLOAT"})
    void equalsTheExactColumnSums(int rows, int cols, char order, DataType type) {
        Nd4j.getRandom().setSeed(rows * 31L + cols);
        INDArray m = Nd4j.rand(type, rows, cols).subi(0.5).dup(order);
        double tolerance = type == DataType.DOUBLE ? 1e-9 : 1e-3;

        INDArray sums = ColumnSums.of(m);

        assertArrayEquals(new long[]{cols}, sums.shape());
        assertEquals(type, sums.dataType());
        assertArrayEquals(exactColumnSums(m), sums.toDoubleVector(), tolerance);
        INDArray out = Nd4j.valueArrayOf(new long[]{cols}, Double.NaN, type);
        ColumnSums.into(m, out);
        assertArrayEquals(exactColumnSums(m), out.toDoubleVector(), tolerance);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"DOUBLE, c", "FLOAT, c", "DOUBLE, f", "FLOAT, f"})
    void viewsOfLargerArraysSumOnlyTheirOwnElements(DataType type, char order) {
        Nd4j.getRandom().setSeed(1500);
        INDArray big = Nd4j.rand(type, 1500, 10).dup(order);
        INDArray rowBlock = big.get(NDArrayIndex.interval(700, 1400), NDArrayIndex.all());
        INDArray colBlock = big.get(NDArrayIndex.all(), NDArrayIndex.interval(2, 6));
        // Sums of up to 1500 values of [0, 1) reach ~750: float rounding of a sum that size is ~1e-3
        // (it failed once at 1.3e-3 with a 1e-3 bound), so the float bound is relative, 1e-5 of 750.
        double tolerance = type == DataType.DOUBLE ? 1e-9 : 7.5e-3;

        assertArrayEquals(exactColumnSums(rowBlock), ColumnSums.of(rowBlock).toDoubleVector(), tolerance);
        assertArrayEquals(exactColumnSums(colBlock), ColumnSums.of(colBlock).toDoubleVector(), tolerance);
    }
}
