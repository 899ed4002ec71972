package org.hebbian4j.spark;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.Serializable;

/**
 * The partial result of an averaging round that {@code treeAggregate} adds up: the sum over workers of
 * each worker's parameters and updater state weighted by the examples it fit, the examples, the workers
 * that fit at least one minibatch, and the most minibatches any worker fit. A worker that had no minibatch
 * in the round contributes the empty sum (weight 0), so it does not pull the average back to the round's
 * start.
 */
final class RoundSum implements Serializable {

    private static final long serialVersionUID = 1L;

    private INDArray weightedParams;
    private INDArray weightedUpdaterState;
    private long examples;
    private int workers;
    private int minibatches;
    private int mostMinibatches;

    /** The sum of no worker. */
    static RoundSum empty() {
        return new RoundSum();
    }

    /**
     * One worker's contribution (the arrays are scaled in place and kept).
     *
     * @param params       its parameters after the round (a copy it owns)
     * @param updaterState its updater state after the round (a copy it owns), or null
     */
    static RoundSum of(INDArray params, INDArray updaterState, long examples, int minibatches) {
        RoundSum sum = new RoundSum();
        if (examples > 0) {
            sum.weightedParams = params.muli(examples);
            sum.weightedUpdaterState = updaterState == null ? null : updaterState.muli(examples);
            sum.examples = examples;
            sum.workers = 1;
            sum.minibatches = minibatches;
            sum.mostMinibatches = minibatches;
        }
        return sum;
    }

    /** Adds {@code other} into this sum and returns this (Spark's aggregate lets both operations modify their first argument). */
    RoundSum add(RoundSum other) {
        if (other.workers == 0) {
            return this;
        }
        if (workers == 0) {
            return other;
        }
        weightedParams.addi(other.weightedParams);
        if (weightedUpdaterState != null) {
            weightedUpdaterState.addi(other.weightedUpdaterState);
        }
        examples += other.examples;
        workers += other.workers;
        minibatches += other.minibatches;
        mostMinibatches = Math.max(mostMinibatches, other.mostMinibatches);
        return this;
    }

    /** The example-weighted mean of the workers' parameters (computed in place: call once). */
    INDArray averageParams() {
        return weightedParams.divi(examples);
    }

    /** The example-weighted mean of the workers' updater states, or null if the updaters keep none (in place: call once). */
    INDArray averageUpdaterState() {
        return weightedUpdaterState == null ? null : weightedUpdaterState.divi(examples);
    }

    long examples() {
        return examples;
    }

    int workers() {
        return workers;
    }

    int minibatches() {
        return minibatches;
    }

    int mostMinibatches() {
        return mostMinibatches;
    }
}
