package org.hebbian4j.samples.papers.liuson;

import java.util.List;
import java.util.Map;

/**
 * The published figures of H. Liuson, "Learning Dynamics in Competitive Hebbian Learning": Table 1
 * (linear-probe accuracy after training, %) and Table 2 (Gini coefficients at start and end of
 * training), for the widths 32, 128, 512, 2048 on MNIST and CIFAR-10. NaN where the paper has no
 * figure ("Ours + Triangle" on MNIST, Gini of the untrained network).
 */
public final class LiusonPaper {

    static final List<Integer> UNITS = List.of(32, 128, 512, 2048);

    private static final double N = Double.NaN;

    /** Table 1: dataset -> rule -> accuracy (%) per width. */
    static final Map<String, Map<String, double[]>> ACCURACY = Map.of(
            "mnist", Map.of(
                    "random", new double[]{67.5, 84.4, 91.6, 84.0},
                    "liuson", new double[]{52.6, 54.8, 81.8, 93.6},
                    "softhebb", new double[]{55.4, 77.7, 90.6, 82.3},
                    "hebbnet", new double[]{49.0, 82.8, 91.4, 76.3},
                    "liuson-triangle", new double[]{N, N, N, N}),
            "cifar10", Map.of(
                    "random", new double[]{21.9, 30.0, 34.2, 16.3},
                    "liuson", new double[]{10.0, 10.0, 10.0, 10.1},
                    "softhebb", new double[]{19.0, 31.8, 27.0, 21.1},
                    "hebbnet", new double[]{21.4, 28.0, 33.2, 28.1},
                    "liuson-triangle", new double[]{22.9, 12.4, 10.0, 10.5}));

    /** Table 2: dataset -> rule -> {start, end} per width (the paper's "Diff." column is end - start). */
    static final Map<String, Map<String, double[][]>> GINI = Map.of(
            "mnist", Map.of(
                    "liuson", new double[][]{{.61, .12}, {.92, .52}, {.98, .91}, {1.00, 0.90}},
                    "softhebb", new double[][]{{.10, .14}, {.09, .15}, {.12, .17}, {.40, .48}},
                    "hebbnet", new double[][]{{.79, .73}, {.80, .79}, {.80, .80}, {.80, .80}}),
            "cifar10", Map.of(
                    "liuson", new double[][]{{.62, .42}, {.93, .28}, {.99, .78}, {1.00, .96}},
                    "softhebb", new double[][]{{.06, .11}, {.05, .12}, {.05, .13}, {.08, .14}},
                    "hebbnet", new double[][]{{.79, .79}, {.80, .80}, {.80, .80}, {.80, .80}}));

    private LiusonPaper() {
    }

    /** The paper's accuracy (%) for a run, NaN if it has none. */
    static double accuracy(String dataset, String rule, int units) {
        int i = UNITS.indexOf(units);
        double[] row = ACCURACY.getOrDefault(dataset, Map.of()).get(paperRule(rule));
        return row == null || i < 0 ? N : row[i];
    }

    /** The paper's {start, end} Gini for a run, NaNs if it has none. */
    static double[] gini(String dataset, String rule, int units) {
        int i = UNITS.indexOf(units);
        double[][] rows = GINI.getOrDefault(dataset, Map.of()).get(paperRule(rule));
        return rows == null || i < 0 ? new double[]{N, N} : rows[i];
    }

    /** The paper's row for one of our rules: both SoftHebb forms are compared with its single SoftHebb row. */
    private static String paperRule(String rule) {
        return rule.equals("softhebb-anti") ? "softhebb" : rule;
    }
}
