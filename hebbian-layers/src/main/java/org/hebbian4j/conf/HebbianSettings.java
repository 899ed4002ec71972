package org.hebbian4j.conf;

import org.hebbian4j.competition.Competition;
import org.hebbian4j.homeostasis.Homeostasis;
import org.hebbian4j.rules.LearningRule;
import org.hebbian4j.rules.RuleState;
import org.hebbian4j.rules.StatefulRule;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The checks every Hebbian layer builder makes, with messages that name the layer and the field. */
final class HebbianSettings {

    /** Parameter names a rule's state must not take. */
    private static final List<String> RESERVED = List.of("W", "b", "theta");

    private HebbianSettings() {
    }

    static void validate(String where, LearningRule rule, Competition competition, Homeostasis homeostasis,
                         long nIn, long nOut, boolean normalizeWeights, double directStepLearningRate) {
        if (rule == null) {
            throw new IllegalArgumentException(where + ": rule must not be null");
        }
        if (competition == null) {
            throw new IllegalArgumentException(where + ": competition must not be null");
        }
        if (homeostasis == null) {
            throw new IllegalArgumentException(where + ": homeostasis must not be null (use NoHomeostasis)");
        }
        if (nOut <= 0) {
            throw new IllegalArgumentException(where + ": nOut must be > 0, got " + nOut);
        }
        if (nIn < 0) {
            throw new IllegalArgumentException(where + ": nIn must be > 0 (or left unset to infer it from the input), got " + nIn);
        }
        if (directStepLearningRate < 0 || Double.isNaN(directStepLearningRate) || Double.isInfinite(directStepLearningRate)) {
            throw new IllegalArgumentException(where + ": directStep learning rate must be > 0 (or 0 for off), got "
                    + directStepLearningRate);
        }
        if (rule.requiresTargets()) {
            throw new IllegalArgumentException(where + ": rule " + rule.name()
                    + " is supervised and needs labels; a hidden Hebbian layer receives none (use HebbianOutputLayer)");
        }
        if (rule.requiresNormalizedWeights() && !normalizeWeights) {
            throw new IllegalArgumentException(where + ": rule " + rule.name()
                    + " is defined with unit-norm weights; set normalizeWeights(true)");
        }
        if (rule instanceof StatefulRule stateful) {
            Set<String> names = new HashSet<>(RESERVED);
            for (RuleState state : stateful.stateVariables()) {
                if (!names.add(state.name())) {
                    throw new IllegalArgumentException(where + ": rule " + rule.name() + " declares state \""
                            + state.name() + "\", which clashes with another parameter of the layer");
                }
            }
        }
        competition.validateFor(nOut, where);
    }
}
