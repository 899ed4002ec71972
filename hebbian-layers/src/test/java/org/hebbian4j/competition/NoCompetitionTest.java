package org.hebbian4j.competition;

import org.hebbian4j.testutil.Matrices;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Random;

import static org.hebbian4j.testutil.Matrices.assertMatrixEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class NoCompetitionTest {

    private final Competition none = new NoCompetition();

    @Test
    void returnsPreActivationUnchanged() {
        double[][] u = {{-1.5, 0, 2.25}, {3, -4, 0.5}};
        INDArray input = Matrices.array(u, DataType.DOUBLE, 'c');

        INDArray y = none.compete(input);

        assertSame(input, y, "the identity hands back u itself");
        assertMatrixEquals(u, y, 0.0);
    }

    @Test
    void returnsRandomFloatPreActivationUnchanged() {
        double[][] u = Matrices.gaussian(new Random(31), 9, 4);

        INDArray y = CompetitionTestSupport.compete(none, u, DataType.FLOAT, 'f');

        assertMatrixEquals(Matrices.values(Matrices.array(u, DataType.FLOAT, 'f')), y, 0.0);
    }

    @Test
    void roundTripsThroughDl4jJsonMapper() throws Exception {
        CompetitionTestSupport.assertJsonRoundTrip(none);
    }
}
