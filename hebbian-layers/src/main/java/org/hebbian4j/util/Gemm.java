package org.hebbian4j.util;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * General matrix multiply {@code C = alpha op(A) op(B) + beta C} straight into BLAS, for a result
 * array of either ordering.
 *
 * <p>{@link Nd4j#gemm(INDArray, INDArray, INDArray, boolean, boolean, double, double)} calls
 * OpenBLAS directly (several times faster than {@code mmul} on the shapes of a Hebbian update) but
 * requires an 'f'-ordered result. The update of a neuron-major weight matrix {@code [nOut, nIn]}
 * is the transposed, 'c'-ordered view of DL4J's 'f'-ordered {@code [nIn, nOut]} gradient view;
 * for such a result this class computes the transposed product
 * {@code C^T = alpha op(B)^T op(A)^T + beta C^T} into the 'f'-ordered {@code C^T}, the same memory.
 */
public final class Gemm {

    private Gemm() {
    }

    /**
     * {@code c = alpha op(a) op(b) + beta c}, in place.
     *
     * @param c result; 'f' order, or 'c' order (a transposed 'f' view); with default strides
     * @return {@code c}
     */
    public static INDArray into(INDArray a, boolean transposeA, INDArray b, boolean transposeB,
                                INDArray c, double alpha, double beta) {
        if (c.ordering() == 'c' && c.rank() == 2 && c.rows() > 1 && c.columns() > 1) {
            Nd4j.gemm(b, a, c.transpose(), !transposeB, !transposeA, alpha, beta);
        } else {
            Nd4j.gemm(a, b, c, transposeA, transposeB, alpha, beta);
        }
        return c;
    }
}
