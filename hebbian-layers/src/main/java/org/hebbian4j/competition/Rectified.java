package org.hebbian4j.competition;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * No competition, rectified: {@code y = max(u, 0)}, the output of a ReLU neuron.
 *
 * <p>For rules whose papers define the postsynaptic activity as {@code y = ReLU(W x)} and do the
 * competing themselves: {@link org.hebbian4j.rules.LiusonRule} (H. Liuson, "Learning Dynamics in
 * Competitive Hebbian Learning", section 3: {@code y = f(Wx)}, ReLU in section 4) and
 * {@link org.hebbian4j.rules.HebbNetRule}.
 */
public record Rectified() implements Competition {

    @Override
    public INDArray compete(INDArray u) {
        return Transforms.relu(u, true);
    }

    @Override
    public String name() {
        return "relu";
    }
}
