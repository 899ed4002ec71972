package org.hebbian4j.rules;

import org.hebbian4j.util.ColumnSums;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * SoftHebb: {@code dw_ij = y_i (x_j - u_i w_ij)}, with {@code y = softmax(u / T)}.
 *
 * <p>u is the pre-activation and y the soft-WTA activity; the softmax is the competition
 * ({@link org.hebbian4j.competition.SoftWta} with temperature T, the default competition for
 * this rule). Batched: {@code dW = (1/B) (Y^T X - diag(sum_b y_bi u_bi) W)}. The decay term
 * {@code y u w} drives each weight vector towards unit norm.
 *
 * <p>A. Journé, H. Garcia Rodriguez, Q. Guo, T. Moraitis, "Hebbian Deep Learning Without
 * Feedback", ICLR 2023 (arXiv 2209.11883), and T. Moraitis et al., "SoftHebb: Bayesian inference
 * in unsupervised Hebbian soft winner-take-all networks", Neuromorph. Comput. Eng. 2022; as
 * described by H. Liuson, "Learning Dynamics in Competitive Hebbian Learning".
 */
public record SoftHebbRule() implements LearningRule {

    @Override
    public void update(LocalSignals s, INDArray out, double scale) {
        INDArray y = s.activity();
        INDArray decay = ColumnSums.of(y.mul(s.preActivation()));
        OuterProductTerms.outerMinusDecay(y, s.input(), decay, s.weights(), out, scale / s.batchSize());
    }

    @Override
    public String name() {
        return "softhebb";
    }
}
