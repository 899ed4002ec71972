package org.hebbian4j.competition;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;

import static org.hebbian4j.testutil.Matrices.assertMatrixEquals;

class RectifiedTest extends CompetitionContract<Rectified> {

    @Override
    protected List<Rectified> competitions() {
        return List.of(new Rectified());
    }

    /** max(u, 0). */
    @Override
    protected double[] naive(Rectified competition, double[] u) {
        double[] y = new double[u.length];
        for (int i = 0; i < u.length; i++) {
            y[i] = Math.max(u[i], 0);
        }
        return y;
    }

    /** Exact: y holds u's values or 0. */
    @Override
    protected double tolerance(Rectified competition, DataType dataType) {
        return 0.0;
    }

    @ParameterizedTest(name = "{0} order {1}")
    @MethodSource("org.hebbian4j.competition.CompetitionTestSupport#dataTypesAndOrders")
    void negativePreActivationsBecomeZeroOthersPassUnchanged(DataType dataType, char order, double tolerance) {
        double[][] u = {{1.5, -2, 0, 0.25}, {-0.5, 3, -1e-3, 2}};

        INDArray y = CompetitionTestSupport.compete(new Rectified(), u, dataType, order);

        assertMatrixEquals(new double[][]{{1.5, 0, 0, 0.25}, {0, 3, 0, 2}}, y, 0.0);
    }
}
