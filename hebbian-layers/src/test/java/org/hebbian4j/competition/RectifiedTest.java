package org.hebbian4j.competition;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import static org.hebbian4j.testutil.Matrices.assertMatrixEquals;

class RectifiedTest {

    @ParameterizedTest(name = "{0} order {1}")
    @MethodSource("org.hebbian4j.competition.CompetitionTestSupport#dataTypesAndOrders")
    void negativePreActivationsBecomeZeroOthersPassUnchanged(DataType dataType, char order, double tolerance) {
        double[][] u = {{1.5, -2, 0, 0.25}, {-0.5, 3, -1e-3, 2}};

        INDArray y = CompetitionTestSupport.compete(new Rectified(), u, dataType, order);

        assertMatrixEquals(new double[][]{{1.5, 0, 0, 0.25}, {0, 3, 0, 2}}, y, 0.0);
    }

    @Test
    void roundTripsThroughDl4jJsonMapper() throws Exception {
        CompetitionTestSupport.assertJsonRoundTrip(new Rectified());
    }
}
