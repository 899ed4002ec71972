package org.hebbian4j.arbiter;

import org.deeplearning4j.arbiter.conf.updater.SgdSpace;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.FixedValue;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * The settings every Hebbian layer space's builder shares: the rule (by name, or a space of names),
 * its hyperparameters, the direct step and the learning rate. Implemented by the builders of
 * {@link HebbianOutputLayerSpace} and, through {@link HebbianLayerSpaceBuilder}, of the hidden layer
 * spaces; every setting takes a fixed value or a {@link ParameterSpace}.
 *
 * @param <B> the implementing builder
 */
public interface RuleSpaceBuilder<B extends RuleSpaceBuilder<B>> {

    /** The learning settings this builder collects (what the default methods set). */
    HebbianLearningSpace.Builder learning();

    /** The layer's updater, as on every Arbiter layer space builder. */
    B updater(ParameterSpace<IUpdater> updater);

    /** The rule by name (see {@code org.hebbian4j.registry.Components}). */
    default B rule(String name) {
        return rule(new FixedValue<>(name));
    }

    /** The rule, chosen from a space of names. */
    default B rule(ParameterSpace<String> names) {
        learning().rule(names);
        return self();
    }

    /**
     * A hyperparameter of the chosen components (key as for {@code --set}, e.g. "temperature" or
     * "competition.temperature") from a space of numbers or booleans.
     */
    default B hyperparameter(String key, ParameterSpace<?> space) {
        learning().hyperparameter(key, space);
        return self();
    }

    /** A hyperparameter with a fixed value. */
    default B hyperparameter(String key, double value) {
        return hyperparameter(key, new FixedValue<>(value));
    }

    /** Direct mode with a learning rate from {@code learningRate}. Default: off (the updater takes the step). */
    default B directStep(ParameterSpace<Double> learningRate) {
        learning().directStep(learningRate);
        return self();
    }

    /** Shorthand for {@code updater(new SgdSpace(learningRate))}: the Hebbian step {@code W += lr dW}. */
    default B learningRate(ParameterSpace<Double> learningRate) {
        return updater(new SgdSpace(learningRate));
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }
}
