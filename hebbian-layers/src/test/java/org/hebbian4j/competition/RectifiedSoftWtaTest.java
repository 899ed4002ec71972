package org.hebbian4j.competition;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;

import static org.hebbian4j.testutil.Matrices.assertMatrixEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RectifiedSoftWtaTest extends CompetitionContract<RectifiedSoftWta> {

    @Override
    protected List<RectifiedSoftWta> competitions() {
        return List.of(new RectifiedSoftWta(0.7), new RectifiedSoftWta(0.25));
    }

    /** exp(max(u_i, 0) / T) / sum_j exp(max(u_j, 0) / T) (the contract's u stay below 3.5: no overflow). */
    @Override
    protected double[] naive(RectifiedSoftWta competition, double[] u) {
        double[] y = new double[u.length];
        double sum = 0;
        for (int i = 0; i < u.length; i++) {
            y[i] = Math.exp(Math.max(u[i], 0) / competition.temperature());
            sum += y[i];
        }
        for (int i = 0; i < u.length; i++) {
            y[i] /= sum;
        }
        return y;
    }

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

    @Test
    void rejectsNonPositiveTemperature() {
        assertThrows(IllegalArgumentException.class, () -> new RectifiedSoftWta(0));
        assertThrows(IllegalArgumentException.class, () -> new RectifiedSoftWta(Double.NaN));
    }
}
