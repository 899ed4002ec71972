package org.hebbian4j.competition;

import org.hebbian4j.testutil.Matrices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;
import java.util.Random;

import static org.hebbian4j.testutil.Matrices.assertMatrixEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KWtaTest extends CompetitionContract<KWta> {

    @Override
    protected List<KWta> competitions() {
        return List.of(new KWta(3), new KWta(1), new KWta(2));
    }

    /** Marks, k times, the largest entry not yet marked (ties: the lowest index). */
    @Override
    protected double[] naive(KWta competition, double[] u) {
        double[] y = new double[u.length];
        boolean[] taken = new boolean[u.length];
        for (int round = 0; round < competition.winners(); round++) {
            int best = -1;
            for (int i = 0; i < u.length; i++) {
                if (!taken[i] && (best < 0 || u[i] > u[best])) {
                    best = i;
                }
            }
            taken[best] = true;
            y[best] = 1;
        }
        return y;
    }

    /** A selection: exact in either data type. */
    @Override
    protected double tolerance(KWta competition, DataType dataType) {
        return 0.0;
    }

    @Test
    void twoLargestPreActivationsWinInEachRow() {
        double[][] u = {
                {0.1, 3, -2, 1},   // two largest: 3 (index 1), 1 (index 3)
                {4, -1, 2, 0}};    // two largest: 4 (index 0), 2 (index 2)
        double[][] expected = {{0, 1, 0, 1}, {1, 0, 1, 0}};

        INDArray y = CompetitionTestSupport.compete(new KWta(2), u, DataType.DOUBLE, 'c');

        assertMatrixEquals(expected, y, 0.0);
    }

    @ParameterizedTest(name = "{0} order {1}")
    @MethodSource("org.hebbian4j.competition.CompetitionTestSupport#dataTypesAndOrders")
    void tiedPreActivationsGiveExactlyKWinnersLowestIndexFirst(DataType dataType, char order, double tolerance) {
        double[][] u = {
                {1, 1, 1, 1},      // all tied: indices 0, 1
                {2, 2, 3, 2},      // 3 at index 2, then the first of the tied 2s: index 0
                {0, 5, 0, 5}};     // the two 5s
        double[][] expected = {{1, 1, 0, 0}, {1, 0, 1, 0}, {0, 1, 0, 1}};

        INDArray y = CompetitionTestSupport.compete(new KWta(2), u, dataType, order);

        assertMatrixEquals(expected, y, 0.0);
    }

    @ParameterizedTest(name = "k = {0}")
    @ValueSource(ints = {1, 2, 4, 6})
    void exactlyKWinnersPerRowAndNoLoserAboveAWinner(int k) {
        // Small integers: ties across the winner/loser boundary are frequent.
        Random random = new Random(42 + k);
        double[][] u = new double[200][6];
        for (double[] row : u) {
            for (int i = 0; i < row.length; i++) {
                row[i] = random.nextInt(4) - 2;
            }
        }

        double[][] y = Matrices.values(CompetitionTestSupport.compete(new KWta(k), u, DataType.FLOAT, 'f'));

        for (int b = 0; b < u.length; b++) {
            int winners = 0;
            double lowestWinner = Double.POSITIVE_INFINITY;
            double highestLoser = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < u[b].length; i++) {
                if (y[b][i] == 1.0) {
                    winners++;
                    lowestWinner = Math.min(lowestWinner, u[b][i]);
                } else {
                    assertEquals(0.0, y[b][i], "row " + b + ": a loser's activity");
                    highestLoser = Math.max(highestLoser, u[b][i]);
                }
            }
            assertEquals(k, winners, "row " + b + ": number of winners");
            assertTrue(lowestWinner >= highestLoser, "row " + b + ": a loser above a winner");
        }
    }

    @Test
    void moreWinnersThanNeuronsIsRejectedByCompete() {
        INDArray u = Matrices.array(Matrices.gaussian(new Random(43), 3, 4), DataType.DOUBLE, 'c');

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new KWta(7).compete(u));

        assertTrue(e.getMessage().contains("winners"), e.getMessage());
        assertTrue(e.getMessage().contains("nOut = 4"), e.getMessage());
    }

    @Test
    void moreWinnersThanNeuronsIsRejectedByValidateFor() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new KWta(7).validateFor(4, "layer 2 (hebbian)"));

        assertTrue(e.getMessage().contains("winners"), e.getMessage());
        assertTrue(e.getMessage().contains("nOut = 4"), e.getMessage());
        assertTrue(e.getMessage().contains("layer 2 (hebbian)"), "names where: " + e.getMessage());
    }

    @Test
    void asManyWinnersAsNeuronsIsValidAndRewardsEveryNeuron() {
        new KWta(4).validateFor(4, "layer 0");
        double[][] u = Matrices.gaussian(new Random(44), 3, 4);

        INDArray y = CompetitionTestSupport.compete(new KWta(4), u, DataType.DOUBLE, 'c');

        assertMatrixEquals(new double[][]{{1, 1, 1, 1}, {1, 1, 1, 1}, {1, 1, 1, 1}}, y, 0.0);
    }

    @ParameterizedTest(name = "k = {0}")
    @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
    void fewerThanOneWinnerIsRejected(int k) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new KWta(k));

        assertTrue(e.getMessage().contains("winners"), e.getMessage());
    }
}
