package org.hebbian4j.rules;

import org.hebbian4j.util.Gemm;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * HebbNet: a Hebbian update of the activity's deviation from its running average, with update
 * sparsity.
 *
 * <p>Liuson writes it {@code dw_ij = x_i (y_j - T_j)} with i the input and j the neuron; in this
 * library's neuron-major convention (row i = neuron i) the same rule reads
 * <pre>{@code
 * D_ij = mean_b (y_bi - T_i) x_bj,   i.e. D = (1/B) (Y - 1 T)^T X,
 * dW   = D with every entry zeroed except the top (1 - sparsity) share of |D|
 * }</pre>
 * where y = {@code activity} {@code [B, nOut]} (the layer's competition output; HebbNet's y is a
 * ReLU neuron's output, which {@link org.hebbian4j.competition.Rectified} gives), x = {@code input}
 * {@code [B, nIn]}, and T {@code [1, nOut]} the running average of y, the rule's state
 * "{@value #AVERAGE_STATE}". Sparsity: of the {@code N = nOut * nIn} entries of D, the
 * {@code m = N - floor(sparsity N)} largest in magnitude are kept; entries tied with the m-th
 * largest are kept as well, so on ties more than m survive. The m-th largest is found by sorting
 * the N magnitudes once per batch (ND4J sort), which costs more than the update itself on large
 * layers.
 *
 * <p>Readings and deviations, documented: T is an exponential moving average over batches,
 * {@code T <- m T + (1 - m) mean_b y} with m = {@code averageMomentum}, as Liuson implemented it
 * (section 6: "the exponential moving average we used in place of the original paper's average
 * over all training"); the update of a batch uses T before that batch ("the average of previous
 * values of y"). Liuson describes the sparsity as zeroing "the bottom p percentile" of the sorted
 * activations; following HebbNet's update sparsity, this rule sparsifies the update entries |D|.
 * Liuson also renormalized HebbNet's weights to unit norm after each step ("otherwise we found
 * training to be highly unstable"): use the layer's {@code normalizeWeights(true)}; the rule does not
 * require it, since the original HebbNet does not normalize.
 *
 * <p>M. Gupta, A. Ambikapathi, S. Ramasamy, "HebbNet: A simplified Hebbian learning framework to do
 * biologically plausible learning", ICASSP 2021, 3115-3119; as described by H. Liuson, "Learning
 * Dynamics in Competitive Hebbian Learning", section 2 (sparsity 0.8 in section 4).
 *
 * @param sparsity        share of the update's entries set to 0, {@code 0 <= sparsity < 1} (default 0.8)
 * @param averageMomentum m of the running average T, {@code 0 <= m < 1} (default 0.99; not given by Liuson)
 */
public record HebbNetRule(@JsonProperty("sparsity") double sparsity,
                          @JsonProperty("averageMomentum") double averageMomentum) implements StatefulRule {

    /** Name of the state vector T (parameter key in the layer). */
    public static final String AVERAGE_STATE = "hebbnetAverage";

    @JsonCreator
    public HebbNetRule {
        if (!(sparsity >= 0 && sparsity < 1)) {
            throw new IllegalArgumentException("HebbNetRule: sparsity must be in [0, 1), got " + sparsity);
        }
        if (!(averageMomentum >= 0 && averageMomentum < 1)) {
            throw new IllegalArgumentException("HebbNetRule: averageMomentum must be in [0, 1), got " + averageMomentum);
        }
    }

    /** Liuson's setting: sparsity 0.8, running average with momentum 0.99. */
    public HebbNetRule() {
        this(0.8, 0.99);
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
    public void update(LocalSignals s, INDArray out, double scale) {
        INDArray average = s.state(AVERAGE_STATE).reshape(1, s.activity().columns()).castTo(s.activity().dataType());
        INDArray deviation = s.activity().subRowVector(average);
        Gemm.into(deviation, true, s.input(), false, out, scale / s.batchSize(), 0.0);
        keepLargest(out);
    }

    /** Zeroes all entries of {@code out} but the top (1 - sparsity) share by magnitude (ties kept). */
    private void keepLargest(INDArray out) {
        long entries = out.length();
        // floor(sparsity N), tolerant of the rounding of sparsity * N just below an integer.
        long kept = entries - (long) Math.floor(sparsity * entries + 1e-9);
        if (kept >= entries) {
            return;
        }
        INDArray magnitude = Nd4j.math().abs(out.dup());
        INDArray sorted = Nd4j.sort(magnitude.reshape(entries).dup(), false);
        double threshold = sorted.getDouble(kept - 1);
        out.muli(magnitude.gte(threshold).castTo(out.dataType()));
    }

    @Override
    public String name() {
        return "hebbnet";
    }
}
