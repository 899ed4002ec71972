package org.hebbian4j.homeostasis;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Exponential-average growth factor: neurons that are active less than the average grow their
 * weights, neurons active more than the average shrink them.
 *
 * <p>Zhu and Liu's equations (9)-(12), with a = theta {@code [1, nOut]} the state:
 * <pre>{@code
 * (9)  a_i <- gamma a_i + (1 - gamma) y_i              gamma = averageMomentum
 * (12) A_i  = a_i / avg_k(a_k)
 * (11) f_i  = eps tanh(-(|A_i| - 1) / eps) + 1          eps = strength
 * (10) w_i <- f_i w_i
 * }</pre>
 * y is the competition's activity {@code [B, nOut]} (their "output, after inhibition"); f lies in
 * (1 - eps, 1 + eps): about 1 + eps for a neuron whose average is far below the layer's mean, 1 at
 * the mean, about 1 - eps far above it. The competition sees u unchanged.
 *
 * <p>Readings, documented: (12) writes {@code A_ij = a_ij / avg(a)}, but a is a vector with one
 * entry per output neuron, so A, and f, are per neuron i and scale the whole weight vector of
 * neuron i. (9) is applied once per batch with the batch mean of y. Order within a step: the rule's
 * update and (9) are applied first, then f is computed from the new a and applied to the updated
 * weights (by the layer after DL4J's update, before constraints such as unit norm, which would
 * undo it: do not combine with {@code normalizeWeights}). While {@code avg(a) = 0} (initially, and for
 * silent layers) A is undefined and f = 1. The paper's appendix calls eps the "exponential average
 * strength" (0.01); gamma is not given (default 0.99).
 *
 * <p>Signed variant ({@code signed = true}): eq. (10)-(11) index the factor per weight, {@code f_ij},
 * but define it from a per-neuron average. The authors' public code makes it depend on the weight's
 * sign: positive weights are multiplied by f_i, negative ones divided by it,
 * {@code w_ij <- f_i w_ij} if {@code w_ij > 0}, else {@code w_ij / f_i}. This matters for a neuron
 * whose pre-activation is negative for every input, so that it is never active: multiplying all its
 * weights by {@code f_i > 1} makes its pre-activations more negative, it stays silent and its
 * weights grow by about {@code 1 + eps} per step without bound (in float they overflow after about
 * {@code 88 / eps} steps); the signed factor shrinks the negative weights instead and brings it back.
 *
 * <p>Z. Zhu, S. Liu, "Feature Selectors that Fire Together Wire Together: A Hebbian Based Approach
 * to Backprop-Less Learning in Artificial Neural Networks", section 3.1.1, eq. (9)-(12).
 *
 * @param averageMomentum gamma, the "rigidity" of the average, {@code 0 <= gamma < 1} (default 0.99)
 * @param strength        eps &gt; 0, the largest relative change of a weight vector per step (default 0.01)
 * @param signed          whether negative weights are divided by f instead of multiplied (default false)
 */
public record GrowthFactor(@JsonProperty("averageMomentum") double averageMomentum,
                           @JsonProperty("strength") double strength,
                           @JsonProperty("signed") boolean signed) implements Homeostasis {

    @JsonCreator
    public GrowthFactor {
        if (!(averageMomentum >= 0 && averageMomentum < 1)) {
            throw new IllegalArgumentException("GrowthFactor: averageMomentum (gamma) must be in [0, 1), got "
                    + averageMomentum);
        }
        if (!(strength > 0) || Double.isInfinite(strength)) {
            throw new IllegalArgumentException("GrowthFactor: strength (epsilon) must be > 0 and finite, got " + strength);
        }
    }

    /** The factor of eq. (10) for every weight (not signed). */
    public GrowthFactor(double averageMomentum, double strength) {
        this(averageMomentum, strength, false);
    }

    /** gamma = 0.99, eps = 0.01 (Zhu and Liu's appendix), not signed. */
    public GrowthFactor() {
        this(0.99, 0.01, false);
    }

    /** The competition sees u itself: this mechanism acts on the weights. */
    @Override
    public INDArray shift(INDArray u, INDArray theta) {
        return u;
    }

    @Override
    public INDArray stateChange(INDArray activity, INDArray theta) {
        INDArray batchMean = activity.mean(true, 0).castTo(theta.dataType());
        return batchMean.subi(theta.reshape(batchMean.shape())).muli(1.0 - averageMomentum);
    }

    @Override
    public INDArray weightScale(INDArray theta) {
        double mean = theta.meanNumber().doubleValue();
        if (mean == 0) {
            return Nd4j.onesLike(theta);
        }
        INDArray excess = Transforms.abs(theta.div(mean), false).subi(1.0);
        return Transforms.tanh(excess.muli(-1.0 / strength), false).muli(strength).addi(1.0);
    }

    /** {@code w_i <- f_i w_i}; signed: positive weights times f_i, negative ones divided by f_i. */
    @Override
    public void scaleWeights(INDArray weightsNeuronMajor, INDArray theta) {
        if (!signed) {
            Homeostasis.super.scaleWeights(weightsNeuronMajor, theta);
            return;
        }
        INDArray f = weightScale(theta).castTo(weightsNeuronMajor.dataType()).reshape(weightsNeuronMajor.rows(), 1);
        INDArray positive = Transforms.relu(weightsNeuronMajor, true);
        INDArray negative = weightsNeuronMajor.sub(positive);
        weightsNeuronMajor.assign(positive.muliColumnVector(f).addi(negative.diviColumnVector(f)));
    }

    @Override
    public boolean scalesWeights() {
        return true;
    }

    @Override
    public String name() {
        return "growth";
    }
}
