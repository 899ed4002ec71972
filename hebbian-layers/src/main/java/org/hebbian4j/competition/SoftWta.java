package org.hebbian4j.competition;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Exponential soft winner-take-all (e-soft-WTA): {@code y_i = exp(u_i / T) / sum_j exp(u_j / T)}.
 *
 * <p>T ({@code temperature}) tunes how the reward spreads: T to 0 approaches WTA. Computed by ND4J's
 * softmax after shifting each row's maximum of {@code u / T} to 0, so that no exp overflows or
 * underflows to 0/0. This is also the competition of SoftHebb ({@code y = softmax(u / T)}).
 *
 * <p>G. Lagani, F. Falchi, C. Gennaro, G. Amato, "Training Convolutional Neural Networks with
 * Competitive Hebbian Learning Approaches", LOD 2021, eq. (5) (T = 0.02 in their experiments);
 * T. Moraitis et al., "SoftHebb", Neuromorph. Comput. Eng. 2022.
 *
 * @param temperature T &gt; 0
 */
public record SoftWta(@JsonProperty("temperature") double temperature) implements Competition {

    @JsonCreator
    public SoftWta {
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("SoftWta: temperature must be > 0 and finite, got " + temperature);
        }
    }

    @Override
    public INDArray compete(INDArray u) {
        // Shift each row's maximum to 0 (softmax is shift-invariant): ND4J M2.1's softmax returns NaN
        // for DOUBLE rows whose entries all lie below about -745, where every exp underflows to 0.
        // At T = 1 the shift makes the copy (u / 1 = u exactly), one pass over u fewer.
        INDArray scaled = temperature == 1.0 ? u.subColumnVector(u.max(true, 1)) : u.div(temperature);
        if (temperature != 1.0) {
            scaled.subiColumnVector(scaled.max(true, 1));
        }
        return Nd4j.exec(new SoftMax(scaled, scaled, 1))[0];
    }

    @Override
    public String name() {
        return "softmax";
    }
}
