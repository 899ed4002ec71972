package org.hebbian4j.arbiter;

import lombok.EqualsAndHashCode;
import org.deeplearning4j.arbiter.layers.BaseConvolutionLayerSpace;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.util.LeafUtils;
import org.hebbian4j.conf.HebbianConvolutionLayer;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Arbiter's search space of a {@link HebbianConvolutionLayer}: the convolution's geometry as in
 * Arbiter's {@code ConvolutionLayerSpace} (kernel size, stride, padding, dilation, convolution mode,
 * bias: each a fixed value or a {@link ParameterSpace} of {@code int[]} / values), and how it learns
 * as in {@link HebbianDenseLayerSpace} (rule, competition and homeostasis by name, their
 * hyperparameters, weight normalization, direct step, updater and learning rate), so that a
 * {@code MultiLayerSpace} or {@code ComputationGraphSpace} searches over both.
 *
 * <pre>{@code
 * new HebbianConvolutionLayerSpace.Builder().nOut(new IntegerParameterSpace(32, 96))
 *         .kernelSize(new DiscreteParameterSpace<>(new int[]{3, 3}, new int[]{5, 5}))
 *         .rule("instar").competition("kwta")
 *         .hyperparameter("winners", new IntegerParameterSpace(1, 8))
 *         .learningRate(new ContinuousParameterSpace(1e-3, 1e-1))
 *         .activation(Activation.RELU)
 *         .build();
 * }</pre>
 *
 * <p>The competition runs across output channels at each position (see the layer). Settings not
 * given keep the layer's defaults: kernel 5x5, stride 1, padding 0, dilation 1, the network's
 * convolution mode, rule softhebb, competition softmax, no homeostasis. nIn may be left out when the
 * network space has an input type.
 */
@EqualsAndHashCode(callSuper = true)
public class HebbianConvolutionLayerSpace extends BaseConvolutionLayerSpace<HebbianConvolutionLayer> {

    private static final long serialVersionUID = 1L;

    /** Rule, competition, homeostasis, their hyperparameters, normalizeWeights, direct step. */
    protected HebbianLearningSpace learning;

    /** For deserialization. */
    protected HebbianConvolutionLayerSpace() {
    }

    protected HebbianConvolutionLayerSpace(Builder builder) {
        super(builder);
        this.learning = builder.learning.build("HebbianConvolutionLayerSpace");
        this.numParameters = LeafUtils.countUniqueParameters(collectLeaves());
    }

    @Override
    public HebbianConvolutionLayer getValue(double[] parameterValues) {
        HebbianConvolutionLayer.Builder builder = new HebbianConvolutionLayer.Builder();
        setLayerOptionsBuilder(builder, parameterValues);
        return builder.build();
    }

    protected void setLayerOptionsBuilder(HebbianConvolutionLayer.Builder builder, double[] values) {
        super.setLayerOptionsBuilder(builder, values);
        learning.getValue(values).applyTo(builder);
    }

    /**
     * The values a candidate's flat parameters give the searched settings of this layer (those whose
     * space is not fixed): nOut, kernel size, stride, padding, dilation (as lists), convolution mode,
     * then as {@link HebbianDenseLayerSpace#describe}: component names, the hyperparameters that apply
     * to the chosen components, weight normalization, direct step and the updater's learning rate.
     */
    public Map<String, Object> describe(double[] values) {
        Map<String, Object> out = new LinkedHashMap<>();
        SearchedValues.putIfSearched(out, "nOut", nOut, values);
        SearchedValues.putIfSearched(out, "kernelSize", kernelSize, values);
        SearchedValues.putIfSearched(out, "stride", stride, values);
        SearchedValues.putIfSearched(out, "padding", padding, values);
        SearchedValues.putIfSearched(out, "dilation", dilation, values);
        SearchedValues.putIfSearched(out, "convolutionMode", convolutionMode, values);
        learning.describe(values, out);
        SearchedValues.putUpdater(out, updater, values);
        return out;
    }

    /** The learning settings' space (rule, competition, homeostasis, hyperparameters, ...). */
    public HebbianLearningSpace getLearning() {
        return learning;
    }

    @Override
    public String toString() {
        return toString(", ");
    }

    @Override
    public String toString(String delim) {
        return "HebbianConvolutionLayerSpace(" + learning.toString(delim) + delim + super.toString(delim) + ")";
    }

    /** Builder in Arbiter's style; every setting takes a fixed value or a {@link ParameterSpace}. */
    public static class Builder extends BaseConvolutionLayerSpace.Builder<Builder>
            implements HebbianLayerSpaceBuilder<Builder> {

        private final HebbianLearningSpace.Builder learning = HebbianLearningSpace.Builder.hiddenLayer();

        @Override
        public HebbianLearningSpace.Builder learning() {
            return learning;
        }

        /**
         * @throws IllegalArgumentException for a hyperparameter key that no registered component of the
         *                                  addressed kind has, naming the key and the known ones
         */
        @Override
        @SuppressWarnings("unchecked")
        public HebbianConvolutionLayerSpace build() {
            return new HebbianConvolutionLayerSpace(this);
        }
    }
}
