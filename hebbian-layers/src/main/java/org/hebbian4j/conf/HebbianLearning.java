package org.hebbian4j.conf;

import org.hebbian4j.competition.Competition;
import org.hebbian4j.competition.Similarity;
import org.hebbian4j.homeostasis.Homeostasis;
import org.hebbian4j.rules.LearningRule;
import org.nd4j.shade.jackson.annotation.JsonIgnore;

/**
 * What every layer configuration that learns by a local rule offers: its {@link LearningSettings}
 * and, read from them, the rule, competition, homeostasis and step. Implemented by
 * {@link HebbianDenseLayer}, {@link HebbianConvolutionLayer} and {@link HebbianOutputLayer}, so
 * that their implementations, the statistics listener and the hyperparameter spaces read one type.
 *
 * <p>The getters and setters of the settings' parts are also the layer's JSON: a configuration
 * saves {@code rule}, {@code similarity}, {@code competition}, {@code homeostasis}, {@code normalizeWeights}, {@code normalizedForward} and
 * {@code directStepLearningRate} (0 for the updater's step) at the layer's level, and reading them
 * back sets them one by one, starting from the builder's defaults (the layer's no-argument
 * constructor), so that a key missing from the JSON keeps its default. As DL4J's own setters, these
 * check nothing: the layer checks its settings when DL4J instantiates it.
 */
public interface HebbianLearning {

    /** The learning settings, one immutable value. */
    @JsonIgnore
    LearningSettings getLearning();

    /** Replaces the learning settings. */
    @JsonIgnore
    void setLearning(LearningSettings learning);

    /** Neurons (output units or channels). */
    long getNOut();

    /** Width of the rows the rule sees: nIn for a dense layer, nIn * kH * kW for a convolution. */
    long ruleInputWidth();

    /** The layer's type, index and name for error messages, e.g. {@code HebbianDenseLayer (index 0, name "h1")}. */
    String describe(int layerIndex);

    default LearningRule getRule() {
        return getLearning().rule();
    }

    default void setRule(LearningRule rule) {
        setLearning(getLearning().withRule(rule));
    }

    default Similarity getSimilarity() {
        return getLearning().similarity();
    }

    default void setSimilarity(Similarity similarity) {
        setLearning(getLearning().withSimilarity(similarity));
    }

    default Competition getCompetition() {
        return getLearning().competition();
    }

    default void setCompetition(Competition competition) {
        setLearning(getLearning().withCompetition(competition));
    }

    default Homeostasis getHomeostasis() {
        return getLearning().homeostasis();
    }

    default void setHomeostasis(Homeostasis homeostasis) {
        setLearning(getLearning().withHomeostasis(homeostasis));
    }

    /** Whether each neuron's weights are rescaled to unit L2 norm after every step. */
    default boolean isNormalizeWeights() {
        return getLearning().normalizeWeights();
    }

    /** See {@link LearningSettings#withNormalizeWeights(boolean)}: the layer's unit-norm constraint is set by its builder. */
    default void setNormalizeWeights(boolean normalizeWeights) {
        setLearning(getLearning().withNormalizeWeights(normalizeWeights));
    }

    /** See {@link LearningSettings#normalizedForward()}. */
    default boolean isNormalizedForward() {
        return getLearning().normalizedForward();
    }

    default void setNormalizedForward(boolean normalizedForward) {
        setLearning(getLearning().withNormalizedForward(normalizedForward));
    }

    @JsonIgnore
    default LearningStep getStep() {
        return getLearning().step();
    }

    /** Whether the layer takes its own step ({@link LearningStep.Direct}). */
    @JsonIgnore
    default boolean isDirectStep() {
        return getStep().isDirect();
    }

    /** The direct step's learning rate, 0 when the network's updater takes the step. */
    default double getDirectStepLearningRate() {
        return getStep().directStepLearningRate();
    }

    /** A positive rate: the layer's direct step; 0: the network's updater takes the step. */
    default void setDirectStepLearningRate(double learningRate) {
        setLearning(getLearning().withStep(LearningStep.fromDirectStepLearningRate(learningRate)));
    }

    /**
     * Whether DL4J's updater and regularization apply to the parameter: only to the weights W (not
     * to the bias, which keeps its initial value, nor to state), and only under the updater's step.
     * Hidden layers only; an output layer's rule also learns its bias.
     */
    default boolean updatedByNetwork(String paramName) {
        return "W".equals(paramName) && !isDirectStep();
    }
}
