package org.hebbian4j.rules;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;

/**
 * A learning rule that keeps per-neuron (or per-input) state between batches, such as a running
 * average of each neuron's activity ({@link HebbNetRule}, {@link LiusonRule}).
 *
 * <p>The rule declares its state vectors ({@link #stateVariables()}); the layer keeps each as a
 * non-trainable parameter (so ModelSerializer saves it), hands the values before the batch to
 * {@link #update} through {@link LocalSignals#state(String)}, and after the batch adds
 * {@link #stateChange} to them. Both {@code update} and {@code stateChange} see the same signals,
 * so the update of batch t uses the state as of batch t-1 ("previous values", as the papers say).
 *
 * <p>The state is not a hyperparameter: the rule object itself stays immutable configuration.
 */
public interface StatefulRule extends LearningRule {

    /** The state vectors this rule keeps, in a fixed order; names unique. */
    List<RuleState> stateVariables();

    /**
     * What this batch says the state should be, e.g. the batch mean of the activity
     * {@code [1, nOut]}; a new array of the state's length.
     */
    INDArray batchValue(LocalSignals signals, RuleState state);

    /**
     * The change the layer adds to {@code state} after the batch, as a new {@code [1, length]} array.
     * Default: the step of an exponential moving average,
     * {@code (1 - m) (batchValue - s)}, so that {@code s <- m s + (1 - m) batchValue}.
     */
    default INDArray stateChange(LocalSignals signals, RuleState state) {
        INDArray current = signals.state(state.name());
        INDArray target = batchValue(signals, state).reshape(current.shape()).castTo(current.dataType());
        return target.sub(current).muli(1.0 - state.momentum());
    }
}
