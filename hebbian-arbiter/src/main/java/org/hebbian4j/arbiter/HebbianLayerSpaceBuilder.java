package org.hebbian4j.arbiter;

import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.FixedValue;

/**
 * The settings of a hidden Hebbian layer space's builder ({@link HebbianDenseLayerSpace},
 * {@link HebbianConvolutionLayerSpace}) beyond {@link RuleSpaceBuilder}'s: the competition, the
 * homeostasis and weight normalization. Defaults as in the layers: rule softhebb, competition
 * softmax, no homeostasis, the layer's normalizeWeights (false).
 *
 * @param <B> the implementing builder
 */
public interface HebbianLayerSpaceBuilder<B extends HebbianLayerSpaceBuilder<B>> extends RuleSpaceBuilder<B> {

    /** The competition by name. Default: softmax. */
    default B competition(String name) {
        return competition(new FixedValue<>(name));
    }

    /** The competition, chosen from a space of names. */
    default B competition(ParameterSpace<String> names) {
        learning().competition(names);
        return self();
    }

    /** The homeostasis by name. Default: none. */
    default B homeostasis(String name) {
        return homeostasis(new FixedValue<>(name));
    }

    /** The homeostasis, chosen from a space of names. */
    default B homeostasis(ParameterSpace<String> names) {
        learning().homeostasis(names);
        return self();
    }

    /** {@code normalizeWeights} of the layer. Default: the layer's (false). */
    default B normalizeWeights(boolean normalize) {
        return normalizeWeights(new FixedValue<>(normalize));
    }

    default B normalizeWeights(ParameterSpace<Boolean> normalize) {
        learning().normalizeWeights(normalize);
        return self();
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }
}
