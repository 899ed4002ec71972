package org.hebbian4j.rules;

import org.hebbian4j.competition.HardWta;
import org.hebbian4j.competition.SoftWta;
import org.hebbian4j.util.Gemm;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * Liuson's rule: soft-WTA against each neuron's running average, with a sparse anti-Hebbian mask.
 *
 * <p>Per sample, over the n = nOut neurons:
 * <pre>{@code
 * y*_i  = softmax((y - y_EMA) / T)_i
 * s_i   = +1  for the maximally activated neuron (largest y*),
 *          0  for y*_i < 1/n,
 *         -1  for all other neurons (anti-Hebbian)
 * dw_ij = s_i y*_i x_j
 * }</pre>
 * batched {@code dW = (1/B) (S * Y*)^T X}. Symbols: y = {@code activity} {@code [B, nOut]} (Liuson's
 * {@code y = f(W x)} with f = ReLU, which the competition {@link org.hebbian4j.competition.Rectified}
 * gives; the layer's u includes its bias), x = {@code input} {@code [B, nIn]}, T =
 * {@code temperature} (Liuson: 1), y_EMA {@code [1, nOut]} the rule's state
 * "{@value #AVERAGE_STATE}", {@code y_EMA <- m y_EMA + (1 - m) mean_b y} with m =
 * {@code averageMomentum}, updated after the batch (the update uses the average of previous batches).
 *
 * <p>Readings, documented: the paper's text sets the mask to 0 "for neurons with y* &gt; 1/n" but
 * says this "suppresses the influence of minimally activated neurons"; y* &gt; 1/n would also zero
 * the winner (whose y* is always at least the mean 1/n), contradicting the +1 of the maximally
 * activated neuron. This rule zeroes the minimally activated ones, {@code y* < 1/n}, so the winner
 * is never zeroed and the neurons above average but not winning learn anti-Hebbian. Ties for the
 * maximum go to the lowest index. Liuson divides each neuron's weights by their L2 norm after every
 * step ("to maintain training stability ... in the absence of Oja's -Wy term"): the rule has no
 * decay term and {@link #requiresNormalizedWeights()}, so a layer needs {@code normalizeWeights(true)}.
 * The momentum of y_EMA is not given in the paper (default 0.99).
 *
 * <p>H. Liuson, "Learning Dynamics in Competitive Hebbian Learning", section 3.
 *
 * @param temperature     T &gt; 0 of the softmax (default 1)
 * @param averageMomentum m of y_EMA, {@code 0 <= m < 1} (default 0.99)
 */
public record LiusonRule(@JsonProperty("temperature") double temperature,
                         @JsonProperty("averageMomentum") double averageMomentum) implements StatefulRule {

    /** Name of the state vector y_EMA (parameter key in the layer). */
    public static final String AVERAGE_STATE = "liusonAverage";

    @JsonCreator
    public LiusonRule {
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("LiusonRule: temperature must be > 0 and finite, got " + temperature);
        }
        if (!(averageMomentum >= 0 && averageMomentum < 1)) {
            throw new IllegalArgumentException("LiusonRule: averageMomentum must be in [0, 1), got " + averageMomentum);
        }
    }

    /** Liuson's setting: temperature 1; y_EMA momentum 0.99. */
    public LiusonRule() {
        this(1.0, 0.99);
    }

    @Override
    public List<RuleState> stateVariables() {
        return List.of(new RuleState(AVERAGE_STATE, RuleState.Axis.OUTPUTS, 0.0, averageMomentum));
    }

    @Override
    public INDArray batchValue(LocalSignals signals, RuleState state) {
        return signals.activity().mean(true, 0);
    }

    @Override
    public boolean requiresNormalizedWeights() {
        return true;
    }

    @Override
    public void update(LocalSignals s, INDArray out, double scale) {
        INDArray y = s.activity();
        long n = y.columns();
        INDArray average = s.state(AVERAGE_STATE).reshape(1, n).castTo(y.dataType());
        INDArray yStar = new SoftWta(temperature).compete(y.subRowVector(average));
        // s = 2 * winner - [y* >= 1/n]: +1 for the winner (its y* >= 1/n always), -1 for the other
        // neurons at or above 1/n, 0 below.
        INDArray winner = new HardWta().compete(yStar);
        INDArray aboveMean = yStar.gte(1.0 / n).castTo(y.dataType());
        INDArray post = winner.muli(2.0).subi(aboveMean).muli(yStar);
        Gemm.into(post, true, s.input(), false, out, scale / s.batchSize(), 0.0);
    }

    @Override
    public String name() {
        return "liuson";
    }
}
