package org.hebbian4j.samples.bench;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The two matrix products of a Hebbian step done alone by {@link Nd4j#gemm} into preallocated
 * arrays: {@code u = x W} ({@code [rows, nIn] x [nIn, nOut]}) and {@code dW = u^T x}
 * ({@code [nOut, rows] x [rows, nIn]}), u standing in for the activity (same shape, same cost).
 * For a dense layer rows = the batch; for a convolution rows = batch x output positions and x the
 * patches. Their time is the bound the layer step is measured against.
 */
public final class GemmBound {

    private final INDArray[] inputs;
    private final INDArray weights;
    private final INDArray product;
    private final INDArray update;
    private final long rows;
    private final long nIn;
    private final long nOut;

    /**
     * @param inputs one {@code [rows, nIn]} matrix per batch (or the same one repeated)
     * @param nOut   neurons
     * @param seed   seed of the random weights
     */
    GemmBound(INDArray[] inputs, long nOut, long seed) {
        this.inputs = inputs;
        this.rows = inputs[0].rows();
        this.nIn = inputs[0].columns();
        this.nOut = nOut;
        Nd4j.getRandom().setSeed(seed);
        weights = Nd4j.randn(DataType.FLOAT, nIn, nOut).muli(0.1).dup('f');
        product = Nd4j.createUninitialized(DataType.FLOAT, new long[]{rows, nOut}, 'f');
        update = Nd4j.createUninitialized(DataType.FLOAT, new long[]{nOut, nIn}, 'f');
    }

    /** Floating-point operations of the two products for one batch. */
    double flopsPerBatch() {
        return 4.0 * rows * nIn * nOut;
    }

    /** Both products for every batch; returns {total, forward, update, process CPU} nanoseconds. */
    long[] pass() {
        long forward = 0;
        long backward = 0;
        long cpu = BenchMemory.processCpuNanos();
        for (INDArray x : inputs) {
            long t0 = System.nanoTime();
            Nd4j.gemm(x, weights, product, false, false, 1.0, 0.0);
            long t1 = System.nanoTime();
            Nd4j.gemm(product, x, update, true, false, 1.0, 0.0);
            long t2 = System.nanoTime();
            forward += t1 - t0;
            backward += t2 - t1;
        }
        return new long[]{forward + backward, forward, backward, BenchMemory.processCpuNanos() - cpu};
    }

    /** Shapes for the table's legend, e.g. "64x784 * 784x2000 and 2000x64 * 64x784". */
    String shapes() {
        return rows + "x" + nIn + " * " + nIn + "x" + nOut + " and " + nOut + "x" + rows + " * " + rows + "x" + nIn;
    }
}
