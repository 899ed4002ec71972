package org.hebbian4j.rules;

import org.hebbian4j.competition.SparseActivity;
import org.hebbian4j.util.Gemm;
import org.nd4j.linalg.api.buffer.DataType;
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
 * DL4J weight matrix it runs at the speed of a plain pass over W, whereas the legacy
 * {@code BroadcastMulOp} along dimension 0 walks each column with a stride of nIn and costs several
 * times as much as the GEMM; see docs/benchmarks.md, 'Measured design choices'.
 *
 * <p>Sparse post ({@link SparseActivity}: a few entries per row, as winner-take-all gives): only
 * the rows of the U distinct neurons that appear can be nonzero, so the GEMM runs over those U rows
 * instead of all nOut (most of whose rewards are 0), the decay over the same U rows of W, and
 * {@code out} is zeroed and the U rows scattered into it. For a 784 -> 2000 layer at batch 64 under
 * WTA (U <= 64) this replaces a 0.2 GFLOP GEMM and a pass over W by a zero fill of {@code out}. When it
 * pays is {@link #sparseIsCheaper}.
 */
final class OuterProductTerms {

    /**
     * Below this many neurons the sparse path is not taken: everything is cheap there, and its
     * handful of extra ND4J calls would cost more than it saves.
     */
    static final int SPARSE_MIN_NEURONS = 256;

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

    /**
     * Whether {@link #sparseRows} and {@link #writeRows} beat the dense path: a wide layer (at least
     * {@link #SPARSE_MIN_NEURONS} neurons) whose batch's entries can select at most half of its neurons
     * ({@code 2 B m <= nOut}), as a 2000-neuron layer under WTA at batch 64 does; not a convolution's
     * 50,000 rows over 96 channels, where every channel wins somewhere.
     */
    static boolean sparseIsCheaper(SparseActivity post, long nOut) {
        return post != null && nOut >= SPARSE_MIN_NEURONS && 2L * post.rows() * post.entriesPerRow() <= nOut;
    }

    /**
     * The rows of {@code post^T pre - diag(d) W} that can be nonzero: for each distinct neuron i among
     * the entries, {@code sum over entries e of neuron i of (v_e pre_b(e) - d_e W_i)}, computed as
     * {@code A^T pre - diag(sum of d_e) W[distinct]} with A {@code [B, U]} the entries' values placed at
     * their sample and distinct-neuron index: one small GEMM ({@code U <= B m} rows instead of nOut)
     * and a gather of U rows of W.
     *
     * @param post       the activity's entries ({@code [B, m]} columns and values)
     * @param entryDecay {@code [B, m]}: the decay coefficient of each entry (its share of decay_i)
     * @param pre        {@code [B, nIn]}
     * @param w          {@code [nOut, nIn]}
     */
    static NeuronRows sparseRows(SparseActivity post, INDArray entryDecay, INDArray pre, INDArray w) {
        DataType type = pre.dataType();
        int m = post.entriesPerRow();
        long rows = post.rows();
        long entries = rows * m;
        // Entry e = b * m + j, in the row-major order of columns and values.
        INDArray neurons = post.columns().castTo(DataType.LONG).dup('c').reshape('c', new long[]{entries});
        INDArray[] distinct = Nd4j.exec(DynamicCustomOp.builder("unique").addInputs(neurons).build());
        long count = distinct[0].length();
        INDArray slot = distinct[1].castTo(DataType.LONG);
        // A[b, slot(e)] = v_e: the columns of one row are distinct, so are its slots (no collisions).
        INDArray sampleStarts = Nd4j.linspace(DataType.LONG, 0, entries, 1).divi(m).muli(count);
        INDArray assignment = Nd4j.zeros(type, rows * count);
        Nd4j.exec(DynamicCustomOp.builder("scatter_upd").addInputs(assignment, slot.add(sampleStarts),
                        post.values().castTo(type).dup('c').reshape('c', new long[]{entries}))
                .addOutputs(assignment).callInplace(true).build());
        INDArray sums = Gemm.into(assignment.reshape('c', rows, count), true, pre, false,
                Nd4j.createUninitialized(type, new long[]{count, pre.columns()}, 'c'), 1.0, 0.0);
        INDArray decaySums = Nd4j.exec(DynamicCustomOp.builder("unsorted_segment_sum")
                .addInputs(entryDecay.castTo(type).dup('c').reshape('c', new long[]{entries}), slot)
                .addIntegerArguments((int) count).build())[0];
        sums.subi(Nd4j.exec(new Gather(w, distinct[0], 0))[0].muliColumnVector(decaySums.reshape(count, 1)));
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
