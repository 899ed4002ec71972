package org.hebbian4j.metrics;

import java.util.Arrays;

/**
 * The Gini coefficient of non-negative values, as Liuson ("Learning Dynamics in Competitive Hebbian
 * Learning", appendix A) uses it on the per-neuron average update size: 0 when every neuron gets
 * the same share of the updates, close to 1 when a few neurons get all of them.
 *
 * <p>Definition: the mean absolute difference between all ordered pairs, over twice the mean,
 * <pre>  G = sum_{i,j=1..n} |x_i - x_j| / (2 n^2 mean(x))</pre>
 * computed in O(n log n) from the values sorted ascending, {@code x_(1) <= ... <= x_(n)}:
 * <pre>  G = sum_{i=1..n} (2i - n - 1) x_(i) / (n^2 mean(x)) = sum_i (2i - n - 1) x_(i) / (n sum(x))</pre>
 * (each pair i &lt; j contributes {@code x_(j) - x_(i)} twice to the double sum; {@code x_(i)} is the
 * larger of a pair i - 1 times and the smaller n - i times).
 *
 * <p><b>The factor 2.</b> The appendix prints the double sum over {@code n^2 mean(x)}, without the
 * 2, but its own worked example divides by {@code 2 n^2 c (1 - p)} and concludes that a population
 * whose fraction p is zero and the rest equal has G = p; its Table 2 reports HebbNet, which leaves
 * 80% of the neurons without any update, at G = 0.80. Both need the 2 (without it that population
 * would score 2p, up to 2). We follow the example, the table and the standard Gini coefficient. The
 * example is exact for finite n: k zeros among n values give G = k/n (double sum {@code 2k(n-k)c},
 * mean {@code (n-k)c/n}).
 *
 * <p>If all values are zero (no updates yet) G is 0 by convention: nobody has more than anybody.
 */
public final class Gini {

    private Gini() {
    }

    /**
     * The Gini coefficient of {@code values} (not modified).
     *
     * @throws IllegalArgumentException if {@code values} is empty or holds a negative or non-finite value
     */
    public static double of(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("Gini: no values");
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        if (!(sorted[0] >= 0) || !Double.isFinite(sorted[sorted.length - 1])) {
            throw new IllegalArgumentException("Gini: values must be finite and >= 0, got range ["
                    + sorted[0] + ", " + sorted[sorted.length - 1] + "]");
        }
        int n = sorted.length;
        double sum = 0;
        double weighted = 0;
        for (int i = 0; i < n; i++) {
            sum += sorted[i];
            // 1-based rank r = i + 1: weight 2r - n - 1 = 2i - n + 1.
            weighted += (2.0 * i - n + 1) * sorted[i];
        }
        if (sum == 0) {
            return 0.0;
        }
        return weighted / (n * sum);
    }
}
