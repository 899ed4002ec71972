package org.hebbian4j.arbiter;

import org.deeplearning4j.arbiter.conf.updater.SgdSpace;
import org.deeplearning4j.arbiter.layers.FeedForwardLayerSpace;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.FixedValue;
import org.deeplearning4j.arbiter.util.LeafUtils;
import org.hebbian4j.conf.HebbianDenseLayer;
import org.hebbian4j.registry.Components;
import org.nd4j.linalg.learning.config.IUpdater;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Arbiter's search space of a {@link HebbianDenseLayer}: the rule, competition and homeostasis are
 * chosen by name (as in {@link Components} and on the command line) from a {@link ParameterSpace} of
 * names, and any of their hyperparameters, the layer's weight normalization, its direct step and (as
 * for every Arbiter layer space) its updater and learning rate are parameter spaces too, so that a
 * {@code MultiLayerSpace} searches over them by random or grid search.
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
 * <p>Hyperparameters are addressed like {@code --set} on the command line: {@code "temperature"}
 * applies to every chosen component that has a hyperparameter of that name (and to none if no chosen
 * one has it, e.g. "winners" while the competition is "wta"); {@code "competition.temperature"}
 * restricts it to the competition. A key that no registered component of the addressed kind has is an
 * error when the space is built. Values of integer hyperparameters may come from an integer space or
 * from a continuous one with integral values. Defaults as in {@link HebbianDenseLayer}: rule softhebb,
 * competition softmax, no homeostasis.
 */
public class HebbianDenseLayerSpace extends FeedForwardLayerSpace<HebbianDenseLayer> {

    protected ParameterSpace<String> rule;
    protected ParameterSpace<String> competition;
    protected ParameterSpace<String> homeostasis;
    protected ParameterSpace<Boolean> normalizeWeights;
    protected ParameterSpace<Double> directStep;
    /** Hyperparameter key (as for {@code --set}) to its space; leaves found by {@link #getNestedSpaces()}. */
    protected Map<String, ParameterSpace<?>> hyperparameters = new LinkedHashMap<>();

    /** For deserialization. */
    protected HebbianDenseLayerSpace() {
    }

    protected HebbianDenseLayerSpace(Builder builder) {
        super(builder);
        this.rule = builder.rule;
        this.competition = builder.competition;
        this.homeostasis = builder.homeostasis;
        this.normalizeWeights = builder.normalizeWeights;
        this.directStep = builder.directStep;
        this.hyperparameters = new LinkedHashMap<>(builder.hyperparameters);
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
        String ruleName = rule.getValue(values);
        String competitionName = competition.getValue(values);
        String homeostasisName = homeostasis.getValue(values);
        builder.rule(Components.rule(ruleName, settingsFor(Components.Kind.RULE, ruleName, values)));
        builder.competition(Components.competition(competitionName,
                settingsFor(Components.Kind.COMPETITION, competitionName, values)));
        builder.homeostasis(Components.homeostasis(homeostasisName,
                settingsFor(Components.Kind.HOMEOSTASIS, homeostasisName, values)));
        if (normalizeWeights != null) {
            builder.normalizeWeights(normalizeWeights.getValue(values));
        }
        if (directStep != null) {
            builder.directStep(directStep.getValue(values));
        }
    }

    /** The spaces of the fields (found by Arbiter's reflection) and of every hyperparameter. */
    @Override
    public Map<String, ParameterSpace> getNestedSpaces() {
        Map<String, ParameterSpace> nested = new LinkedHashMap<>(super.getNestedSpaces());
        hyperparameters.forEach((key, space) -> nested.put("hyperparameter:" + key, space));
        return nested;
    }

    /**
     * The values a candidate's flat parameters give the searched settings of this layer (those whose
     * space is not fixed): component names, the hyperparameters that apply to the chosen components,
     * weight normalization, direct step and the updater's learning rate, in that order. For result
     * tables.
     */
    public Map<String, Object> describe(double[] values) {
        Map<String, Object> out = new LinkedHashMap<>();
        putIfSearched(out, "rule", rule, values);
        putIfSearched(out, "competition", competition, values);
        putIfSearched(out, "homeostasis", homeostasis, values);
        Map<Components.Kind, String> chosen = Map.of(Components.Kind.RULE, rule.getValue(values),
                Components.Kind.COMPETITION, competition.getValue(values),
                Components.Kind.HOMEOSTASIS, homeostasis.getValue(values));
        for (Map.Entry<String, ParameterSpace<?>> e : hyperparameters.entrySet()) {
            if (e.getValue().numParameters() > 0 && appliesToAny(e.getKey(), chosen)) {
                out.put(e.getKey(), e.getValue().getValue(values));
            }
        }
        putIfSearched(out, "normalizeWeights", normalizeWeights, values);
        putIfSearched(out, "directStep", directStep, values);
        if (updater != null && updater.numParameters() > 0) {
            IUpdater value = updater.getValue(values);
            out.put(value.hasLearningRate() ? "learningRate" : "updater",
                    value.hasLearningRate() ? (Object) value.getLearningRate(0, 0) : value);
        }
        return out;
    }

    private static void putIfSearched(Map<String, Object> out, String key, ParameterSpace<?> space, double[] values) {
        if (space != null && space.numParameters() > 0) {
            out.put(key, space.getValue(values));
        }
    }

    private boolean appliesToAny(String key, Map<Components.Kind, String> chosen) {
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

    private Map<String, String> settingsFor(Components.Kind kind, String name, double[] values) {
        Map<String, Object> known = Components.hyperparameters(Components.create(kind, name, Map.of()));
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

    public ParameterSpace<String> getRule() {
        return rule;
    }

    public ParameterSpace<String> getCompetition() {
        return competition;
    }

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

    @Override
    public String toString(String delim) {
        StringBuilder sb = new StringBuilder("HebbianDenseLayerSpace(rule: ").append(rule).append(delim)
                .append("competition: ").append(competition).append(delim)
                .append("homeostasis: ").append(homeostasis);
        hyperparameters.forEach((k, v) -> sb.append(delim).append(k).append(": ").append(v));
        if (normalizeWeights != null) {
            sb.append(delim).append("normalizeWeights: ").append(normalizeWeights);
        }
        if (directStep != null) {
            sb.append(delim).append("directStep: ").append(directStep);
        }
        return sb.append(delim).append(super.toString(delim)).append(")").toString();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof HebbianDenseLayerSpace other) || !super.equals(o)) {
            return false;
        }
        return java.util.Objects.equals(rule, other.rule) && java.util.Objects.equals(competition, other.competition)
                && java.util.Objects.equals(homeostasis, other.homeostasis)
                && java.util.Objects.equals(normalizeWeights, other.normalizeWeights)
                && java.util.Objects.equals(directStep, other.directStep)
                && java.util.Objects.equals(hyperparameters, other.hyperparameters);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(super.hashCode(), rule, competition, homeostasis, normalizeWeights, directStep,
                hyperparameters);
    }

    /** Builder in Arbiter's style; every setting takes a fixed value or a {@link ParameterSpace}. */
    public static class Builder extends FeedForwardLayerSpace.Builder<Builder> {
        private ParameterSpace<String> rule = new FixedValue<>("softhebb");
        private ParameterSpace<String> competition = new FixedValue<>("softmax");
        private ParameterSpace<String> homeostasis = new FixedValue<>("none");
        private ParameterSpace<Boolean> normalizeWeights;
        private ParameterSpace<Double> directStep;
        private final Map<String, ParameterSpace<?>> hyperparameters = new LinkedHashMap<>();

        /** The rule by name (see {@link Components}). Default: softhebb. */
        public Builder rule(String name) {
            return rule(new FixedValue<>(name));
        }

        /** The rule, chosen from a space of names. */
        public Builder rule(ParameterSpace<String> names) {
            this.rule = names;
            return this;
        }

        /** The competition by name. Default: softmax. */
        public Builder competition(String name) {
            return competition(new FixedValue<>(name));
        }

        /** The competition, chosen from a space of names. */
        public Builder competition(ParameterSpace<String> names) {
            this.competition = names;
            return this;
        }

        /** The homeostasis by name. Default: none. */
        public Builder homeostasis(String name) {
            return homeostasis(new FixedValue<>(name));
        }

        /** The homeostasis, chosen from a space of names. */
        public Builder homeostasis(ParameterSpace<String> names) {
            this.homeostasis = names;
            return this;
        }

        /**
         * A hyperparameter of the rule, competition or homeostasis (key as for {@code --set}, e.g.
         * "temperature" or "competition.temperature") from a space of numbers or booleans.
         */
        public Builder hyperparameter(String key, ParameterSpace<?> space) {
            if (key == null || space == null) {
                throw new IllegalArgumentException("HebbianDenseLayerSpace: hyperparameter key and space must not be null");
            }
            hyperparameters.put(key, space);
            return this;
        }

        /** A hyperparameter with a fixed value. */
        public Builder hyperparameter(String key, double value) {
            return hyperparameter(key, new FixedValue<>(value));
        }

        /** {@code normalizeWeights} of the layer. Default: the layer's (false). */
        public Builder normalizeWeights(boolean normalize) {
            return normalizeWeights(new FixedValue<>(normalize));
        }

        public Builder normalizeWeights(ParameterSpace<Boolean> normalize) {
            this.normalizeWeights = normalize;
            return this;
        }

        /** Direct mode with a learning rate from {@code space}. Default: off (the updater takes the step). */
        public Builder directStep(ParameterSpace<Double> learningRate) {
            this.directStep = learningRate;
            return this;
        }

        /** Shorthand for {@code updater(new SgdSpace(learningRate))}: the Hebbian step {@code W += lr dW}. */
        public Builder learningRate(ParameterSpace<Double> learningRate) {
            return updater(new SgdSpace(learningRate));
        }

        /**
         * @throws IllegalArgumentException for a hyperparameter key that no registered component of the
         *                                  addressed kind has, naming the key and the known ones
         */
        @Override
        @SuppressWarnings("unchecked")
        public HebbianDenseLayerSpace build() {
            if (rule == null || competition == null || homeostasis == null) {
                throw new IllegalArgumentException("HebbianDenseLayerSpace: rule, competition and homeostasis must not be null");
            }
            for (String key : hyperparameters.keySet()) {
                checkKnown(key);
            }
            return new HebbianDenseLayerSpace(this);
        }

        private static void checkKnown(String key) {
            Map<String, String> known = new LinkedHashMap<>();
            for (Components.Kind kind : Components.Kind.values()) {
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
            throw new IllegalArgumentException("HebbianDenseLayerSpace: no rule, competition or homeostasis has a "
                    + "hyperparameter '" + key.toLowerCase(Locale.ROOT) + "'; known: " + String.join(", ", known.keySet()));
        }
    }
}
