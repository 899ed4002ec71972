package org.hebbian4j.competition;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Power soft winner-take-all (p-soft-WTA): {@code y_i = u_i^p / sum_j u_j^p}.
 *
 * <p>p ({@code power}) acts as an inverse temperature. Deviation from the paper, documented: a
 * fractional power of a negative number is undefined, so negative pre-activations are first set to
 * 0 ({@code u+ = max(u, 0)}); a sample whose pre-activations are all {@code <= 0} rewards no neuron.
 * The row is divided by its maximum before the power so that large p cannot overflow
 * (the ratio is unchanged).
 *
 * <p>G. Lagani, F. Falchi, C. Gennaro, G. Amato, "Training Convolutional Neural Networks with
 * Competitive Hebbian Learning Approaches", LOD 2021, eq. (6) (p = 1/0.05 = 20 in their experiments).
 *
 * @param power p &gt; 0
 */
public record PowerSoftWta(@JsonProperty("power") double power) implements Competition {

    @JsonCreator
    public PowerSoftWta {
        if (!(power > 0) || Double.isInfinite(power)) {
            throw new IllegalArgumentException("PowerSoftWta: power (p) must be > 0 and finite, got " + power);
        }
    }

    @Override
    public INDArray compete(INDArray u) {
        INDArray positive = Transforms.relu(u, true);
        INDArray rowMax = positive.max(true, 1);
        // Rows with no positive entry: divide by 1 instead of 0 (they stay all-zero).
        rowMax.addi(rowMax.eq(0).castTo(rowMax.dataType()));
        INDArray powered = Transforms.pow(positive.diviColumnVector(rowMax), power, false);
        INDArray rowSum = powered.sum(true, 1);
        rowSum.addi(rowSum.eq(0).castTo(rowSum.dataType()));
        return powered.diviColumnVector(rowSum);
    }

    @Override
    public String name() {
        return "power";
    }
}
