package org.hebbian4j.samples.papers.lagani;

import java.util.List;
import java.util.Map;

/**
 * The MNIST numbers of G. Lagani, F. Falchi, C. Gennaro, G. Amato, "Training Convolutional Neural Networks with
 * Competitive Hebbian Learning Approaches" (LOD 2021): Tables 1, 2 and 3, top-1 test accuracy in percent, mean of
 * five runs (their 95% confidence intervals are 0.01 to 0.10 points). Copied from the paper's text in
 * ../shared/papers/002_21549bbc26b0db27.txt.
 */
public final class LaganiPaper {

    /** The competition columns of Tables 1-3, in the paper's order. */
    static final List<String> COMPETITIONS = List.of("WTA", "5-WTA", "e-soft-WTA", "p-soft-WTA");

    private LaganiPaper() {
    }

    /** Table 1: linear probe on layer 1..5 features; columns BP, VAE, then the four competitions. */
    static final Map<Integer, Map<String, Double>> TABLE1 = Map.of(
            1, Map.of("BP", 95.80, "VAE", 98.67, "WTA", 98.16, "5-WTA", 98.19, "e-soft-WTA", 98.15, "p-soft-WTA", 98.20),
            2, Map.of("BP", 97.26, "VAE", 98.90, "WTA", 98.52, "5-WTA", 98.45, "e-soft-WTA", 98.47, "p-soft-WTA", 98.47),
            3, Map.of("BP", 98.77, "VAE", 98.30, "WTA", 98.55, "5-WTA", 98.38, "e-soft-WTA", 98.56, "p-soft-WTA", 98.51),
            4, Map.of("BP", 99.56, "VAE", 94.68, "WTA", 96.56, "5-WTA", 96.45, "e-soft-WTA", 96.89, "p-soft-WTA", 97.07),
            5, Map.of("BP", 99.59, "VAE", 90.32, "WTA", 97.15, "5-WTA", 96.18, "e-soft-WTA", 96.92, "p-soft-WTA", 97.09));

    /** Table 2: hybrid networks; the backprop baseline BBBBBG is 99.59. */
    static final double BASELINE = 99.59;

    static final Map<String, double[]> TABLE2 = Map.ofEntries(
            Map.entry("HBBBBG", new double[]{99.48, 99.53, 99.45, 99.49}),
            Map.entry("BHBBBG", new double[]{99.48, 99.42, 99.52, 99.53}),
            Map.entry("BBHBBG", new double[]{99.55, 99.54, 99.55, 99.54}),
            Map.entry("BBBHBG", new double[]{99.61, 99.59, 99.58, 99.58}),
            Map.entry("BBBBHG", new double[]{99.66, 99.61, 99.65, 99.64}),
            Map.entry("HHBBBG", new double[]{99.35, 99.30, 99.36, 99.34}),
            Map.entry("BHHBBG", new double[]{99.29, 99.28, 99.31, 99.34}),
            Map.entry("BBHHBG", new double[]{99.42, 99.34, 99.37, 99.35}),
            Map.entry("BBBHHG", new double[]{99.51, 99.37, 99.58, 99.58}),
            Map.entry("HHHBBG", new double[]{99.22, 99.12, 99.20, 99.19}),
            Map.entry("BHHHBG", new double[]{98.99, 98.92, 99.04, 99.07}),
            Map.entry("BBHHHG", new double[]{99.08, 98.51, 99.25, 98.98}),
            Map.entry("HHHHBG", new double[]{98.45, 98.27, 98.45, 98.47}),
            Map.entry("BHHHHG", new double[]{98.25, 97.28, 98.43, 98.46}),
            Map.entry("HHHHHG", new double[]{97.15, 96.18, 96.92, 97.09}));

    /** Table 3: retraining the top layers; accuracy and epochs to convergence. */
    static final Map<String, double[]> TABLE3 = Map.of(
            "BBBBHH", new double[]{99.55, 99.54, 99.53, 99.53});
    static final double TABLE3_SHC = 99.62;       // BBBBBH, supervised Hebbian classifier, 1 epoch
    static final int TABLE3_BP_EPOCHS = 15;       // BBBBBG, backprop
    static final int TABLE3_HEBBIAN_EPOCHS = 1;

    /** The paper's number for a hybrid or retraining row, or NaN if it has none. */
    static double hybrid(String pattern, String competition) {
        if (pattern.equals("BBBBBG")) {
            return BASELINE;
        }
        if (pattern.equals("BBBBBH")) {
            return TABLE3_SHC;
        }
        int column = COMPETITIONS.indexOf(competition);
        double[] row = pattern.endsWith("H") ? TABLE3.get(pattern) : TABLE2.get(pattern);
        return row == null || column < 0 ? Double.NaN : row[column];
    }

    /** Table 1's number for a layer and column (BP or a competition), or NaN. */
    static double probe(int layer, String column) {
        Map<String, Double> row = TABLE1.get(layer);
        return row == null || !row.containsKey(column) ? Double.NaN : row.get(column);
    }

    /** Which table a pattern's row belongs to. */
    static String table(String pattern) {
        if (pattern.equals("BBBBBG")) {
            return "Tables 2-3 (baseline)";
        }
        return pattern.endsWith("H") ? "Table 3" : "Table 2";
    }
}
