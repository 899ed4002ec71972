package org.hebbian4j.metrics;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The dead-neuron criterion: a neuron is <b>dead</b> when its weight vector still points where it
 * started, i.e. when the change of its direction
 * <pre>  c_i = || w_i / ||w_i|| - w0_i / ||w0_i|| ||</pre>
 * (w_i its weights now, w0_i its initial weights, rows of the neuron-major {@code [nOut, fanIn]}
 * matrices) is below a tolerance. This makes Liuson's informal "a neuron whose weights cannot
 * meaningfully be distinguished from random noise" operational ("Learning Dynamics in Competitive
 * Hebbian Learning", sections 1 and 5): its weights are still essentially its random initialization.
 *
 * <p>Why the direction and not the distance {@code ||w_i - w0_i||}: several set-ups rescale every
 * neuron whether it learned or not (unit-norm weights after each step, as Liuson does for his rule
 * and HebbNet; Zhu and Liu's growth factor). A rescaled random vector is still random, and its
 * direction is unchanged. {@code c_i} ranges from 0 (same direction) over {@code sqrt 2}
 * (orthogonal) to 2 (reversed); {@code c = sqrt(2 - 2 cos(w_i, w0_i))}. A tolerance t means
 * {@code cos >= 1 - t^2 / 2}: the default 0.1 calls a neuron dead while
 * {@code cos >= 0.995}, i.e. at least 99% of its squared norm still lies along its initial
 * random vector. A neuron whose weights are all zero has no direction; it counts as a unit vector of
 * length 0 (c = 1 against a non-zero initial vector), so it is not dead by this criterion.
 */
public final class DeadNeurons {

    /** Default tolerance on the direction change. */
    public static final double DEFAULT_TOLERANCE = 0.1;

    private DeadNeurons() {
    }

    /**
     * {@code c_i} for every neuron.
     *
     * @param weights neuron-major {@code [nOut, fanIn]}
     * @param initial the same neurons' initial weights, same shape
     * @return {@code [nOut]} direction changes, in the weights' data type
     */
    public static INDArray directionChange(INDArray weights, INDArray initial) {
        if (!java.util.Arrays.equals(weights.shape(), initial.shape()) || weights.rank() != 2) {
            throw new IllegalArgumentException("DeadNeurons: weights " + java.util.Arrays.toString(weights.shape())
                    + " and initial weights " + java.util.Arrays.toString(initial.shape()) + " must both be [nOut, fanIn]");
        }
        INDArray initialCast = initial.dataType() == weights.dataType() ? initial : initial.castTo(weights.dataType());
        return unitRows(weights).subi(unitRows(initialCast)).norm2(1);
    }

    /** Whether a neuron with direction change {@code change} is dead under {@code tolerance}. */
    public static boolean isDead(double change, double tolerance) {
        return change < tolerance;
    }

    /** Rows divided by their L2 norms; zero rows stay zero. */
    private static INDArray unitRows(INDArray rows) {
        INDArray norms = rows.norm2(1).reshape(rows.rows(), 1);
        norms.addi(norms.eq(0.0).castTo(norms.dataType()));
        return rows.divColumnVector(norms);
    }
}
