package org.hebbian4j.layers;

import org.hebbian4j.conf.HebbianLearning;
import org.hebbian4j.rules.RuleState;
import org.hebbian4j.rules.StatefulRule;
import org.nd4j.linalg.api.ndarray.INDArray;

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

    /** The state parameters as row segments {@code [1, length]}, in their order after W and b. */
    static List<FlatParamInitializer.Segment> segments(HebbianLearning l) {
        List<FlatParamInitializer.Segment> segments = new ArrayList<>();
        if (hasThreshold(l)) {
            segments.add(FlatParamInitializer.Segment.row(THRESHOLD_KEY, l.getNOut()));
        }
        for (RuleState state : ruleStates(l)) {
            segments.add(FlatParamInitializer.Segment.row(state.name(), state.length(l.ruleInputWidth(), l.getNOut())));
        }
        return segments;
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
