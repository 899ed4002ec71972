package org.hebbian4j.arbiter;

import lombok.EqualsAndHashCode;
import org.deeplearning4j.arbiter.optimize.api.AbstractParameterSpace;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.FixedValue;
import org.deeplearning4j.arbiter.util.LeafUtils;
import org.hebbian4j.competition.Competition;
import org.hebbian4j.conf.HebbianLearningBuilder;
import org.hebbian4j.homeostasis.Homeostasis;
import org.hebbian4j.registry.Components;
import org.hebbian4j.rules.LearningRule;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The search space of how a Hebbian layer learns, shared by the Hebbian layer spaces: the rule, and
 * for hidden layers the competition and homeostasis, each chosen by name (as in {@link Components}
 * and on the command line) from a {@link ParameterSpace} of names; any of their hyperparameters;
 * weight normalization; the direct step.
 *
 * <p>A layer space holds one as a field, where Arbiter's reflection finds it: it is not a leaf, so
 * Arbiter collects the leaves inside it (as for its own updater spaces) and a candidate's values
 * reach {@link #getValue}, which builds the chosen components.
 *
 * <p>Hyperparameters are addressed like {@code --set} on the command line: {@code "temperature"}
 * applies to every chosen component that has a hyperparameter of that name (and to none if no chosen
 * one has it, e.g. "winners" while the competition is "wta"); {@code "competition.temperature"}
 * restricts it to the competition. A key that no registered component of the addressed kinds has is
 * an error when the space is built. Values of integer hyperparameters may come from an integer space
 * or from a continuous one with integral values.
 */
@EqualsAndHashCode(callSuper = false)
public class HebbianLearningSpace extends AbstractParameterSpace<HebbianLearningSpace.Choice> {

    private static final long serialVersionUID = 1L;

    /**
     * What a candidate's values choose.
     *
     * @param rule             the rule with its hyperparameters
     * @param competition      the competition; null for a space without one (an output layer)
     * @param homeostasis      the homeostasis; null for a space without one
     * @param normalizeWeights the layer's normalizeWeights; null: not set (the layer's default)
     * @param directStep       the learning rate of direct mode; null: not set (the updater steps)
     */
    public record Choice(LearningRule rule, Competition competition, Homeostasis homeostasis,
                         Boolean normalizeWeights, Double directStep) {

        /** Sets the chosen components, and normalizeWeights and the direct step where chosen, on a hidden layer's builder. */
        public void applyTo(HebbianLearningBuilder<?> builder) {
            builder.rule(rule).competition(competition).homeostasis(homeostasis);
            if (normalizeWeights != null) {
                builder.normalizeWeights(normalizeWeights);
            }
            if (directStep != null) {
                builder.directStep(directStep);
            }
        }
    }

    private ParameterSpace<String> rule;
    private ParameterSpace<String> competition;
    private ParameterSpace<String> homeostasis;
    private ParameterSpace<Boolean> normalizeWeights;
    private ParameterSpace<Double> directStep;
    /** Hyperparameter key (as for {@code --set}) to its space; leaves found by {@link #getNestedSpaces()}. */
    private Map<String, ParameterSpace<?>> hyperparameters = new LinkedHashMap<>();

    /** For deserialization. */
    private HebbianLearningSpace() {
    }

    private HebbianLearningSpace(Builder builder) {
        this.rule = builder.rule;
        this.competition = builder.competition;
        this.homeostasis = builder.homeostasis;
        this.normalizeWeights = builder.normalizeWeights;
        this.directStep = builder.directStep;
        this.hyperparameters = new LinkedHashMap<>(builder.hyperparameters);
    }

    @Override
    public Choice getValue(double[] values) {
        Map<Components.Kind, String> chosen = chosen(values);
        LearningRule r = Components.rule(chosen.get(Components.Kind.RULE),
                settingsFor(Components.Kind.RULE, chosen, values));
        Competition c = competition == null ? null : Components.competition(chosen.get(Components.Kind.COMPETITION),
                settingsFor(Components.Kind.COMPETITION, chosen, values));
        Homeostasis h = homeostasis == null ? null : Components.homeostasis(chosen.get(Components.Kind.HOMEOSTASIS),
                settingsFor(Components.Kind.HOMEOSTASIS, chosen, values));
        return new Choice(r, c, h, normalizeWeights == null ? null : normalizeWeights.getValue(values),
                directStep == null ? null : directStep.getValue(values));
    }

    /** The component names a candidate's values choose, for the kinds this space has. */
    private Map<Components.Kind, String> chosen(double[] values) {
        Map<Components.Kind, String> out = new EnumMap<>(Components.Kind.class);
        out.put(Components.Kind.RULE, rule.getValue(values));
        if (competition != null) {
            out.put(Components.Kind.COMPETITION, competition.getValue(values));
        }
        if (homeostasis != null) {
            out.put(Components.Kind.HOMEOSTASIS, homeostasis.getValue(values));
        }
        return out;
    }

    /**
     * Adds the values a candidate gives the searched settings (those whose space is not fixed) to
     * {@code out}: component names, the hyperparameters that apply to the chosen components, weight
     * normalization and direct step, in that order.
     */
    public void describe(double[] values, Map<String, Object> out) {
        SearchedValues.putIfSearched(out, "rule", rule, values);
        SearchedValues.putIfSearched(out, "competition", competition, values);
        SearchedValues.putIfSearched(out, "homeostasis", homeostasis, values);
        Map<Components.Kind, String> chosen = chosen(values);
        for (Map.Entry<String, ParameterSpace<?>> e : hyperparameters.entrySet()) {
            if (e.getValue().numParameters() > 0 && appliesToAny(e.getKey(), chosen)) {
                out.put(e.getKey(), e.getValue().getValue(values));
            }
        }
        SearchedValues.putIfSearched(out, "normalizeWeights", normalizeWeights, values);
        SearchedValues.putIfSearched(out, "directStep", directStep, values);
    }

    private static boolean appliesToAny(String key, Map<Components.Kind, String> chosen) {
        for (Map.Entry<Components.Kind, String> c : chosen.entrySet()) {
            String bare = addressedTo(key, c.getKey());
            if (bare != null && Components.hyperparameters(Components.create(c.getKey(), c.getValue(), Map.of()))
                    .containsKey(bare)) {
                return true;
            }
        }
        return false;
    }

    /** The hyperparameter name {@code key} addresses in components of {@code kind}, or null. */
    private static String addressedTo(String key, Components.Kind kind) {
        String prefix = kind + ".";
        if (key.startsWith(prefix)) {
            return key.substring(prefix.length());
        }
        return key.contains(".") ? null : key;
    }

    private Map<String, String> settingsFor(Components.Kind kind, Map<Components.Kind, String> chosen, double[] values) {
        Map<String, Object> known = Components.hyperparameters(Components.create(kind, chosen.get(kind), Map.of()));
        Map<String, String> settings = new LinkedHashMap<>();
        for (Map.Entry<String, ParameterSpace<?>> e : hyperparameters.entrySet()) {
            String bare = addressedTo(e.getKey(), kind);
            if (bare != null && known.containsKey(bare)) {
                settings.put(bare, format(e.getValue().getValue(values)));
            }
        }
        return settings;
    }

    /** Text for {@link Components#create}: integral doubles without ".0", so that int hyperparameters parse. */
    static String format(Object value) {
        if (value instanceof Double d && !d.isInfinite() && d == Math.rint(d) && Math.abs(d) < 1e15) {
            return String.valueOf(d.longValue());
        }
        if (value instanceof Float f && !f.isInfinite() && f == Math.rint(f) && Math.abs(f) < 1e7) {
            return String.valueOf(f.longValue());
        }
        return String.valueOf(value);
    }

    /** The spaces of the fields (found by Arbiter's reflection) and of every hyperparameter. */
    @Override
    public Map<String, ParameterSpace> getNestedSpaces() {
        Map<String, ParameterSpace> nested = new LinkedHashMap<>(super.getNestedSpaces());
        hyperparameters.forEach((key, space) -> nested.put("hyperparameter:" + key, space));
        return nested;
    }

    /** The leaves below this space, depth first (as Arbiter's layer spaces collect theirs). */
    @Override
    public List<ParameterSpace> collectLeaves() {
        List<ParameterSpace> out = new ArrayList<>();
        LinkedList<ParameterSpace> stack = new LinkedList<>(List.of(this));
        while (!stack.isEmpty()) {
            ParameterSpace next = stack.removeLast();
            if (next.isLeaf()) {
                out.add(next);
            } else {
                List<ParameterSpace> children = new ArrayList<>(next.getNestedSpaces().values());
                Collections.reverse(children);
                stack.addAll(children);
            }
        }
        return out;
    }

    @Override
    public int numParameters() {
        return LeafUtils.countUniqueParameters(collectLeaves());
    }

    @Override
    public boolean isLeaf() {
        return false;
    }

    @Override
    public void setIndices(int... indices) {
        throw new UnsupportedOperationException("HebbianLearningSpace is not a leaf; its leaves get the indices");
    }

    public ParameterSpace<String> getRule() {
        return rule;
    }

    /** Null for a space without a competition (an output layer's). */
    public ParameterSpace<String> getCompetition() {
        return competition;
    }

    /** Null for a space without homeostasis (an output layer's). */
    public ParameterSpace<String> getHomeostasis() {
        return homeostasis;
    }

    public ParameterSpace<Boolean> getNormalizeWeights() {
        return normalizeWeights;
    }

    public ParameterSpace<Double> getDirectStep() {
        return directStep;
    }

    public Map<String, ParameterSpace<?>> getHyperparameters() {
        return Collections.unmodifiableMap(hyperparameters);
    }

    @Override
    public String toString() {
        return toString(", ");
    }

    /** "rule: ..., competition: ..., key: space, ..." (only the settings this space has). */
    public String toString(String delim) {
        StringBuilder sb = new StringBuilder("rule: ").append(rule);
        if (competition != null) {
            sb.append(delim).append("competition: ").append(competition);
        }
        if (homeostasis != null) {
            sb.append(delim).append("homeostasis: ").append(homeostasis);
        }
        hyperparameters.forEach((k, v) -> sb.append(delim).append(k).append(": ").append(v));
        if (normalizeWeights != null) {
            sb.append(delim).append("normalizeWeights: ").append(normalizeWeights);
        }
        if (directStep != null) {
            sb.append(delim).append("directStep: ").append(directStep);
        }
        return sb.toString();
    }

    /**
     * Collects the settings of a {@link HebbianLearningSpace}; the layer spaces' builders hold one and
     * expose it through {@link RuleSpaceBuilder} and {@link HebbianLayerSpaceBuilder}.
     */
    public static class Builder {
        private final boolean competitive;
        private ParameterSpace<String> rule;
        private ParameterSpace<String> competition;
        private ParameterSpace<String> homeostasis;
        private ParameterSpace<Boolean> normalizeWeights;
        private ParameterSpace<Double> directStep;
        private final Map<String, ParameterSpace<?>> hyperparameters = new LinkedHashMap<>();

        /**
         * Settings of a hidden layer (rule, competition, homeostasis). Defaults as in
         * {@code HebbianDenseLayer}: rule softhebb, competition softmax, no homeostasis.
         */
        public static Builder hiddenLayer() {
            return new Builder(true, "softhebb");
        }

        /** Settings of an output layer: a rule only, by default the supervised Hebbian classifier. */
        public static Builder outputLayer() {
            return new Builder(false, "supervised-hebb");
        }

        private Builder(boolean competitive, String defaultRule) {
            this.competitive = competitive;
            this.rule = new FixedValue<>(defaultRule);
            if (competitive) {
                competition = new FixedValue<>("softmax");
                homeostasis = new FixedValue<>("none");
            }
        }

        public Builder rule(ParameterSpace<String> names) {
            this.rule = names;
            return this;
        }

        public Builder competition(ParameterSpace<String> names) {
            requireCompetitive("competition");
            this.competition = names;
            return this;
        }

        public Builder homeostasis(ParameterSpace<String> names) {
            requireCompetitive("homeostasis");
            this.homeostasis = names;
            return this;
        }

        public Builder normalizeWeights(ParameterSpace<Boolean> normalize) {
            requireCompetitive("normalizeWeights");
            this.normalizeWeights = normalize;
            return this;
        }

        public Builder directStep(ParameterSpace<Double> learningRate) {
            this.directStep = learningRate;
            return this;
        }

        public Builder hyperparameter(String key, ParameterSpace<?> space) {
            if (key == null || space == null) {
                throw new IllegalArgumentException("hyperparameter key and space must not be null");
            }
            hyperparameters.put(key, space);
            return this;
        }

        private void requireCompetitive(String what) {
            if (!competitive) {
                throw new IllegalStateException("an output layer's space has no " + what);
            }
        }

        /**
         * @param where the layer space, for messages
         * @throws IllegalArgumentException for a missing component space, or a hyperparameter key that
         *                                  no registered component of the addressed kinds has, naming the
         *                                  key and the known ones
         */
        public HebbianLearningSpace build(String where) {
            if (rule == null || competitive && (competition == null || homeostasis == null)) {
                throw new IllegalArgumentException(where + ": rule" + (competitive ? ", competition and homeostasis" : "")
                        + " must not be null");
            }
            for (String key : hyperparameters.keySet()) {
                checkKnown(where, key);
            }
            return new HebbianLearningSpace(this);
        }

        private List<Components.Kind> kinds() {
            return competitive ? List.of(Components.Kind.values()) : List.of(Components.Kind.RULE);
        }

        private void checkKnown(String where, String key) {
            Map<String, String> known = new LinkedHashMap<>();
            for (Components.Kind kind : kinds()) {
                String bare = addressedTo(key, kind);
                for (Map.Entry<String, ?> c : Components.defaults(kind).entrySet()) {
                    for (String h : Components.hyperparameters(c.getValue()).keySet()) {
                        known.putIfAbsent(kind + "." + h, c.getKey());
                        if (h.equals(bare)) {
                            return;
                        }
                    }
                }
            }
            throw new IllegalArgumentException(where + ": no " + (competitive ? "rule, competition or homeostasis" : "rule")
                    + " has a hyperparameter '" + key.toLowerCase(Locale.ROOT) + "'; known: "
                    + (known.isEmpty() ? "(none)" : String.join(", ", known.keySet())));
        }
    }
}
