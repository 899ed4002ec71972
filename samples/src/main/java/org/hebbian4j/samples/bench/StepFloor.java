package org.hebbian4j.samples.bench;

import org.hebbian4j.util.Gemm;
import org.hebbian4j.util.StridedUnfold;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Exp;
import org.nd4j.linalg.factory.Nd4j;


/**
 * The core of a soft-competition Hebbian step {@code dW = y^T x - diag(d) W, W += lr dW}, done with
 * the cheapest ND4J primitives we know inside DL4J's fit, timed alone into preallocated arrays: the
 * "floor" a layer step is compared with when its target is a ratio to another library. An estimate,
 * not a proven bound: a cheaper way to do any part would lower it (an earlier version unfolded with
 * im2col and multiplied 'c'-ordered rows; a review found the strided copies and 'f' layouts below,
 * 1.3x faster for the convolution).
 *
 * <p>Per batch: (a convolution) the input unfolded by one strided copy per kernel offset into
 * 'f'-ordered patches; the forward GEMM {@code u = x W} into an 'f'-ordered u; ND4J's exp of every
 * entry of u (a softmax needs one exp per entry; ND4J's exp is scalar, about 3 ns per value per
 * core); one pass over W writing {@code -d_i W_i} into the update and the update GEMM {@code y^T x}
 * accumulating into it; and {@code params -= update}, the step DL4J's optimizer takes over the whole
 * parameter array. Left out, so the floor is optimistic: the decay coefficients {@code d} (a fixed
 * random vector here, not {@code sum_b y_b u_b}), the softmax's row sums and division, the
 * convolution's output in NCHW, and every check and statistic a layer adds.
 */
public final class StepFloor {

    /** Dense: the batches {@code [B, nIn]}; convolution: the images {@code [B, C, H, W]}. */
    private final INDArray[] inputs;
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
     * @param inputs a dense layer's batches {@code [B, nIn]}, or a convolution's images {@code [B, C, H, W]}
     * @param kernel a convolution's square kernel size (stride 1, no padding); 0 for a dense layer
     * @param nOut   neurons
     */
    StepFloor(INDArray[] inputs, int kernel, long nOut, long seed) {
        this.inputs = inputs;
        this.kernel = kernel;
        long n;
        long nIn;
        if (kernel > 0) {
            long channels = inputs[0].size(1);
            long batch = inputs[0].size(0);
            long out = inputs[0].size(2) - kernel + 1;
            n = batch * out * out;
            nIn = channels * kernel * kernel;
            unfolded = Nd4j.createUninitialized(DataType.FLOAT, new long[]{channels, kernel, kernel, batch, out, out}, 'c');
        } else {
            n = inputs[0].rows();
            nIn = inputs[0].columns();
            unfolded = null;
        }
        Nd4j.getRandom().setSeed(seed);
        weights = Nd4j.randn(DataType.FLOAT, nIn, nOut).muli(0.1).dup('f');
        params = weights.dup('f');
        // 'f'-ordered u and activity: the layout on which both GEMMs of a convolution run fastest.
        product = Nd4j.createUninitialized(DataType.FLOAT, new long[]{n, nOut}, 'f');
        activity = Nd4j.createUninitialized(DataType.FLOAT, new long[]{n, nOut}, 'f');
        update = Nd4j.createUninitialized(DataType.FLOAT, new long[]{nIn, nOut}, 'f');
        decay = Nd4j.rand(DataType.FLOAT, nOut, 1).muli(-LayerStepBench.LEARNING_RATE);
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

    /** The last batch's input rows {@code [n, nIn]}: a dense batch, or a convolution's patches as 'f'-ordered rows. */
    INDArray lastRows(int b) {
        return kernel > 0 ? unfolded.reshape('c', update.rows(), unfolded.length() / update.rows()).transpose() : inputs[b];
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
        int[] k = {kernel, kernel};
        int[] one = {1, 1};
        for (int b = 0; b < inputs.length; b++) {
            long t0 = System.nanoTime();
            long t1 = t0;
            if (kernel > 0) {
                int out = (int) unfolded.size(4);
                StridedUnfold.into(inputs[b], k, one, one, new int[]{out, out}, unfolded);
                t1 = System.nanoTime();
            }
            INDArray x = lastRows(b);
            Gemm.into(x, false, weights, false, product, 1.0, 0.0);
            long t2 = System.nanoTime();
            Nd4j.exec(new Exp(product, activity));
            long t3 = System.nanoTime();
            Nd4j.exec(new MulOp(neuronMajor, decay, updateNeuronMajor));
            Gemm.into(activity, true, x, false, updateNeuronMajor, LayerStepBench.LEARNING_RATE, 1.0);
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
