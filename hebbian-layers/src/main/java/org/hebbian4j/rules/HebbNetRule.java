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
 * dW   = D with all but its largest share (1 - sparsity) zeroed, by neuron or by entry (level)
 * }</pre>
 * where y = {@code activity} {@code [B, nOut]} (the layer's competition output; HebbNet's y is a
 * ReLU neuron's output, which {@link org.hebbian4j.competition.Rectified} gives), x = {@code input}
 * {@code [B, nIn]}, and T {@code [1, nOut]} the running average of y, the rule's state
 * "{@value #AVERAGE_STATE}".
 *
 * <p>Sparsity, by {@link Level}:
 * <ul>
 *   <li>{@link Level#NEURON} (default): of the nOut neurons, the {@code m = nOut - floor(sparsity nOut)}
 *       whose update rows have the largest L2 norm {@code ||D_i||} learn; the other rows are zeroed.
 *       Neurons tied with the m-th largest norm are kept as well. The threshold comes from sorting
 *       the nOut row norms (cheap next to the update).</li>
 *   <li>{@link Level#ACTIVATION}: per sample b, only the {@code m} neurons with the largest activity
 *       {@code y_bi} (ties with the m-th kept; a zero activity never counts) contribute their deviation
 *       {@code y_bi - T_i} to D; the others' deviations are zeroed for that sample before the product:
 *       {@code D = (1/B) ((Y - 1 T) * M)^T X} with M the 0/1 mask. This is Liuson's wording taken
 *       literally ("sorts the activations by magnitude and zeroes out the bottom p percentile"): the
 *       neurons that respond most are the ones that learn, and as long as the same neurons respond most,
 *       the same ones learn at every step.</li>
 *   <li>{@link Level#ENTRY}: of the {@code N = nOut * nIn} entries of D, the {@code N - floor(sparsity N)}
 *       largest in magnitude are kept (ties with the last kept one as well), the rest zeroed; the
 *       threshold comes from sorting all N magnitudes, which costs more than the update itself on
 *       large layers. This was the library's only behaviour before the level existed; configurations
 *       serialized without a level read back as ENTRY.</li>
 * </ul>
 * Why NEURON is the default: Liuson describes HebbNet's sparsity as "sorts the activations by
 * magnitude and zeroes out the bottom p percentile ... only the maximally activated neurons are
 * updated", and reports HebbNet's Gini coefficient of per-neuron average update size at about 0.8 =
 * p, "with 80% of neurons receiving no updates at all" (Table 2, section 5): a sparsity over neurons,
 * not over weights. For a single example, ranking the rows by {@code ||D_i|| = |y_i - T_i| ||x||} is
 * exactly ranking the neurons by the magnitude of their activation's deviation {@code |y_i - T_i|};
 * for a batch it ranks them by the size of their batch update, so exactly the top (1 - p) share of
 * neurons learns at every step. Entry sparsity instead lets every neuron keep its largest weights'
 * updates, which spreads learning over all neurons.
 *
 * <p>Readings and deviations, documented: T is an exponential moving average over batches,
 * {@code T <- m T + (1 - m) mean_b y} with m = {@code averageMomentum}, as Liuson implemented it
 * (section 6: "the exponential moving average we used in place of the original paper's average
 * over all training"); the update of a batch uses T before that batch ("the average of previous
 * values of y"). Liuson also renormalized HebbNet's weights to unit norm after each step
 * ("otherwise we found training to be highly unstable"): use the layer's {@code normalizeWeights(true)};
 * the rule does not require it, since the original HebbNet does not normalize.
 *
 * <p>M. Gupta, A. Ambikapathi, S. Ramasamy, "HebbNet: A simplified Hebbian learning framework to do
 * biologically plausible learning", ICASSP 2021, 3115-3119; as described by H. Liuson, "Learning
 * Dynamics in Competitive Hebbian Learning", section 2 (sparsity 0.8 in section 4).
 *
 * @param sparsity        share of the neurons (or entries) whose update is set to 0, {@code 0 <= sparsity < 1}
 *                        (default 0.8)
 * @param averageMomentum m of the running average T, {@code 0 <= m < 1} (default 0.99; not given by Liuson)
 * @param level           what the sparsity selects: whole neurons, single entries, or each sample's most active
 *                        neurons (default NEURON)
 */
public record HebbNetRule(@JsonProperty("sparsity") double sparsity,
                          @JsonProperty("averageMomentum") double averageMomentum,
                          @JsonProperty("level") Level level) implements StatefulRule {

    /** Name of the state vector T (parameter key in the layer). */
    public static final String AVERAGE_STATE = "hebbnetAverage";

    /** What HebbNet's sparsity keeps or zeroes. */
    public enum Level {
        /** Whole neurons: the rows of the update with the largest L2 norms are kept. */
        NEURON,
        /** Single weights: the entries of the update with the largest magnitudes are kept. */
        ENTRY,
        /** Per sample, the neurons with the largest activity: the others' deviations are zeroed before the product. */
        ACTIVATION
    }

    /**
     * Validates; a missing level (JSON written before the level existed, when the rule sparsified
     * entries) means {@link Level#ENTRY}.
     */
    @JsonCreator
    public HebbNetRule {
        if (!(sparsity >= 0 && sparsity < 1)) {
            throw new IllegalArgumentException("HebbNetRule: sparsity must be in [0, 1), got " + sparsity);
        }
        if (!(averageMomentum >= 0 && averageMomentum < 1)) {
            throw new IllegalArgumentException("HebbNetRule: averageMomentum must be in [0, 1), got " + averageMomentum);
        }
        if (level == null) {
            level = Level.ENTRY;
        }
    }

    /** Neuron-level sparsity with the given sparsity and momentum. */
    public HebbNetRule(double sparsity, double averageMomentum) {
        this(sparsity, averageMomentum, Level.NEURON);
    }

    /** Liuson's setting: sparsity 0.8 over neurons, running average with momentum 0.99. */
    public HebbNetRule() {
        this(0.8, 0.99, Level.NEURON);
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
        if (level == Level.ACTIVATION) {
            deviation.muli(mostActive(s.activity()));
        }
        Gemm.into(deviation, true, s.input(), false, out, scale / s.batchSize(), 0.0);
        if (level == Level.NEURON) {
            keepLargestNeurons(out);
        } else if (level == Level.ENTRY) {
            keepLargestEntries(out);
        }
    }

    /** N - floor(sparsity N), tolerant of the rounding of sparsity * N just below an integer; at least 1. */
    private long kept(long total) {
        return Math.max(1, total - (long) Math.floor(sparsity * total + 1e-9));
    }

    /**
     * 0/1 mask {@code [B, nOut]}: 1 where {@code y_bi} is at least the m-th largest of its row (m = the kept
     * share of nOut; ties kept) and positive.
     */
    private INDArray mostActive(INDArray activity) {
        long neurons = activity.columns();
        long kept = kept(neurons);
        INDArray positive = activity.gt(0.0).castTo(activity.dataType());
        if (kept >= neurons) {
            return positive;
        }
        INDArray sorted = Nd4j.sort(activity.dup(), 1, false);
        INDArray threshold = sorted.getColumn(kept - 1, true);            // [B, 1]
        return activity.subColumnVector(threshold).gte(0.0).castTo(activity.dataType()).muli(positive);
    }

    /** Zeroes all rows of {@code out} but the top (1 - sparsity) share by L2 norm (ties kept). */
    private void keepLargestNeurons(INDArray out) {
        long neurons = out.rows();
        long kept = kept(neurons);
        if (kept >= neurons) {
            return;
        }
        INDArray norms = out.norm2(true, 1);                          // [nOut, 1]
        INDArray sorted = Nd4j.sort(norms.reshape(neurons).dup(), false);
        double threshold = sorted.getDouble(kept - 1);
        out.muliColumnVector(norms.gte(threshold).castTo(out.dataType()));
    }

    /** Zeroes all entries of {@code out} but the top (1 - sparsity) share by magnitude (ties kept). */
    private void keepLargestEntries(INDArray out) {
        long entries = out.length();
        long kept = kept(entries);
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
