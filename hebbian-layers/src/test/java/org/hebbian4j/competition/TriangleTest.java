package org.hebbian4j.competition;

import org.hebbian4j.activations.TriangleActivation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;

import static org.hebbian4j.testutil.Matrices.assertMatrixEquals;

class TriangleTest extends CompetitionContract<Triangle> {

    @Override
    protected List<Triangle> competitions() {
        return List.of(new Triangle());
    }

    /** max(0, u_i - mean_j u_j). */
    @Override
    protected double[] naive(Triangle competition, double[] u) {
        double mean = 0;
        for (double v : u) {
            mean += v / u.length;
        }
        double[] y = new double[u.length];
        for (int i = 0; i < u.length; i++) {
            y[i] = Math.max(0, u[i] - mean);
        }
        return y;
    }

    @ParameterizedTest(name = "{0} order {1}")
    @MethodSource("org.hebbian4j.competition.CompetitionTestSupport#dataTypesAndOrders")
    void unitsAboveTheRowMeanPassByTheirExcessOthersAreZero(DataType dataType, char order, double tolerance) {
        // Row 1: mean (1 + 3 + 2 + 6) / 4 = 3 -> (0, 0, 0, 3). Row 2: mean (-4 + 0 + 0 + 0) / 4 = -1 -> (0, 1, 1, 1).
        double[][] u = {{1, 3, 2, 6}, {-4, 0, 0, 0}};

        INDArray y = CompetitionTestSupport.compete(new Triangle(), u, dataType, order);

        assertMatrixEquals(new double[][]{{0, 0, 0, 3}, {0, 1, 1, 1}}, y, tolerance);
    }

    @Test
    void equalsTheTriangleActivation() {
        double[][] u = {{0.5, -1, 2, 0.25, 3}};
        INDArray y = CompetitionTestSupport.compete(new Triangle(), u, DataType.DOUBLE, 'c');
        INDArray activation = new TriangleActivation().getActivation(
                org.hebbian4j.testutil.Matrices.array(u, DataType.DOUBLE, 'c'), true);
        assertMatrixEquals(org.hebbian4j.testutil.Matrices.values(activation), y, 1e-15);
    }
}
