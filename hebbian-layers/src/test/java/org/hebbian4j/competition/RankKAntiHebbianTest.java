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

class RankKAntiHebbianTest extends CompetitionContract<RankKAntiHebbian> {

    @Override
    protected List<RankKAntiHebbian> competitions() {
        return List.of(new RankKAntiHebbian(4, 0.3), new RankKAntiHebbian(2, 0.5),
                new RankKAntiHebbian(3, 0.0));
    }

    /** Ranks the row by repeated maximum (ties: the lowest index). */
    @Override
    protected double[] naive(RankKAntiHebbian competition, double[] u) {
        double[] y = new double[u.length];
        boolean[] taken = new boolean[u.length];
        for (int rank = 1; rank <= competition.rankK(); rank++) {
            int best = -1;
            for (int i = 0; i < u.length; i++) {
                if (!taken[i] && (best < 0 || u[i] > u[best])) {
                    best = i;
                }
            }
            taken[best] = true;
            if (rank == 1) {
                y[best] = 1;
            } else if (rank == competition.rankK()) {
                y[best] = -competition.antiHebbianStrength();
            }
        }
        return y;
    }

    /** A selection: exact in either data type. */
    @Override
    protected double tolerance(RankKAntiHebbian competition, DataType dataType) {
        return 0.0;
    }

    @Test
    void winnerGetsOneAndTheKthRankedGetsMinusDelta() {
        double[][] u = {
                {0.1, 3, -2, 1, 0.5},   // ranks: 3 (1), 1 (3), 0.5 (4), 0.1 (0): k = 3 -> index 4
                {4, -1, 2, 0, 5}};      // ranks: 5 (4), 4 (0), 2 (2): k = 3 -> index 2
        double[][] expected = {{0, 1, 0, 0, -0.4}, {0, 0, -0.4, 0, 1}};

        INDArray y = CompetitionTestSupport.compete(new RankKAntiHebbian(3, 0.4), u, DataType.DOUBLE, 'c');

        assertMatrixEquals(expected, y, 0.0);
    }

    @ParameterizedTest(name = "{0} order {1}")
    @MethodSource("org.hebbian4j.competition.CompetitionTestSupport#dataTypesAndOrders")
    void tiesGoToTheLowestIndex(DataType dataType, char order, double tolerance) {
        double[][] u = {
                {1, 1, 1, 1},      // ranks 1, 2 by index: winner 0, 2nd 1
                {2, 3, 2, 2},      // winner 1, then the tied 2s by index: 2nd is 0
                {5, 0, 5, 0}};     // winner 0, 2nd 2
        double[][] expected = {{1, -0.5, 0, 0}, {-0.5, 1, 0, 0}, {1, 0, -0.5, 0}};

        INDArray y = CompetitionTestSupport.compete(new RankKAntiHebbian(2, 0.5), u, dataType, order);

        assertMatrixEquals(expected, y, tolerance);
    }

    @ParameterizedTest(name = "k = {0}")
    @ValueSource(ints = {2, 3, 6})
    void exactlyOneWinnerAndOneAntiHebbianNeuronPerRowAtTheRightRanks(int k) {
        // Small integers: ties are frequent.
        Random random = new Random(46 + k);
        double[][] u = new double[200][6];
        for (double[] row : u) {
            for (int i = 0; i < row.length; i++) {
                row[i] = random.nextInt(4) - 2;
            }
        }
        double delta = 0.25;

        double[][] y = Matrices.values(CompetitionTestSupport.compete(new RankKAntiHebbian(k, delta), u, DataType.FLOAT, 'f'));

        for (int b = 0; b < u.length; b++) {
            int winner = -1;
            int antiHebbian = -1;
            for (int i = 0; i < 6; i++) {
                if (y[b][i] == 1.0) {
                    assertEquals(-1, winner, "row " + b + ": a second winner");
                    winner = i;
                } else if (y[b][i] == -delta) {
                    assertEquals(-1, antiHebbian, "row " + b + ": a second anti-Hebbian neuron");
                    antiHebbian = i;
                } else {
                    assertEquals(0.0, y[b][i], "row " + b + ": activity of neuron " + i);
                }
            }
            assertTrue(winner >= 0 && antiHebbian >= 0, "row " + b + ": one of each");
            int above = 0;
            for (int i = 0; i < 6; i++) {
                assertTrue(u[b][i] <= u[b][winner], "row " + b + ": neuron " + i + " above the winner");
                if (u[b][i] > u[b][antiHebbian] || (u[b][i] == u[b][antiHebbian] && i < antiHebbian)) {
                    above++;
                }
            }
            assertEquals(k - 1, above, "row " + b + ": neurons ranked before the anti-Hebbian one");
        }
    }

    @Test
    void rankAboveNeuronCountIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RankKAntiHebbian(7, 0.4).validateFor(4, "layer 2 (hebbian)"));

        assertTrue(e.getMessage().contains("rankK"), e.getMessage());
        assertTrue(e.getMessage().contains("nOut = 4"), e.getMessage());
        assertTrue(e.getMessage().contains("layer 2 (hebbian)"), e.getMessage());
        INDArray u = Matrices.array(Matrices.gaussian(new Random(47), 3, 4), DataType.DOUBLE, 'c');
        assertThrows(IllegalArgumentException.class, () -> new RankKAntiHebbian(5, 0.4).compete(u));
    }

    @Test
    void invalidHyperparametersAreRejectedNamingTheField() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new RankKAntiHebbian(1, 0.4))
                .getMessage().contains("rankK"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new RankKAntiHebbian(2, -0.4))
                .getMessage().contains("antiHebbianStrength"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new RankKAntiHebbian(2, Double.NaN))
                .getMessage().contains("antiHebbianStrength"));
    }
}
