package org.hebbian4j.competition;

import org.hebbian4j.testutil.Matrices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.hebbian4j.testutil.Matrices.assertMatrixEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SoftWtaTest extends CompetitionContract<SoftWta> {

    @Override
    protected List<SoftWta> competitions() {
        return List.of(new SoftWta(0.7), new SoftWta(0.02), new SoftWta(0.5));
    }

    /**
     * In FLOAT, u / T carries a rounding error of about eps |u| / T into the exponent (1e-5 at T = 0.02
     * and |u| = 3.5), hence into y relative to its value: the tolerance grows as 1 / T.
     */
    @Override
    protected double tolerance(SoftWta competition, DataType dataType) {
        return dataType == DataType.FLOAT ? Math.max(FLOAT_TOLERANCE, 2e-7 / competition.temperature())
                : DOUBLE_TOLERANCE;
    }

    /** exp((u_i - max u) / T) / sum_j exp((u_j - max u) / T). */
    @Override
    protected double[] naive(SoftWta competition, double[] u) {
        return naiveRow(u, competition.temperature());
    }

    @Test
    void softmaxOfScaledPreActivationMatchesHandArithmetic() {
        double ln2 = Math.log(2);
        double ln3 = Math.log(3);
        double[][] u = {
                {0, 0.5 * ln3, 0.5 * 2 * ln2},   // u / T = [0, ln 3, ln 4]: exp = [1, 3, 4], sum 8
                {1, 1, 1 + 0.5 * ln2}};          // u / T = 2 + [0, 0, ln 2]: exp = e^2 [1, 1, 2], sum 4 e^2
        double[][] expected = {{1 / 8.0, 3 / 8.0, 4 / 8.0}, {0.25, 0.25, 0.5}};

        INDArray y = CompetitionTestSupport.compete(new SoftWta(0.5), u, DataType.DOUBLE, 'c');

        assertMatrixEquals(expected, y, 1e-15);
    }

    /** exp((u_i - max u) / T) / sum_j exp((u_j - max u) / T), row by row. */
    private static double[][] naive(double[][] u, double temperature) {
        double[][] y = new double[u.length][];
        for (int b = 0; b < u.length; b++) {
            y[b] = naiveRow(u[b], temperature);
        }
        return y;
    }

    private static double[] naiveRow(double[] u, double temperature) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : u) {
            max = Math.max(max, v);
        }
        double[] y = new double[u.length];
        double sum = 0;
        for (int i = 0; i < u.length; i++) {
            y[i] = Math.exp((u[i] - max) / temperature);
            sum += y[i];
        }
        for (int i = 0; i < u.length; i++) {
            y[i] /= sum;
        }
        return y;
    }

    @ParameterizedTest(name = "T = {0}")
    @ValueSource(doubles = {0.01, 1, 100})
    void rowsSumToOneAndKeepTheArgmax(double temperature) {
        double[][] u = Matrices.gaussian(new Random(52), 60, 7);

        double[][] y = Matrices.values(CompetitionTestSupport.compete(new SoftWta(temperature), u, DataType.DOUBLE, 'f'));

        for (int b = 0; b < u.length; b++) {
            double sum = 0;
            for (double v : y[b]) {
                assertTrue(v >= 0, "row " + b + ": activity " + v);
                sum += v;
            }
            assertEquals(1.0, sum, 1e-12, "row " + b + ": sum");
            assertEquals(argmax(u[b]), argmax(y[b]), "row " + b + ": argmax");
        }
    }

    @Test
    void smallTemperatureApproachesOneHotOfTheArgmax() {
        // Rows are permutations of 0, 0.1, ..., 0.5 plus an offset: the top two differ by 0.1.
        Random random = new Random(53);
        double[][] u = new double[30][6];
        for (double[] row : u) {
            List<Integer> ranks = new ArrayList<>(List.of(0, 1, 2, 3, 4, 5));
            Collections.shuffle(ranks, random);
            double offset = 4 * random.nextGaussian();
            for (int i = 0; i < row.length; i++) {
                row[i] = offset + 0.1 * ranks.get(i);
            }
        }
        double[][] oneHot = Matrices.values(new HardWta().compete(Matrices.array(u, DataType.DOUBLE, 'c')));

        double[] previousMax = new double[u.length];
        for (double temperature : new double[]{1, 0.3, 0.1, 0.03, 0.01, 0.005}) {
            double[][] y = Matrices.values(new SoftWta(temperature).compete(Matrices.array(u, DataType.DOUBLE, 'c')));
            for (int b = 0; b < u.length; b++) {
                double max = y[b][argmax(y[b])];
                assertTrue(max >= previousMax[b], "row " + b + ": the winner's share grows as T falls: "
                        + previousMax[b] + " at the previous T, " + max + " at T = " + temperature);
                previousMax[b] = max;
            }
        }
        // At T = 0.005 the runner-up weighs exp(-0.1 / 0.005) = 2e-9 relative to the winner.
        INDArray coldest = new SoftWta(0.005).compete(Matrices.array(u, DataType.DOUBLE, 'c'));
        assertMatrixEquals(oneHot, coldest, 1e-8);
    }

    @ParameterizedTest(name = "{0} order {1}")
    @MethodSource("org.hebbian4j.competition.CompetitionTestSupport#dataTypesAndOrders")
    void largePositiveOrNegativePreActivationsGiveFiniteSoftmax(DataType dataType, char order, double tolerance) {
        // u / T = [4000, 3996, -4000] and [-4000, -4000, -3999]: exp overflows / underflows to 0
        // in any floating type, so only a max-shifted softmax gets these rows right.
        double[][] u = {{1000, 999, -1000}, {-1000, -1000, -999.75}};
        double e4 = Math.exp(-4);
        double e1 = Math.exp(-1);
        double[][] expected = {{1 / (1 + e4), e4 / (1 + e4), 0}, {e1 / (1 + 2 * e1), e1 / (1 + 2 * e1), 1 / (1 + 2 * e1)}};

        INDArray y = CompetitionTestSupport.compete(new SoftWta(0.25), u, dataType, order);

        assertMatrixEquals(expected, y, 1e-6);
    }

    @ParameterizedTest(name = "{0} order {1}")
    @MethodSource("org.hebbian4j.competition.CompetitionTestSupport#dataTypesAndOrders")
    void largePreActivationsInWideRowsGiveFiniteSoftmaxAtUnitAndOtherTemperatures(DataType dataType, char order,
                                                                                  double tolerance) {
        // Rows of 96 and 2000 (a convolution's channels, a dense layer's neurons), all far above or
        // below where exp overflows or underflows: row 0 = 1000 - 0.5 j, row 1 = -1000 - 0.5 j.
        for (int width : new int[]{96, 2000}) {
            double[][] u = new double[2][width];
            for (int j = 0; j < width; j++) {
                u[0][j] = 1000 - 0.5 * j;
                u[1][j] = -1000 - 0.5 * j;
            }
            for (double temperature : new double[]{1.0, 0.5}) {
                // y_j = exp(-0.5 j / T) / sum_k exp(-0.5 k / T), the same in both rows.
                double[] expected = new double[width];
                double sum = 0;
                for (int j = 0; j < width; j++) {
                    expected[j] = Math.exp(-0.5 * j / temperature);
                    sum += expected[j];
                }
                for (int j = 0; j < width; j++) {
                    expected[j] /= sum;
                }

                INDArray y = CompetitionTestSupport.compete(new SoftWta(temperature), u, dataType, order);

                assertMatrixEquals(new double[][]{expected, expected}, y, 1e-6);
            }
        }
    }

    @ParameterizedTest(name = "{0} order {1}")
    @MethodSource("org.hebbian4j.competition.CompetitionTestSupport#dataTypesAndOrders")
    void rowsAtTheLimitsOfTheUnshiftedFloatPathMatchTheShiftedSoftmax(DataType dataType, char order,
                                                                      double tolerance) {
        // FLOAT rows are computed without the max shift while every row sum of exp lies in
        // [1e-30, 1e30] (e^-69 = 1.0e-30, e^69 = 9.3e29). Each row holds 96 values spread over 8 units
        // below its top. The first batch's extreme rows have sums of about 3e-28 and 7e28 (inside
        // the limits), the second's about 3e-32 and 2e32 (outside: the stable path).
        double[][][] batches = {rows(new double[]{-66, 64, 0.3}), rows(new double[]{-75, 72, 0.3})};
        for (double[][] u : batches) {
            INDArray y = CompetitionTestSupport.compete(new SoftWta(1.0), u, dataType, order);

            assertMatrixEquals(naive(u, 1.0), y, 1e-6);
            double[][] values = Matrices.values(y);
            for (int b = 0; b < u.length; b++) {
                double sum = 0;
                for (double v : values[b]) {
                    sum += v;
                }
                assertEquals(1.0, sum, 1e-5, "row " + b);
            }
        }
    }

    private static double[][] rows(double[] tops) {
        Random random = new Random(54);
        double[][] u = new double[tops.length][96];
        for (int b = 0; b < u.length; b++) {
            for (int j = 0; j < u[b].length; j++) {
                u[b][j] = tops[b] - 8 * random.nextDouble();
            }
        }
        return u;
    }

    @ParameterizedTest(name = "{0} order {1}")
    @MethodSource("org.hebbian4j.competition.CompetitionTestSupport#dataTypesAndOrders")
    void oneOverflowingRowInABatchLeavesTheOtherRowsExact(DataType dataType, char order, double tolerance) {
        // Row 1 overflows float's exp (u / T = 400): the whole batch falls back to the stable path.
        double[][] u = Matrices.uniform(new Random(55), 6, 96, -2, 2);
        for (int j = 0; j < 96; j++) {
            u[1][j] += 200;
        }

        INDArray y = CompetitionTestSupport.compete(new SoftWta(0.5), u, dataType, order);

        assertMatrixEquals(naive(u, 0.5), y, tolerance);
    }

    @ParameterizedTest(name = "T = {0}")
    @ValueSource(doubles = {0.0, -0.0, -1, Double.NaN, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY})
    void nonPositiveOrNonFiniteTemperatureIsRejected(double temperature) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SoftWta(temperature));

        assertTrue(e.getMessage().contains("temperature"), e.getMessage());
    }

    private static int argmax(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }
}
