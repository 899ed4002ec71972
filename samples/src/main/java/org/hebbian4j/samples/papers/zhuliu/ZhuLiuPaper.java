package org.hebbian4j.samples.papers.zhuliu;

import java.util.Map;

/**
 * The published MNIST figures of Z. Zhu, S. Liu, "Feature Selectors that Fire Together Wire
 * Together": Table 3 (test accuracy, %, per inhibition strength lambda 1-15, "with/without the Oja's
 * rule classifier") and Table 1 (low-weight selectors, %, for lambda 1, 5, 10, 15).
 *
 * <p>Table 3's second number of each pair is the classifier of eq. (13), the one of the paper's
 * text and conclusion (its best, 79.32% at lambda 10, is the paper's reported maximum); the first is
 * a variant with an Oja-rule classifier that the paper does not define.
 */
public final class ZhuLiuPaper {

    /** Table 3, MNIST: {with the Oja-rule classifier, with the eq. 13 classifier} per lambda 1-15. */
    private static final double[][] ACCURACY = {{73.66, 51.54}, {66.46, 67.81}, {59.84, 73.18}, {61.85, 73.49},
            {71.69, 74.95}, {61.64, 75.54}, {63.15, 74.80}, {64.71, 77.20}, {73.68, 75.94}, {70.25, 79.32},
            {58.83, 75.89}, {72.98, 77.49}, {69.40, 78.97}, {64.24, 76.79}, {68.55, 77.63}};

    /** Table 1: low-weight selectors (%) by lambda. */
    static final Map<Integer, Double> LOW_WEIGHT = Map.of(1, 31.4, 5, 26.8, 10, 40.6, 15, 43.7);

    private ZhuLiuPaper() {
    }

    /** Table 3's accuracy (%) at lambda, with the Oja-rule classifier or the eq. 13 one; NaN outside 1-15. */
    static double accuracy(int lambda, boolean ojaClassifier) {
        return lambda >= 1 && lambda <= ACCURACY.length ? ACCURACY[lambda - 1][ojaClassifier ? 0 : 1] : Double.NaN;
    }
}
