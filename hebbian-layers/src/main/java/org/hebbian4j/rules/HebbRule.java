package org.hebbian4j.rules;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Plain Hebbian rule: {@code dw_ij = y_i x_j}.
 *
 * <p>Batched: {@code dW = (1/B) Y^T X}, with Y = activity {@code [B, nOut]} (the competition's
 * output) and X = input {@code [B, nIn]}. Unstable on its own (weights grow without bound): pair
 * it with weight normalization or use {@link OjaRule}.
 *
 * <p>D. O. Hebb, <i>The Organization of Behavior</i>, Wiley, 1949; in the form of G. Lagani,
 * F. Falchi, C. Gennaro, G. Amato, "Training Convolutional Neural Networks with Competitive
 * Hebbian Learning Approaches", LOD 2021, eq. (2).
 */
public record HebbRule() implements LearningRule {

    @Override
    public void update(LocalSignals s, INDArray out, double scale) {
        OuterProductTerms.outerMinusDecay(s.activity(), s.input(), null, s.weights(), out, scale / s.batchSize());
    }

    @Override
    public String name() {
        return "hebb";
    }
}
