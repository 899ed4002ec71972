package org.hebbian4j.rules;

import org.hebbian4j.competition.HardWta;
import org.hebbian4j.util.ColumnSums;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * SoftHebb with anti-Hebbian plasticity for the non-winners:
 * {@code dw_ij = s_i y_i (x_j - u_i w_ij)}, with {@code s_i = +1} for the winner of the sample
 * (largest y) and {@code s_i = -1} for every other neuron.
 *
 * <p>The winner learns exactly as in {@link SoftHebbRule}; the losers' whole update (Hebbian and
 * decay term) is negated, which pushes them away from the inputs the winner represents. Symbols as
 * in {@link SoftHebbRule}: x = {@code input} {@code [B, nIn]}, u = {@code preActivation}
 * {@code [B, nOut]}, y = {@code activity} (softmax of u / T: competition
 * {@link org.hebbian4j.competition.SoftWta}), W = {@code weights} {@code [nOut, nIn]}. Batched with
 * {@code Y~ = S * Y}: {@code dW = (1/B) (Y~^T X - diag(sum_b y~_bi u_bi) W)}. The winner of a
 * sample is the arg-max of y (of u under a softmax); ties go to the lowest index.
 *
 * <p>A separate class rather than an option of {@link SoftHebbRule}, so that code recognising
 * SoftHebb (e.g. a fused fast path) cannot silently drop the sign flip.
 *
 * <p>A. Journé, H. Garcia Rodriguez, Q. Guo, T. Moraitis, "Hebbian Deep Learning Without Feedback",
 * ICLR 2023 (arXiv 2209.11883, 2022), section 3; as described by H. Liuson, "Learning Dynamics in
 * Competitive Hebbian Learning", section 2.
 */
public record AntiHebbianSoftHebbRule() implements LearningRule {

    @Override
    public void update(LocalSignals s, INDArray out, double scale) {
        INDArray y = s.activity();
        // s * y = (2 * winner - 1) * y
        INDArray signed = new HardWta().compete(y).muli(2.0).subi(1.0).muli(y);
        INDArray decay = ColumnSums.of(signed.mul(s.preActivation()));
        OuterProductTerms.outerMinusDecay(signed, s.input(), decay, s.weights(), out, scale / s.batchSize());
    }

    @Override
    public String name() {
        return "softhebb-anti";
    }
}
