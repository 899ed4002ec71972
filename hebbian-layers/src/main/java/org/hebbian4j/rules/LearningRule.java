package org.hebbian4j.rules;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonTypeInfo;

import java.io.Serializable;

/**
 * A local learning rule: maps the signals of a batch to a weight update.
 *
 * <p>Contract: {@link #update} writes {@code scale * dW} into {@code out} ({@code [nOut, nIn]},
 * overwriting it), where dW is the batch mean of the per-sample update that the rule's paper
 * defines, without any learning rate. A rule that normalizes its own step (Krotov-Hopfield: by
 * max|dW|) applies that normalization. Layers pass {@code scale = -1} to hand DL4J's updater a
 * "gradient" (DL4J subtracts it), or {@code scale = -lr} in direct mode.
 *
 * <p>Implementations are immutable (Java records) and serialize in the network JSON by class name.
 * They use ND4J operations only: no Java loops over array elements. A rule that keeps state between
 * batches (running averages) implements {@link StatefulRule}; the state lives in the layer's
 * parameters, not in the rule.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.CLASS, include = JsonTypeInfo.As.PROPERTY, property = "@class")
public interface LearningRule extends Serializable {

    /**
     * Writes {@code scale * dW} into {@code out}.
     *
     * @param signals the batch's local signals
     * @param out     {@code [nOut, nIn]}, 'f' order or the transposed 'c'-order view of an 'f' array
     * @param scale   factor applied to the update (e.g. -1 for DL4J's gradient convention)
     */
    void update(LocalSignals signals, INDArray out, double scale);

    /** Whether the rule needs targets (labels); such a rule only fits in a layer that receives them. */
    default boolean requiresTargets() {
        return false;
    }

    /**
     * Whether the rule is only defined together with unit-norm weights (the layer's
     * {@code normalizeWeights(true)}): a rule without a decay term whose paper renormalizes every
     * neuron after each step. A layer refuses such a rule without normalization.
     */
    default boolean requiresNormalizedWeights() {
        return false;
    }

    /**
     * Whether the rule computes its own similarity and competition from W and x ({@link KrotovRule}):
     * a layer then refuses a similarity, competition or homeostasis of its own, which the rule would
     * ignore.
     */
    default boolean ownsCompetition() {
        return false;
    }

    /**
     * Checks the rule's hyperparameters against a layer of {@code nOut} neurons; layers call it when
     * they are built and when DL4J instantiates them (after {@code nOutReplace}, too).
     *
     * @throws IllegalArgumentException naming {@code where} and the field, if they do not fit
     */
    default void validateFor(long nOut, String where) {
    }

    /** Short name used on the command line and in docs (e.g. "softhebb"). */
    String name();
}
