package org.hebbian4j.util;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@link RowSums} against a naive double loop, below and above the BLAS threshold, both orders and types. */
class RowSumsTest {

    @ParameterizedTest(name = "{0} x {1} {2} {3}")
    @CsvSource({"2000, 7, c, DOUBLE", "2000, 96, f, FLOAT", "2000, 96, c, FLOAT", "600, 1, f, DOUBLE",
            "511, 3, c, FLOAT", "512, 3, f, FLOAT", "5, 9, f, DOUBLE"})
    void equalsTheExactRowSums(int rows, int cols, char order, DataType type) {
        Nd4j.getRandom().setSeed(rows * 17L + cols);
        INDArray m = Nd4j.rand(type, rows, cols).subi(0.5).dup(order);
        double[] exact = new double[rows];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                exact[i] += m.getDouble(i, j);
            }
        }

        INDArray sums = RowSums.of(m);

        assertArrayEquals(new long[]{rows, 1}, sums.shape());
        assertEquals(type, sums.dataType());
        // Sums of up to 96 values in [-0.5, 0.5): float rounding well below 1e-4.
        assertArrayEquals(exact, sums.toDoubleVector(), type == DataType.DOUBLE ? 1e-12 : 1e-4);
    }
}
