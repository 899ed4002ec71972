package org.hebbian4j.rules;

/**
 * Declaration of one state vector a {@link StatefulRule} keeps between batches, e.g. HebbNet's
 * running average T of each neuron's activity.
 *
 * <p>A layer keeps each declared state as an extra parameter array named {@link #name()}, of shape
 * {@code [1, nOut]} ({@link Axis#OUTPUTS}) or {@code [1, nIn]} ({@link Axis#INPUTS}), filled with
 * {@link #initialValue()} when the network is initialized, never trained by the network's updater
 * (NoOp updater, no regularization) and saved and restored with the model. Before a batch the rule
 * reads the state through {@link LocalSignals#state(String)}; after it the layer adds
 * {@link StatefulRule#stateChange} to it. By default that change is an exponential moving average
 * with {@link #momentum()} m: {@code s <- m s + (1 - m) batchValue}.
 *
 * @param name         the parameter key, unique within the layer; not "W", "b" or "theta"
 * @param axis         whether the vector has one entry per neuron (nOut) or per input (nIn)
 * @param initialValue every entry's value at initialization
 * @param momentum     m of the moving average, {@code 0 <= m < 1}: the weight of the old value
 *                     (0: the state is the last batch's value)
 */
public record RuleState(String name, Axis axis, double initialValue, double momentum) {

    /** Which dimension of the layer a state vector runs along. */
    public enum Axis {
        /** One entry per neuron: {@code [1, nOut]}. */
        OUTPUTS,
        /** One entry per input: {@code [1, nIn]}. */
        INPUTS
    }

    public RuleState {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("RuleState: name must not be empty");
        }
        if (axis == null) {
            throw new IllegalArgumentException("RuleState \"" + name + "\": axis must not be null");
        }
        if (!Double.isFinite(initialValue)) {
            throw new IllegalArgumentException("RuleState \"" + name + "\": initialValue must be finite, got "
                    + initialValue);
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("RuleState \"" + name + "\": momentum must be in [0, 1), got "
                    + momentum);
        }
    }

    /** The vector's length in a layer of {@code nIn} inputs and {@code nOut} neurons. */
    public long length(long nIn, long nOut) {
        return axis == Axis.OUTPUTS ? nOut : nIn;
    }
}
