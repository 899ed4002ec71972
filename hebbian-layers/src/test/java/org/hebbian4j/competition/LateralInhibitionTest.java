package org.hebbian4j.competition;

import org.hebbian4j.testutil.Matrices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;
import java.util.Random;

import static org.hebbian4j.testutil.Matrices.assertMatrixEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LateralInhibitionTest extends CompetitionContract<LateralInhibition> {

    @Override
    protected List<LateralInhibition> competitions() {
        return List.of(new LateralInhibition(3.5), new LateralInhibition(1), new LateralInhibition(2));
    }

    /**
     * The paper's {@code h_i = h~_i^lambda / max_k h~_k^lambda} on {@code h~ = max(u, 0)}, computed as
     * {@code (h~_i / max_k h~_k)^lambda}; 0 when no u is positive.
     */
    @Override
    protected double[] naive(LateralInhibition competition, double[] u) {
        double max = 0;
        for (double v : u) {
            max = Math.max(max, v);
        }
        double[] y = new double[u.length];
        for (int i = 0; i < u.length && max > 0; i++) {
            y[i] = Math.pow(Math.max(u[i], 0) / max, competition.power());
        }
        return y;
    }

    @Test
    void powerOfRatioToTheRowMaximumWithNegativesRectified() {
        double[][] u = {
                {1, 2, -1, 0.5},     // lambda = 2: (max(u,0) / 2)^2 = [0.25, 1, 0, 0.0625]
                {-1, -2, 0, -3}};    // nothing positive: no neuron activated
        double[][] expected = {{0.25, 1, 0, 0.0625}, {0, 0, 0, 0}};

        INDArray y = CompetitionTestSupport.compete(new LateralInhibition(2), u, DataType.DOUBLE, 'c');

        assertMatrixEquals(expected, y, 1e-15);
    }

    @Test
    void powerOneOnlyRescalesSoThatTheLargestIsOne() {
        double[][] u = {{1, 2, -1, 0.5}};   // (max(u,0) / 2) = [0.5, 1, 0, 0.25]

        INDArray y = CompetitionTestSupport.compete(new LateralInhibition(1), u, DataType.DOUBLE, 'c');

        assertMatrixEquals(new double[][]{{0.5, 1, 0, 0.25}}, y, 1e-15);
    }

    @ParameterizedTest(name = "lambda = {0}")
    @ValueSource(doubles = {1, 4, 15, 500})
    void theMostActiveNeuronHasOneTheOthersLessAndStrongerInhibitionSilencesThem(double lambda) {
        double[][] u = Matrices.gaussian(new Random(49), 50, 6);

        double[][] y = Matrices.values(CompetitionTestSupport.compete(new LateralInhibition(lambda), u, DataType.DOUBLE, 'c'));

        for (int b = 0; b < u.length; b++) {
            int winner = 0;
            for (int i = 1; i < 6; i++) {
                if (u[b][i] > u[b][winner]) {
                    winner = i;
                }
            }
            if (u[b][winner] <= 0) {
                continue;
            }
            assertEquals(1.0, y[b][winner], 1e-12, "row " + b + ": the winner");
            for (int i = 0; i < 6; i++) {
                if (i != winner) {
                    double ratio = Math.max(u[b][i], 0) / u[b][winner];
                    assertTrue(y[b][i] >= 0 && y[b][i] <= ratio + 1e-12, "row " + b + ": neuron " + i + " not inhibited");
                    if (lambda >= 500 && ratio < 0.95) {
                        assertTrue(y[b][i] < 1e-10, "row " + b + ": neuron " + i + " not silenced: " + y[b][i]);
                    }
                }
            }
        }
    }

    @Test
    void powerBelowOneIsRejected() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new LateralInhibition(0.5))
                .getMessage().contains("power"));
        assertThrows(IllegalArgumentException.class, () -> new LateralInhibition(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new LateralInhibition(Double.POSITIVE_INFINITY));
    }
}
