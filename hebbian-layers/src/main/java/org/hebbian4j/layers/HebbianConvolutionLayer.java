package org.hebbian4j.layers;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.Solver;
import org.deeplearning4j.util.ConvolutionUtils;
import org.hebbian4j.util.Gemm;
import org.hebbian4j.util.StridedUnfold;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import static org.hebbian4j.layers.HebbianConvolutionParamInitializer.BIAS_KEY;
import static org.hebbian4j.layers.HebbianConvolutionParamInitializer.WEIGHT_KEY;

/**
 * Implementation of {@link org.hebbian4j.conf.HebbianConvolutionLayer}. Forward: the input unfolded into patches (one
 * row per sample and output position), the pre-activations of all positions by one GEMM
 * {@code u = P W^T + b}, laid out NCHW and passed through the activation: the same output as DL4J's
 * ConvolutionLayer. In the backward pass the layer ignores the error from above: the competition
 * acts on each row of u, and the rule writes {@code -dW} (or {@code -lr dW} in direct mode) straight
 * into W's gradient view, reshaped to the neuron-major {@code [nOut, nIn*kH*kW]}. A zero error goes
 * to the layer below.
 *
 * <p>Speed (why the forward pass is not DL4J's): a training forward pass keeps its patches and u
 * (ACTIVATIONS workspace, which outlives the backward pass, as DL4J's BatchNormalization keeps its
 * statistics), so the backward pass does not unfold the input and multiply again; the patches and u
 * are 'f'-ordered (one strided copy of the input per kernel offset unfolds it, see {@link #patches},
 * and the GEMMs run faster on this layout); DL4J's own forward pass also multiplies with {@code mmul},
 * several times slower than {@link Nd4j#gemm} here.
 */
public class HebbianConvolutionLayer extends ConvolutionLayer implements ObservableActivity {

    private final ActivitySums activitySums = new ActivitySums();
    private final DeferredStateChange stateChange = new DeferredStateChange();

    /** Patches and u of the last training forward pass, for backpropGradient; see {@link #preOutput}. */
    private transient INDArray trainingPatches;
    private transient INDArray trainingPreActivation;
    /** The input they were computed from. */
    private transient INDArray trainingInput;
    /** Zeros [1, nOut]: the "bias" the rule sees when the layer has none. */
    private transient INDArray zeroBias;

    /** DL4J's iteration and epoch counters when the current step's update was computed. */
    private final StepGuard guard = new StepGuard();

    public HebbianConvolutionLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    private org.hebbian4j.conf.HebbianConvolutionLayer hebbianConf() {
        return (org.hebbian4j.conf.HebbianConvolutionLayer) conf.getLayer();
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
     * DL4J's pretraining step of a layer on its own, as DL4J's {@code BaseLayer} takes it (DL4J's
     * ConvolutionLayer refuses it): the input set, then one step of the layer's own solver and updater,
     * which calls {@link #computeGradientAndScore}.
     */
    @Override
    public void fit(INDArray input, LayerWorkspaceMgr workspaceMgr) {
        if (input != null) {
            setInput(input, workspaceMgr);
            applyDropOutIfNecessary(true, workspaceMgr);
        }
        if (solver == null) {
            solver = new Solver.Builder().model(this).configure(conf()).listeners(getListeners()).build();
        }
        optimizer = solver.getOptimizer();
        solver.optimize(workspaceMgr);
    }

    /**
     * One learning step on the current input, as DL4J's pretraining asks of a layer trained on its own:
     * the training forward pass and the step of {@link #backpropGradient}, so that the layer's own updater
     * then moves W, theta and the rule's state exactly as one {@code fit} step would. The score is 0: a
     * Hebbian layer has no objective.
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

    /** The rule's update is already a mean over samples and positions: DL4J must not divide it again. */
    @Override
    public boolean updaterDivideByMinibatch(String paramName) {
        return false;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        applyDropOutIfNecessary(training, workspaceMgr);
        INDArray z = preOutput(training, false, workspaceMgr).getFirst();
        if (hebbianConf().isNormalizedForward()) {
            // z is a new array; the u kept for the learning step is not divided.
            NormalizedForward.divideByWeightNorms(z, neuronMajor(getParam(WEIGHT_KEY)), 1);
        }
        return layerConf().getActivationFn().getActivation(z, training);
    }

    /**
     * {@code z = conv(x, W) + b}, NCHW 'c' in the ACTIVATIONS workspace (the activation overwrites it).
     * A training pass keeps its patches and u for {@link #backpropGradient}.
     */
    @Override
    protected Pair<INDArray, INDArray> preOutput(boolean training, boolean forBackprop, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        INDArray x = checkInput();
        ArrayType kept = training ? ArrayType.ACTIVATIONS : ArrayType.FF_WORKING_MEM;
        Patches p = patches(x, workspaceMgr, ArrayType.FF_WORKING_MEM, kept);
        INDArray u = preActivation(p.rows(), workspaceMgr, kept);
        INDArray z = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType,
                new long[]{p.batch(), hebbianConf().getNOut(), p.outHeight(), p.outWidth()}, 'c');
        long positions = (long) p.outHeight() * p.outWidth();
        // u is 'f' [(sample, position), channel]: in memory [channel, sample, position], so NCHW is a copy
        // of whole position planes.
        z.reshape('c', p.batch(), hebbianConf().getNOut(), positions)
                .assign(u.reshape('f', positions, p.batch(), hebbianConf().getNOut()).permute(1, 2, 0));
        trainingPatches = training ? p.rows() : null;
        trainingPreActivation = training ? u : null;
        trainingInput = training ? input : null;
        return new Pair<>(z, null);
    }

    @Override
    protected Pair<INDArray, INDArray> preOutput4d(boolean training, boolean forBackprop, LayerWorkspaceMgr workspaceMgr) {
        return preOutput(training, forBackprop, workspaceMgr);
    }

    @Override
    public void clear() {
        super.clear();
        forgetTrainingPass();
    }

    private void forgetTrainingPass() {
        trainingPatches = null;
        trainingPreActivation = null;
        trainingInput = null;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        Gradient gradient = learningStep(workspaceMgr);
        // No error crosses a Hebbian layer: the layer below receives zeros.
        INDArray epsilonBelow = workspaceMgr.create(ArrayType.ACTIVATION_GRAD, dataType, input.shape(), 'c');
        return new Pair<>(gradient, epsilonBelow);
    }

    /** The rule's step written into the gradient views (see {@link LocalLearningStep}), from the current input. */
    private Gradient learningStep(LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        org.hebbian4j.conf.HebbianConvolutionLayer conf = hebbianConf();
        INDArray x = checkInput();
        INDArray patches = trainingPatches;
        INDArray u = trainingPreActivation;
        boolean cached = patches != null && u != null && trainingInput == input && !patches.wasClosed() && !u.wasClosed();
        forgetTrainingPass();
        if (!cached) {
            patches = patches(x, workspaceMgr, ArrayType.BP_WORKING_MEM, ArrayType.BP_WORKING_MEM).rows();
            u = preActivation(patches, workspaceMgr, ArrayType.BP_WORKING_MEM);
        }
        INDArray weights = neuronMajor(getParam(WEIGHT_KEY));
        INDArray weightGrad = gradientViews.get(WEIGHT_KEY);
        Gradient gradient = new DefaultGradient();
        gradient.setGradientFor(WEIGHT_KEY, weightGrad, 'c');
        if (hasBias()) {
            INDArray biasGrad = gradientViews.get(BIAS_KEY);
            biasGrad.assign(0);
            gradient.setGradientFor(BIAS_KEY, biasGrad);
        }
        LocalLearningStep.apply(conf, patches, u, biasRow(), weights, neuronMajor(weightGrad), params,
                gradientViews, gradient, stateChange, this::checkUpdate, activitySums);
        return gradient;
    }

    /** The bias as a row {@code [1, nOut]}, zeros without bias. */
    private INDArray biasRow() {
        long nOut = hebbianConf().getNOut();
        if (hasBias()) {
            return getParam(BIAS_KEY).reshape(1, nOut);
        }
        if (zeroBias == null || zeroBias.length() != nOut || zeroBias.dataType() != dataType) {
            try (org.nd4j.linalg.api.memory.MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
                zeroBias = Nd4j.zeros(dataType, 1, nOut);
            }
        }
        return zeroBias;
    }

    /**
     * After DL4J's update: the state the step computed, the homeostasis' weight scale, the constraints; then
     * the parameters must still be finite.
     */
    @Override
    public void applyConstraints(int iteration, int epoch) {
        stateChange.applyTo(params);
        LocalLearningStep.scaleWeights(hebbianConf(), params, neuronMajor(getParam(WEIGHT_KEY)), dataType);
        super.applyConstraints(iteration, epoch);
        guard.checkParameters(hebbianConf(), index, hebbianConf().getIUpdater(), params());
    }

    /** Throws {@link NonFiniteUpdateException} if {@code update} holds a NaN or an infinity. */
    private void checkUpdate(INDArray update, String what) {
        guard.checkUpdate(hebbianConf(), index, hebbianConf().getIUpdater(), update, what, this);
    }

    @Override
    public INDArray lastActivitySums() {
        return activitySums.get();
    }

    /**
     * {@code u = P W^T + b}, {@code [rows, nOut]} 'f': each channel's values contiguous. With the
     * 'f'-order patches both GEMMs of a step run faster than with 'c'-order rows and u (see
     * docs/benchmarks.md, 'Measured design choices'), and the NCHW output is a copy of whole planes.
     */
    private INDArray preActivation(INDArray patches, LayerWorkspaceMgr workspaceMgr, ArrayType type) {
        INDArray u = workspaceMgr.createUninitialized(type, dataType, new long[]{patches.rows(), hebbianConf().getNOut()}, 'f');
        Gemm.into(patches, false, neuronMajor(getParam(WEIGHT_KEY)), true, u, 1.0, 0.0);
        // The bias is not learned and 0 unless set: adding zeros is a pass over u for nothing.
        if (hasBias() && getParam(BIAS_KEY).amaxNumber().doubleValue() != 0) {
            u.addiRowVector(getParam(BIAS_KEY));
        }
        return u;
    }

    /** The unfolded input and the output size. */
    private record Patches(INDArray rows, long batch, int outHeight, int outWidth) {
    }

    /**
     * The input unfolded into patches, {@code [B*H'*W', nIn*kH*kW]}: row {@code (b*H' + i)*W' + j} is
     * the receptive field of output position (i, j) of sample b, laid out (channel, kernel row, kernel
     * column) as the 'c'-order kernels are, with padded positions as zeros. The rows are an 'f'-order
     * view of a 'c'-order {@code [nIn*kH*kW, B*H'*W']} array written by {@link StridedUnfold} (one strided
     * copy per kernel offset, much faster than ND4J's im2col and its copy into rows; see
     * docs/benchmarks.md, 'Measured design choices'); the GEMMs also run faster on this layout.
     *
     * @param scratch the workspace of the padded input, free after this call
     * @param kept    the workspace of the returned rows
     */
    private Patches patches(INDArray x, LayerWorkspaceMgr workspaceMgr, ArrayType scratch, ArrayType kept) {
        org.hebbian4j.conf.HebbianConvolutionLayer conf = hebbianConf();
        int[] kernel = conf.getKernelSize();
        int[] strides = conf.getStride();
        int[] dilation = conf.getDilation();
        boolean same = convolutionMode == ConvolutionMode.Same;
        int[] outSize;
        int[] pad;
        if (same) {
            outSize = ConvolutionUtils.getOutputSize(x, kernel, strides, null, convolutionMode, dilation, CNN2DFormat.NCHW);
            pad = ConvolutionUtils.getSameModeTopLeftPadding(outSize, new int[]{(int) x.size(2), (int) x.size(3)},
                    kernel, strides, dilation);
        } else {
            pad = conf.getPadding();
            outSize = ConvolutionUtils.getOutputSize(x, kernel, strides, pad, convolutionMode, dilation, CNN2DFormat.NCHW);
        }
        long batch = x.size(0);
        long channels = x.size(1);
        long fanIn = channels * kernel[0] * kernel[1];
        long positions = (long) outSize[0] * outSize[1];
        // The input rows and columns the windows reach: (out - 1) * stride + (kernel - 1) * dilation + 1
        // from the padded top-left corner.
        long spanH = (long) (outSize[0] - 1) * strides[0] + (long) (kernel[0] - 1) * dilation[0] + 1;
        long spanW = (long) (outSize[1] - 1) * strides[1] + (long) (kernel[1] - 1) * dilation[1] + 1;
        INDArray source = x;
        if (pad[0] > 0 || pad[1] > 0) {
            // Zero padding: the input copied into a zero array covering every window.
            source = workspaceMgr.create(scratch, dataType, new long[]{batch, channels, spanH, spanW}, 'c');
            long rows = Math.min(x.size(2), spanH - pad[0]);
            long cols = Math.min(x.size(3), spanW - pad[1]);
            source.get(all(), all(), interval(pad[0], pad[0] + rows), interval(pad[1], pad[1] + cols))
                    .assign(x.get(all(), all(), interval(0, rows), interval(0, cols)));
        }
        INDArray unfolded = workspaceMgr.createUninitialized(kept, dataType, new long[]{fanIn, batch * positions}, 'c');
        StridedUnfold.into(source, kernel, strides, dilation, outSize,
                unfolded.reshape('c', channels, kernel[0], kernel[1], batch, outSize[0], outSize[1]));
        return new Patches(unfolded.transpose(), batch, outSize[0], outSize[1]);
    }

    /** The 'c'-order {@code [nOut, nIn, kH, kW]} array as a {@code [nOut, nIn*kH*kW]} view. */
    private INDArray neuronMajor(INDArray kernels) {
        INDArray view = Shape.newShapeNoCopy(kernels, new long[]{kernels.size(0), hebbianConf().getFanIn()}, false);
        if (view == null) {
            throw new IllegalStateException(hebbianConf().describe(index)
                    + ": kernel array cannot be viewed as [nOut, nIn*kH*kW] (not 'c'-contiguous)");
        }
        return view;
    }

    /** The input in the layer's data type, after checking it is NCHW with nIn channels. */
    private INDArray checkInput() {
        String mismatch = inputMismatch();
        if (mismatch != null) {
            throw new IllegalArgumentException(mismatch);
        }
        return input.dataType() == dataType ? input : input.castTo(dataType);
    }

    /** What is wrong with the input's shape, or null if it is NCHW with nIn channels. */
    private String inputMismatch() {
        org.hebbian4j.conf.HebbianConvolutionLayer conf = hebbianConf();
        long nIn = conf.getNIn();
        if (input.rank() != 4 || input.size(1) != nIn) {
            return conf.describe(index) + ": input of shape " + Arrays.toString(input.shape()) + " does not match nIn = "
                    + nIn + " (expected NCHW [minibatch, " + nIn + ", height, width]"
                    + (input.rank() == 4 ? ", got " + input.size(1) + " channels)" : ", got rank " + input.rank() + ")");
        }
        return null;
    }
}
