package org.hebbian4j.competition;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * No competition between neurons beyond the sample's own average, "triangle":
 * {@code y_i = max(0, u_i - mean_j u_j)}, the mean over the neurons of the same row (sample, or sample
 * and position). The activity the rule sees equals the output of
 * {@link org.hebbian4j.activations.TriangleActivation}, so a rule written for {@code y = f(W x)} sees
 * {@code f = triangle}.
 *
 * <p>For Liuson's "our method + triangle activation" (H. Liuson, "Learning Dynamics in Competitive
 * Hebbian Learning", section 4, after Coates et al. 2011 and Journé et al. 2022): his rule uses
 * {@code y = f(W x)}, with f the triangle instead of ReLU; combine {@link org.hebbian4j.rules.LiusonRule}
 * with this competition and the triangle activation.
 */
public record Triangle() implements Competition {

    @Override
    public INDArray compete(INDArray u) {
        INDArray centred = u.subColumnVector(u.mean(true, 1));
        return Transforms.relu(centred, false);
    }

    @Override
    public String name() {
        return "triangle";
    }
}
