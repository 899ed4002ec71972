package org.hebbian4j.conf;

import org.hebbian4j.competition.Competition;
import org.hebbian4j.homeostasis.Homeostasis;
import org.hebbian4j.rules.LearningRule;

/**
 * The learning settings that the builders of the hidden Hebbian layers ({@link HebbianDenseLayer},
 * {@link HebbianConvolutionLayer}) share, so that code configuring either (e.g. a hyperparameter
 * search space) can set them through one type. Each method documents its default on the builders.
 *
 * @param <B> the builder
 */
public interface HebbianLearningBuilder<B extends HebbianLearningBuilder<B>> {

    B rule(LearningRule rule);

    B competition(Competition competition);

    B homeostasis(Homeostasis homeostasis);

    B normalizeWeights(boolean normalizeWeights);

    B directStep(double learningRate);
}
