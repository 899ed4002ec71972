package org.hebbian4j.conf;

import org.deeplearning4j.nn.api.layers.LayerConstraint;
import org.deeplearning4j.nn.conf.constraint.UnitNormConstraint;
import org.hebbian4j.rules.RuleState;
import org.hebbian4j.rules.StatefulRule;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.deeplearning4j.nn.conf.inputs.InputType;
import org.hebbian4j.competition.Competition;
import org.hebbian4j.competition.NoCompetition;
import org.hebbian4j.competition.PreActivationSimilarity;
import org.hebbian4j.competition.Similarity;
import org.hebbian4j.homeostasis.NoHomeostasis;
import org.hebbian4j.homeostasis.Homeostasis;
import org.hebbian4j.rules.LearningRule;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * Checks shared by the Hebbian layers' builders and {@code instantiate}: every failure is an
 * {@link IllegalArgumentException} whose message starts with the layer ({@code where}) and names the
 * field and the offending value.
 */
final class HebbianValidation {

    private HebbianValidation() {
    }

    /** nOut is set and positive; nIn is positive, or 0 for "set it from the input type". */
    static void checkSizes(String where, long nIn, long nOut) {
        if (nOut <= 0) {
            throw new IllegalArgumentException(where + ": nOut must be > 0, got " + nOut);
        }
        if (nIn < 0) {
            throw new IllegalArgumentException(where + ": nIn must be > 0 (or unset, to infer it from the input type), got " + nIn);
        }
    }

    /**
     * The user's weight constraints plus {@code extra}, as a new list: builders pass it to the layer
     * and keep their own list, so that a second {@code build()} does not add {@code extra} twice.
     */
    static List<LayerConstraint> withConstraint(List<LayerConstraint> user, LayerConstraint extra) {
        List<LayerConstraint> all = user == null ? new ArrayList<>() : new ArrayList<>(user);
        all.add(extra);
        return all;
    }

    /**
     * {@code constraints}, plus {@code unitNorm} on W when the layer normalizes its weights and the list has no
     * unit-norm constraint: what a Hebbian layer's {@code setConstraints} keeps. DL4J's {@code FrozenLayer},
     * read from JSON, hands its inner layer its own constraints (none), which would otherwise drop the
     * normalization of a frozen layer saved and restored (and then unfrozen).
     */
    static List<LayerConstraint> keepingUnitNorm(List<LayerConstraint> constraints, LearningSettings learning,
                                                 UnitNormConstraint unitNorm) {
        boolean normalized = learning != null && learning.normalizeWeights();
        if (!normalized || (constraints != null && constraints.stream().anyMatch(c -> c instanceof UnitNormConstraint))) {
            return constraints;
        }
        unitNorm.setParams(new HashSet<>(List.of("W")));
        return withConstraint(constraints, unitNorm);
    }

    /** The rule, competition and homeostasis are set and fit together and a layer of {@code nOut} neurons. */
    static void checkComponents(String where, LearningRule rule, Competition competition, Homeostasis homeostasis,
                                boolean normalizeWeights, long nOut) {
        if (rule == null) {
            throw new IllegalArgumentException(where + ": rule must not be null");
        }
        if (competition == null) {
            throw new IllegalArgumentException(where + ": competition must not be null");
        }
        if (homeostasis == null) {
            throw new IllegalArgumentException(where + ": homeostasis must not be null (use NoHomeostasis)");
        }
        if (rule.requiresTargets()) {
            throw new IllegalArgumentException(where + ": rule " + rule.name()
                    + " is supervised and needs labels; a hidden Hebbian layer receives none");
        }
        if (rule.requiresNormalizedWeights() && !normalizeWeights) {
            throw new IllegalArgumentException(where + ": rule " + rule.name()
                    + " is defined with unit-norm weights; set normalizeWeights(true)");
        }
        if (homeostasis.scalesWeights() && normalizeWeights) {
            throw new IllegalArgumentException(where + ": homeostasis " + homeostasis.name()
                    + " rescales each neuron's weights, which normalizeWeights(true) would undo after every step;"
                    + " use one of them");
        }
        competition.validateFor(nOut, where);
        rule.validateFor(nOut, where);
    }

    /**
     * A rule that ranks the neurons itself ({@link LearningRule#ownsCompetition()}) would ignore the
     * layer's similarity, competition and homeostasis: they must be left at their defaults (a
     * competition explicitly set only to {@code NoCompetition}).
     */
    static void checkOwnedCompetition(String where, LearningRule rule, Similarity similarity, Competition competition,
                                      boolean competitionSet, Homeostasis homeostasis) {
        if (rule == null || !rule.ownsCompetition()) {
            return;
        }
        String ignored = null;
        if (competitionSet && !(competition instanceof NoCompetition)) {
            ignored = "competition " + competition.name();
        } else if (!(homeostasis instanceof NoHomeostasis)) {
            ignored = "homeostasis " + homeostasis.name();
        } else if (!(similarity instanceof PreActivationSimilarity)) {
            ignored = "similarity " + similarity.name();
        }
        if (ignored != null) {
            throw new IllegalArgumentException(where + ": rule " + rule.name() + " computes its own similarity and"
                    + " rank-k competition and would ignore the layer's " + ignored + "; leave similarity, competition"
                    + " and homeostasis unset (its hyperparameters rankK and antiHebbianStrength set the competition)");
        }
    }

    /** A rule's state vectors become parameters of the layer: their names must not clash with W, b, theta or each other. */
    static void checkRuleState(String where, LearningRule rule) {
        if (!(rule instanceof StatefulRule stateful)) {
            return;
        }
        Set<String> names = new HashSet<>(List.of("W", "b", "theta"));
        for (RuleState state : stateful.stateVariables()) {
            if (!names.add(state.name())) {
                throw new IllegalArgumentException(where + ": rule " + rule.name() + " declares state \""
                        + state.name() + "\", which clashes with another parameter of the layer");
            }
        }
    }

    /** A learning rate given to {@code directStep(lr)} must be positive and finite. */
    static void checkDirectStep(String where, Double requested) {
        if (requested != null && (!(requested > 0) || Double.isInfinite(requested))) {
            throw new IllegalArgumentException(where + ": directStep learning rate must be > 0 and finite, got "
                    + requested + " (leave directStep unset to let the network's updater take the step)");
        }
    }

    /**
     * The learning rate of the updater that steps W (at iteration 0, epoch 0 for a schedule) must be
     * positive and finite; an updater without a learning rate (NoOp) passes.
     */
    static void checkLearningRate(String where, IUpdater updater) {
        if (updater == null || !updater.hasLearningRate()) {
            return;
        }
        double lr = updater.getLearningRate(0, 0);
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException(where + ": learning rate of the updater of W must be > 0 and finite, got "
                    + lr + " (" + updater + ")");
        }
    }

    /**
     * Called from a Hebbian layer's {@code setNIn(InputType, override)}, which DL4J's configuration
     * builders call with the type that the layer below produces (MultiLayerConfiguration with
     * {@code setInputType}, or a first DenseLayer/OutputLayer with nIn; ComputationGraphConfiguration
     * with {@code setInputTypes}). An nIn that differs from that type's size is an error when it was
     * set explicitly on the layer's builder ({@code explicit}), or when DL4J keeps set sizes
     * ({@code override == false}, {@code overrideNinUponBuild(false)}); otherwise (nIn unset, or
     * inferred by an earlier build) DL4J's inference proceeds.
     *
     * @param where     the layer, e.g. {@code HebbianDenseLayer "layer1"} (DL4J names layers of a list
     *                  "layer" + index, and layers of a graph by their vertex)
     * @param nIn       the layer's current nIn (0 when unset)
     * @param fromInput what DL4J would set nIn to from {@code inputType}; {@code <= 0} when unknown
     * @param unit      what the size counts, for the message ("values per example", "channels")
     */
    static void checkNIn(String where, long nIn, boolean explicit, long fromInput, InputType inputType,
                         boolean override, String unit) {
        if ((explicit || !override) && nIn > 0 && fromInput > 0 && nIn != fromInput) {
            throw new IllegalArgumentException(where + ": nIn = " + nIn + (explicit ? " was set explicitly" : " is set")
                    + ", but its input (" + inputType + ") has " + fromInput + " " + unit
                    + "; fix nIn or the nOut of the layer below, or leave nIn unset to infer it from the input type");
        }
    }

    /**
     * The nIn DL4J's {@code FeedForwardLayer.setNIn(InputType, boolean)} derives from {@code inputType}
     * (feed-forward: its size; recurrent: its size per time step; flattened convolutional: height x
     * width x channels), or -1 for a type it does not accept (DL4J then throws its own error).
     */
    static long feedForwardNIn(InputType inputType) {
        if (inputType instanceof InputType.InputTypeFeedForward ff) {
            return ff.getSize();
        }
        if (inputType instanceof InputType.InputTypeRecurrent rnn) {
            return rnn.getSize();
        }
        if (inputType instanceof InputType.InputTypeConvolutionalFlat flat) {
            return flat.getFlattenedSize();
        }
        return -1;
    }

    /** As {@link #checkNIn} for a layer fed like DL4J's feed-forward layers ({@link #feedForwardNIn}). */
    static void checkFeedForwardNIn(String where, long nIn, boolean explicit, InputType inputType, boolean override) {
        checkNIn(where, nIn, explicit, feedForwardNIn(inputType), inputType, override, "values per example");
    }

    /** "HebbianDenseLayer" or "HebbianDenseLayer "name"", for messages raised before the layer has an index. */
    static String byName(String type, String layerName) {
        return type + (layerName == null ? "" : " \"" + layerName + "\"");
    }

    /** "HebbianDenseLayer (index 0, name "h1")", for messages about an instantiated layer. */
    static String byIndex(String type, int layerIndex, String layerName) {
        return type + " (index " + layerIndex + (layerName == null ? "" : ", name \"" + layerName + "\"") + ")";
    }

    /**
     * What a hidden layer checks when DL4J instantiates it: its settings against its nOut (which
     * {@code nOutReplace} may have changed) and, under the updater's step, the updater inherited from
     * the network's configuration, known only now.
     */
    static void checkAtInstantiation(String where, HebbianLearning conf, IUpdater updater,
                                     org.nd4j.linalg.activations.IActivation activation) {
        checkComponents(where, conf.getRule(), conf.getCompetition(), conf.getHomeostasis(), conf.isNormalizeWeights(),
                conf.getNOut());
        checkActivation(where, activation, conf.getNOut());
        if (!conf.isDirectStep()) {
            checkLearningRate(where, updater);
        }
    }

    /**
     * A {@link org.hebbian4j.activations.KWinnersActivation} must leave fewer winners than the layer
     * has units (for a convolution: channels), or it is the identity, negative outputs included.
     */
    static void checkActivation(String where, org.nd4j.linalg.activations.IActivation activation, long nOut) {
        if (activation instanceof org.hebbian4j.activations.KWinnersActivation k && nOut > 0 && k.getWinners() >= nOut) {
            throw new IllegalArgumentException(where + ": KWinnersActivation winners = " + k.getWinners()
                    + " must be < nOut = " + nOut + " (with k >= nOut every unit wins and the activation is the identity,"
                    + " negative values included); lower k or use Activation.IDENTITY");
        }
    }
}
