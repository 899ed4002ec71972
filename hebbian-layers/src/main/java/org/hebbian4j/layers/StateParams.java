package org.hebbian4j.layers;

import org.hebbian4j.conf.HebbianLearning;
import org.hebbian4j.rules.RuleState;
import org.hebbian4j.rules.StatefulRule;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The non-trainable state parameters every Hebbian layer keeps after its weights and bias: the
 * homeostasis state {@code theta} {@code [1, nOut]} (when the layer has homeostasis), then one
 * vector per {@link RuleState} of a {@link StatefulRule}, keyed by the state's name (length nOut, or
 * the rule's input width for {@link RuleState.Axis#INPUTS}).
 */
final class StateParams {

    static final String THRESHOLD_KEY = "theta";

    private StateParams() {
    }

    static List<RuleState> ruleStates(HebbianLearning l) {
        return l.getRule() instanceof StatefulRule stateful ? stateful.stateVariables() : List.of();
    }

    static boolean hasThreshold(HebbianLearning l) {
        return l.getHomeostasis() != null && l.getHomeostasis().enabled();
    }

    /** Number of state values. */
    static long count(HebbianLearning l) {
        long n = hasThreshold(l) ? l.getNOut() : 0;
        for (RuleState state : ruleStates(l)) {
            n += state.length(l.ruleInputWidth(), l.getNOut());
        }
        return n;
    }

    static List<String> keys(HebbianLearning l) {
        List<String> keys = new ArrayList<>();
        if (hasThreshold(l)) {
            keys.add(THRESHOLD_KEY);
        }
        for (RuleState state : ruleStates(l)) {
            keys.add(state.name());
        }
        return keys;
    }

    /** Adds the state views of the row vector {@code row}, starting at {@code offset}, to {@code out}. */
    static void putViews(HebbianLearning l, INDArray row, long offset, Map<String, INDArray> out) {
        long nOut = l.getNOut();
        if (hasThreshold(l)) {
            out.put(THRESHOLD_KEY, row.get(NDArrayIndex.interval(0, 0, true), NDArrayIndex.interval(offset, offset + nOut)));
            offset += nOut;
        }
        for (RuleState state : ruleStates(l)) {
            long length = state.length(l.ruleInputWidth(), nOut);
            if (out.containsKey(state.name())) {
                throw new IllegalStateException(l.describe(-1) + ": rule state \"" + state.name()
                        + "\" clashes with another parameter of the layer");
            }
            out.put(state.name(), row.get(NDArrayIndex.interval(0, 0, true), NDArrayIndex.interval(offset, offset + length)));
            offset += length;
        }
    }

    /** Sets every state to its initial value. */
    static void initialize(HebbianLearning l, Map<String, INDArray> views) {
        if (views.containsKey(THRESHOLD_KEY)) {
            views.get(THRESHOLD_KEY).assign(l.getHomeostasis().initialState());
        }
        for (RuleState state : ruleStates(l)) {
            views.get(state.name()).assign(state.initialValue());
        }
    }
}
