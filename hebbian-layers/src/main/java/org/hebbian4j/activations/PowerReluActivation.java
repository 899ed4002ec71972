package org.hebbian4j.activations;

import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;
import lombok.EqualsAndHashCode;
import lombok.Getter;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.BaseActivationFunction;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Rectified power unit (RePU): {@code f(u) = max(0, u)^n}, the activation of the hidden units that Krotov and
 * Hopfield put below their classifier (n = 4.5 for MNIST).
 *
 * <p>Backward: {@code dL/du = eps * n * max(0, u)^(n-1)}.
 *
 * <p>D. Krotov, J. J. Hopfield, "Unsupervised learning by competing hidden units", PNAS 116(16), 2019, eq. 9.
 */
@EqualsAndHashCode(callSuper = false)
@Getter
public class PowerReluActivation extends BaseActivationFunction {

    private double power;

    /** Krotov and Hopfield's MNIST power, n = 4.5. */
    public PowerReluActivation() {
        this(4.5);
    }

    /** @param power n &gt;= 1 */
    @JsonCreator
    public PowerReluActivation(@JsonProperty("power") double power) {
        if (!(power >= 1) || Double.isInfinite(power)) {
            throw new IllegalArgumentException("PowerReluActivation: power must be a finite number >= 1; got " + power);
        }
        this.power = power;
    }

    @Override
    public INDArray getActivation(INDArray in, boolean training) {
        Transforms.relu(in, false);
        return Transforms.pow(in, power, false);
    }

    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        assertShape(in, epsilon);
        INDArray positive = in.gt(0).castTo(in.dataType());   // 0^0 = 1 must not leak into u <= 0 when n = 1
        Transforms.relu(in, false);
        Transforms.pow(in, power - 1, false);
        in.muli(positive).muli(power).muli(epsilon);
        return new Pair<>(in, null);
    }

    @Override
    public String toString() {
        return "repu(" + power + ")";
    }
}
