package org.hebbian4j.conf;

import org.hebbian4j.competition.Competition;
import org.hebbian4j.homeostasis.Homeostasis;
import org.hebbian4j.rules.LearningRule;

/**
 * What every layer that learns by a local rule is configured with: the rule, the competition, the
 * homeostasis and how the step is taken. Implemented by {@link HebbianDenseLayer} and
 * {@link HebbianConvolutionLayer}, so that their implementations share one learning step.
 */
public interface HebbianLearning {

    LearningRule getRule();

    Competition getCompetition();

    Homeostasis getHomeostasis();

    /** Whether the rule applies its own step (NoOp updater; {@link #getDirectStepLearningRate()}). */
    boolean isDirectStep();

    double getDirectStepLearningRate();

    /** Neurons (output units or channels). */
    long getNOut();

    /** Width of the rows the rule sees: nIn for a dense layer, nIn * kH * kW for a convolution. */
    long ruleInputWidth();

    /** The layer's name and index for error messages. */
    String describe(int layerIndex);
}
