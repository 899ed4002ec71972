package org.hebbian4j.samediff;

import org.deeplearning4j.nn.conf.constraint.UnitNormConstraint;
import org.hebbian4j.conf.LearningSettings;
import org.hebbian4j.conf.LearningStep;
import org.hebbian4j.layers.ActivitySums;
import org.hebbian4j.layers.FiniteGuard;
import org.hebbian4j.layers.LocalLearningStep;
import org.hebbian4j.layers.NonFiniteUpdateException;
import org.hebbian4j.rules.RuleState;
import org.hebbian4j.rules.StatefulRule;
import org.nd4j.autodiff.listeners.At;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Sgd;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@link HebbianWeight} checked against its graph: its learning settings, the SameDiff variables that
 * hold its state, and the signals of the current training iteration. The step itself is
 * {@link LocalLearningStep#apply}, the same code as in the DL4J layers.
 */
final class MarkedWeight {

    private final HebbianWeight spec;
    private final LearningSettings settings;
    private final long nIn;
    private final long nOut;
    /** State key (theta, each rule state) -> SameDiff variable name. */
    private final Map<String, String> stateVariables = new LinkedHashMap<>();
    private final Map<String, INDArray> stateUpdates = new LinkedHashMap<>();
    private final ActivitySums activitySums = new ActivitySums();
    private INDArray zeroBias;
    private INDArray input;
    private INDArray preActivation;
    private boolean stepped;

    private MarkedWeight(HebbianWeight spec, LearningSettings settings, long nIn, long nOut) {
        this.spec = spec;
        this.settings = settings;
        this.nIn = nIn;
        this.nOut = nOut;
    }

    /**
     * Checks {@code spec} against {@code sd} and creates its state variables (or, in a loaded graph, finds them).
     *
     * @throws IllegalArgumentException naming the weight and what does not fit
     */
    static MarkedWeight of(SameDiff sd, HebbianWeight spec) {
        String where = spec.describe();
        SDVariable w = existing(sd, spec.weight(), "weight", where);
        if (w.getVariableType() != VariableType.VARIABLE) {
            throw new IllegalArgumentException(where + ": \"" + spec.weight() + "\" is a " + w.getVariableType()
                    + "; a Hebbian weight must be a trainable VARIABLE");
        }
        INDArray wArr = w.getArr();
        ConvolutionGeometry g = spec.geometry();
        int rank = g == null ? 2 : 4;
        if (wArr == null || wArr.rank() != rank || (g != null && (wArr.size(0) != g.kernelHeight()
                || wArr.size(1) != g.kernelWidth()))) {
            throw new IllegalArgumentException(where + ": a " + (g == null ? "dense Hebbian weight is [nIn, nOut]"
                    : "Hebbian conv2d weight is [kH, kW, nIn, nOut] with kernel " + g.kernelHeight() + "x" + g.kernelWidth())
                    + ", got shape " + (wArr == null ? "none" : Arrays.toString(wArr.shape())));
        }
        long channels = g == null ? wArr.size(0) : wArr.size(2);
        long nIn = g == null ? channels : channels * g.kernelHeight() * g.kernelWidth();
        long nOut = g == null ? wArr.size(1) : wArr.size(3);
        SDVariable x = existing(sd, spec.input(), "input", where);
        boolean cut = x.getVariableType() == VariableType.PLACEHOLDER || x.getVariableType() == VariableType.CONSTANT
                || StopGradients.isStopGradient(x);
        if (!cut) {
            throw new IllegalArgumentException(where + ": its input \"" + spec.input() + "\" is a " + x.getVariableType()
                    + " that would pass the gradient to the variables below; no error crosses a Hebbian weight:"
                    + " compute the pre-activation from StopGradients.of(name, " + spec.input() + ") and name that as input");
        }
        long[] xShape = knownShape(sd, x);
        if (xShape != null && (xShape.length != rank || xShape[1] != channels)) {
            throw new IllegalArgumentException(where + ": weight of shape " + Arrays.toString(wArr.shape())
                    + " does not match its input \"" + spec.input() + "\" of shape " + Arrays.toString(xShape)
                    + (g == null ? " (expected input [batch, " + nIn + "] for W [nIn, nOut] = [" + nIn + ", " + nOut + "])"
                    : " (expected NCHW input with " + channels + " channels for W [kH, kW, nIn, nOut])"));
        }
        SDVariable u = existing(sd, spec.preActivation(), "pre-activation", where);
        List<String> opInputs = u.getVariableType() == VariableType.ARRAY
                ? Arrays.stream(sd.getVariableOutputOp(u.name()).args()).map(SDVariable::name).toList() : List.of();
        if (!opInputs.contains(spec.weight()) || !opInputs.contains(spec.input())) {
            throw new IllegalArgumentException(where + ": its pre-activation \"" + spec.preActivation()
                    + "\" must be the output of the op that multiplies input \"" + spec.input() + "\" by weight \""
                    + spec.weight() + "\" (e.g. input.mmul(weight)); that op reads " + opInputs);
        }
        MarkedWeight marked = new MarkedWeight(spec, spec.settings(nOut), nIn, nOut);
        marked.createState(sd, wArr);
        return marked;
    }

    private static SDVariable existing(SameDiff sd, String name, String what, String where) {
        if (!sd.hasVariable(name)) {
            throw new IllegalArgumentException(where + ": its " + what + " \"" + name + "\" is not a variable of the graph");
        }
        return sd.getVariable(name);
    }

    /** x's static shape: a placeholder's or array's, through stopGradient to what it stops; null when unknown. */
    private static long[] knownShape(SameDiff sd, SDVariable x) {
        if (x.getVariableType() == VariableType.PLACEHOLDER) {
            return x.placeholderShape();
        }
        if (x.getArr() != null && x.getVariableType() != VariableType.ARRAY) {
            return x.getArr().shape();
        }
        if (StopGradients.isStopGradient(x)) {
            return knownShape(sd, sd.getVariableOutputOp(x.name()).arg(0));
        }
        return null;
    }

    private void createState(SameDiff sd, INDArray wArr) {
        for (String key : LocalLearningStep.stateKeys(settings)) {
            String name = spec.weight() + "_" + key;
            long length = LocalLearningStep.THRESHOLD_KEY.equals(key) ? nOut : ruleState(key).length(nIn, nOut);
            double initial = LocalLearningStep.THRESHOLD_KEY.equals(key) ? settings.homeostasis().initialState()
                    : ruleState(key).initialValue();
            if (sd.hasVariable(name)) {
                INDArray arr = sd.getArrForVarName(name);
                if (arr == null || arr.length() != length) {
                    throw new IllegalArgumentException(spec.describe() + ": the graph's variable \"" + name
                            + "\", which holds its state \"" + key + "\", has shape "
                            + (arr == null ? "none" : Arrays.toString(arr.shape())) + ", expected [1, " + length + "]");
                }
            } else {
                sd.var(name, Nd4j.valueArrayOf(new long[]{1, length}, initial, wArr.dataType()));
            }
            stateVariables.put(key, name);
            stateUpdates.put(key, Nd4j.create(wArr.dataType(), 1, length));
        }
        zeroBias = Nd4j.zeros(wArr.dataType(), 1, nOut);
    }

    private RuleState ruleState(String key) {
        return ((StatefulRule) settings.rule()).stateVariables().stream().filter(s -> s.name().equals(key))
                .findFirst().orElseThrow();
    }

    HebbianWeight spec() {
        return spec;
    }

    /** The names of the SameDiff variables that hold the state, by state key. */
    Map<String, String> stateVariables() {
        return stateVariables;
    }

    /** Forgets the last iteration's signals. */
    void startIteration() {
        input = null;
        preActivation = null;
        stepped = false;
    }

    /** Keeps a copy of this iteration's value of the input or pre-activation {@code name}. */
    void record(String name, INDArray value) {
        if (name.equals(spec.input())) {
            input = value.dup('c');
        }
        if (name.equals(spec.preActivation())) {
            preActivation = value.dup('c');
        }
    }

    /**
     * Overwrites {@code update}, which SameDiff is about to subtract from W (or add, when maximizing), with
     * {@code -lr * dW}, and moves the state by its change.
     */
    void step(SameDiff sd, TrainingConfig config, At at, INDArray update) {
        String where = spec.describe();
        if (input == null || preActivation == null) {
            throw new IllegalStateException(where + ": its " + (input == null ? "input \"" + spec.input()
                    : "pre-activation \"" + spec.preActivation()) + "\" was not computed in this training iteration");
        }
        INDArray w = sd.getArrForVarName(spec.weight());
        INDArray x = input.castTo(w.dataType());
        INDArray u = preActivation.castTo(w.dataType());
        ConvolutionGeometry g = spec.geometry();
        if (g != null) {
            if (x.rank() != 4 || x.size(1) != w.size(2) || u.rank() != 4 || u.size(1) != nOut) {
                throw new IllegalStateException(where + ": input of shape " + Arrays.toString(x.shape())
                        + " and pre-activation of shape " + Arrays.toString(u.shape()) + " do not match W [kH, kW, nIn, nOut] = "
                        + Arrays.toString(w.shape()) + " (expected NCHW arrays)");
            }
            x = ConvolutionRows.patches(x, g);
            u = ConvolutionRows.preActivationRows(u);
        }
        if (x.rank() != 2 || x.size(1) != nIn || u.rank() != 2 || u.size(0) != x.size(0) || u.size(1) != nOut) {
            throw new IllegalStateException(where + ": input of shape " + Arrays.toString(x.shape())
                    + " and pre-activation of shape " + Arrays.toString(u.shape()) + " do not match W [nIn, nOut] = "
                    + Arrays.toString(w.shape()) + " (expected [batch, " + nIn + "] and [batch, " + nOut + "])");
        }
        Map<String, INDArray> state = stateArrays(sd);
        INDArray weights = g == null ? w.transpose() : ConvolutionRows.neuronMajor(w);
        INDArray target = g == null ? update.transpose() : Nd4j.create(w.dataType(), nOut, nIn);
        LocalLearningStep.apply(stepSettings(config, at), x, u, zeroBias, weights, target, state,
                stateUpdates, (array, what) -> checkFinite(array, what, at), activitySums);
        if (g != null) {
            ConvolutionRows.assign(update, target);
        }
        for (Map.Entry<String, INDArray> e : state.entrySet()) {
            e.getValue().subi(stateUpdates.get(e.getKey()));
        }
        if (!config.isMinimize()) {
            update.negi();
        }
        input = null;
        preActivation = null;
        stepped = true;
    }

    /** After SameDiff's update: the homeostasis' weight scale, unit norm, and a finiteness check. */
    void finishIteration(SameDiff sd, At at) {
        if (!stepped) {
            throw new IllegalStateException(spec.describe() + " received no step in iteration " + at.iteration()
                    + ": SameDiff updates only variables with a gradient, so its pre-activation \""
                    + spec.preActivation() + "\" must lead to a loss variable");
        }
        INDArray w = sd.getArrForVarName(spec.weight());
        if (spec.geometry() == null) {
            LocalLearningStep.scaleWeights(settings, stateArrays(sd), w.transpose());
        } else if (settings.homeostasis().scalesWeights()) {
            INDArray neuronMajor = ConvolutionRows.neuronMajor(w);
            LocalLearningStep.scaleWeights(settings, stateArrays(sd), neuronMajor);
            ConvolutionRows.assign(w, neuronMajor);
        }
        if (settings.normalizeWeights()) {
            // Each neuron's weights: a column of [nIn, nOut], a kernel [kH, kW, nIn] of [kH, kW, nIn, nOut].
            (spec.geometry() == null ? new UnitNormConstraint(0) : new UnitNormConstraint(0, 1, 2)).apply(w);
        }
        if (!FiniteGuard.allFinite(w)) {
            throw new NonFiniteUpdateException(spec.describe() + ": became non-finite (NaN or infinity) after the update"
                    + " of iteration " + at.iteration() + ", epoch " + at.epoch() + " (rule " + settings.rule().name()
                    + "); lower the learning rate or scale the inputs down", spec.weight(), settings.rule().name(),
                    at.iteration(), at.epoch());
        }
    }

    /** The step's settings: the weight's direct step, or the Sgd updater's rate at this iteration. */
    private LearningSettings stepSettings(TrainingConfig config, At at) {
        if (settings.step().isDirect()) {
            return settings;
        }
        checkUpdater(config);
        IUpdater updater = config.getUpdater();
        return settings.withStep(LearningStep.direct(updater.getLearningRate(at.iteration(), at.epoch())));
    }

    /**
     * Before an iteration changes anything: a weight that steps at the updater's rate needs an Sgd updater.
     *
     * @throws IllegalStateException naming the weight and the updater
     */
    void checkUpdater(TrainingConfig config) {
        if (!settings.step().isDirect() && !(config.getUpdater() instanceof Sgd)) {
            throw new IllegalStateException(spec.describe() + " takes the step W += lr * dW at the rate of an Sgd updater,"
                    + " but the training configuration's updater is " + config.getUpdater()
                    + "; use Sgd, or give the weight its own rate with directStep(lr)");
        }
    }

    private Map<String, INDArray> stateArrays(SameDiff sd) {
        Map<String, INDArray> state = new LinkedHashMap<>();
        stateVariables.forEach((key, name) -> state.put(key, sd.getArrForVarName(name)));
        return state;
    }

    private void checkFinite(INDArray array, String what, At at) {
        if (!FiniteGuard.allFinite(array)) {
            throw new NonFiniteUpdateException(spec.describe() + ": rule " + settings.rule().name() + " produced a non-finite "
                    + what + " (NaN or infinity) at iteration " + at.iteration() + ", epoch " + at.epoch()
                    + "; training stopped before applying it", spec.weight(), settings.rule().name(), at.iteration(), at.epoch());
        }
    }
}
