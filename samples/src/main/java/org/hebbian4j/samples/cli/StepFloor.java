package org.hebbian4j.samples.cli;

import org.hebbian4j.util.Gemm;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Exp;
import org.nd4j.linalg.convolution.Convolution;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The least work a soft-competition Hebbian step {@code dW = y^T x - diag(d) W, W += lr dW} can do
 * with ND4J's primitives inside DL4J's fit, timed alone into preallocated arrays: the "floor" a layer
 * step is measured against when its target is a ratio to another library.
 *
 * <p>Per batch: (a convolution) the input unfolded by {@code im2col} into its own layout, the
 * cheapest unfolding ND4J has; the forward GEMM {@code u = x W}; the exp of every entry of u (a
 * softmax needs one exp per entry, and ND4J's exp op is the only exp there is); one pass over W
 * writing {@code -d_i W_i} into the update and the update GEMM {@code y^T x} accumulating into it (a rule
 * with a decay term cannot write its update in fewer passes); and {@code params -= update}, the step DL4J's
 * optimizer takes over the whole parameter array. Left out, so the floor is optimistic: the
 * division of the softmax by its row sums, the unfolded patches' copy into rows (the GEMMs here
 * multiply rows prepared beforehand), the convolution's output in NCHW, and every check and
 * statistic a layer adds. No implementation built from these primitives can be faster than the
 * floor on the same machine at the same moment, so {@code floor / other library} bounds the speed
 * ratio any such implementation can reach.
 */
final class StepFloor {

    private final INDArray[] rows;
    private final INDArray[] images;
    private final int kernel;
    private final INDArray weights;
    /** Stands in for the parameters the step changes: W itself stays fixed, so every pass multiplies the same numbers. */
    private final INDArray params;
    private final INDArray product;
    private final INDArray activity;
    private final INDArray update;
    private final INDArray decay;
    private final INDArray unfolded;

    /**
     * @param rows   one {@code [rows, nIn]} input matrix per batch (a convolution: its patches as rows)
     * @param images a convolution's input batches {@code [B, C, H, W]} (unfolded in each pass), or null
     * @param kernel a convolution's square kernel size (stride 1, no padding)
     * @param nOut   neurons
     */
    StepFloor(INDArray[] rows, INDArray[] images, int kernel, long nOut, long seed) {
        this.rows = rows;
        this.images = images;
        this.kernel = kernel;
        long n = rows[0].rows();
        long nIn = rows[0].columns();
        Nd4j.getRandom().setSeed(seed);
        weights = Nd4j.randn(DataType.FLOAT, nIn, nOut).muli(0.1).dup('f');
        params = weights.dup('f');
        product = Nd4j.createUninitialized(DataType.FLOAT, new long[]{n, nOut}, 'c');
        activity = Nd4j.createUninitialized(DataType.FLOAT, new long[]{n, nOut}, 'c');
        update = Nd4j.createUninitialized(DataType.FLOAT, new long[]{nIn, nOut}, 'f');
        decay = Nd4j.rand(DataType.FLOAT, nOut, 1).muli(-LayerStepBench.LEARNING_RATE);
        if (images != null) {
            long out = images[0].size(2) - kernel + 1;
            unfolded = Nd4j.createUninitialized(DataType.FLOAT,
                    new long[]{images[0].size(0), images[0].size(1), kernel, kernel, out, out}, 'c');
        } else {
            unfolded = null;
        }
    }

    /** The last batch's update, {@code lr (exp(u)^T x - diag(d) W)} as {@code [nIn, nOut]} (for tests). */
    INDArray lastUpdate() {
        return update;
    }

    /** W {@code [nIn, nOut]}, fixed, and the decay {@code d} as {@code -lr d} {@code [nOut, 1]} (for tests). */
    INDArray weights() {
        return weights;
    }

    INDArray scaledDecay() {
        return decay;
    }

    /** Column order of {@link #pass}'s parts. */
    static final String[] PARTS = {"unfold", "forward_gemm", "exp", "update_passes_and_gemm", "params_step"};

    /**
     * The floor for every batch; returns {total, then one entry per {@link #PARTS}, then process CPU}
     * nanoseconds.
     */
    long[] pass() {
        long[] t = new long[PARTS.length + 2];
        long cpu = BenchMemory.processCpuNanos();
        INDArray neuronMajor = weights.transpose();
        INDArray updateNeuronMajor = update.transpose();
        for (int b = 0; b < rows.length; b++) {
            long t0 = System.nanoTime();
            long t1 = t0;
            if (images != null) {
                Convolution.im2col(images[b], kernel, kernel, 1, 1, 0, 0, 1, 1, false, unfolded);
                t1 = System.nanoTime();
            }
            Gemm.into(rows[b], false, weights, false, product, 1.0, 0.0);
            long t2 = System.nanoTime();
            Nd4j.exec(new Exp(product, activity));
            long t3 = System.nanoTime();
            Nd4j.exec(new MulOp(neuronMajor, decay, updateNeuronMajor));
            Gemm.into(activity, true, rows[b], false, updateNeuronMajor, LayerStepBench.LEARNING_RATE, 1.0);
            long t4 = System.nanoTime();
            params.subi(update);
            long t5 = System.nanoTime();
            t[1] += t1 - t0;
            t[2] += t2 - t1;
            t[3] += t3 - t2;
            t[4] += t4 - t3;
            t[5] += t5 - t4;
            t[0] += t5 - t0;
        }
        t[PARTS.length + 1] = BenchMemory.processCpuNanos() - cpu;
        return t;
    }
}
