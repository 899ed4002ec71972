package org.hebbian4j.layers;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.hebbian4j.rules.StatefulRule;
import org.hebbian4j.util.Gemm;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;


/**
 * Implementation of {@link org.hebbian4j.conf.HebbianDenseLayer}: forward {@code activation(x W + b)} by GEMM; in the
 * backward pass, the layer's rule writes {@code -dW} (or {@code -lr dW} in direct mode) into W's
 * gradient view and a zero error goes to the layer below. State (homeostasis theta, the state
 * vectors of a {@link StatefulRule}) lives in non-trainable parameters whose gradient stays zero; the
 * layer sets the state the step computed after DL4J's update ({@link DeferredStateChange}).
 */
public class HebbianDenseLayer extends BaseLayer<org.hebbian4j.conf.HebbianDenseLayer> implements ObservableActivity {

    private final ActivitySums activitySums = new ActivitySums();
    private final DeferredStateChange stateChange = new DeferredStateChange();

    /** u = x W + b of the last training forward pass, for backpropGradient; see {@link #preOutput}. */
    private transient INDArray trainingPreActivation;
    /** The input that {@link #trainingPreActivation} was computed from. */
    private transient INDArray trainingInput;
    /** DL4J's iteration and epoch counters when the current step's update was computed. */
    private final StepGuard guard = new StepGuard();

    public HebbianDenseLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /**
     * True: the layer learns without labels, so DL4J's layer-wise pretraining ({@code pretrain},
     * {@code pretrainLayer}) trains it, by the same step as {@code fit} ({@link #computeGradientAndScore}).
     */
    @Override
    public boolean isPretrainLayer() {
        return true;
    }

    /**
     * One learning step on the current input, as DL4J's pretraining asks of a layer trained on its own
     * ({@code Layer.fit(input, workspaceMgr)}): the training forward pass and the step of
     * {@link #backpropGradient}, so that the layer's own updater then moves W, theta and the rule's state
     * exactly as one {@code fit} step would. The score is 0: a Hebbian layer has no objective.
     */
    @Override
    public void computeGradientAndScore(LayerWorkspaceMgr workspaceMgr) {
        if (input == null) {
            return;
        }
        String mismatch = inputMismatch();
        if (mismatch != null) {
            throw PretrainStep.wrongInput(mismatch, index);
        }
        activate(true, workspaceMgr);
        gradient = PretrainStep.take(guard, () -> learningStep(workspaceMgr), gradientsFlattened);
        score = 0.0;
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
        // 'c' order: each sample's row is contiguous for the competition's row-wise ops (softmax,
        // argmax), which run up to twice as fast as on 'f' rows; the GEMM costs the same.
        INDArray u = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType,
                new long[]{x.rows(), layerConf().getNOut()}, 'c');
        preActivation(x, u);
        // Keep u for backpropGradient, which follows with the same input and weights (as DL4J's
        // BatchNormalization keeps its forward statistics): saves a GEMM per step. A copy, because
        // the activation function may overwrite u in place; ACTIVATIONS outlive the backward pass.
        trainingPreActivation = training ? workspaceMgr.dup(ArrayType.ACTIVATIONS, u) : null;
        trainingInput = training ? input : null;
        if (layerConf().isNormalizedForward()) {
            NormalizedForward.divideByWeightNorms(u, getParam(DefaultParamInitializer.WEIGHT_KEY).transpose(), 1);
        }
        return u;
    }

    /**
     * u of the last training forward pass if it was computed from the current input and its
     * workspace is still open, else null.
     */
    private INDArray cachedPreActivation() {
        INDArray u = trainingPreActivation;
        trainingPreActivation = null;
        boolean valid = u != null && trainingInput == input && !u.wasClosed();
        trainingInput = null;
        return valid ? u : null;
    }

    @Override
    public void clear() {
        super.clear();
        trainingPreActivation = null;
        trainingInput = null;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        Gradient gradient = learningStep(workspaceMgr);
        // No error crosses a Hebbian layer: the layer below receives zeros.
        INDArray epsilonBelow = workspaceMgr.create(ArrayType.ACTIVATION_GRAD, dataType, input.shape(), 'f');
        return new Pair<>(gradient, epsilonBelow);
    }

    /** The rule's step written into the gradient views (see {@link LocalLearningStep}), from the current input. */
    private Gradient learningStep(LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        org.hebbian4j.conf.HebbianDenseLayer conf = layerConf();
        INDArray x = checkedInput();
        INDArray u = cachedPreActivation();
        if (u == null) {
            u = preActivation(x, workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, dataType,
                    new long[]{x.rows(), conf.getNOut()}, 'c'));
        }
        INDArray weightGrad = gradientViews.get(DefaultParamInitializer.WEIGHT_KEY);
        INDArray biasGrad = gradientViews.get(DefaultParamInitializer.BIAS_KEY);
        biasGrad.assign(0);
        Gradient gradient = new DefaultGradient();
        gradient.gradientForVariable().put(DefaultParamInitializer.WEIGHT_KEY, weightGrad);
        gradient.gradientForVariable().put(DefaultParamInitializer.BIAS_KEY, biasGrad);
        // W is [nIn, nOut] 'f': its transpose is the neuron-major [nOut, nIn] view the rule works on.
        LocalLearningStep.apply(conf, x, u, getParam(DefaultParamInitializer.BIAS_KEY).reshape(1, conf.getNOut()),
                getParam(DefaultParamInitializer.WEIGHT_KEY).transpose(), weightGrad.transpose(), params, gradientViews,
                gradient, stateChange, this::checkUpdate, activitySums);
        return gradient;
    }

    @Override
    public INDArray lastActivitySums() {
        return activitySums.get();
    }

    /**
     * After DL4J's update: first the state the step computed, then the homeostasis' per-neuron weight scale
     * (e.g. Zhu and Liu's growth factor), then the configured constraints (e.g. unit norm).
     */
    @Override
    public void applyConstraints(int iteration, int epoch) {
        stateChange.applyTo(params);
        LocalLearningStep.scaleWeights(layerConf(), params, getParam(DefaultParamInitializer.WEIGHT_KEY).transpose(), dataType);
        super.applyConstraints(iteration, epoch);
        guard.checkParameters(layerConf(), index, layerConf().getIUpdater(), params());
    }

    /** Throws {@link NonFiniteUpdateException} if {@code update} holds a NaN or an infinity. */
    private void checkUpdate(INDArray update, String what) {
        guard.checkUpdate(layerConf(), index, layerConf().getIUpdater(), update, what, this);
    }

    /** {@code out = x W + b}. */
    private INDArray preActivation(INDArray x, INDArray out) {
        INDArray w = getParam(DefaultParamInitializer.WEIGHT_KEY);
        Gemm.into(x, false, w, false, out, 1.0, 0.0);
        // The bias is not learned and 0 unless set: adding zeros is a pass over u for nothing.
        INDArray b = getParam(DefaultParamInitializer.BIAS_KEY);
        if (b.amaxNumber().doubleValue() != 0) {
            out.addiRowVector(b);
        }
        return out;
    }

    private INDArray checkedInput() {
        String mismatch = inputMismatch();
        if (mismatch != null) {
            throw new IllegalArgumentException(mismatch);
        }
        return input.dataType() == dataType ? input : input.castTo(dataType);
    }

    /** What is wrong with the input's shape, or null if it is {@code [minibatch, nIn]}. */
    private String inputMismatch() {
        long nIn = layerConf().getNIn();
        if (input.rank() != 2 || input.size(1) != nIn) {
            return layerConf().describe(index) + ": input of shape " + java.util.Arrays.toString(input.shape())
                    + " does not match nIn = " + nIn + " (expected [minibatch, " + nIn + "])";
        }
        return null;
    }
}
