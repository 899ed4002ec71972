package org.hebbian4j.rules;

import org.hebbian4j.competition.SparseActivity;
import org.hebbian4j.util.Gemm;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.shape.Gather;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The two terms almost every Hebbian rule is made of, batched:
 * {@code out = alpha * (post^T pre - diag(decay) W)}, i.e. for neuron i and input j
 * {@code out_ij = alpha * (sum_b post_bi pre_bj - decay_i W_ij)}.
 *
 * <p>Dense post: one broadcast pass over W into {@code out} and one GEMM accumulating into it
 * ({@code beta = 1}): no temporary array of W's size. The broadcast pass is ND4J's broadcastable
 * {@code multiply} op with the decay as a column {@code [nOut, 1]}: on the neuron-major view of a
 * DL4J weight matrix it runs at the speed of a plain pass over W (0.6 ms for 784 x 2000 floats on
 * 2 cores), whereas the legacy {@code BroadcastMulOp} along dimension 0 walks each column with a
 * stride of nIn and took 15-30 ms there, several times the cost of the GEMM.
 *
 * <p>Sparse post ({@link SparseActivity}: a few entries per row, as winner-take-all gives): only
 * the rows of the neurons that appear can be nonzero, so instead of the GEMM (which multiplies
 * mostly zeros) each entry e (sample b, neuron i, value v, decay coefficient d) contributes
 * {@code v pre_b - d W_i} to row i: gather the selected rows of W, sum the contributions per
 * distinct neuron, zero {@code out} and scatter the sums into it. For a 784 -> 2000 layer at batch 64
 * under WTA: 0.5 ms instead of 6 (one core). When it pays is {@link #sparseIsCheaper}.
 */
final class OuterProductTerms {

    /**
     * The sparse path is taken when nOut is at least this many times the entries per row: the GEMM
     * costs about 2 nOut flops per (row, input) at ~100 GFLOP/s, the sparse path about 7 ns per (entry,
     * input) in ND4J's gather and segment ops, so it wins above nOut ~ 350 m; below ~256 m (e.g. a
     * convolution's 96 channels under WTA with 50,000 rows) the GEMM is faster.
     */
    static final int SPARSE_MIN_NEURONS_PER_ENTRY = 256;

    private OuterProductTerms() {
    }

    /**
     * @param post  {@code [B, nOut]}
     * @param pre   {@code [B, nIn]}
     * @param decay per-neuron decay factors {@code [nOut]} (any shape of that length), or null for none
     * @param w     {@code [nOut, nIn]}
     * @param out   {@code [nOut, nIn]}, overwritten
     */
    static void outerMinusDecay(INDArray post, INDArray pre, INDArray decay, INDArray w, INDArray out, double alpha) {
        if (decay == null) {
            Gemm.into(post, true, pre, false, out, alpha, 0.0);
            return;
        }
        INDArray negScaledDecay = decay.reshape(decay.length(), 1).mul(-alpha).castTo(out.dataType());
        Nd4j.exec(new MulOp(w, negScaledDecay, out));
        Gemm.into(post, true, pre, false, out, alpha, 1.0);
    }

    /** Whether {@link #sparseRows} and {@link #writeRows} beat the dense path for this activity and layer width. */
    static boolean sparseIsCheaper(SparseActivity post, long nOut) {
        return post != null && nOut >= (long) SPARSE_MIN_NEURONS_PER_ENTRY * post.entriesPerRow();
    }

    /**
     * The rows of {@code post^T pre - diag(d) W} that can be nonzero: for each distinct neuron i among
     * the entries, {@code sum over entries e of neuron i of (v_e pre_b(e) - d_e W_i)}.
     *
     * @param post       the activity's entries ({@code [B, m]} columns and values)
     * @param entryDecay {@code [B, m]}: the decay coefficient of each entry (its share of decay_i)
     * @param pre        {@code [B, nIn]}
     * @param w          {@code [nOut, nIn]}
     */
    static NeuronRows sparseRows(SparseActivity post, INDArray entryDecay, INDArray pre, INDArray w) {
        int m = post.entriesPerRow();
        long entries = post.rows() * m;
        // Entry e = b * m + j: row b of pre repeated m times, in the row-major order of columns.
        INDArray neurons = post.columns().dup('c').reshape('c', new long[]{entries});
        INDArray values = post.values().castTo(pre.dataType()).dup('c').reshape('c', entries, 1);
        INDArray decays = entryDecay.castTo(pre.dataType()).dup('c').reshape('c', entries, 1);
        INDArray preOfEntries = m == 1 ? pre : pre.repeat(0, m);
        INDArray contributions = preOfEntries.mulColumnVector(values)
                .subi(Nd4j.exec(new Gather(w, neurons, 0))[0].muliColumnVector(decays));
        INDArray[] distinct = Nd4j.exec(DynamicCustomOp.builder("unique").addInputs(neurons).build());
        INDArray sums = Nd4j.exec(DynamicCustomOp.builder("unsorted_segment_sum").addInputs(contributions, distinct[1])
                .addIntegerArguments((int) distinct[0].length()).build())[0];
        return new NeuronRows(distinct[0], sums);
    }

    /** {@code out = 0} except {@code out[neurons[k]] = alpha * rows[k]}; scales {@code rows} in place. */
    static void writeRows(NeuronRows rows, INDArray out, double alpha) {
        INDArray scaled = rows.rows().muli(alpha).castTo(out.dataType());
        out.assign(0);
        Nd4j.exec(DynamicCustomOp.builder("scatter_upd").addInputs(out, rows.neurons(), scaled).addOutputs(out)
                .callInplace(true).build());
    }

    /**
     * Distinct neurons and their rows of an update.
     *
     * @param neurons {@code [U]} (LONG), distinct
     * @param rows    {@code [U, nIn]}: row k is neuron {@code neurons[k]}'s row
     */
    record NeuronRows(INDArray neurons, INDArray rows) {
    }
}
