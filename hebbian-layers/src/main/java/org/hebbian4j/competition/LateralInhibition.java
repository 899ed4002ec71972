package org.hebbian4j.competition;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Lateral inhibition with power lambda: {@code h_i = h~_i^lambda / max_k h~_k^lambda}, per sample.
 *
 * <p>h~ = u (the pre-activation), h = y; lambda = {@code power} sets the inhibition's strength:
 * at 1 the activities are only rescaled (the largest becomes 1), as lambda grows every neuron but
 * the most active one goes to 0 (WTA in the limit). Unlike {@link PowerSoftWta}, the row is divided
 * by its maximum, not its sum: the winner's activity is always 1.
 *
 * <p>Negative pre-activations, a choice documented here: a non-integer power of a negative number is
 * undefined and an even power would turn the most negative neuron into the strongest, so the
 * pre-activations are rectified first, {@code h~+ = max(h~, 0)}, and
 * {@code h = (h~+ / max_k h~+_k)^lambda}, which equals the paper's formula for non-negative h~
 * (computed as a power of the ratio so that large lambda cannot overflow). A sample whose
 * pre-activations are all {@code <= 0} gets h = 0 (no neuron is activated). Ties for the maximum
 * all get 1.
 *
 * <p>Z. Zhu, S. Liu, "Feature Selectors that Fire Together Wire Together: A Hebbian Based Approach
 * to Backprop-Less Learning in Artificial Neural Networks", eq. (4) (lambda from 1 to 15 in their
 * experiments).
 *
 * @param power lambda &gt;= 1, finite
 */
public record LateralInhibition(@JsonProperty("power") double power) implements Competition {

    @JsonCreator
    public LateralInhibition {
        if (!(power >= 1) || Double.isInfinite(power)) {
            throw new IllegalArgumentException("LateralInhibition: power (lambda) must be >= 1 and finite, got " + power);
        }
    }

    @Override
    public INDArray compete(INDArray u) {
        INDArray positive = Transforms.relu(u, true);
        INDArray rowMax = positive.max(true, 1);
        // Rows with no positive entry: divide by 1 instead of 0 (they stay all-zero).
        rowMax.addi(rowMax.eq(0).castTo(rowMax.dataType()));
        return Transforms.pow(positive.diviColumnVector(rowMax), power, false);
    }

    @Override
    public String name() {
        return "lateral";
    }
}
