package org.hebbian4j.competition;

import org.hebbian4j.testutil.Matrices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;
import java.util.Random;

import static org.hebbian4j.testutil.Matrices.assertMatrixEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PowerSoftWtaTest extends CompetitionContract<PowerSoftWta> {

    @Override
    protected List<PowerSoftWta> competitions() {
        return List.of(new PowerSoftWta(3), new PowerSoftWta(0.5), new PowerSoftWta(2));
    }

    /** max(u_i, 0)^p / sum_j max(u_j, 0)^p; zeros where the row has no positive entry. */
    @Override
    protected double[] naive(PowerSoftWta competition, double[] u) {
        return naiveRow(u, competition.power());
    }

    @Test
    void squaredPositivePartsNormalizedPerRowMatchHandArithmetic() {
        double[][] u = {
                {1, 2, 3},       // [1, 4, 9] / 14
                {-1, 2, 0},      // max(u, 0)^2 = [0, 4, 0]: all to neuron 1
                {-1, -2, -3},    // no positive entry: nobody is rewarded
                {3, 4, 0}};      // [9, 16, 0] / 25 = [0.36, 0.64, 0]
        double[][] expected = {{1 / 14.0, 4 / 14.0, 9 / 14.0}, {0, 1, 0}, {0, 0, 0}, {0.36, 0.64, 0}};

        INDArray y = CompetitionTestSupport.compete(new PowerSoftWta(2), u, DataType.DOUBLE, 'c');

        assertMatrixEquals(expected, y, 1e-15);
    }

    @Test
    void fractionalPowerOfNegativeEntryGivesZeroNotNaN() {
        double[][] u = {{4, 1, -9}};      // max(u, 0)^0.5 = [2, 1, 0]: [2/3, 1/3, 0]

        INDArray y = CompetitionTestSupport.compete(new PowerSoftWta(0.5), u, DataType.DOUBLE, 'c');

        assertMatrixEquals(new double[][]{{2 / 3.0, 1 / 3.0, 0}}, y, 1e-15);
    }

    /** max(u_i, 0)^p / sum_j max(u_j, 0)^p, row by row; zeros where the row has no positive entry. */
    private static double[][] naive(double[][] u, double power) {
        double[][] y = new double[u.length][];
        for (int b = 0; b < u.length; b++) {
            y[b] = naiveRow(u[b], power);
        }
        return y;
    }

    private static double[] naiveRow(double[] u, double power) {
        double[] y = new double[u.length];
        double sum = 0;
        for (int i = 0; i < u.length; i++) {
            y[i] = Math.pow(Math.max(u[i], 0), power);
            sum += y[i];
        }
        for (int i = 0; i < u.length; i++) {
            y[i] = sum > 0 ? y[i] / sum : 0;
        }
        return y;
    }

    @Test
    void rowsWithAPositiveEntrySumToOneAndNegativeEntriesGetNothing() {
        double[][] u = Matrices.uniform(new Random(62), 100, 5, -2, 1);

        double[][] y = Matrices.values(CompetitionTestSupport.compete(new PowerSoftWta(20), u, DataType.DOUBLE, 'f'));

        int rowsWithPositive = 0;
        for (int b = 0; b < u.length; b++) {
            boolean anyPositive = false;
            double sum = 0;
            for (int i = 0; i < u[b].length; i++) {
                anyPositive |= u[b][i] > 0;
                assertTrue(y[b][i] >= 0, "row " + b + ": activity " + y[b][i]);
                if (u[b][i] <= 0) {
                    assertEquals(0.0, y[b][i], "row " + b + ", neuron " + i + ": u = " + u[b][i]);
                }
                sum += y[b][i];
            }
            if (anyPositive) {
                rowsWithPositive++;
                assertEquals(1.0, sum, 1e-12, "row " + b + ": sum");
            } else {
                assertEquals(0.0, sum, "row " + b + ": a row without a positive entry rewards nobody");
            }
        }
        assertTrue(rowsWithPositive > 50 && rowsWithPositive < 100, "both kinds of rows occur: " + rowsWithPositive);
    }

    @Test
    void rowWithoutPositiveEntryGivesAllZeros() {
        double[][] u = {{-1, -2, -0.5}, {0, 0, 0}, {-3, 0, -1}};

        INDArray y = CompetitionTestSupport.compete(new PowerSoftWta(20), u, DataType.FLOAT, 'c');

        assertMatrixEquals(new double[3][3], y, 0.0);
    }

    /** u^p overflows (50^200 > Double.MAX_VALUE; 500^20 > Float.MAX_VALUE) unless rows are rescaled first. */
    @ParameterizedTest(name = "p = {0}, u up to {1}, {2}")
    @CsvSource({"20, 50, FLOAT", "20, 50, DOUBLE", "20, 500, FLOAT", "200, 50, DOUBLE"})
    void largePowerDoesNotOverflow(double power, double maxU, DataType dataType) {
        double[][] u = Matrices.uniform(new Random(63), 30, 6, -maxU, maxU);
        u[0] = new double[]{maxU, 0.99 * maxU, 0.5 * maxU, -maxU, 0, 0.999 * maxU};

        double[][] y = Matrices.values(CompetitionTestSupport.compete(new PowerSoftWta(power), u, dataType, 'c'));

        double[][] expected = rescaledNaive(u, power);
        for (int b = 0; b < u.length; b++) {
            for (int i = 0; i < u[b].length; i++) {
                assertTrue(Double.isFinite(y[b][i]), "row " + b + ": activity " + y[b][i]);
                assertEquals(expected[b][i], y[b][i], 1e-5, "row " + b + ", neuron " + i);
            }
        }
    }

    /** The naive formula with each row divided by its maximum first (the ratio is unchanged). */
    private static double[][] rescaledNaive(double[][] u, double power) {
        double[][] scaled = new double[u.length][];
        for (int b = 0; b < u.length; b++) {
            double max = 0;
            for (double v : u[b]) {
                max = Math.max(max, v);
            }
            scaled[b] = new double[u[b].length];
            for (int i = 0; i < u[b].length; i++) {
                scaled[b][i] = max > 0 ? u[b][i] / max : u[b][i];
            }
        }
        return naive(scaled, power);
    }

    @ParameterizedTest(name = "p = {0}")
    @ValueSource(doubles = {0.0, -0.0, -2, Double.NaN, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY})
    void nonPositiveOrNonFinitePowerIsRejected(double power) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new PowerSoftWta(power));

        assertTrue(e.getMessage().contains("power"), e.getMessage());
    }
}
