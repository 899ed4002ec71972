package org.hebbian4j.layers;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.ConvolutionUtils;
import org.hebbian4j.conf.HebbianConvolutionLayer;
import org.hebbian4j.util.Gemm;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.convolution.Convolution;

import java.util.Arrays;

import static org.hebbian4j.layers.HebbianConvolutionParamInitializer.BIAS_KEY;
import static org.hebbian4j.layers.HebbianConvolutionParamInitializer.WEIGHT_KEY;

/**
 * Implementation of {@link HebbianConvolutionLayer}. The forward pass is DL4J's convolution
 * (inherited). In the backward pass the layer ignores the error from above: it unfolds the input
 * into patches with {@code im2col} (one row per sample and output position), computes the
 * pre-activations of all positions with one GEMM, lets the competition act on each row, and the
 * rule writes {@code -dW} (or {@code -lr dW} in direct mode) straight into W's gradient view,
 * reshaped to the neuron-major {@code [nOut, nIn*kH*kW]}. A zero error goes to the layer below.
 */
public class HebbianConvolutionLayerImpl extends ConvolutionLayer implements ObservableActivity {

    private final ActivitySums activitySums = new ActivitySums();

    /** DL4J's iteration and epoch counters when the current step's update was computed. */
    private int stepIteration;
    private int stepEpoch;

    public HebbianConvolutionLayerImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    private HebbianConvolutionLayer hebbianConf() {
        return (HebbianConvolutionLayer) conf.getLayer();
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    /** The rule's update is already a mean over samples and positions: DL4J must not divide it again. */
    @Override
    public boolean updaterDivideByMinibatch(String paramName) {
        return false;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        checkInput();
        return super.activate(training, workspaceMgr);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        HebbianConvolutionLayer conf = hebbianConf();
        INDArray x = checkInput();
        INDArray patches = patches(x, workspaceMgr);
        long rows = patches.rows();
        long nOut = conf.getNOut();

        INDArray weights = neuronMajor(getParam(WEIGHT_KEY));
        INDArray u = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, dataType, new long[]{rows, nOut}, 'f');
        Gemm.into(patches, false, weights, true, u, 1.0, 0.0);
        if (hasBias()) {
            u.addiRowVector(getParam(BIAS_KEY));
        }
        INDArray weightGrad = gradientViews.get(WEIGHT_KEY);
        Gradient gradient = new DefaultGradient();
        gradient.setGradientFor(WEIGHT_KEY, weightGrad, 'c');
        if (hasBias()) {
            INDArray biasGrad = gradientViews.get(BIAS_KEY);
            biasGrad.assign(0);
            gradient.setGradientFor(BIAS_KEY, biasGrad);
        }
        INDArray activity = LocalLearningStep.apply(conf, patches, u, weights, neuronMajor(weightGrad), params,
                gradientViews, gradient, this::checkUpdate);
        activitySums.record(activity);
        // No error crosses a Hebbian layer: the layer below receives zeros.
        INDArray epsilonBelow = workspaceMgr.create(ArrayType.ACTIVATION_GRAD, dataType, x.shape(), 'c');
        return new Pair<>(gradient, epsilonBelow);
    }

    /** After DL4J's update and the constraints: the parameters must still be finite. */
    @Override
    public void applyConstraints(int iteration, int epoch) {
        LocalLearningStep.scaleWeights(hebbianConf(), params, neuronMajor(getParam(WEIGHT_KEY)), dataType);
        super.applyConstraints(iteration, epoch);
        // DL4J passes its counters after the increment; report the step's own (read in backprop).
        FiniteGuard.checkParameters(params(), hebbianConf().describe(index), hebbianConf().getRule().name(), step(),
                stepIteration, stepEpoch);
    }

    /** Throws {@link NonFiniteUpdateException} if {@code update} holds a NaN or an infinity. */
    private void checkUpdate(INDArray update, String what) {
        stepIteration = getIterationCount();
        stepEpoch = getEpochCount();
        FiniteGuard.checkUpdate(update, what, hebbianConf().describe(index), hebbianConf().getRule().name(), step(),
                stepIteration, stepEpoch);
    }

    private String step() {
        HebbianConvolutionLayer conf = hebbianConf();
        return FiniteGuard.describeStep(conf.isDirectStep(), conf.getDirectStepLearningRate(), conf.getIUpdater());
    }

    @Override
    public INDArray lastActivitySums() {
        return activitySums.get();
    }

    /**
     * The input unfolded into patches, {@code [B*H'*W', nIn*kH*kW]}: row {@code (b*H' + i)*W' + j} is
     * the receptive field of output position (i, j) of sample b, laid out (channel, kernel row, kernel
     * column) as the 'c'-order kernels are, with padded positions as zeros.
     */
    private INDArray patches(INDArray x, LayerWorkspaceMgr workspaceMgr) {
        HebbianConvolutionLayer conf = hebbianConf();
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
        // Allocated in the order we want the rows in, [B, H', W', C, kH, kW], and filled through the
        // permuted view im2col writes ([B, C, kH, kW, H', W']): the 2-D reshape is then a view.
        INDArray columns = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, dataType,
                new long[]{batch, outSize[0], outSize[1], channels, kernel[0], kernel[1]}, 'c');
        Convolution.im2col(x, kernel[0], kernel[1], strides[0], strides[1], pad[0], pad[1], dilation[0], dilation[1],
                same, columns.permute(0, 3, 4, 5, 1, 2));
        return columns.reshape('c', batch * outSize[0] * outSize[1], channels * kernel[0] * kernel[1]);
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
        HebbianConvolutionLayer conf = hebbianConf();
        long nIn = conf.getNIn();
        if (input.rank() != 4 || input.size(1) != nIn) {
            throw new IllegalArgumentException(conf.describe(index) + ": input of shape "
                    + Arrays.toString(input.shape()) + " does not match nIn = " + nIn
                    + " (expected NCHW [minibatch, " + nIn + ", height, width]"
                    + (input.rank() == 4 ? ", got " + input.size(1) + " channels)" : ", got rank " + input.rank() + ")"));
        }
        return input.dataType() == dataType ? input : input.castTo(dataType);
    }
}
