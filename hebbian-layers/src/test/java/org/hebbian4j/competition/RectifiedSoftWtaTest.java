package org.hebbian4j.competition;

import org.hebbian4j.testutil.Matrices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Random;

import static org.hebbian4j.testutil.Matrices.assertMatrixEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RectifiedSoftWtaTest {

    @Test
    void nonPositivePreActivationsShareTheActivityOfZero() {
        double ln3 = Math.log(3);
        double[][] u = {
                {-2, 0, 0.5 * ln3, -7},  // max(u, 0) / T = [0, 0, ln 3, 0]: exp = [1, 1, 3, 1], sum 6
                {-1, -3, -0.5, -9}};     // all rectified to 0: exp = 1 each, sum 4
        double[][] expected = {{1 / 6.0, 1 / 6.0, 3 / 6.0, 1 / 6.0}, {0.25, 0.25, 0.25, 0.25}};

        INDArray y = CompetitionTestSupport.compete(new RectifiedSoftWta(0.5), u, DataType.DOUBLE, 'c');

        assertMatrixEquals(expected, y, 1e-15);
    }

    @ParameterizedTest(name = "{0} order {1}")
    @MethodSource("org.hebbian4j.competition.CompetitionTestSupport#dataTypesAndOrders")
    void equalsSoftmaxOfRectifiedInputLoop(DataType dataType, char order, double tolerance) {
        double[][] u = Matrices.uniform(new Random(61), 40, 9, -3, 3);

        INDArray y = CompetitionTestSupport.compete(new RectifiedSoftWta(0.7), u, dataType, order);

        assertMatrixEquals(naive(u, 0.7), y, tolerance);
    }

    /** exp(max(u_i, 0) / T) / sum_j exp(max(u_j, 0) / T), row by row (the entries stay below e^5). */
    private static double[][] naive(double[][] u, double temperature) {
        double[][] y = new double[u.length][u[0].length];
        for (int b = 0; b < u.length; b++) {
            double sum = 0;
            for (int i = 0; i < u[b].length; i++) {
                y[b][i] = Math.exp(Math.max(u[b][i], 0) / temperature);
                sum += y[b][i];
            }
            for (int i = 0; i < u[b].length; i++) {
                y[b][i] /= sum;
            }
        }
        return y;
    }

    @Test
    void rejectsNonPositiveTemperature() {
        assertThrows(IllegalArgumentException.class, () -> new RectifiedSoftWta(0));
        assertThrows(IllegalArgumentException.class, () -> new RectifiedSoftWta(Double.NaN));
    }

    @Test
    void roundTripsThroughDl4jJsonMapper() throws Exception {
        CompetitionTestSupport.assertJsonRoundTrip(new RectifiedSoftWta(0.25));
    }
}
