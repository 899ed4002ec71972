package org.hebbian4j.conf;

import org.deeplearning4j.nn.conf.constraint.UnitNormConstraint;
import org.hebbian4j.competition.Competition;
import org.hebbian4j.competition.Similarity;
import org.hebbian4j.homeostasis.Homeostasis;
import org.hebbian4j.rules.LearningRule;

/**
 * The learning settings that the builders of the hidden Hebbian layers ({@link HebbianDenseLayer},
 * {@link HebbianConvolutionLayer}) share, written once: each builder only hands over its
 * {@link LearningSettings.Builder}. Code that configures either (e.g. a hyperparameter search
 * space) sets them through this type.
 *
 * @param <B> the builder
 */
public interface HebbianLearningBuilder<B extends HebbianLearningBuilder<B>> {

    /** The settings this builder collects. */
    LearningSettings.Builder learningSettings();

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /** The learning rule. Default: {@link org.hebbian4j.rules.SoftHebbRule}. */
    default B rule(LearningRule rule) {
        learningSettings().rule(rule);
        return self();
    }

    /**
     * What the neurons compete on, e.g. {@code new RaisedCosineSimilarity()} (Lagani et al.'s code).
     * Default: the pre-activations, {@link org.hebbian4j.competition.PreActivationSimilarity}.
     */
    default B similarity(Similarity similarity) {
        learningSettings().similarity(similarity);
        return self();
    }

    /**
     * The competition that turns pre-activations into the rule's activity (in a convolution, across
     * output channels at each position). Default: {@code SoftWta(1.0)}.
     */
    default B competition(Competition competition) {
        learningSettings().competition(competition);
        return self();
    }

    /**
     * Homeostasis against dead neurons (e.g. {@code new AdaptiveThreshold(0.5)}): shifts what the
     * competition sees by a per-neuron threshold kept as a non-trainable parameter "theta".
     * Default: {@link org.hebbian4j.homeostasis.NoHomeostasis}.
     */
    default B homeostasis(Homeostasis homeostasis) {
        learningSettings().homeostasis(homeostasis);
        return self();
    }

    /**
     * Rescale each neuron's weight vector (a convolution: its whole {@code nIn x kH x kW} kernel) to
     * unit L2 norm after every step (a {@link UnitNormConstraint} on W, applied by DL4J after each
     * update). Default: false.
     */
    default B normalizeWeights(boolean normalizeWeights) {
        learningSettings().normalizeWeights(normalizeWeights);
        return self();
    }

    /**
     * Divide each neuron's pre-activation by the norm of its weights in the layer's output,
     * {@code activation((x . w_i + b_i) / |w_i|)}: Lagani et al.'s forward pass, whose Hebbian
     * kernels are never normalized. Learning is not affected. Default: false.
     */
    default B normalizedForward(boolean normalizedForward) {
        learningSettings().normalizedForward(normalizedForward);
        return self();
    }

    /**
     * Direct mode ({@link LearningStep.Direct}): the layer applies {@code W += learningRate * dW}
     * itself, independent of the network's updater, regularization and minibatch division;
     * {@code learningRate > 0}. Default: off (not called), the network's updater takes the step.
     */
    default B directStep(double learningRate) {
        learningSettings().directStep(learningRate);
        return self();
    }
}
