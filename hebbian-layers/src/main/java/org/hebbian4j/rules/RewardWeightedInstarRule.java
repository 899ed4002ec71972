package org.hebbian4j.rules;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Instar rule aggregated over a batch as Lagani et al.'s released code does:
 * {@code dw_i = sum_b r_bi |r_bi| (x_b - w_i) / sum_b |r_bi|}, with a zero denominator replaced by 1
 * (the numerator is then 0 too).
 *
 * <p>Under (k-)WTA, where r is 0 or 1, this is {@link MeanInstarRule}: each winner moves towards the
 * mean of the rows it won. Under a soft competition, the rows where a neuron's reward is large weigh
 * more (r squared, normalized by the sum of r), so that a neuron is pulled towards the inputs it
 * clearly wins, not equally towards everything it shares in. The rows are a batch's samples, or a
 * convolution's samples times positions.
 *
 * <p>Batched: with {@code Q = R (.) |R|}, {@code q = colsum(Q)}, {@code a = colsum(|R|)} (0 replaced
 * by 1): {@code dW = diag(1/a) (Q^T X - diag(q) W)}.
 *
 * <p>G. Lagani, F. Falchi, C. Gennaro, G. Amato, "Training Convolutional Neural Networks with Competitive
 * Hebbian Learning Approaches", LOD 2021, eq. (3); the aggregation is that of their code
 * (GabrieleLagani/HebbianLearning, e0d17e5, hebb/hebb.py, the weighted-average reduction), which the
 * paper does not state.
 */
public record RewardWeightedInstarRule() implements LearningRule {

    @Override
    public void update(LocalSignals s, INDArray out, double scale) {
        INDArray r = s.activity();
        INDArray magnitude = Transforms.abs(r, true);
        INDArray weighted = magnitude.mul(r);
        INDArray weightedSums = weighted.sum(0);
        OuterProductTerms.outerMinusDecay(weighted, s.input(), weightedSums, s.weights(), out, scale);
        INDArray sums = magnitude.sum(0);
        INDArray zero = sums.eq(0.0).castTo(sums.dataType());
        out.diviColumnVector(sums.addi(zero).reshape(sums.length(), 1).castTo(out.dataType()));
    }

    @Override
    public String name() {
        return "reward-weighted-instar";
    }
}
