package org.hebbian4j.activations;

import lombok.EqualsAndHashCode;
import lombok.Getter;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.BaseActivationFunction;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Step (hard threshold) activation: {@code a = high} where {@code u >= 0}, {@code a = low} where
 * {@code u < 0}. The default {@code (0, 1)} is the Heaviside step; {@code (-1, 1)} the sign function.
 *
 * <p>Its derivative is 0 wherever it is defined, so {@link #backprop} returns a zero gradient:
 * gradient descent through this activation never moves the weights. Hebbian descent, which drops
 * the activation's derivative, learns with it (J. Melchior, L. Wiskott, "The Hebbian Descent
 * Learning Rule": the "approximate step" row of their table of losses).
 */
@EqualsAndHashCode(callSuper = false)
@Getter
public class StepActivation extends BaseActivationFunction {

    private final double low;
    private final double high;

    /** The Heaviside step: 0 below the threshold, 1 at and above it. */
    public StepActivation() {
        this(0.0, 1.0);
    }

    /**
     * @param low  the output where {@code u < 0}
     * @param high the output where {@code u >= 0}; must differ from {@code low}
     */
    @JsonCreator
    public StepActivation(@JsonProperty("low") double low, @JsonProperty("high") double high) {
        if (!Double.isFinite(low) || !Double.isFinite(high) || low == high) {
            throw new IllegalArgumentException("StepActivation: low and high must be finite and differ, got low="
                    + low + ", high=" + high);
        }
        this.low = low;
        this.high = high;
    }

    @Override
    public INDArray getActivation(INDArray in, boolean training) {
        INDArray above = in.gte(0.0).castTo(in.dataType());
        return in.assign(above.muli(high - low).addi(low));
    }

    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        assertShape(in, epsilon);
        return new Pair<>(in.assign(0.0), null);
    }

    @Override
    public String toString() {
        return "step(" + low + ", " + high + ")";
    }
}
