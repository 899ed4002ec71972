package org.hebbian4j.arbiter;

import lombok.EqualsAndHashCode;
import org.deeplearning4j.arbiter.conf.updater.SgdSpace;
import org.deeplearning4j.arbiter.layers.BaseOutputLayerSpace;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.FixedValue;
import org.deeplearning4j.arbiter.util.LeafUtils;
import org.hebbian4j.conf.HebbianDescentOutputLayer;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Arbiter's search space of a {@link HebbianDescentOutputLayer} (Hebbian descent: gradient descent on
 * the layer's loss without the activation's derivative): whether the input is centered, the
 * centering mean's momentum, the direct step, and (as in Arbiter's {@code OutputLayerSpace}) loss,
 * bias, activation, updater and learning rate, each a fixed value or a {@link ParameterSpace}.
 *
 * <pre>{@code
 * new HebbianDescentOutputLayerSpace.Builder().nIn(784).nOut(10)
 *         .centering(new DiscreteParameterSpace<>(true, false))
 *         .centeringMomentum(new ContinuousParameterSpace(0.9, 0.999))   // used when centering
 *         .learningRate(new ContinuousParameterSpace(1e-3, 1))
 *         .build();                                            // sigmoid, MSE
 * }</pre>
 *
 * <p>{@link Builder#centeringMomentum} turns centering on (unless {@link Builder#centering} searches
 * over on and off). Settings not given keep the layer's defaults: sigmoid activation, MSE loss, no
 * centering, the updater takes the step.
 */
@EqualsAndHashCode(callSuper = true)
public class HebbianDescentOutputLayerSpace extends BaseOutputLayerSpace<HebbianDescentOutputLayer> {

    private static final long serialVersionUID = 1L;

    /** Whether to center; null: centered exactly when a momentum is given. */
    protected ParameterSpace<Boolean> centering;
    protected ParameterSpace<Double> centeringMomentum;
    protected ParameterSpace<Double> directStep;

    /** For deserialization. */
    protected HebbianDescentOutputLayerSpace() {
    }

    protected HebbianDescentOutputLayerSpace(Builder builder) {
        super(builder);
        this.centering = builder.centering;
        this.centeringMomentum = builder.centeringMomentum;
        this.directStep = builder.directStep;
        this.numParameters = LeafUtils.countUniqueParameters(collectLeaves());
    }

    @Override
    public HebbianDescentOutputLayer getValue(double[] parameterValues) {
        HebbianDescentOutputLayer.Builder builder = new HebbianDescentOutputLayer.Builder();
        setLayerOptionsBuilder(builder, parameterValues);
        return builder.build();
    }

    protected void setLayerOptionsBuilder(HebbianDescentOutputLayer.Builder builder, double[] values) {
        super.setLayerOptionsBuilder(builder, values);
        if (isCentered(values)) {
            builder.centering(centeringMomentum.getValue(values));
        }
        if (directStep != null) {
            builder.directStep(directStep.getValue(values));
        }
    }

    private boolean isCentered(double[] values) {
        return centeringMomentum != null && (centering == null || centering.getValue(values));
    }

    /**
     * The values a candidate's flat parameters give the searched settings of this layer (those whose
     * space is not fixed): centering, its momentum (when centered), the direct step and the updater's
     * learning rate, in that order. For result tables.
     */
    public Map<String, Object> describe(double[] values) {
        Map<String, Object> out = new LinkedHashMap<>();
        SearchedValues.putIfSearched(out, "centering", centering, values);
        if (isCentered(values)) {
            SearchedValues.putIfSearched(out, "centeringMomentum", centeringMomentum, values);
        }
        SearchedValues.putIfSearched(out, "directStep", directStep, values);
        SearchedValues.putUpdater(out, updater, values);
        return out;
    }

    public ParameterSpace<Boolean> getCentering() {
        return centering;
    }

    public ParameterSpace<Double> getCenteringMomentum() {
        return centeringMomentum;
    }

    public ParameterSpace<Double> getDirectStep() {
        return directStep;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("HebbianDescentOutputLayerSpace(");
        if (centering != null) {
            sb.append("centering: ").append(centering).append(", ");
        }
        if (centeringMomentum != null) {
            sb.append("centeringMomentum: ").append(centeringMomentum).append(", ");
        }
        if (directStep != null) {
            sb.append("directStep: ").append(directStep).append(", ");
        }
        return sb.append(super.toString()).append(")").toString();
    }

    /** Builder in Arbiter's style; every setting takes a fixed value or a {@link ParameterSpace}. */
    public static class Builder extends BaseOutputLayerSpace.Builder<Builder> {
        private ParameterSpace<Boolean> centering;
        private ParameterSpace<Double> centeringMomentum;
        private ParameterSpace<Double> directStep;

        /**
         * Whether the input is centered, e.g. {@code new DiscreteParameterSpace<>(true, false)}; needs
         * {@link #centeringMomentum}. Default: centered exactly when a momentum is given.
         */
        public Builder centering(ParameterSpace<Boolean> centering) {
            this.centering = centering;
            return this;
        }

        /** Center the input by its running mean with this momentum m in [0, 1] (1 keeps mu fixed). */
        public Builder centeringMomentum(double momentum) {
            return centeringMomentum(new FixedValue<>(momentum));
        }

        public Builder centeringMomentum(ParameterSpace<Double> momentum) {
            this.centeringMomentum = momentum;
            return this;
        }

        /** Direct mode with a learning rate from {@code learningRate}. Default: off (the updater takes the step). */
        public Builder directStep(ParameterSpace<Double> learningRate) {
            this.directStep = learningRate;
            return this;
        }

        /** Shorthand for {@code updater(new SgdSpace(learningRate))}: the step {@code W += lr dW}. */
        public Builder learningRate(ParameterSpace<Double> learningRate) {
            return updater(new SgdSpace(learningRate));
        }

        /** @throws IllegalArgumentException for {@code centering} without {@code centeringMomentum} */
        @Override
        @SuppressWarnings("unchecked")
        public HebbianDescentOutputLayerSpace build() {
            if (centering != null && centeringMomentum == null) {
                throw new IllegalArgumentException("HebbianDescentOutputLayerSpace: centering needs centeringMomentum "
                        + "(the momentum m of the running mean, in [0, 1])");
            }
            return new HebbianDescentOutputLayerSpace(this);
        }
    }
}
