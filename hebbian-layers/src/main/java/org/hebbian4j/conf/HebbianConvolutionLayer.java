package org.hebbian4j.conf;

import lombok.AccessLevel;
import lombok.Data;
import lombok.EqualsAndHashCode;
import lombok.Getter;
import lombok.NoArgsConstructor;
import lombok.Setter;
import lombok.ToString;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.api.layers.LayerConstraint;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.constraint.UnitNormConstraint;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.hebbian4j.competition.SoftWta;
import org.hebbian4j.layers.HebbianConvolutionParamInitializer;
import org.hebbian4j.rules.SoftHebbRule;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.shade.jackson.annotation.JsonIgnore;

import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/**
 * A 2-D convolution layer whose kernels learn by a local Hebbian rule instead of backpropagation.
 *
 * <p>Forward: {@code y = activation(conv(x, W) + b)}, computed by DL4J's own convolution (the
 * implementation extends DL4J's), with W {@code [nOut, nIn, kH, kW]}, and kernel size, stride,
 * padding, dilation and convolution mode exactly as in DL4J's {@link ConvolutionLayer}. Input
 * layout NCHW only.
 *
 * <p>Learning: every (sample, output position) pair is one row of the rule's 2-D signals. With B
 * samples and H' x W' output positions, the layer unfolds the input into patches (by strided
 * copies, {@link org.hebbian4j.util.StridedUnfold}) and hands the rule
 * <ul>
 *   <li>x = the patches {@code [B*H'*W', nIn*kH*kW]} (zero padding included),</li>
 *   <li>u = the pre-activations {@code [B*H'*W', nOut]}, one row per position,</li>
 *   <li>y = competition(u) row by row: the competition runs ACROSS OUTPUT CHANNELS AT EACH
 *       SPATIAL POSITION (with homeostasis, on {@code u - theta}),</li>
 *   <li>W = the kernels as the neuron-major matrix {@code [nOut, nIn*kH*kW]}, a reshaped view of
 *       the 'c'-order parameter.</li>
 * </ul>
 * The rule's batch mean is therefore a mean over all {@code B*H'*W'} rows: one step is
 * {@code W += lr * (1 / (B H' W')) * sum_{b,p} dW(b, p)}, the normalization of the PyTorch reference
 * ({@code W += lr dW / (B * positions)}, {@code conv_step} in {@code torch_hebbian_reference.py}).
 *
 * <p>As in {@link HebbianDenseLayer}: default mode hands {@code -dW} to DL4J's updater as the
 * weights' gradient (no division by the minibatch size), so that with {@code Sgd(lr)} one fit step
 * is exactly {@code W += lr * dW}; direct mode ({@link HebbianLearningBuilder#directStep(double)}) applies the step
 * itself under a NoOp updater. No error reaches the layer below (it receives zeros), the bias is
 * not learned (it keeps {@code biasInit}), and with homeostasis the per-channel threshold theta is
 * a non-trainable parameter updated from the activity of all rows.
 *
 * <p>Example (first layer of Lagani et al.'s network):
 * <pre>{@code
 * new HebbianConvolutionLayer.Builder(5, 5).nIn(3).nOut(96)
 *         .rule(new InstarRule()).competition(new HardWta())
 *         .activation(Activation.RELU).updater(new Sgd(1e-3)).build();
 * }</pre>
 */
@Data
@NoArgsConstructor
@ToString(callSuper = true)
@EqualsAndHashCode(callSuper = true)
public class HebbianConvolutionLayer extends ConvolutionLayer implements HebbianLearning {

    @JsonIgnore   // saved flat, through HebbianLearning's properties
    private LearningSettings learning = LearningSettings.hiddenDefaults();
    /** Whether the builder was given nIn (see {@link #setNIn(InputType, boolean)}); not configuration. */
    @JsonIgnore @Getter(AccessLevel.NONE) @Setter(AccessLevel.NONE) @ToString.Exclude
    private transient boolean nInExplicit;   // transient: Lombok's equals and hashCode leave it out

    protected HebbianConvolutionLayer(Builder builder, LearningSettings learning) {
        super(builder);
        this.nInExplicit = getNIn() > 0;   // the builder's nIn, set by super
        this.learning = learning;
    }

    /** The constraint of {@code normalizeWeights(true)}: W is [nOut, nIn, kH, kW], one norm per output channel, over its kernel. */
    private static UnitNormConstraint unitNorm() {
        return new UnitNormConstraint(1, 2, 3);
    }

    /** As DL4J's, except that with normalizeWeights the unit-norm constraint on W stays ({@link HebbianValidation#keepingUnitNorm}). */
    @Override
    public void setConstraints(List<LayerConstraint> constraints) {
        super.setConstraints(HebbianValidation.keepingUnitNorm(constraints, learning, unitNorm()));
    }

    @Override
    @JsonIgnore
    public long ruleInputWidth() {
        return getFanIn();
    }

    /** Number of inputs of one kernel, {@code nIn * kH * kW}: the width of the rule's x. */
    @JsonIgnore
    public long getFanIn() {
        return getNIn() * kernelSize[0] * kernelSize[1];
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> trainingListeners,
                             int layerIndex, INDArray layerParamsView, boolean initializeParams,
                             DataType networkDataType) {
        LayerValidation.assertNInNOutSet("HebbianConvolutionLayer", getLayerName(), layerIndex, getNIn(), getNOut());
        HebbianValidation.checkAtInstantiation(describe(layerIndex), this, getIUpdater(), getActivationFn());
        if (getCnn2dDataFormat() != null && getCnn2dDataFormat() != CNN2DFormat.NCHW) {
            throw new IllegalArgumentException(describe(layerIndex) + ": data format " + getCnn2dDataFormat()
                    + " is not supported; use NCHW (e.g. InputType.convolutional(height, width, channels))");
        }
        return LayerInstances.wire(new org.hebbian4j.layers.HebbianConvolutionLayer(conf, networkDataType), conf, trainingListeners, layerIndex,
                layerParamsView, initializeParams, initializer());
    }

    @Override
    public String describe(int layerIndex) {
        return HebbianValidation.byIndex("HebbianConvolutionLayer", layerIndex, getLayerName());
    }

    /** As DL4J's, except that an explicit nIn that disagrees with the input fails ({@link HebbianValidation#checkNIn}). */
    @Override
    public void setNIn(InputType inputType, boolean override) {
        if (inputType instanceof InputType.InputTypeConvolutional conv) {
            HebbianValidation.checkNIn(HebbianValidation.byName("HebbianConvolutionLayer", getLayerName()), getNIn(),
                    nInExplicit, conv.getChannels(), inputType, override, "channels");
        }
        super.setNIn(inputType, override);
    }

    @Override
    public ParamInitializer initializer() {
        return HebbianConvolutionParamInitializer.getInstance();
    }

    @Override
    public IUpdater getUpdaterByParam(String paramName) {
        return updatedByNetwork(paramName) ? super.getUpdaterByParam(paramName) : new NoOp();
    }

    @Override
    public List<Regularization> getRegularizationByParam(String paramName) {
        return updatedByNetwork(paramName) ? super.getRegularizationByParam(paramName) : Collections.emptyList();
    }

    /**
     * Builder in DL4J's style; kernel size, stride, padding, dilation, convolution mode and bias as
     * in {@link ConvolutionLayer.Builder} (defaults: kernel 5x5, stride 1, padding 0, dilation 1,
     * the network's convolution mode); the learning settings as in {@link HebbianLearningBuilder}.
     */
    public static class Builder extends ConvolutionLayer.BaseConvBuilder<Builder>
            implements HebbianLearningBuilder<Builder> {
        private final LearningSettings.Builder learning = LearningSettings.builder(new SoftHebbRule(), new SoftWta(1.0));

        public Builder() {
            super();
        }

        /** @param kernelSize kernel height and width */
        public Builder(int... kernelSize) {
            super(kernelSize);
        }

        public Builder(int[] kernelSize, int[] stride) {
            super(kernelSize, stride);
        }

        public Builder(int[] kernelSize, int[] stride, int[] padding) {
            super(kernelSize, stride, padding);
        }

        @Override
        protected boolean allowCausal() {
            return false;
        }

        @Override
        public LearningSettings.Builder learningSettings() {
            return learning;
        }

        @Override
        @SuppressWarnings("unchecked")
        public HebbianConvolutionLayer build() {
            String where = HebbianValidation.byName("HebbianConvolutionLayer", layerName);
            HebbianValidation.checkSizes(where, nIn, nOut);
            requirePair(where, "kernelSize", kernelSize, 1);
            requirePair(where, "stride", stride, 1);
            requirePair(where, "padding", padding, 0);
            requirePair(where, "dilation", dilation, 1);
            LearningSettings settings = learning.buildHidden(where, nOut, iupdater);
            HebbianValidation.checkActivation(where, activationFn, nOut);
            // The layer reads weightConstraints; the user's list is restored after (see withConstraint).
            List<LayerConstraint> userConstraints = weightConstraints;
            if (settings.normalizeWeights()) {
                weightConstraints = HebbianValidation.withConstraint(userConstraints, unitNorm());
            }
            try {
                return new HebbianConvolutionLayer(this, settings);
            } finally {
                weightConstraints = userConstraints;
            }
        }

        private static void requirePair(String where, String field, int[] values, int minimum) {
            if (values == null || values.length != 2) {
                throw new IllegalArgumentException(where + ": " + field + " must have 2 values (height, width), got "
                        + Arrays.toString(values));
            }
            for (int v : values) {
                if (v < minimum) {
                    throw new IllegalArgumentException(where + ": " + field + " must be "
                            + (minimum == 0 ? ">= 0" : "> 0") + ", got " + Arrays.toString(values));
                }
            }
        }
    }
}
