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
import org.hebbian4j.competition.Competition;
import org.hebbian4j.competition.SoftWta;
import org.hebbian4j.homeostasis.Homeostasis;
import org.hebbian4j.homeostasis.NoHomeostasis;
import org.hebbian4j.layers.HebbianConvolutionLayerImpl;
import org.hebbian4j.layers.HebbianConvolutionParamInitializer;
import org.hebbian4j.rules.LearningRule;
import org.hebbian4j.rules.SoftHebbRule;
import org.hebbian4j.rules.StatefulRule;
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
 * samples and H' x W' output positions, the layer unfolds the input into patches (im2col) and
 * hands the rule
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
 * is exactly {@code W += lr * dW}; direct mode ({@link Builder#directStep(double)}) applies the step
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

    private LearningRule rule = new SoftHebbRule();
    private Competition competition = new SoftWta(1.0);
    private Homeostasis homeostasis = new NoHomeostasis();
    private boolean normalizeWeights = false;
    /** Learning rate of direct mode; 0 means default mode (the network's updater takes the step). */
    private double directStepLearningRate = 0.0;
    /**
     * Whether nIn was given to the builder, so that input channels that disagree with it are an error
     * at build() instead of being silently replaced (see {@link #setNIn(InputType, boolean)}). Not part
     * of the configuration: not serialized, not compared, not printed.
     */
    @JsonIgnore
    @Getter(AccessLevel.NONE)
    @Setter(AccessLevel.NONE)
    @ToString.Exclude
    private transient boolean nInExplicit;   // transient: Lombok's equals and hashCode leave it out

    protected HebbianConvolutionLayer(Builder builder) {
        super(builder);
        this.nInExplicit = getNIn() > 0;   // the builder's nIn, set by super
        this.rule = builder.rule;
        this.competition = builder.competition;
        this.homeostasis = builder.homeostasis;
        this.normalizeWeights = builder.normalizeWeights;
        this.directStepLearningRate = builder.directStepLearningRate == null ? 0.0 : builder.directStepLearningRate;
    }

    /** Whether the rule applies its own step (direct mode). */
    @JsonIgnore
    public boolean isDirectStep() {
        return directStepLearningRate > 0;
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
        HebbianValidation.checkComponents(describe(layerIndex), rule, competition, homeostasis, normalizeWeights, getNOut());
        if (!isDirectStep()) {
            // The updater inherited from the network's configuration is known only now.
            HebbianValidation.checkLearningRate(describe(layerIndex), getIUpdater());
        }
        if (getCnn2dDataFormat() != null && getCnn2dDataFormat() != CNN2DFormat.NCHW) {
            throw new IllegalArgumentException(describe(layerIndex) + ": data format " + getCnn2dDataFormat()
                    + " is not supported; use NCHW (e.g. InputType.convolutional(height, width, channels))");
        }
        return LayerInstances.wire(new HebbianConvolutionLayerImpl(conf, networkDataType), conf, trainingListeners, layerIndex,
                layerParamsView, initializeParams, initializer());
    }

    /** "HebbianConvolutionLayer (index 0, name "c1")", for error messages. */
    public String describe(int layerIndex) {
        return "HebbianConvolutionLayer (index " + layerIndex
                + (getLayerName() == null ? "" : ", name \"" + getLayerName() + "\"") + ")";
    }

    /**
     * As DL4J's (nIn from the input's channels), except that an nIn that disagrees with the input's
     * channels fails, naming the layer, nIn and the channels, when it was set explicitly on the builder
     * or when DL4J keeps set sizes ({@code overrideNinUponBuild(false)}); DL4J itself would silently
     * replace it.
     */
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
        if (!HebbianConvolutionParamInitializer.WEIGHT_KEY.equals(paramName) || isDirectStep()) {
            return new NoOp();
        }
        return super.getUpdaterByParam(paramName);
    }

    @Override
    public List<Regularization> getRegularizationByParam(String paramName) {
        if (!HebbianConvolutionParamInitializer.WEIGHT_KEY.equals(paramName) || isDirectStep()) {
            return Collections.emptyList();
        }
        return super.getRegularizationByParam(paramName);
    }

    /**
     * Builder in DL4J's style; kernel size, stride, padding, dilation, convolution mode and bias as
     * in {@link ConvolutionLayer.Builder} (defaults: kernel 5x5, stride 1, padding 0, dilation 1,
     * the network's convolution mode).
     */
    public static class Builder extends ConvolutionLayer.BaseConvBuilder<Builder>
            implements HebbianLearningBuilder<Builder> {
        private LearningRule rule = new SoftHebbRule();
        private Competition competition = new SoftWta(1.0);
        private Homeostasis homeostasis = new NoHomeostasis();
        private boolean normalizeWeights = false;
        /** null: default mode. */
        private Double directStepLearningRate = null;

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

        /** The learning rule. Default: {@link SoftHebbRule}. */
        @Override
        public Builder rule(LearningRule rule) {
            this.rule = rule;
            return this;
        }

        /**
         * The competition across output channels at each position that turns pre-activations into
         * the rule's activity. Default: {@code SoftWta(1.0)}.
         */
        @Override
        public Builder competition(Competition competition) {
            this.competition = competition;
            return this;
        }

        /**
         * Homeostasis against dead channels (e.g. {@code new AdaptiveThreshold(0.5)}): shifts what the
         * competition sees by a per-channel threshold kept as a non-trainable parameter "theta".
         * Default: {@link NoHomeostasis}.
         */
        @Override
        public Builder homeostasis(Homeostasis homeostasis) {
            this.homeostasis = homeostasis;
            return this;
        }

        /**
         * Rescale each kernel ({@code nIn x kH x kW} weights of one output channel) to unit L2 norm
         * after every step (a {@link UnitNormConstraint} over dimensions 1, 2, 3 of W, applied by DL4J
         * after each update). Default: false.
         */
        @Override
        public Builder normalizeWeights(boolean normalizeWeights) {
            this.normalizeWeights = normalizeWeights;
            return this;
        }

        /**
         * Direct mode: the rule applies {@code W += learningRate * dW} itself, independent of the
         * network's updater, regularization and minibatch division; {@code learningRate > 0}. Default:
         * off (not called), the network's updater takes the step.
         */
        @Override
        public Builder directStep(double learningRate) {
            this.directStepLearningRate = learningRate;
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public HebbianConvolutionLayer build() {
            String where = "HebbianConvolutionLayer" + (layerName == null ? "" : " \"" + layerName + "\"");
            HebbianValidation.checkSizes(where, nIn, nOut);
            requirePair(where, "kernelSize", kernelSize, 1);
            requirePair(where, "stride", stride, 1);
            requirePair(where, "padding", padding, 0);
            requirePair(where, "dilation", dilation, 1);
            HebbianValidation.checkComponents(where, rule, competition, homeostasis, normalizeWeights, nOut);
            HebbianValidation.checkRuleState(where, rule);
            HebbianValidation.checkDirectStep(where, directStepLearningRate);
            if (directStepLearningRate == null) {
                HebbianValidation.checkLearningRate(where, iupdater);
            }
            if (!normalizeWeights) {
                return new HebbianConvolutionLayer(this);
            }
            // The layer reads weightConstraints; the user's list is restored after (see withConstraint).
            // W is [nOut, nIn, kH, kW]: one norm per output channel, over its whole kernel.
            List<LayerConstraint> userConstraints = weightConstraints;
            weightConstraints = HebbianValidation.withConstraint(userConstraints, new UnitNormConstraint(1, 2, 3));
            try {
                return new HebbianConvolutionLayer(this);
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
