package org.hebbian4j.util;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Row sums {@code s_b = sum_j m_bj} of a matrix as a column {@code [rows, 1]}, as
 * {@code m.sum(true, 1)} computes them, but by BLAS {@code gemv} ({@code m ones}) for tall 'f'-ordered
 * matrices (a convolution's soft-WTA activity, one row per sample and position), where gemv is
 * faster than ND4J M2.1's reduction. Row-major matrices keep ND4J's reduction, which is faster there
 * than a GEMM with one column. See docs/benchmarks.md, 'Measured design choices'.
 */
public final class RowSums {

    /** Below this many rows ND4J's own reduction is used (what the competitions always used). */
    static final long GEMV_MIN_ROWS = 512;

    private RowSums() {
    }

    /** The row sums of {@code m} {@code [rows, n]} as a new column {@code [rows, 1]}. */
    public static INDArray of(INDArray m) {
        DataType type = m.dataType();
        boolean blas = m.rank() == 2 && m.rows() >= GEMV_MIN_ROWS && (type == DataType.FLOAT || type == DataType.DOUBLE)
                && m.ordering() == 'f' && m.elementWiseStride() == 1 && m.stride(0) == 1;
        if (!blas) {
            return m.sum(true, 1);
        }
        INDArray out = Nd4j.createUninitialized(type, new long[]{m.rows(), 1}, 'f');
        Nd4j.getBlasWrapper().level2().gemv('f', 'N', 1.0, m, Nd4j.ones(type, m.columns()), 0.0, out.reshape(m.rows()));
        return out;
    }
}
