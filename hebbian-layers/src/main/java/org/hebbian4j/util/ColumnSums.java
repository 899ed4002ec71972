package org.hebbian4j.util;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Column sums {@code s_j = sum_b m_bj} of a matrix, as {@code m.sum(0)} computes them, but by BLAS
 * for the tall matrices of a convolution's signals (one row per sample and position): ND4J M2.1
 * reduces a row-major one column by column, striding through memory, and is much slower than gemv,
 * which streams the rows once; for a column-major one a one-column GEMM is faster than its reduction.
 * See docs/benchmarks.md, 'Measured design choices'.
 */
public final class ColumnSums {

    /** Below this many rows ND4J's own reduction is as fast, and it is what the layers always used. */
    static final long GEMV_MIN_ROWS = 512;

    private ColumnSums() {
    }

    /** The column sums of {@code m} {@code [rows, n]} as a new vector {@code [n]}. */
    public static INDArray of(INDArray m) {
        if (!useGemv(m)) {
            return m.sum(0);
        }
        INDArray out = Nd4j.create(m.dataType(), m.columns());
        return gemv(m, out);
    }

    /** Writes the column sums of {@code m} {@code [rows, n]} into {@code out} (length n, contiguous). */
    public static INDArray into(INDArray m, INDArray out) {
        if (!useGemv(m) || out.elementWiseStride() != 1 || out.dataType() != m.dataType()) {
            return m.sum(out, 0);
        }
        return gemv(m, out);
    }

    private static boolean useGemv(INDArray m) {
        DataType type = m.dataType();
        return m.rank() == 2 && m.rows() >= GEMV_MIN_ROWS && (type == DataType.FLOAT || type == DataType.DOUBLE)
                && m.elementWiseStride() == 1 && m.stride(m.ordering() == 'c' ? 1 : 0) == 1;
    }

    /**
     * {@code out = m^T ones}: a 'c' matrix {@code [rows, n]} is the column-major {@code [n, rows]} BLAS
     * reads as it is (gemv); an 'f' one goes through a GEMM with one column (ND4J's gemv wrapper fails
     * on the transposed product).
     */
    private static INDArray gemv(INDArray m, INDArray out) {
        INDArray ones = Nd4j.ones(m.dataType(), m.rows());
        if (m.ordering() == 'c') {
            Nd4j.getBlasWrapper().level2().gemv('f', 'N', 1.0, m.transpose(), ones, 0.0, out.reshape(out.length()));
        } else {
            Gemm.into(m, true, ones.reshape(m.rows(), 1), false, out.reshape('f', out.length(), 1), 1.0, 0.0);
        }
        return out;
    }
}
