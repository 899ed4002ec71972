package org.hebbian4j.conf;

import lombok.EqualsAndHashCode;
import lombok.ToString;
import org.hebbian4j.competition.Competition;
import org.hebbian4j.competition.NoCompetition;
import org.hebbian4j.competition.PreActivationSimilarity;
import org.hebbian4j.competition.Similarity;
import org.hebbian4j.competition.SoftWta;
import org.hebbian4j.homeostasis.Homeostasis;
import org.hebbian4j.homeostasis.NoHomeostasis;
import org.hebbian4j.rules.LearningRule;
import org.hebbian4j.rules.SoftHebbRule;
import org.hebbian4j.rules.StatefulRule;
import org.nd4j.linalg.learning.config.IUpdater;

import java.io.Serializable;

/**
 * What every Hebbian layer configuration learns with, written once: the rule, the similarity the
 * neurons compete on (by default the pre-activations), the competition that turns it into the rule's
 * activity, the homeostasis against dead neurons, whether the
 * weights are rescaled to unit norm after every step, and the {@link LearningStep}. Immutable; a
 * layer configuration holds one ({@link HebbianLearning#getLearning()}), and its builder fills a
 * {@link Builder} ({@link HebbianLearningBuilder}).
 *
 * <p>In a layer's JSON the settings stay flat: the keys {@code rule}, {@code similarity}, {@code competition},
 * {@code homeostasis}, {@code normalizeWeights}, {@code normalizedForward} and {@code directStepLearningRate} stand at the
 * layer's level, as before the settings were one value (read and written through the bean
 * properties of {@link HebbianLearning}), so saved configurations and models load unchanged.
 */
@EqualsAndHashCode
@ToString
public final class LearningSettings implements Serializable {

    private LearningRule rule;
    private Similarity similarity;
    private Competition competition;
    private Homeostasis homeostasis;
    private boolean normalizeWeights;
    private boolean normalizedForward;
    private LearningStep step;

    private LearningSettings(LearningRule rule, Similarity similarity, Competition competition, Homeostasis homeostasis,
                             boolean normalizeWeights, boolean normalizedForward, LearningStep step) {
        this.rule = rule;
        this.similarity = similarity;
        this.competition = competition;
        this.homeostasis = homeostasis;
        this.normalizeWeights = normalizeWeights;
        this.normalizedForward = normalizedForward;
        this.step = step;
    }

    /** The defaults of the hidden layers' builders: SoftHebb, {@code SoftWta(1.0)}, no homeostasis, the updater's step. */
    static LearningSettings hiddenDefaults() {
        return new LearningSettings(new SoftHebbRule(), new PreActivationSimilarity(), new SoftWta(1.0), new NoHomeostasis(),
                false, false, LearningStep.updater());
    }

    /** A builder starting from the given rule and competition, no homeostasis, no normalization, the updater's step. */
    public static Builder builder(LearningRule rule, Competition competition) {
        return new Builder(rule, competition);
    }

    public LearningRule rule() {
        return rule;
    }

    /** What the neurons compete on. Default: the pre-activations ({@link PreActivationSimilarity}). */
    public Similarity similarity() {
        return similarity;
    }

    public Competition competition() {
        return competition;
    }

    public Homeostasis homeostasis() {
        return homeostasis;
    }

    public boolean normalizeWeights() {
        return normalizeWeights;
    }

    /**
     * Whether the layer's output divides each neuron's pre-activation by the norm of its weights,
     * {@code activation((x . w_i + b_i) / |w_i|)} (a zero norm counts as 1): the projection on the
     * weight direction of Lagani et al.'s code. Learning is not affected. Default: false.
     */
    public boolean normalizedForward() {
        return normalizedForward;
    }

    public LearningStep step() {
        return step;
    }

    /** These settings with another rule; nothing is checked (as DL4J's setters, the layer checks at instantiation). */
    public LearningSettings withRule(LearningRule newRule) {
        return new LearningSettings(newRule, similarity, competition, homeostasis, normalizeWeights, normalizedForward, step);
    }

    /** These settings with another similarity; nothing is checked. */
    public LearningSettings withSimilarity(Similarity newSimilarity) {
        return new LearningSettings(rule, newSimilarity, competition, homeostasis, normalizeWeights, normalizedForward, step);
    }

    /** These settings with another competition; nothing is checked. */
    public LearningSettings withCompetition(Competition newCompetition) {
        return new LearningSettings(rule, similarity, newCompetition, homeostasis, normalizeWeights, normalizedForward, step);
    }

    /** These settings with another homeostasis; nothing is checked. */
    public LearningSettings withHomeostasis(Homeostasis newHomeostasis) {
        return new LearningSettings(rule, similarity, competition, newHomeostasis, normalizeWeights, normalizedForward, step);
    }

    /**
     * These settings with unit-norm rescaling on or off. The constraint itself is on the layer
     * ({@code UnitNormConstraint}, added by its builder): this flag alone does not add or remove it.
     */
    public LearningSettings withNormalizeWeights(boolean newNormalizeWeights) {
        return new LearningSettings(rule, similarity, competition, homeostasis, newNormalizeWeights, normalizedForward, step);
    }

    /** These settings with the normalized forward pass on or off. */
    public LearningSettings withNormalizedForward(boolean newNormalizedForward) {
        return new LearningSettings(rule, similarity, competition, homeostasis, normalizeWeights, newNormalizedForward, step);
    }

    /** These settings with another step. */
    public LearningSettings withStep(LearningStep newStep) {
        return new LearningSettings(rule, similarity, competition, homeostasis, normalizeWeights, normalizedForward, newStep);
    }

    /**
     * The settings as a layer's builder collects them; {@code build...} checks them, naming the
     * layer, and makes the immutable value.
     */
    public static final class Builder {
        private LearningRule rule;
        private Similarity similarity = new PreActivationSimilarity();
        private Competition competition;
        /** Whether {@link #competition} was set, not the layer type's default. */
        private boolean competitionSet = false;
        private Homeostasis homeostasis = new NoHomeostasis();
        private boolean normalizeWeights = false;
        private boolean normalizedForward = false;
        /** null: the updater's step. */
        private Double directStepLearningRate = null;

        private Builder(LearningRule rule, Competition competition) {
            this.rule = rule;
            this.competition = competition;
        }

        public Builder rule(LearningRule rule) {
            this.rule = rule;
            return this;
        }

        public Builder similarity(Similarity similarity) {
            this.similarity = similarity;
            return this;
        }

        public Builder competition(Competition competition) {
            this.competition = competition;
            this.competitionSet = true;
            return this;
        }

        public Builder homeostasis(Homeostasis homeostasis) {
            this.homeostasis = homeostasis;
            return this;
        }

        public Builder normalizeWeights(boolean normalizeWeights) {
            this.normalizeWeights = normalizeWeights;
            return this;
        }

        public Builder normalizedForward(boolean normalizedForward) {
            this.normalizedForward = normalizedForward;
            return this;
        }

        public Builder directStep(double learningRate) {
            this.directStepLearningRate = learningRate;
            return this;
        }

        public boolean normalizeWeights() {
            return normalizeWeights;
        }

        /**
         * The settings of a hidden layer (unsupervised rule, any competition and homeostasis), checked
         * against its nOut and, for the updater's step, the builder's updater (null: the network's,
         * checked when the layer is instantiated).
         */
        LearningSettings buildHidden(String where, long nOut, IUpdater updater) {
            HebbianValidation.checkOwnedCompetition(where, rule, similarity, competition, competitionSet, homeostasis);
            // A rule that ranks the neurons itself gets no competition of the layer type's default.
            Competition layerCompetition = rule != null && rule.ownsCompetition() && !competitionSet
                    ? new NoCompetition() : competition;
            HebbianValidation.checkComponents(where, rule, layerCompetition, homeostasis, normalizeWeights, nOut);
            HebbianValidation.checkRuleState(where, rule);
            return withStep(where, updater, layerCompetition);
        }

        /**
         * The settings of an unsupervised weight outside a DL4J layer (a SameDiff weight): the same checks
         * as a hidden layer's, messages starting with {@code where}; the updater's learning rate is checked
         * by whoever applies the step.
         *
         * @throws IllegalArgumentException naming {@code where} and the field
         */
        public LearningSettings buildUnsupervised(String where, long nOut) {
            return buildHidden(where, nOut, null);
        }

        /** The settings of an output layer: a supervised rule, no competition, homeostasis or normalization. */
        LearningSettings buildOutput(String where) {
            if (rule == null) {
                throw new IllegalArgumentException(where + ": rule must not be null");
            }
            if (!rule.requiresTargets()) {
                throw new IllegalArgumentException(where + ": rule " + rule.name() + " is unsupervised and would"
                        + " ignore the labels; an output layer needs a supervised rule (e.g. SupervisedHebbRule),"
                        + " unsupervised rules belong in a HebbianDenseLayer");
            }
            if (rule instanceof StatefulRule) {
                throw new IllegalArgumentException(where + ": rule " + rule.name()
                        + " keeps state between batches, which HebbianOutputLayer does not support");
            }
            return withStep(where, null, competition);
        }

        private LearningSettings withStep(String where, IUpdater updater, Competition competition) {
            HebbianValidation.checkDirectStep(where, directStepLearningRate);
            if (directStepLearningRate == null) {
                HebbianValidation.checkLearningRate(where, updater);
            }
            LearningStep step = directStepLearningRate == null ? LearningStep.updater()
                    : LearningStep.direct(directStepLearningRate);
            if (similarity == null) {
                throw new IllegalArgumentException(where + ": similarity must not be null (use PreActivationSimilarity)");
            }
            return new LearningSettings(rule, similarity, competition, homeostasis, normalizeWeights, normalizedForward, step);
        }
    }
}
