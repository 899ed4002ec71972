package org.hebbian4j.layers;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.hebbian4j.conf.HebbianDenseLayer;
import org.hebbian4j.rules.LocalSignals;
import org.hebbian4j.rules.RuleState;
import org.hebbian4j.rules.StatefulRule;
import org.hebbian4j.util.Gemm;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Implementation of {@link HebbianDenseLayer}: forward {@code activation(x W + b)} by GEMM; in the
 * backward pass, the layer's rule writes {@code -dW} (or {@code -lr dW} in direct mode) into W's
 * gradient view and a zero error goes to the layer below. State (homeostasis theta, the state
 * vectors of a {@link StatefulRule}) lives in non-trainable parameters with a NoOp updater; the
 * layer writes minus each state's change into its gradient view, so that DL4J's update adds it.
 */
public class HebbianDenseLayerImpl extends BaseLayer<HebbianDenseLayer> implements ObservableActivity {

    private final ActivitySums activitySums = new ActivitySums();

    public HebbianDenseLayerImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    /** The rule's update is already a batch mean (or normalized): DL4J must not divide it again. */
    @Override
    public boolean updaterDivideByMinibatch(String paramName) {
        return false;
    }

    @Override
    protected INDArray preOutput(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        applyDropOutIfNecessary(training, workspaceMgr);
        INDArray x = checkedInput();
        INDArray u = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType,
                new long[]{x.rows(), layerConf().getNOut()}, 'f');
        return preActivation(x, u);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        HebbianDenseLayer conf = layerConf();
        INDArray x = checkedInput();
        INDArray u = preActivation(x, workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, dataType,
                new long[]{x.rows(), conf.getNOut()}, 'f'));
        INDArray theta = params.get(HebbianParamInitializer.THRESHOLD_KEY);
        INDArray activity = theta == null ? conf.getCompetition().compete(u)
                : conf.getCompetition().compete(conf.getHomeostasis().shift(u, theta));
        activitySums.record(activity);

        INDArray weightGrad = gradientViews.get(DefaultParamInitializer.WEIGHT_KEY);
        INDArray biasGrad = gradientViews.get(DefaultParamInitializer.BIAS_KEY);
        // DL4J subtracts the "gradient": hand it -dW (default mode) or -lr dW (direct mode, NoOp updater).
        double scale = conf.isDirectStep() ? -conf.getDirectStepLearningRate() : -1.0;
        INDArray weightsNeuronMajor = getParam(DefaultParamInitializer.WEIGHT_KEY).transpose();
        LocalSignals signals = LocalSignals.of(x, u, activity, weightsNeuronMajor);
        StatefulRule statefulRule = conf.getRule() instanceof StatefulRule r ? r : null;
        if (statefulRule != null) {
            signals = signals.withState(ruleStateViews(statefulRule));
        }
        conf.getRule().update(signals, weightGrad.transpose(), scale);
        biasGrad.assign(0);

        Gradient gradient = new DefaultGradient();
        gradient.gradientForVariable().put(DefaultParamInitializer.WEIGHT_KEY, weightGrad);
        gradient.gradientForVariable().put(DefaultParamInitializer.BIAS_KEY, biasGrad);
        if (theta != null) {
            // NoOp updater: DL4J subtracts the "gradient", so hand it minus the state change.
            INDArray thetaGrad = gradientViews.get(HebbianParamInitializer.THRESHOLD_KEY);
            thetaGrad.assign(conf.getHomeostasis().stateChange(activity, theta).negi());
            gradient.gradientForVariable().put(HebbianParamInitializer.THRESHOLD_KEY, thetaGrad);
        }
        if (statefulRule != null) {
            // The rule's state is read above as it was before this batch; DL4J adds minus the
            // "gradient" (NoOp updater), i.e. the change, to each state vector.
            for (RuleState state : statefulRule.stateVariables()) {
                INDArray stateGrad = gradientViews.get(state.name());
                stateGrad.assign(statefulRule.stateChange(signals, state)).negi();
                gradient.gradientForVariable().put(state.name(), stateGrad);
            }
        }
        // No error crosses a Hebbian layer: the layer below receives zeros.
        INDArray epsilonBelow = workspaceMgr.create(ArrayType.ACTIVATION_GRAD, dataType, x.shape(), 'f');
        return new Pair<>(gradient, epsilonBelow);
    }

    @Override
    public INDArray lastActivitySums() {
        return activitySums.get();
    }

    /** The rule's state vectors by name: views of this layer's parameters. */
    private Map<String, INDArray> ruleStateViews(StatefulRule rule) {
        Map<String, INDArray> views = new LinkedHashMap<>();
        for (RuleState state : rule.stateVariables()) {
            views.put(state.name(), params.get(state.name()));
        }
        return views;
    }

    /**
     * After DL4J's update: first the homeostasis' per-neuron weight scale (e.g. Zhu and Liu's growth
     * factor), then the configured constraints (e.g. unit norm).
     */
    @Override
    public void applyConstraints(int iteration, int epoch) {
        INDArray theta = params.get(HebbianParamInitializer.THRESHOLD_KEY);
        if (theta != null) {
            INDArray factors = layerConf().getHomeostasis().weightScale(theta);
            if (factors != null) {
                // W is [nIn, nOut]: column i holds neuron i's weights.
                getParam(DefaultParamInitializer.WEIGHT_KEY).muliRowVector(factors.castTo(dataType));
            }
        }
        super.applyConstraints(iteration, epoch);
    }

    /** {@code out = x W + b}. */
    private INDArray preActivation(INDArray x, INDArray out) {
        INDArray w = getParam(DefaultParamInitializer.WEIGHT_KEY);
        Gemm.into(x, false, w, false, out, 1.0, 0.0);
        out.addiRowVector(getParam(DefaultParamInitializer.BIAS_KEY));
        return out;
    }

    private INDArray checkedInput() {
        long nIn = layerConf().getNIn();
        if (input.rank() != 2 || input.size(1) != nIn) {
            throw new IllegalArgumentException(layerConf().describe(index) + ": input of shape "
                    + java.util.Arrays.toString(input.shape()) + " does not match nIn = " + nIn
                    + " (expected [minibatch, " + nIn + "])");
        }
        return input.dataType() == dataType ? input : input.castTo(dataType);
    }
}
