package org.hebbian4j.competition;

import org.hebbian4j.testutil.Matrices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Random;

import static org.hebbian4j.testutil.Matrices.assertMatrixEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The winner-take-all competitions list their winners ({@link Competition#competeSparse}) exactly as
 * their dense activity has them, ties included; the dense competitions list none.
 */
class SparseActivityTest {

    private static final double[][] U = {
            {0.1, 3, -2, 1, 3},    // tie of 3s: index 1 first, then 4; then 1 (index 3)
            {4, -1, 2, 0, -5},     // 4 (0), 2 (2), 0 (3)
            {1, 1, 1, 1, 1}};      // all tied: 0, 1, 2

    @ParameterizedTest(name = "{0} order {1}")
    @MethodSource("org.hebbian4j.competition.CompetitionTestSupport#dataTypesAndOrders")
    void entriesListWinnersInRankOrderWithTheirValues(DataType dataType, char order, double tolerance) {
        INDArray u = Matrices.array(U, dataType, order);

        SparseActivity wta = new HardWta().competeSparse(u);
        SparseActivity kwta = new KWta(3).competeSparse(u);
        SparseActivity rankK = new RankKAntiHebbian(3, 0.4).competeSparse(u);

        assertMatrixEquals(new double[][]{{1}, {0}, {0}}, wta.columns(), 0.0);
        assertMatrixEquals(new double[][]{{1}, {1}, {1}}, wta.values(), 0.0);
        assertMatrixEquals(new double[][]{{1, 4, 3}, {0, 2, 3}, {0, 1, 2}}, kwta.columns(), 0.0);
        assertMatrixEquals(new double[][]{{1, 1, 1}, {1, 1, 1}, {1, 1, 1}}, kwta.values(), 0.0);
        assertMatrixEquals(new double[][]{{1, 3}, {0, 3}, {0, 2}}, rankK.columns(), 0.0);
        assertMatrixEquals(new double[][]{{1, -0.4}, {1, -0.4}, {1, -0.4}}, rankK.values(), tolerance);
        assertEquals(1, wta.entriesPerRow());
        assertEquals(3, kwta.entriesPerRow());
        assertEquals(2, rankK.entriesPerRow());
    }

    @ParameterizedTest(name = "{0} order {1}")
    @MethodSource("org.hebbian4j.competition.CompetitionTestSupport#dataTypesAndOrders")
    void denseFormEqualsCompeteAndTheListedEntries(DataType dataType, char order, double tolerance) {
        double[][] u = Matrices.gaussian(new Random(3), 30, 8);
        for (Competition c : new Competition[]{new HardWta(), new KWta(2), new KWta(8), new RankKAntiHebbian(2, 0.3),
                new RankKAntiHebbian(8, 0.0)}) {
            SparseActivity sparse = c.competeSparse(Matrices.array(u, dataType, order));
            assertMatrixEquals(Matrices.values(CompetitionTestSupport.compete(c, u, dataType, order)), sparse.dense(), 0.0);
            assertMatrixEquals(fromEntries(sparse), sparse.dense(), tolerance);
        }
    }

    /** The dense matrix the entries describe. */
    private static double[][] fromEntries(SparseActivity s) {
        double[][] m = new double[(int) s.rows()][(int) s.neurons()];
        for (int b = 0; b < m.length; b++) {
            for (int e = 0; e < s.entriesPerRow(); e++) {
                m[b][(int) s.columns().getLong(b, e)] += s.values().getDouble(b, e);
            }
        }
        return m;
    }

    @Test
    void denseCompetitionsListNoEntries() {
        INDArray u = Matrices.array(U, DataType.DOUBLE, 'c');
        for (Competition c : new Competition[]{new SoftWta(1.0), new PowerSoftWta(2), new NoCompetition(),
                new Rectified()}) {
            assertNull(c.competeSparse(u), c.name());
        }
    }

    @Test
    void valuesAtGathersTheListedEntriesOfAnyMatrix() {
        INDArray u = Matrices.array(U, DataType.DOUBLE, 'f');
        SparseActivity rankK = new RankKAntiHebbian(3, 0.4).competeSparse(u);

        assertMatrixEquals(new double[][]{{3, 1}, {4, 0}, {1, 1}}, rankK.valuesAt(u), 0.0);
        assertMatrixEquals(new double[][]{{3, 1}, {4, 0}, {1, 1}}, rankK.valuesAt(u.dup('c')), 0.0);
        assertThrows(IllegalArgumentException.class, () -> rankK.valuesAt(u.transpose()));
    }
}
