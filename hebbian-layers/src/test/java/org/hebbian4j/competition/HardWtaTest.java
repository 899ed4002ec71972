package org.hebbian4j.competition;

import org.hebbian4j.testutil.Matrices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;
import java.util.Random;

import static org.hebbian4j.testutil.Matrices.assertMatrixEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class HardWtaTest extends CompetitionContract<HardWta> {

    private final Competition wta = new HardWta();

    @Override
    protected List<HardWta> competitions() {
        return List.of(new HardWta());
    }

    /** One-hot of the first index of the row maximum. */
    @Override
    protected double[] naive(HardWta competition, double[] u) {
        double[] y = new double[u.length];
        int best = 0;
        for (int i = 1; i < u.length; i++) {
            if (u[i] > u[best]) {
                best = i;
            }
        }
        y[best] = 1;
        return y;
    }

    /** A selection: exact in either data type. */
    @Override
    protected double tolerance(HardWta competition, DataType dataType) {
        return 0.0;
    }

    @ParameterizedTest(name = "{0} order {1}")
    @MethodSource("org.hebbian4j.competition.CompetitionTestSupport#dataTypesAndOrders")
    void largestPreActivationWinsAndTiesGoToLowestIndex(DataType dataType, char order, double tolerance) {
        double[][] u = {
                {0.1, 3, -2},      // max 3 at index 1
                {5, 5, 1},         // tie between 0 and 1: the lowest index wins
                {-3, -1, -2}};     // all negative: still one winner, the largest (-1)
        double[][] expected = {{0, 1, 0}, {1, 0, 0}, {0, 1, 0}};

        INDArray y = CompetitionTestSupport.compete(wta, u, dataType, order);

        assertMatrixEquals(expected, y, 0.0);
    }

    @Test
    void everyRowHasExactlyOneWinnerAndItIsAtTheArgmax() {
        // Small integers: many rows contain ties for the maximum.
        Random random = new Random(22);
        double[][] u = new double[200][6];
        for (double[] row : u) {
            for (int i = 0; i < row.length; i++) {
                row[i] = random.nextInt(4) - 2;
            }
        }

        double[][] y = Matrices.values(CompetitionTestSupport.compete(wta, u, DataType.FLOAT, 'f'));

        for (int b = 0; b < u.length; b++) {
            int ones = 0;
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < u[b].length; i++) {
                max = Math.max(max, u[b][i]);
            }
            for (int i = 0; i < u[b].length; i++) {
                if (y[b][i] == 1.0) {
                    ones++;
                    assertEquals(max, u[b][i], "row " + b + ": the winner holds the maximum");
                } else {
                    assertEquals(0.0, y[b][i], "row " + b + ": a loser's activity");
                }
            }
            assertEquals(1, ones, "row " + b + ": number of winners");
        }
    }
}
