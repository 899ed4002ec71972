package org.hebbian4j.layers;

/**
 * Thrown when a Hebbian layer's training step produces a non-finite value (NaN or infinity): the
 * rule's update dW, a state change, or the layer's parameters after the updater applied the step.
 *
 * <p>Training stops at the first such step. When the rule's update itself is non-finite the layer
 * throws before handing it to DL4J, so the network's parameters still hold the values of the
 * previous step; when only the result of the updater's step is non-finite (a finite dW times a
 * huge learning rate overflows), the parameters are already broken and only an earlier saved
 * model or checkpoint is good. The message names the layer, the iteration and epoch (DL4J's
 * counters, from 0), the rule and the updater.
 */
public class NonFiniteUpdateException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final String layer;
    private final String rule;
    private final int iteration;
    private final int epoch;

    public NonFiniteUpdateException(String message, String layer, String rule, int iteration, int epoch) {
        super(message);
        this.layer = layer;
        this.rule = rule;
        this.iteration = iteration;
        this.epoch = epoch;
    }

    /** The layer, as in {@code HebbianDenseLayer (index 0, name "hebbian")}. */
    public String layer() {
        return layer;
    }

    /** The rule's short name (e.g. "softhebb"). */
    public String rule() {
        return rule;
    }

    /** DL4J's iteration counter of the network at the failing step (0 = first step). */
    public int iteration() {
        return iteration;
    }

    /** DL4J's epoch counter of the network at the failing step (0 = first epoch). */
    public int epoch() {
        return epoch;
    }
}
