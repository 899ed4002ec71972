package org.hebbian4j.competition;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Soft winner-take-all over rectified pre-activations:
 * {@code y_i = exp(max(u_i, 0) / T) / sum_j exp(max(u_j, 0) / T)}.
 *
 * <p>The softmax of {@link SoftWta} applied to the output of a ReLU neuron rather than to u: every
 * neuron with {@code u_i <= 0} gets the same activity {@code 1 / sum_j exp(max(u_j, 0) / T)}, so a
 * sample that drives no neuron above zero spreads its activity evenly. T ({@code temperature})
 * as in {@link SoftWta}.
 *
 * <p>H. Liuson, "Learning Dynamics in Competitive Hebbian Learning", section 2 ("Consider an
 * activation function f, such as ReLU. Let y = softmax(u)"), with the ReLU of section 4 as f.
 *
 * @param temperature T &gt; 0
 */
public record RectifiedSoftWta(@JsonProperty("temperature") double temperature) implements Competition {

    @JsonCreator
    public RectifiedSoftWta {
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("RectifiedSoftWta: temperature must be > 0 and finite, got " + temperature);
        }
    }

    @Override
    public INDArray compete(INDArray u) {
        // relu(u, true) copies, so u stays unchanged; SoftWta then works on the copy.
        return new SoftWta(temperature).compete(Transforms.relu(u, true));
    }

    @Override
    public String name() {
        return "relu-softmax";
    }
}
