package org.hebbian4j.arbiter;

import lombok.EqualsAndHashCode;
import org.deeplearning4j.arbiter.layers.FeedForwardLayerSpace;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.util.LeafUtils;
import org.hebbian4j.conf.HebbianDenseLayer;
import org.hebbian4j.registry.Components;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Arbiter's search space of a {@link HebbianDenseLayer}: the rule, competition and homeostasis are
 * chosen by name (as in {@link Components} and on the command line) from a {@link ParameterSpace} of
 * names, and any of their hyperparameters, the layer's weight normalization, its direct step and (as
 * for every Arbiter layer space) its sizes, activation, updater and learning rate are parameter
 * spaces too, so that a {@code MultiLayerSpace} or {@code ComputationGraphSpace} searches over them by
 * random or grid search.
 *
 * <pre>{@code
 * new HebbianDenseLayerSpace.Builder().nIn(784).nOut(500)
 *         .rule("instar")
 *         .competition(new DiscreteParameterSpace<>("wta", "kwta"))
 *         .hyperparameter("winners", new IntegerParameterSpace(2, 20))      // used when "kwta" is chosen
 *         .homeostasis("threshold")
 *         .hyperparameter("rate", new ContinuousParameterSpace(0.5, 20))
 *         .learningRate(new ContinuousParameterSpace(0.05, 1))             // Sgd(lr) steps W
 *         .activation(Activation.RELU)
 *         .build();
 * }</pre>
 *
 * <p>Hyperparameters are addressed as in {@link HebbianLearningSpace} (like {@code --set}); a key
 * that no registered component has is an error when the space is built. Defaults as in
 * {@link HebbianDenseLayer}: rule softhebb, competition softmax, no homeostasis.
 */
@EqualsAndHashCode(callSuper = true)
public class HebbianDenseLayerSpace extends FeedForwardLayerSpace<HebbianDenseLayer> {

    private static final long serialVersionUID = 1L;

    /** Rule, competition, homeostasis, their hyperparameters, normalizeWeights, direct step. */
    protected HebbianLearningSpace learning;

    /** For deserialization. */
    protected HebbianDenseLayerSpace() {
    }

    protected HebbianDenseLayerSpace(Builder builder) {
        super(builder);
        this.learning = builder.learning.build("HebbianDenseLayerSpace");
        this.numParameters = LeafUtils.countUniqueParameters(collectLeaves());
    }

    @Override
    public HebbianDenseLayer getValue(double[] parameterValues) {
        HebbianDenseLayer.Builder builder = new HebbianDenseLayer.Builder();
        setLayerOptionsBuilder(builder, parameterValues);
        return builder.build();
    }

    protected void setLayerOptionsBuilder(HebbianDenseLayer.Builder builder, double[] values) {
        super.setLayerOptionsBuilder(builder, values);
        learning.getValue(values).applyTo(builder);
    }

    /**
     * The values a candidate's flat parameters give the searched settings of this layer (those whose
     * space is not fixed): nOut, component names, the hyperparameters that apply to the chosen
     * components, weight normalization, direct step and the updater's learning rate, in that order.
     * For result tables.
     */
    public Map<String, Object> describe(double[] values) {
        Map<String, Object> out = new LinkedHashMap<>();
        SearchedValues.putIfSearched(out, "nOut", nOut, values);
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
        return "HebbianDenseLayerSpace(" + learning.toString(delim) + delim + super.toString(delim) + ")";
    }

    /** Builder in Arbiter's style; every setting takes a fixed value or a {@link ParameterSpace}. */
    public static class Builder extends FeedForwardLayerSpace.Builder<Builder>
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
        public HebbianDenseLayerSpace build() {
            return new HebbianDenseLayerSpace(this);
        }
    }
}
