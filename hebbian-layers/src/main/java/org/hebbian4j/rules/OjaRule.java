package org.hebbian4j.rules;

import org.hebbian4j.util.ColumnSums;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Oja's rule: {@code dw_ij = y_i (x_j - y_i w_ij)}.
 *
 * <p>Batched: {@code dW = (1/B) (Y^T X - diag(sum_b y_bi^2) W)}. With a linear neuron
 * ({@code y = u = W x}, competition "none") and small steps, each w converges to the unit-norm top
 * eigenvector of the input covariance.
 *
 * <p>E. Oja, "Simplified neuron model as a principal component analyzer", J. Math. Biology 15,
 * 1982; as used by Z. Zhu, S. Liu, "Feature Selectors that Fire Together Wire Together".
 */
public record OjaRule() implements LearningRule {

    @Override
    public void update(LocalSignals s, INDArray out, double scale) {
        INDArray y = s.activity();
        INDArray sumSquares = ColumnSums.of(y.mul(y));
        OuterProductTerms.outerMinusDecay(y, s.input(), sumSquares, s.weights(), out, scale / s.batchSize());
    }

    @Override
    public String name() {
        return "oja";
    }
}
