package org.hebbian4j.competition;

import org.nd4j.linalg.api.buffer.DataType;
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
        INDArray scaled = temperature == 1.0 ? u : u.div(temperature);
        if (u.dataType() == DataType.FLOAT) {
            // ND4J M2.1's FLOAT softmax subtracts each row's maximum itself (checked for 'c' and 'f'
            // rows by largePositiveOrNegativePreActivationsGiveFiniteSoftmax): one call, no extra
            // passes (a third of the time of a 3 -> 96 convolution's soft-WTA on 50,000 rows).
            INDArray out = scaled == u ? Nd4j.createUninitialized(u.dataType(), u.shape(), u.ordering()) : scaled;
            return Nd4j.exec(new SoftMax(scaled, out, 1))[0];
        }
        // Other types: shift each row's maximum to 0 first (softmax is shift-invariant): ND4J M2.1's
        // DOUBLE softmax returns NaN for 'c' rows whose entries all lie below about -745, where every
        // exp underflows to 0. (At T = 1 the shift makes the copy.)
        scaled = scaled == u ? u.subColumnVector(u.max(true, 1)) : scaled.subiColumnVector(scaled.max(true, 1));
        return Nd4j.exec(new SoftMax(scaled, scaled, 1))[0];
    }

    @Override
    public String name() {
        return "softmax";
    }
}
