package org.hebbian4j.homeostasis;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonTypeInfo;

import java.io.Serializable;

/**
 * A homeostatic mechanism: a per-neuron state {@code theta} {@code [1, nOut]} that shifts what the
 * competition sees, {@code u' = u - theta}, and adapts from the activity the competition produced.
 *
 * <p>It acts on learning only: the layer's forward output stays {@code activation(u)} (a mechanism
 * with a {@link #weightScale} changes the weights themselves, hence later outputs). Immutable
 * configuration, serialized in the network JSON by class name; ND4J operations only.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.CLASS, include = JsonTypeInfo.As.PROPERTY, property = "@class")
public interface Homeostasis extends Serializable {

    /** Whether the mechanism is active (and the layer keeps a state array for it). */
    default boolean enabled() {
        return true;
    }

    /** Initial value of every neuron's state. */
    default double initialState() {
        return 0.0;
    }

    /** What the competition sees: {@code u - theta} (row-broadcast), as a new array. */
    default INDArray shift(INDArray u, INDArray theta) {
        return u.subRowVector(theta);
    }

    /**
     * The change of the state after a batch whose competition produced {@code activity}
     * {@code [B, nOut]}, as a new {@code [1, nOut]} array (the layer adds it to theta).
     */
    INDArray stateChange(INDArray activity, INDArray theta);

    /**
     * Per-neuron factors {@code f} {@code [1, nOut]} by which the layer multiplies each neuron's
     * weight vector after every update ({@code w_i <- f_i w_i}, before the layer's constraints such
     * as unit norm), computed from the state after the batch; {@code null} (the default) for none.
     */
    default INDArray weightScale(INDArray theta) {
        return null;
    }

    /**
     * Rescales the neuron-major weights {@code w} {@code [nOut, nIn]} in place after an update, from
     * the state after the batch. Default: {@code w_i <- f_i w_i} with f = {@link #weightScale}, nothing
     * if that is null.
     */
    default void scaleWeights(INDArray weightsNeuronMajor, INDArray theta) {
        INDArray factors = weightScale(theta);
        if (factors != null) {
            weightsNeuronMajor.muliColumnVector(factors.castTo(weightsNeuronMajor.dataType())
                    .reshape(weightsNeuronMajor.rows(), 1));
        }
    }

    /**
     * Whether {@link #weightScale} rescales the weights (then a layer refuses {@code normalizeWeights},
     * whose unit-norm constraint would undo the scaling after every step). Default: false.
     */
    default boolean scalesWeights() {
        return false;
    }

    /** Short name used on the command line and in docs. */
    String name();
}
