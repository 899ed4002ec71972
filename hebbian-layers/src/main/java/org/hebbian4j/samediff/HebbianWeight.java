package org.hebbian4j.samediff;

import org.hebbian4j.competition.Competition;
import org.hebbian4j.competition.PreActivationSimilarity;
import org.hebbian4j.competition.Similarity;
import org.hebbian4j.competition.SoftWta;
import org.hebbian4j.conf.LearningSettings;
import org.hebbian4j.homeostasis.Homeostasis;
import org.hebbian4j.homeostasis.NoHomeostasis;
import org.hebbian4j.rules.LearningRule;
import org.hebbian4j.rules.SoftHebbRule;

import java.util.Objects;

/**
 * A weight variable of a SameDiff graph that learns by a local rule: its name, the variable its rule
 * reads as input x, its pre-activation u, and the rule, similarity, competition and homeostasis (the
 * same classes as a {@link org.hebbian4j.conf.HebbianDenseLayer}'s). Immutable; {@link HebbianTraining#attach}
 * checks it against the graph.
 *
 * <p>Dense ({@link #dense}): W is {@code [nIn, nOut]} and {@code u = x W} ({@code x.mmul(W)}), x
 * {@code [batch, nIn]}, as DL4J's dense W; u has no bias (the rule sees b = 0). Convolutional
 * ({@link #convolution}): W is SameDiff's {@code conv2d} weight {@code [kH, kW, nIn, nOut]}, x NCHW and u
 * the output of {@code conv2d(x, W)} with the {@link ConvolutionGeometry}'s configuration (no bias); the
 * rule sees one row per sample and output position (the patches, unfolded as in a
 * {@link org.hebbian4j.conf.HebbianConvolutionLayer}).
 *
 * @param weight          the weight variable's name (a VARIABLE)
 * @param input           the rule's input x: a placeholder, a constant, or the output of
 *                        {@link StopGradients#of} (so that no gradient flows below the weight)
 * @param preActivation   u, the output of the op that multiplies {@code input} by {@code weight}
 * @param rule            the learning rule (unsupervised)
 * @param similarity      what the neurons compete on; default the pre-activation
 * @param competition     the competition that makes the rule's activity y; default {@code SoftWta(1.0)}
 * @param homeostasis     default none
 * @param normalizeWeights whether each neuron's weight vector is rescaled to unit L2 norm after every step
 * @param directStepLearningRate {@code > 0}: the step {@code W += rate * dW}; 0 (default): the rate of the
 *                        training configuration's {@code Sgd} updater at each iteration
 * @param geometry        the convolution's geometry, {@code null} for a dense weight
 */
public record HebbianWeight(String weight, String input, String preActivation, LearningRule rule,
                            Similarity similarity, Competition competition, Homeostasis homeostasis,
                            boolean normalizeWeights, double directStepLearningRate, ConvolutionGeometry geometry) {

    public HebbianWeight {
        Objects.requireNonNull(weight, "weight");
        Objects.requireNonNull(input, "HebbianWeight \"" + weight + "\": input");
        Objects.requireNonNull(preActivation, "HebbianWeight \"" + weight + "\": preActivation");
    }

    /** A dense weight {@code [nIn, nOut]} with {@code preActivation = input.mmul(weight)}; set its rule on the builder. */
    public static Builder dense(String weight, String input, String preActivation) {
        return new Builder(weight, input, preActivation, null);
    }

    /** A {@code conv2d} weight {@code [kH, kW, nIn, nOut]} with {@code preActivation = conv2d(input, weight)}. */
    public static Builder convolution(String weight, String input, String preActivation, ConvolutionGeometry geometry) {
        return new Builder(weight, input, preActivation, Objects.requireNonNull(geometry, "geometry"));
    }

    /** Whether the weight is a convolution's. */
    public boolean isConvolution() {
        return geometry != null;
    }

    /** How error messages name the weight. */
    public String describe() {
        return "Hebbian weight \"" + weight + "\"";
    }

    /**
     * The checked learning settings for {@code nOut} neurons (as a hidden Hebbian layer's: an unsupervised rule,
     * a competition and homeostasis that fit it).
     *
     * @throws IllegalArgumentException naming the weight and the field
     */
    LearningSettings settings(long nOut) {
        LearningSettings.Builder b = LearningSettings.builder(rule, competition).similarity(similarity)
                .homeostasis(homeostasis).normalizeWeights(normalizeWeights);
        if (directStepLearningRate != 0) {
            b.directStep(directStepLearningRate);
        }
        return b.buildUnsupervised(describe(), nOut);
    }

    /** Collects a {@link HebbianWeight}; defaults as a {@code HebbianDenseLayer}'s builder. */
    public static final class Builder {
        private final String weight;
        private final String input;
        private final String preActivation;
        private final ConvolutionGeometry geometry;
        private LearningRule rule = new SoftHebbRule();
        private Similarity similarity = new PreActivationSimilarity();
        private Competition competition = new SoftWta(1.0);
        private Homeostasis homeostasis = new NoHomeostasis();
        private boolean normalizeWeights = false;
        private double directStepLearningRate = 0;

        private Builder(String weight, String input, String preActivation, ConvolutionGeometry geometry) {
            this.geometry = geometry;
            this.weight = weight;
            this.input = input;
            this.preActivation = preActivation;
        }

        /** The learning rule. Default: {@link SoftHebbRule}. */
        public Builder rule(LearningRule rule) {
            this.rule = rule;
            return this;
        }

        /** What the neurons compete on. Default: the pre-activation. */
        public Builder similarity(Similarity similarity) {
            this.similarity = similarity;
            return this;
        }

        /** The competition. Default: {@code SoftWta(1.0)}. */
        public Builder competition(Competition competition) {
            this.competition = competition;
            return this;
        }

        /** Homeostasis; its state theta lives in a SameDiff variable. Default: none. */
        public Builder homeostasis(Homeostasis homeostasis) {
            this.homeostasis = homeostasis;
            return this;
        }

        /** Rescale each neuron's weights to unit L2 norm after every step. Default: false. */
        public Builder normalizeWeights(boolean normalizeWeights) {
            this.normalizeWeights = normalizeWeights;
            return this;
        }

        /** The weight's own step {@code W += learningRate * dW}, whatever the updater. Default: the Sgd updater's rate. */
        public Builder directStep(double learningRate) {
            this.directStepLearningRate = learningRate;
            return this;
        }

        public HebbianWeight build() {
            return new HebbianWeight(weight, input, preActivation, rule, similarity, competition, homeostasis,
                    normalizeWeights, directStepLearningRate, geometry);
        }
    }
}
