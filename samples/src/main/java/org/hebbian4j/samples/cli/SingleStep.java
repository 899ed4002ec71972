package org.hebbian4j.samples.cli;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.hebbian4j.competition.Competition;
import org.hebbian4j.conf.HebbianDenseLayer;
import org.hebbian4j.homeostasis.Homeostasis;
import org.hebbian4j.layers.HebbianParamInitializer;
import org.hebbian4j.rules.LearningRule;
import org.hebbian4j.rules.LocalSignals;
import org.hebbian4j.rules.RuleState;
import org.hebbian4j.rules.StatefulRule;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One learning step of a {@link HebbianDenseLayer} on given arrays, computed by the layer itself:
 * a one-layer network is built with the given rule, competition and homeostasis, its parameters
 * are set to W, b and the state, and the layer's own backward pass produces what DL4J's updater
 * would receive. With {@code Sgd(lr)} the updater subtracts {@code lr} times that "gradient", so
 * {@code dW = -gradient(W)} (transposed to neuron-major) is exactly what one fit step adds to W
 * divided by lr, and {@code state - gradient(state)} is the state after the step (NoOp updater).
 *
 * <p>Not included: what the layer does to W after the updater's step (the unit-norm constraint of
 * {@code normalizeWeights}, the growth factor of {@link org.hebbian4j.homeostasis.GrowthFactor}).
 *
 * <p>A supervised rule ({@link LearningRule#requiresTargets()}) has no place in a hidden
 * HebbianDenseLayer; for it the same signals are built here (u = x W^T + b, y = competition of
 * u - theta, the state before the step) with the targets added, and the rule is called directly.
 */
public final class SingleStep {

    /** Name of the homeostasis state, as in the layer. */
    static final String THETA = HebbianParamInitializer.THRESHOLD_KEY;

    private SingleStep() {
    }

    /**
     * A state vector the step needs.
     *
     * @param name         parameter name: a rule state's name or "theta"
     * @param length       nOut or nIn
     * @param axis         "nOut" or "nIn", for messages
     * @param initialValue the value every entry starts with in a new layer
     */
    record StateSpec(String name, long length, String axis, double initialValue) {
    }

    /**
     * The arrays of one step, all of one data type.
     *
     * @param x       {@code [B, nIn]}
     * @param w       {@code [nOut, nIn]}, neuron-major
     * @param b       {@code [nOut]} (any shape of that length)
     * @param targets {@code [B, nOut]} or null
     * @param state   each {@link StateSpec}'s values by name (any shape of its length)
     */
    record Inputs(INDArray x, INDArray w, INDArray b, INDArray targets, Map<String, INDArray> state) {
    }

    /**
     * @param dW    {@code [nOut, nIn]}, C order
     * @param state each state after the step, by name, 1-D
     */
    record Result(INDArray dW, Map<String, INDArray> state) {
    }

    /** The state vectors of this rule and homeostasis in a layer of nIn inputs and nOut neurons, in parameter order. */
    static List<StateSpec> states(LearningRule rule, Homeostasis homeostasis, long nIn, long nOut) {
        List<StateSpec> specs = new ArrayList<>();
        if (homeostasis.enabled()) {
            specs.add(new StateSpec(THETA, nOut, "nOut", homeostasis.initialState()));
        }
        if (rule instanceof StatefulRule stateful) {
            for (RuleState s : stateful.stateVariables()) {
                specs.add(new StateSpec(s.name(), s.length(nIn, nOut),
                        s.axis() == RuleState.Axis.OUTPUTS ? "nOut" : "nIn", s.initialValue()));
            }
        }
        return specs;
    }

    static Result run(LearningRule rule, Competition competition, Homeostasis homeostasis, Inputs in) {
        return rule.requiresTargets() ? direct(rule, competition, homeostasis, in)
                : throughLayer(rule, competition, homeostasis, in);
    }

    /** The step computed by a HebbianDenseLayer's own backward pass. */
    static Result throughLayer(LearningRule rule, Competition competition, Homeostasis homeostasis, Inputs in) {
        DataType dataType = in.w().dataType();
        long nOut = in.w().rows();
        long nIn = in.w().columns();
        HebbianDenseLayer conf = new HebbianDenseLayer.Builder().nIn(nIn).nOut(nOut).rule(rule)
                .competition(competition).homeostasis(homeostasis)
                .normalizeWeights(rule.requiresNormalizedWeights()).activation(Activation.IDENTITY).build();
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().dataType(dataType)
                .updater(new Sgd(1.0)).list().layer(conf).build());
        net.init();
        net.initGradientsView();
        Layer layer = net.getLayer(0);
        layer.setParam(HebbianParamInitializer.WEIGHT_KEY, in.w().transpose());
        layer.setParam(HebbianParamInitializer.BIAS_KEY, in.b().reshape(nOut));
        List<StateSpec> specs = states(rule, homeostasis, nIn, nOut);
        for (StateSpec spec : specs) {
            layer.setParam(spec.name(), in.state().get(spec.name()).reshape(1, spec.length()));
        }
        LayerWorkspaceMgr workspaces = LayerWorkspaceMgr.noWorkspaces();
        layer.setInput(in.x(), workspaces);
        Gradient gradient = layer.backpropGradient(null, workspaces).getFirst();

        // 0 - g rather than -g: an entry the rule leaves at 0 stays +0 in the file.
        INDArray gradW = gradient.getGradientFor(HebbianParamInitializer.WEIGHT_KEY);
        INDArray dW = Nd4j.zeros(dataType, nOut, nIn).subi(gradW.transpose());
        // The layer sets the state the step computed after DL4J's update, when DL4J applies its constraints
        // (the state does not travel in the gradient); W is not read again, dW is.
        layer.applyConstraints(0, 0);
        Map<String, INDArray> after = new LinkedHashMap<>();
        for (StateSpec spec : specs) {
            after.put(spec.name(), layer.getParam(spec.name()).dup().reshape(spec.length()));
        }
        return new Result(dW, after);
    }

    /**
     * The step without a layer: the layer's signals built here, the rule called directly. Used for
     * supervised rules, which a hidden layer cannot hold; tests check it against the layer's step.
     */
    static Result direct(LearningRule rule, Competition competition, Homeostasis homeostasis, Inputs in) {
        DataType dataType = in.w().dataType();
        long nOut = in.w().rows();
        long nIn = in.w().columns();
        INDArray u = in.x().mmul(in.w().transpose()).addiRowVector(in.b().reshape(1, nOut));
        INDArray theta = homeostasis.enabled() ? in.state().get(THETA).reshape(1, nOut) : null;
        INDArray y = competition.compete(theta == null ? u : homeostasis.shift(u, theta));
        Map<String, INDArray> ruleState = new LinkedHashMap<>();
        List<StateSpec> specs = states(rule, homeostasis, nIn, nOut);
        for (StateSpec spec : specs) {
            if (!spec.name().equals(THETA)) {
                ruleState.put(spec.name(), in.state().get(spec.name()).reshape(1, spec.length()));
            }
        }
        LocalSignals signals = new LocalSignals(in.x(), u, y, in.w(), in.targets(), ruleState);
        INDArray dW = Nd4j.createUninitialized(dataType, new long[]{nOut, nIn}, 'c');
        rule.update(signals, dW, 1.0);
        Map<String, INDArray> after = new LinkedHashMap<>();
        for (StateSpec spec : specs) {
            INDArray before = in.state().get(spec.name()).reshape(1, spec.length());
            INDArray change = spec.name().equals(THETA) ? homeostasis.stateChange(y, theta)
                    : ((StatefulRule) rule).stateChange(signals, stateVariable((StatefulRule) rule, spec.name()));
            after.put(spec.name(), before.add(change.reshape(1, spec.length())).reshape(spec.length()));
        }
        return new Result(dW, after);
    }

    private static RuleState stateVariable(StatefulRule rule, String name) {
        return rule.stateVariables().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }
}
