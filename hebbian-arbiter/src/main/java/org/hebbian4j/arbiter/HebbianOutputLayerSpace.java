package org.hebbian4j.arbiter;

import lombok.EqualsAndHashCode;
import org.deeplearning4j.arbiter.layers.BaseOutputLayerSpace;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.FixedValue;
import org.deeplearning4j.arbiter.util.LeafUtils;
import org.hebbian4j.conf.HebbianOutputLayer;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Arbiter's search space of a {@link HebbianOutputLayer}, the output layer trained by a supervised
 * local rule (by default the supervised Hebbian classifier, "supervised-hebb"): the rule by name and
 * its hyperparameters as in {@link HebbianLearningSpace}, the max-norm clipping of each class unit's
 * weights, the direct step, and (as in Arbiter's {@code OutputLayerSpace}) loss, bias, activation,
 * updater and learning rate, each a fixed value or a {@link ParameterSpace}.
 *
 * <pre>{@code
 * new HebbianOutputLayerSpace.Builder().nIn(2000).nOut(10)
 *         .maxNorm(new ContinuousParameterSpace(0.5, 4))
 *         .learningRate(new ContinuousParameterSpace(1e-3, 1e-1))
 *         .build();                                   // softmax, MCXENT (for score()), supervised-hebb
 * }</pre>
 *
 * <p>Settings not given keep the layer's defaults: softmax activation, MCXENT loss (used for the
 * score only; learning is by the rule), no max-norm, the updater takes the step.
 */
@EqualsAndHashCode(callSuper = true)
public class HebbianOutputLayerSpace extends BaseOutputLayerSpace<HebbianOutputLayer> {

    private static final long serialVersionUID = 1L;

    /** The rule, its hyperparameters and the direct step. */
    protected HebbianLearningSpace learning;
    protected ParameterSpace<Double> maxNorm;

    /** For deserialization. */
    protected HebbianOutputLayerSpace() {
    }

    protected HebbianOutputLayerSpace(Builder builder) {
        super(builder);
        this.learning = builder.learning.build("HebbianOutputLayerSpace");
        this.maxNorm = builder.maxNorm;
        this.numParameters = LeafUtils.countUniqueParameters(collectLeaves());
    }

    @Override
    public HebbianOutputLayer getValue(double[] parameterValues) {
        HebbianOutputLayer.Builder builder = new HebbianOutputLayer.Builder();
        setLayerOptionsBuilder(builder, parameterValues);
        return builder.build();
    }

    protected void setLayerOptionsBuilder(HebbianOutputLayer.Builder builder, double[] values) {
        super.setLayerOptionsBuilder(builder, values);
        HebbianLearningSpace.Choice choice = learning.getValue(values);
        builder.rule(choice.rule());
        if (choice.directStep() != null) {
            builder.directStep(choice.directStep());
        }
        if (maxNorm != null) {
            builder.maxNorm(maxNorm.getValue(values));
        }
    }

    /**
     * The values a candidate's flat parameters give the searched settings of this layer (those whose
     * space is not fixed): the rule and its hyperparameters, the direct step, max-norm and the
     * updater's learning rate, in that order. For result tables.
     */
    public Map<String, Object> describe(double[] values) {
        Map<String, Object> out = new LinkedHashMap<>();
        learning.describe(values, out);
        SearchedValues.putIfSearched(out, "maxNorm", maxNorm, values);
        SearchedValues.putUpdater(out, updater, values);
        return out;
    }

    public HebbianLearningSpace getLearning() {
        return learning;
    }

    public ParameterSpace<Double> getMaxNorm() {
        return maxNorm;
    }

    @Override
    public String toString() {
        return "HebbianOutputLayerSpace(" + learning + (maxNorm == null ? "" : ", maxNorm: " + maxNorm)
                + ", " + super.toString() + ")";
    }

    /** Builder in Arbiter's style; every setting takes a fixed value or a {@link ParameterSpace}. */
    public static class Builder extends BaseOutputLayerSpace.Builder<Builder> implements RuleSpaceBuilder<Builder> {

        private final HebbianLearningSpace.Builder learning = HebbianLearningSpace.Builder.outputLayer();
        private ParameterSpace<Double> maxNorm;

        @Override
        public HebbianLearningSpace.Builder learning() {
            return learning;
        }

        /** Maximum L2 norm of each class unit's weights after every step. Default: the layer's (none). */
        public Builder maxNorm(double maxNorm) {
            return maxNorm(new FixedValue<>(maxNorm));
        }

        public Builder maxNorm(ParameterSpace<Double> maxNorm) {
            this.maxNorm = maxNorm;
            return this;
        }

        /**
         * @throws IllegalArgumentException for a hyperparameter key that no registered rule has
         */
        @Override
        @SuppressWarnings("unchecked")
        public HebbianOutputLayerSpace build() {
            return new HebbianOutputLayerSpace(this);
        }
    }
}
