package org.hebbian4j.competition;

import org.hebbian4j.testutil.Matrices;
import org.junit.jupiter.params.provider.Arguments;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.stream.Stream;

import static org.hebbian4j.testutil.Matrices.assertMatrixEquals;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** What the tests of competitions share; the checks every competition passes are {@link CompetitionContract}. */
final class CompetitionTestSupport {

    private CompetitionTestSupport() {
    }

    /** Data type, ordering of u, tolerance: the layouts a competition must handle. */
    static Stream<Arguments> dataTypesAndOrders() {
        return Stream.of(
                Arguments.of(DataType.DOUBLE, 'c', 1e-12),
                Arguments.of(DataType.DOUBLE, 'f', 1e-12),
                Arguments.of(DataType.FLOAT, 'c', 1e-6),
                Arguments.of(DataType.FLOAT, 'f', 1e-6));
    }

    /**
     * Runs the competition on {@code u} laid out as asked, checks that u was not modified and that y
     * has u's shape and data type, and returns y.
     */
    static INDArray compete(Competition competition, double[][] u, DataType dataType, char order) {
        INDArray input = Matrices.array(u, dataType, order);
        INDArray y = competition.compete(input);
        assertMatrixEquals(Matrices.values(Matrices.array(u, dataType, order)), input, 0.0);
        assertArrayEquals(input.shape(), y.shape(), "shape of y");
        assertEquals(dataType, y.dataType(), "data type of y");
        return y;
    }
}
