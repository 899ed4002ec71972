package org.hebbian4j.competition;

import org.hebbian4j.testutil.Matrices;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;

import static org.hebbian4j.testutil.Matrices.assertMatrixEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class NoCompetitionTest extends CompetitionContract<NoCompetition> {

    private final Competition none = new NoCompetition();

    @Override
    protected List<NoCompetition> competitions() {
        return List.of(new NoCompetition());
    }

    /** y = u. */
    @Override
    protected double[] naive(NoCompetition competition, double[] u) {
        return u.clone();
    }

    /** Exact: y holds u's values. */
    @Override
    protected double tolerance(NoCompetition competition, DataType dataType) {
        return 0.0;
    }

    @Test
    void returnsPreActivationUnchanged() {
        double[][] u = {{-1.5, 0, 2.25}, {3, -4, 0.5}};
        INDArray input = Matrices.array(u, DataType.DOUBLE, 'c');

        INDArray y = none.compete(input);

        assertSame(input, y, "the identity hands back u itself");
        assertMatrixEquals(u, y, 0.0);
    }
}
