package org.hebbian4j.rules;

import java.util.Arrays;

/** HebbNet's update by loops, for the rule's tests and the layers' naive reference. */
public final class NaiveHebbNet {

    private NaiveHebbNet() {
    }

    /**
     * D_ij = mean_b (y_bi - T_i) x_bj by loops, where at level activation a sample contributes only for
     * the neurons whose y is among its m largest and positive; then, at level entry, all entries below
     * the m-th largest |D| set to 0, or, at level neuron, all rows whose L2 norm is below the m-th largest.
     */
    public static double[][] update(HebbNetRule rule, double[][] x, double[][] y, double[] average, int nIn) {
        int batchSize = x.length;
        int nOut = average.length;
        double[][] d = new double[nOut][nIn];
        int keptPerSample = nOut - (int) Math.floor(rule.sparsity() * nOut + 1e-9);
        for (int b = 0; b < batchSize; b++) {
            double[] sortedY = y[b].clone();
            Arrays.sort(sortedY);
            double activityThreshold = sortedY[nOut - keptPerSample];   // the m-th largest of the sample
            for (int i = 0; i < nOut; i++) {
                double yi = y[b][i];
                if (rule.level() == HebbNetRule.Level.ACTIVATION && !(yi >= activityThreshold && yi > 0)) {
                    continue;                                         // not among the most active: no update
                }
                for (int j = 0; j < nIn; j++) {
                    d[i][j] += (yi - average[i]) * x[b][j] / batchSize;
                }
            }
        }
        if (rule.level() == HebbNetRule.Level.NEURON) {
            double[] norms = new double[nOut];
            for (int i = 0; i < nOut; i++) {
                double sumSquares = 0;
                for (int j = 0; j < nIn; j++) {
                    sumSquares += d[i][j] * d[i][j];
                }
                norms[i] = Math.sqrt(sumSquares);
            }
            double[] sortedNorms = norms.clone();
            Arrays.sort(sortedNorms);
            int keptNeurons = nOut - (int) Math.floor(rule.sparsity() * nOut + 1e-9);
            double threshold = sortedNorms[nOut - keptNeurons];
            for (int i = 0; i < nOut; i++) {
                if (norms[i] < threshold) {
                    Arrays.fill(d[i], 0.0);
                }
            }
            return d;
        }
        if (rule.level() == HebbNetRule.Level.ACTIVATION) {
            return d;                                               // the sparsity was applied per sample above
        }
        double[] magnitudes = new double[nOut * nIn];
        for (int i = 0; i < nOut; i++) {
            for (int j = 0; j < nIn; j++) {
                magnitudes[i * nIn + j] = Math.abs(d[i][j]);
            }
        }
        Arrays.sort(magnitudes);
        int kept = magnitudes.length - (int) Math.floor(rule.sparsity() * magnitudes.length + 1e-9);
        double threshold = magnitudes[magnitudes.length - kept];
        for (double[] row : d) {
            for (int j = 0; j < nIn; j++) {
                if (Math.abs(row[j]) < threshold) {
                    row[j] = 0;
                }
            }
        }
        return d;
    }

    /**
     * The change of a running average of the activity after a batch, {@code s <- m s + (1 - m) mean_b y}:
     * {@code (1 - m) (mean_b y - s)} (HebbNet's T and Liuson's y_EMA), by loops.
     */
    public static double[] averageChange(RuleState state, double[][] y, double[] old) {
        double[] change = new double[old.length];
        for (int i = 0; i < old.length; i++) {
            double mean = 0;
            for (double[] sample : y) {
                mean += sample[i] / y.length;
            }
            change[i] = (1 - state.momentum()) * (mean - old[i]);
        }
        return change;
    }
}
