package org.hebbian4j.rules;

import org.hebbian4j.competition.SparseActivity;
import org.hebbian4j.util.ColumnSums;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

/**
 * The local signals of one batch that a learning rule may use. All arrays are 2-D; B is the
 * number of samples (for a convolution: samples x positions), nIn the fan-in, nOut the neurons.
 *
 * @param input          x, {@code [B, nIn]}: presynaptic activity
 * @param preActivation  u = x W^T + b, {@code [B, nOut]}
 * @param activity       y = competition(u), {@code [B, nOut]}: postsynaptic activity seen by the rule
 * @param weights        W, {@code [nOut, nIn]}, neuron-major (row i = weights of neuron i); a view
 *                       of the layer's parameters, never to be modified by a rule
 * @param targets        t, {@code [B, nOut]} for supervised rules, otherwise {@code null}
 * @param state          the state vectors of a {@link StatefulRule} by name, each {@code [1, nOut]} or
 *                       {@code [1, nIn]} (see {@link RuleState}), as they were before this batch;
 *                       views of the layer's parameters, never to be modified by a rule. Empty for
 *                       rules without state.
 * @param sparseActivity the same activity y with its few nonzero entries per row listed, when the
 *                       competition is of the winner-take-all kind
 *                       ({@link org.hebbian4j.competition.Competition#competeSparse}); otherwise
 *                       {@code null}. A rule may use it to touch only the selected rows of W.
 * @param bias           b of {@code u = x W^T + b} as the layer computed u, {@code [1, nOut]} (zeros
 *                       for a layer without bias); {@code null} when not known (signals not built by
 *                       a layer), see {@link #inputProjection()}
 * @param activitySums   the column sums {@code sum_b y_bi} of the activity, {@code [nOut]}, when the layer
 *                       has already computed them (it records them for its statistics every step);
 *                       {@code null} otherwise. Read them through {@link #activityColumnSums()}; never to
 *                       be modified by a rule.
 */
public record LocalSignals(INDArray input, INDArray preActivation, INDArray activity,
                           INDArray weights, INDArray targets, Map<String, INDArray> state,
                           SparseActivity sparseActivity, INDArray bias, INDArray activitySums) {

    public LocalSignals {
        state = state == null ? Map.of() : Map.copyOf(state);
        if (activitySums != null && activity != null && activitySums.length() != activity.size(1)) {
            throw new IllegalArgumentException("LocalSignals: activitySums has " + activitySums.length()
                    + " entries for an activity of " + activity.size(1) + " columns");
        }
    }

    /** Signals without the activity's column sums. */
    public LocalSignals(INDArray input, INDArray preActivation, INDArray activity, INDArray weights,
                        INDArray targets, Map<String, INDArray> state, SparseActivity sparseActivity, INDArray bias) {
        this(input, preActivation, activity, weights, targets, state, sparseActivity, bias, null);
    }

    /** Signals without sparse activity or bias. */
    public LocalSignals(INDArray input, INDArray preActivation, INDArray activity, INDArray weights,
                        INDArray targets, Map<String, INDArray> state) {
        this(input, preActivation, activity, weights, targets, state, null, null, null);
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
        return new LocalSignals(input, preActivation, activity, weights, targets, state, sparseActivity, bias,
                activitySums);
    }

    /** The same signals with the activity's sparse form (its {@code dense()} must be {@link #activity()}). */
    public LocalSignals withSparseActivity(SparseActivity sparseActivity) {
        return new LocalSignals(input, preActivation, activity, weights, targets, state, sparseActivity, bias,
                activitySums);
    }

    /** The same signals with the layer's bias, so that {@link #inputProjection()} is known. */
    public LocalSignals withBias(INDArray bias) {
        return new LocalSignals(input, preActivation, activity, weights, targets, state, sparseActivity, bias,
                activitySums);
    }

    /**
     * The same signals with the activity's column sums already computed ({@code [nOut]}, equal to
     * {@code activity.sum(0)}), which {@link #activityColumnSums()} then returns instead of summing again.
     */
    public LocalSignals withActivitySums(INDArray activitySums) {
        return new LocalSignals(input, preActivation, activity, weights, targets, state, sparseActivity, bias,
                activitySums);
    }

    /**
     * {@code sum_b y_bi}, {@code [nOut]}: the sums the layer handed over ({@link #withActivitySums}), or
     * computed here ({@link ColumnSums}) when there are none. For a convolution's tall activity
     * ({@code [50176, 96]} for a 3 -&gt; 96 5x5 layer at batch 64) the shared sums save a pass over it
     * per step; see docs/benchmarks.md, 'Measured design choices'. Not to be modified.
     */
    public INDArray activityColumnSums() {
        return activitySums != null ? activitySums : ColumnSums.of(activity);
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

    /**
     * {@code x W^T = u - b}, {@code [B, nOut]}, from the layer's pre-activation when the signals carry
     * its bias (u itself when the bias is zero, as it is unless set); {@code null} when they do not, in
     * which case a rule that needs it computes it from x and W.
     */
    public INDArray inputProjection() {
        if (bias == null) {
            return null;
        }
        if (bias.amaxNumber().doubleValue() == 0) {
            return preActivation;
        }
        return preActivation.subRowVector(bias.reshape(1, bias.length()).castTo(preActivation.dataType()));
    }

    /** Batch size B (number of rows of x). */
    public long batchSize() {
        return input.rows();
    }
}
