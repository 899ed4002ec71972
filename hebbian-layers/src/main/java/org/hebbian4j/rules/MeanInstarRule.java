package org.hebbian4j.rules;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Instar rule averaged per neuron over the rows it was rewarded for:
 * {@code dw_i = sum_b r_bi (x_b - w_i) / sum_b r_bi}, and 0 for a neuron whose rewards in the batch sum to less
 * than {@value #MIN_REWARD} (a millionth of one won row; also when negative rewards, as rank-k anti-Hebbian competition
 * gives, make the sum negative). The threshold keeps the division finite: a soft-WTA at a low temperature gives most neurons
 * rewards that underflow to denormal floats, whose reciprocal overflows.
 *
 * <p>{@link InstarRule} averages a batch over all its rows ({@code (1/B) sum_b r_bi (x_b - w_i)}), so a neuron
 * that wins a share s of the rows moves by {@code lr * s}: in a convolution, where the rows are the B x P patch
 * positions and WTA has nOut neurons competing at each, a typical kernel moves about nOut times slower than the
 * learning rate says. Here every rewarded neuron moves by the learning rate towards the reward-weighted mean
 * of its inputs, whatever its share: under WTA a step of {@code lr} from w_i to the centroid of what it won.
 * Lagani et al. give eq. (3) per input and a learning rate of 1e-3 without saying how a batch's updates
 * combine; with {@link InstarRule}'s batch mean that learning rate moves their first layer's kernels by 0.35%
 * in 3,000 MNIST images (measured, docs/results/lagani-mnist.md), which this rule avoids. Not a rule of the
 * paper's equations: a documented reading of them.
 *
 * <p>Batched: with {@code s = sum_b r_b} and {@code m_i = 1[s_i > MIN_REWARD]}: {@code dW = diag(m / s) (R^T X) - diag(m) W}.
 *
 * <p>G. Lagani, F. Falchi, C. Gennaro, G. Amato, "Training Convolutional Neural Networks with Competitive Hebbian
 * Learning Approaches", LOD 2021, eq. (3).
 */
public record MeanInstarRule() implements LearningRule {

    /** Smallest batch reward sum of a neuron that learns. */
    public static final double MIN_REWARD = 1e-6;

    @Override
    public void update(LocalSignals s, INDArray out, double scale) {
        INDArray r = s.activity();
        INDArray rewardSums = s.activityColumnSums();
        OuterProductTerms.outerMinusDecay(r, s.input(), rewardSums, s.weights(), out, scale);
        INDArray rewarded = rewardSums.gt(MIN_REWARD).castTo(rewardSums.dataType());
        // 1 / s where s > MIN_REWARD, else 0: the denominator s m + (1 - m) is s or 1, never 0 (s can be
        // negative, e.g. the k-th neuron's -delta under rank-k anti-Hebbian competition).
        INDArray inverse = rewarded.div(rewardSums.mul(rewarded).addi(rewarded.rsub(1.0)));
        out.muliColumnVector(inverse.reshape(inverse.length(), 1).castTo(out.dataType()));
    }

    @Override
    public String name() {
        return "mean-instar";
    }
}
