package org.hebbian4j.layers;

import org.deeplearning4j.nn.gradient.Gradient;
import org.hebbian4j.competition.SparseActivity;
import org.hebbian4j.conf.HebbianLearning;
import org.hebbian4j.rules.LocalSignals;
import org.hebbian4j.rules.RuleState;
import org.hebbian4j.rules.StatefulRule;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.LinkedHashMap;
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
 *   <li>the state parameters' gradient views receive minus their change (NoOp updater: DL4J adds it).</li>
 * </ol>
 */
final class LocalLearningStep {

    private LocalLearningStep() {
    }

    /**
     * @param x              rows of the rule's input, {@code [rows, ruleInputWidth]}
     * @param u              pre-activations, {@code [rows, nOut]}
     * @param bias           the bias b in {@code u = x W^T + b}, {@code [1, nOut]} (zeros if the layer has none)
     * @param weights        neuron-major weights {@code [nOut, ruleInputWidth]} (a view)
     * @param weightGradient neuron-major view of W's gradient, overwritten
     * @param params         the layer's parameter views, including its state
     * @param gradientViews  the layer's gradient views
     * @param gradient       receives the gradients of the state parameters
     * @param check          called with each update before DL4J applies it (the rule's dW, each
     *                       state change) and what it is; throws to stop training (non-finite values)
     * @param activitySums   receives the column sums of the activity (the layer's statistics), which the
     *                       rule also gets ({@link LocalSignals#activityColumnSums()}): summed once per step
     * @return the competition's activity y {@code [rows, nOut]} (for statistics such as win counts)
     */
    static INDArray apply(HebbianLearning conf, INDArray x, INDArray u, INDArray bias, INDArray weights,
                          INDArray weightGradient, Map<String, INDArray> params, Map<String, INDArray> gradientViews,
                          Gradient gradient, BiConsumer<INDArray, String> check, ActivitySums activitySums) {
        INDArray theta = params.get(StateParams.THRESHOLD_KEY);
        INDArray similarity = conf.getSimilarity().similarity(u, x, bias, weights);
        INDArray competing = theta == null ? similarity : conf.getHomeostasis().shift(similarity, theta);
        // Winner-take-all competitions also list their winners, so that a rule can skip the zeros.
        SparseActivity sparse = conf.getCompetition().competeSparse(competing);
        INDArray activity = sparse != null ? sparse.dense() : conf.getCompetition().compete(competing);
        double scale = conf.getStep().updateScale();
        activitySums.record(activity);
        LocalSignals signals = LocalSignals.of(x, u, activity, weights).withSparseActivity(sparse).withBias(bias)
                .withActivitySums(activitySums.get());
        StatefulRule stateful = conf.getRule() instanceof StatefulRule r ? r : null;
        if (stateful != null) {
            Map<String, INDArray> state = new LinkedHashMap<>();
            for (RuleState s : stateful.stateVariables()) {
                state.put(s.name(), params.get(s.name()));
            }
            signals = signals.withState(state);
        }
        conf.getRule().update(signals, weightGradient, scale);
        check.accept(weightGradient, "weight update dW");

        if (theta != null) {
            INDArray thetaGrad = gradientViews.get(StateParams.THRESHOLD_KEY);
            thetaGrad.assign(conf.getHomeostasis().stateChange(activity, theta).negi());
            check.accept(thetaGrad, "homeostasis state change (theta)");
            gradient.gradientForVariable().put(StateParams.THRESHOLD_KEY, thetaGrad);
        }
        if (stateful != null) {
            for (RuleState s : stateful.stateVariables()) {
                INDArray stateGrad = gradientViews.get(s.name());
                stateGrad.assign(stateful.stateChange(signals, s)).negi();
                check.accept(stateGrad, "change of its state \"" + s.name() + "\"");
                gradient.gradientForVariable().put(s.name(), stateGrad);
            }
        }
        return activity;
    }

    /**
     * After DL4J's update and before the constraints: the homeostasis' per-neuron weight scale
     * (e.g. Zhu and Liu's growth factor), if it has one.
     *
     * @param weightsNeuronMajor {@code [nOut, ruleInputWidth]} view of W (row i = neuron i)
     */
    static void scaleWeights(HebbianLearning conf, Map<String, INDArray> params, INDArray weightsNeuronMajor,
                             DataType dataType) {
        INDArray theta = params.get(StateParams.THRESHOLD_KEY);
        if (theta == null) {
            return;
        }
        conf.getHomeostasis().scaleWeights(weightsNeuronMajor, theta);
    }
}
