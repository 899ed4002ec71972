package org.hebbian4j.layers;

import org.deeplearning4j.nn.gradient.Gradient;
import org.hebbian4j.competition.SparseActivity;
import org.hebbian4j.conf.HebbianLearning;
import org.hebbian4j.conf.LearningSettings;
import org.hebbian4j.rules.LocalSignals;
import org.hebbian4j.rules.RuleState;
import org.hebbian4j.rules.StatefulRule;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The learning step every Hebbian layer takes in DL4J's backward pass, once the layer has laid its
 * signals out as 2-D rows (a convolution: one row per sample and position):
 * <ol>
 *   <li>activity {@code y = competition(s)}, or {@code competition(s - theta)} with homeostasis, s the
 *       layer's similarity (by default u itself);</li>
 *   <li>the rule writes {@code scale * dW} into W's gradient view, {@code scale = -1} (DL4J's
 *       updater subtracts the "gradient") or {@code -lr} in direct mode (NoOp updater), with the
 *       rule's state as it was before this batch;</li>
 *   <li>the state's change is computed from the same signals; a DL4J layer does not let it travel in the
 *       gradient but keeps it in a {@link DeferredStateChange} and sets the state after DL4J's update (its
 *       gradient views stay zero); SameDiff weights get it as an update array.</li>
 * </ol>
 */
public final class LocalLearningStep {

    private LocalLearningStep() {
    }

    /**
     * The step of a DL4J layer: {@link #apply(LearningSettings, INDArray, INDArray, INDArray, INDArray, INDArray,
     * Map, Map, BiConsumer, ActivitySums)} with the layer's settings and parameter views; the state's change
     * goes to {@code stateChange} (set when the layer applies its constraints), and the state parameters'
     * gradient views, zero, into {@code gradient}.
     *
     * @param x              rows of the rule's input, {@code [rows, ruleInputWidth]}
     * @param u              pre-activations, {@code [rows, nOut]}
     * @param bias           the bias b in {@code u = x W^T + b}, {@code [1, nOut]} (zeros if the layer has none)
     * @param weights        neuron-major weights {@code [nOut, ruleInputWidth]} (a view)
     * @param weightGradient neuron-major view of W's gradient, overwritten
     * @param params         the layer's parameter views, including its state
     * @param gradientViews  the layer's gradient views
     * @param gradient       receives the gradients of the state parameters (zero)
     * @param stateChange    receives the state's change, which the layer sets after DL4J's update
     * @param check          called with each update before DL4J applies it (the rule's dW, each
     *                       state change) and what it is; throws to stop training (non-finite values)
     * @param activitySums   receives the column sums of the activity (the layer's statistics), which the
     *                       rule also gets ({@link LocalSignals#activityColumnSums()}): summed once per step
     * @return the competition's activity y {@code [rows, nOut]} (for statistics such as win counts)
     */
    static INDArray apply(HebbianLearning conf, INDArray x, INDArray u, INDArray bias, INDArray weights,
                          INDArray weightGradient, Map<String, INDArray> params, Map<String, INDArray> gradientViews,
                          Gradient gradient, DeferredStateChange stateChange, BiConsumer<INDArray, String> check,
                          ActivitySums activitySums) {
        LearningSettings settings = conf.getLearning();
        INDArray activity = apply(settings, x, u, bias, weights, weightGradient, params, gradientViews, check,
                activitySums);
        List<String> keys = stateKeys(settings);
        stateChange.take(keys, params, gradientViews);
        for (String key : keys) {
            gradient.gradientForVariable().put(key, gradientViews.get(key));
        }
        return activity;
    }

    /**
     * The step itself, shared by the DL4J layers and {@link org.hebbian4j.samediff SameDiff} weights:
     * the competition's activity, the rule's {@code scale * dW} ({@code scale = settings.step().updateScale()})
     * written into {@code weightUpdate}, and minus each state's change written into {@code stateUpdates}.
     *
     * @param settings     rule, similarity, competition, homeostasis and step
     * @param x            rows of the rule's input, {@code [rows, ruleInputWidth]}
     * @param u            pre-activations, {@code [rows, nOut]}
     * @param bias         the bias b in {@code u = x W^T + b}, {@code [1, nOut]} (zeros if there is none)
     * @param weights      neuron-major weights {@code [nOut, ruleInputWidth]} (a view, not modified)
     * @param weightUpdate neuron-major {@code [nOut, ruleInputWidth]}, overwritten with {@code scale * dW}
     * @param state        the state before this batch by key ({@link #THRESHOLD_KEY} with homeostasis, each
     *                     {@link RuleState#name()} of a {@link StatefulRule}), not modified; may hold other keys
     * @param stateUpdates an array of each state's shape by the same keys, overwritten with minus its change
     * @param check        called with each update and what it is; throws to stop training
     * @param activitySums receives the column sums of the activity
     * @return the competition's activity y {@code [rows, nOut]}
     */
    public static INDArray apply(LearningSettings settings, INDArray x, INDArray u, INDArray bias, INDArray weights,
                                 INDArray weightUpdate, Map<String, INDArray> state, Map<String, INDArray> stateUpdates,
                                 BiConsumer<INDArray, String> check, ActivitySums activitySums) {
        INDArray theta = hasThreshold(settings) ? state.get(StateParams.THRESHOLD_KEY) : null;
        INDArray similarity = settings.similarity().similarity(u, x, bias, weights);
        INDArray competing = theta == null ? similarity : settings.homeostasis().shift(similarity, theta);
        // Winner-take-all competitions also list their winners, so that a rule can skip the zeros.
        SparseActivity sparse = settings.competition().competeSparse(competing);
        INDArray activity = sparse != null ? sparse.dense() : settings.competition().compete(competing);
        double scale = settings.step().updateScale();
        activitySums.record(activity);
        LocalSignals signals = LocalSignals.of(x, u, activity, weights).withSparseActivity(sparse).withBias(bias)
                .withActivitySums(activitySums.get());
        StatefulRule stateful = settings.rule() instanceof StatefulRule r ? r : null;
        if (stateful != null) {
            Map<String, INDArray> ruleState = new LinkedHashMap<>();
            for (RuleState s : stateful.stateVariables()) {
                ruleState.put(s.name(), state.get(s.name()));
            }
            signals = signals.withState(ruleState);
        }
        settings.rule().update(signals, weightUpdate, scale);
        check.accept(weightUpdate, "weight update dW");

        if (theta != null) {
            INDArray thetaUpdate = stateUpdates.get(StateParams.THRESHOLD_KEY);
            thetaUpdate.assign(settings.homeostasis().stateChange(activity, theta).negi());
            check.accept(thetaUpdate, "homeostasis state change (theta)");
        }
        if (stateful != null) {
            for (RuleState s : stateful.stateVariables()) {
                INDArray stateUpdate = stateUpdates.get(s.name());
                stateUpdate.assign(stateful.stateChange(signals, s)).negi();
                check.accept(stateUpdate, "change of its state \"" + s.name() + "\"");
            }
        }
        return activity;
    }

    /** The key of the homeostasis state theta. */
    public static final String THRESHOLD_KEY = StateParams.THRESHOLD_KEY;

    /**
     * The keys of the state the settings keep, in the layers' parameter order: {@link #THRESHOLD_KEY}
     * with homeostasis, then each {@link RuleState} of a {@link StatefulRule}.
     */
    public static List<String> stateKeys(LearningSettings settings) {
        List<String> keys = new ArrayList<>();
        if (hasThreshold(settings)) {
            keys.add(StateParams.THRESHOLD_KEY);
        }
        if (settings.rule() instanceof StatefulRule stateful) {
            for (RuleState s : stateful.stateVariables()) {
                keys.add(s.name());
            }
        }
        return keys;
    }

    private static boolean hasThreshold(LearningSettings settings) {
        return settings.homeostasis() != null && settings.homeostasis().enabled();
    }

    /**
     * After DL4J's update and before the constraints: the homeostasis' per-neuron weight scale
     * (e.g. Zhu and Liu's growth factor), if it has one.
     *
     * @param weightsNeuronMajor {@code [nOut, ruleInputWidth]} view of W (row i = neuron i)
     */
    static void scaleWeights(HebbianLearning conf, Map<String, INDArray> params, INDArray weightsNeuronMajor,
                             DataType dataType) {
        scaleWeights(conf.getLearning(), params, weightsNeuronMajor);
    }

    /**
     * {@link #scaleWeights(HebbianLearning, Map, INDArray, DataType)} for weights outside a DL4J layer.
     *
     * @param state              the state after the update, by key (as in {@link #apply(LearningSettings,
     *                           INDArray, INDArray, INDArray, INDArray, INDArray, Map, Map, BiConsumer, ActivitySums)})
     * @param weightsNeuronMajor {@code [nOut, ruleInputWidth]} view of W (row i = neuron i), scaled in place
     */
    public static void scaleWeights(LearningSettings settings, Map<String, INDArray> state, INDArray weightsNeuronMajor) {
        INDArray theta = hasThreshold(settings) ? state.get(StateParams.THRESHOLD_KEY) : null;
        if (theta == null) {
            return;
        }
        settings.homeostasis().scaleWeights(weightsNeuronMajor, theta);
    }
}
