package org.hebbian4j.rules;

import org.hebbian4j.testutil.Matrices;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;

import static org.hebbian4j.testutil.Matrices.assertMatrixEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The activity's column sums a layer hands to its rule ({@link LocalSignals#withActivitySums}): returned
 * as given, computed when absent, and actually used by the rules whose decay they are (instar, mean instar).
 */
class LocalSignalsActivitySumsTest {

    @Test
    void columnSumsAreComputedWhenNotGivenForShortAndTallActivities() {
        Random random = new Random(5);
        for (int rows : new int[]{3, 700}) {
            double[][] y = Matrices.uniform(random, rows, 4, 0.0, 1.0);
            double[] expected = new double[4];
            for (double[] row : y) {
                for (int i = 0; i < 4; i++) {
                    expected[i] += row[i];
                }
            }
            LocalSignals s = LocalSignals.of(Nd4j.zeros(DataType.DOUBLE, rows, 2), Nd4j.zeros(DataType.DOUBLE, rows, 4),
                    Nd4j.createFromArray(y), Nd4j.zeros(DataType.DOUBLE, 4, 2));

            assertMatrixEquals(new double[][]{expected}, s.activityColumnSums().reshape(1, 4), 1e-12);
        }
    }

    @Test
    void givenSumsAreReturnedAsTheyAre() {
        INDArray sums = Nd4j.createFromArray(1.0, 2.0, 3.0);
        LocalSignals s = LocalSignals.of(Nd4j.zeros(2, 2), Nd4j.zeros(2, 3), Nd4j.zeros(2, 3), Nd4j.zeros(3, 2))
                .withActivitySums(sums);

        assertSame(sums, s.activityColumnSums());
        assertSame(sums, s.withBias(Nd4j.zeros(1, 3)).withState(java.util.Map.of()).activityColumnSums());
    }

    @Test
    void sumsOfTheWrongLengthAreRejected() {
        LocalSignals s = LocalSignals.of(Nd4j.zeros(2, 2), Nd4j.zeros(2, 3), Nd4j.zeros(2, 3), Nd4j.zeros(3, 2));

        assertThrows(IllegalArgumentException.class, () -> s.withActivitySums(Nd4j.zeros(4)));
    }

    /**
     * Instar: {@code dW = (1/B)(Y^T X - diag(s) W)} with s the sums handed over. Handing over sums that
     * differ from the true ones by a known amount must change dW by exactly {@code -(1/B) diag(delta) W}:
     * the rule reads them instead of summing Y itself.
     */
    @Test
    void instarAndMeanInstarReadTheGivenSums() {
        Random random = new Random(9);
        double[][] x = Matrices.gaussian(random, 3, 4);
        double[][] w = Matrices.gaussian(random, 2, 4);
        double[][] y = Matrices.uniform(random, 3, 2, 0.1, 1.0);
        double[] trueSums = {y[0][0] + y[1][0] + y[2][0], y[0][1] + y[1][1] + y[2][1]};
        double[] delta = {0.5, -0.25};
        INDArray shifted = Nd4j.createFromArray(trueSums[0] + delta[0], trueSums[1] + delta[1]);

        // Instar: alpha = 1/B.
        INDArray plain = update(new InstarRule(), x, y, w, null);
        INDArray withSums = update(new InstarRule(), x, y, w, shifted);
        double[][] expected = new double[2][4];
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 4; j++) {
                expected[i][j] = plain.getDouble(i, j) - delta[i] * w[i][j] / 3.0;
            }
        }
        assertMatrixEquals(expected, withSums, 1e-12);

        // Mean instar: dw_i = (sum_b y_bi x_b - s_i w_i) / s_i with s the given sums.
        INDArray mean = update(new MeanInstarRule(), x, y, w, shifted);
        for (int i = 0; i < 2; i++) {
            double s = trueSums[i] + delta[i];
            for (int j = 0; j < 4; j++) {
                double hebb = 0;
                for (int b = 0; b < 3; b++) {
                    hebb += y[b][i] * x[b][j];
                }
                expected[i][j] = (hebb - s * w[i][j]) / s;
            }
        }
        assertMatrixEquals(expected, mean, 1e-12);
    }

    private static INDArray update(LearningRule rule, double[][] x, double[][] y, double[][] w, INDArray sums) {
        INDArray weights = Nd4j.createFromArray(w);
        INDArray input = Nd4j.createFromArray(x);
        INDArray activity = Nd4j.createFromArray(y);
        LocalSignals s = LocalSignals.of(input, input.mmul(weights.transpose()), activity, weights);
        if (sums != null) {
            s = s.withActivitySums(sums);
        }
        INDArray out = Nd4j.create(DataType.DOUBLE, new long[]{2, 4}, 'f');
        rule.update(s, out, 1.0);
        return out;
    }
}
