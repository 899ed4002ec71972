package org.hebbian4j.rules;

import org.hebbian4j.competition.SparseActivity;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Competitive (instar) Hebbian rule: {@code dw_i = r_i (x - w_i)}.
 *
 * <p>r_i is the reward of neuron i given by the competition (WTA: 1 for the winner, 0 otherwise;
 * k-WTA, e-soft-WTA, p-soft-WTA: see {@link org.hebbian4j.competition}); it is the rule's
 * "activity" signal. Batched: {@code dW = (1/B) (R^T X - diag(sum_b r_bi) W)}. A winning neuron's
 * weight vector moves towards the input, so under WTA the weights converge to cluster centres.
 *
 * <p>G. Lagani, F. Falchi, C. Gennaro, G. Amato, "Training Convolutional Neural Networks with
 * Competitive Hebbian Learning Approaches", LOD 2021, eq. (3); S. Grossberg, Biol. Cybernetics 23, 1976.
 */
public record InstarRule() implements LearningRule {

    /**
     * Under a winner-take-all competition of a wide layer ({@link LocalSignals#sparseActivity()}),
     * only the winners' rows are computed: {@code sum over the samples b a neuron won of
     * r_bi (x_b - w_i)}, the same dW without the GEMM over mostly-zero rewards.
     */
    @Override
    public void update(LocalSignals s, INDArray out, double scale) {
        INDArray r = s.activity();
        double alpha = scale / s.batchSize();
        SparseActivity sparse = s.sparseActivity();
        if (OuterProductTerms.sparseIsCheaper(sparse, out.rows())) {
            // Entry decay = the reward itself: sum_b r_bi is the decay of neuron i.
            OuterProductTerms.writeRows(OuterProductTerms.sparseRows(sparse, sparse.values(), s.input(), s.weights()),
                    out, alpha);
            return;
        }
        OuterProductTerms.outerMinusDecay(r, s.input(), s.activityColumnSums(), s.weights(), out, alpha);
    }

    @Override
    public String name() {
        return "instar";
    }
}
