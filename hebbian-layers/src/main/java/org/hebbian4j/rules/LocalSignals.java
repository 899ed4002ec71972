package org.hebbian4j.rules;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

/**
 * The local signals of one batch that a learning rule may use. All arrays are 2-D; B is the
 * number of samples (for a convolution: samples x positions), nIn the fan-in, nOut the neurons.
 *
 * @param input         x, {@code [B, nIn]}: presynaptic activity
 * @param preActivation u = x W^T + b, {@code [B, nOut]}
 * @param activity      y = competition(u), {@code [B, nOut]}: postsynaptic activity seen by the rule
 * @param weights       W, {@code [nOut, nIn]}, neuron-major (row i = weights of neuron i); a view
 *                      of the layer's parameters, never to be modified by a rule
 * @param targets       t, {@code [B, nOut]} for supervised rules, otherwise {@code null}
 * @param state         the state vectors of a {@link StatefulRule} by name, each {@code [1, nOut]} or
 *                      {@code [1, nIn]} (see {@link RuleState}), as they were before this batch;
 *                      views of the layer's parameters, never to be modified by a rule. Empty for
 *                      rules without state.
 */
public record LocalSignals(INDArray input, INDArray preActivation, INDArray activity,
                           INDArray weights, INDArray targets, Map<String, INDArray> state) {

    public LocalSignals {
        state = state == null ? Map.of() : Map.copyOf(state);
    }

    /** Signals without rule state. */
    public LocalSignals(INDArray input, INDArray preActivation, INDArray activity, INDArray weights,
                        INDArray targets) {
        this(input, preActivation, activity, weights, targets, Map.of());
    }

    /** Signals of an unsupervised step. */
    public static LocalSignals of(INDArray input, INDArray preActivation, INDArray activity, INDArray weights) {
        return new LocalSignals(input, preActivation, activity, weights, null);
    }

    /** The same signals with the given rule state. */
    public LocalSignals withState(Map<String, INDArray> state) {
        return new LocalSignals(input, preActivation, activity, weights, targets, state);
    }

    /**
     * The state vector {@code name}.
     *
     * @throws IllegalStateException if the signals carry no such state
     */
    public INDArray state(String name) {
        INDArray value = state.get(name);
        if (value == null) {
            throw new IllegalStateException("LocalSignals: no rule state \"" + name + "\" (present: "
                    + state.keySet() + "); a stateful rule runs in a layer that keeps its state, or is"
                    + " handed it by LocalSignals.withState");
        }
        return value;
    }

    /** Batch size B (number of rows of x). */
    public long batchSize() {
        return input.rows();
    }
}
