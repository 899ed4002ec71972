package org.hebbian4j.metrics;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class GiniTest {

    /** The appendix's double sum over all ordered pairs, with the factor 2 of its worked example. */
    private static double quadraticDefinition(double[] x) {
        int n = x.length;
        double pairs = 0;
        for (double a : x) {
            for (double b : x) {
                pairs += Math.abs(a - b);
            }
        }
        double mean = Arrays.stream(x).average().orElseThrow();
        return pairs / (2.0 * n * n * mean);
    }

    @Test
    void equalValuesGiveZero() {
        assertEquals(0.0, Gini.of(new double[]{3.5, 3.5, 3.5, 3.5, 3.5}), 0.0);
        assertEquals(0.0, Gini.of(new double[]{0.2}), 0.0);
    }

    @Test
    void allZeroGivesZeroByConvention() {
        assertEquals(0.0, Gini.of(new double[]{0, 0, 0}), 0.0);
    }

    @ParameterizedTest(name = "{1} zeros among {0} values equal to {2}")
    @CsvSource({"10, 8, 1.0", "5, 1, 0.5", "2048, 1638, 0.25", "7, 3, 12.0", "100, 99, 2.0", "32, 0, 1.0", "3, 2, 3.0"})
    void fractionPZeroAndTheRestEqualGivesExactlyP(int n, int zeros, double c) {
        // Liuson, appendix A, for finite n: k = zeros, sorted weights sum_{i>k} (2i - n - 1) = k (n - k), so
        // G = c k (n - k) / (n (n - k) c) = k / n. With c exactly representable every partial sum is an exact
        // double, so the result is k / n rounded once: exactly the double k / (double) n.
        double[] x = new double[n];
        Arrays.fill(x, zeros, n, c);
        assertEquals(zeros / (double) n, Gini.of(x), 0.0);
        assertEquals(zeros / (double) n, quadraticDefinition(x), 1e-12);
    }

    @Test
    void fractionPZeroWithAnInexactValueGivesPToRoundingError() {
        double[] x = new double[2048];
        Arrays.fill(x, 1638, 2048, 0.05);
        assertEquals(1638 / 2048.0, Gini.of(x), 1e-10);
    }

    @Test
    void oneNeuronWithAllUpdatesGivesOneMinusOneOverN() {
        double[] x = new double[50];
        x[17] = 4.0;
        assertEquals(49.0 / 50.0, Gini.of(x), 1e-12);
    }

    @Test
    void matchesTheQuadraticDefinitionOnRandomData() {
        Random random = new Random(3);
        for (int trial = 0; trial < 20; trial++) {
            int n = 1 + random.nextInt(300);
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                // Mixture: some exact zeros, some exponential (skewed) values, some ties.
                x[i] = random.nextInt(5) == 0 ? 0.0 : random.nextInt(5) == 0 ? 1.0 : -Math.log(1 - random.nextDouble());
            }
            assertEquals(quadraticDefinition(x), Gini.of(x), 1e-12, "n = " + n);
        }
    }

    @Test
    void doesNotDependOnOrderOrScaleAndLeavesItsInputAlone() {
        double[] x = {0.5, 3.0, 0.0, 1.25, 8.0};
        double[] copy = x.clone();
        double g = Gini.of(x);
        assertEquals(g, Gini.of(new double[]{8.0, 0.0, 1.25, 3.0, 0.5}), 1e-15);
        assertEquals(g, Gini.of(Arrays.stream(x).map(v -> 0.05 * v).toArray()), 1e-15);
        assertEquals(Arrays.toString(copy), Arrays.toString(x));
    }

    @Test
    void rejectsNegativeNonFiniteAndEmptyInput() {
        assertThrows(IllegalArgumentException.class, () -> Gini.of(new double[]{1, -0.1}));
        assertThrows(IllegalArgumentException.class, () -> Gini.of(new double[]{1, Double.NaN}));
        assertThrows(IllegalArgumentException.class, () -> Gini.of(new double[]{1, Double.POSITIVE_INFINITY}));
        assertThrows(IllegalArgumentException.class, () -> Gini.of(new double[0]));
    }
}
