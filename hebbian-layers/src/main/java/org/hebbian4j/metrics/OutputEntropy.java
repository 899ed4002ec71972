package org.hebbian4j.metrics;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The entropy of a layer's output vector, after Zhu and Liu ("Feature Selectors that Fire Together
 * Wire Together", section 4.5): with a the output vector of the layer and {@code a^ = sum(a)},
 * the outputs are read as a distribution {@code p = a / a^} over the neurons, and
 * <pre>  H(a) = - sum_i p_i ln p_i   (nats; 0 ln 0 = 0)</pre>
 * H is 0 when one neuron carries all the output and {@code ln n} when all n carry the same.
 *
 * <p>Readings of the paper, which prints {@code Entropy = ln(a/a^) . (a/a^)}:
 * <ul>
 *   <li><b>Sign.</b> The printed dot product is {@code sum p ln p}, which is never positive. We use
 *       Shannon's {@code -sum p ln p}; the paper's finding that a stronger lateral inhibition
 *       "shrinks the entropy" (a more concentrated output) holds for it.</li>
 *   <li><b>Negative outputs.</b> p is a distribution only for non-negative outputs (the paper's layer
 *       outputs are, after its lateral inhibition). We use the magnitudes {@code abs(a)}, so a layer
 *       with a signed activation (identity, tanh) is measured by how its output magnitude spreads.</li>
 *   <li><b>All-zero outputs.</b> A vector with {@code sum abs(a) = 0} has no distribution; it is left
 *       out of batch averages (and {@link #of(double[])} returns NaN for it).</li>
 *   <li><b>Convolutions.</b> A convolution's output {@code [B, C, H, W]} gives one vector over the C
 *       channels at each sample and position (the channels are the neurons that compete there).</li>
 * </ul>
 */
public final class OutputEntropy {

    private OutputEntropy() {
    }

    /** Sum of per-vector entropies and the number of vectors that entered it. */
    public record Sum(double entropySum, long vectors) {
        /** Mean entropy per vector, NaN if no vector entered. */
        public double mean() {
            return vectors == 0 ? Double.NaN : entropySum / vectors;
        }

        public Sum plus(Sum other) {
            return new Sum(entropySum + other.entropySum, vectors + other.vectors);
        }
    }

    /** H of one output vector (NaN if all its entries are zero). */
    public static double of(double[] outputs) {
        double total = 0;
        for (double v : outputs) {
            total += Math.abs(v);
        }
        if (total == 0) {
            return Double.NaN;
        }
        double h = 0;
        for (double v : outputs) {
            double p = Math.abs(v) / total;
            if (p > 0) {
                h -= p * Math.log(p);
            }
        }
        return h;
    }

    /**
     * The entropies of a batch of layer outputs, summed: rows of a {@code [B, n]} array, or the channel
     * vectors of a {@code [B, C, H, W]} (NCHW) array. Vectors whose entries are all zero are skipped.
     *
     * <p>Computed per vector as {@code H = ln S - T / S} with {@code S = sum abs(a)} and
     * {@code T = sum abs(a) ln abs(a)} (the same as {@code -sum p ln p}), by ND4J operations over the
     * whole batch in the outputs' data type; {@code 0 ln 0} is taken as {@code 0 ln(1e-30) = 0}.
     */
    public static Sum ofBatch(INDArray outputs) {
        INDArray rows;
        if (outputs.rank() == 2) {
            rows = outputs;
        } else if (outputs.rank() == 4) {
            long channels = outputs.size(1);
            rows = outputs.permute(0, 2, 3, 1).dup('c').reshape('c', outputs.length() / channels, channels);
        } else {
            throw new IllegalArgumentException("OutputEntropy: expected rank 2 [B, n] or rank 4 [B, C, H, W], got shape "
                    + java.util.Arrays.toString(outputs.shape()));
        }
        INDArray magnitudes = Transforms.abs(rows, true);
        double[] totals = magnitudes.sum(1).toDoubleVector();
        INDArray logs = Transforms.log(Transforms.max(magnitudes, TINY, true), false);
        double[] weightedLogs = logs.muli(magnitudes).sum(1).toDoubleVector();
        double sum = 0;
        long vectors = 0;
        for (int r = 0; r < totals.length; r++) {
            if (totals[r] > 0) {
                sum += Math.log(totals[r]) - weightedLogs[r] / totals[r];
                vectors++;
            }
        }
        return new Sum(sum, vectors);
    }

    /** Floor inside the logarithm: {@code 0 * ln(TINY) = 0}; representable as a normal float. */
    private static final double TINY = 1e-30;
}
