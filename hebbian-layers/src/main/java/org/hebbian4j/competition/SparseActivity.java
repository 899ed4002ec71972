package org.hebbian4j.competition;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.shape.Gather;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The activity of a competition whose rows have a fixed, small number m of entries that may be
 * nonzero (WTA: the winner, m = 1; k-WTA: the k winners; rank-k: the winner and the k-th), listed
 * per row: sample b's entry e sits in column {@code columns[b, e]} with value {@code values[b, e]}.
 * {@link #dense()} is the same activity as the usual {@code [rows, nOut]} array.
 *
 * <p>It lets a rule of the form {@code dW = Y^T X - diag(d) W} touch only the few rows of W that
 * the batch's winners select instead of multiplying by a mostly-zero Y (see
 * {@link org.hebbian4j.rules.InstarRule}); rules that need the dense activity use {@link #dense()}.
 *
 * @param columns {@code [rows, m]} (LONG): column (neuron) of each entry; columns of one row are distinct
 * @param values  {@code [rows, m]} in the activity's data type: the value of each entry
 * @param dense   {@code [rows, nOut]}: the activity with every other entry 0
 */
public record SparseActivity(INDArray columns, INDArray values, INDArray dense) {

    public SparseActivity {
        if (columns.rank() != 2 || values.rank() != 2 || dense.rank() != 2) {
            throw new IllegalArgumentException("SparseActivity: columns, values and dense must be matrices, got ranks "
                    + columns.rank() + ", " + values.rank() + ", " + dense.rank());
        }
        if (columns.rows() != dense.rows() || values.rows() != dense.rows() || columns.columns() != values.columns()) {
            throw new IllegalArgumentException("SparseActivity: columns " + java.util.Arrays.toString(columns.shape())
                    + " and values " + java.util.Arrays.toString(values.shape()) + " must be [rows, m] with the rows of dense "
                    + java.util.Arrays.toString(dense.shape()));
        }
    }

    /** m, the number of listed entries per row. */
    public int entriesPerRow() {
        return (int) columns.columns();
    }

    /** Number of rows (samples, or sample-positions of a convolution). */
    public long rows() {
        return dense.rows();
    }

    /** Neurons (columns of the dense activity). */
    public long neurons() {
        return dense.columns();
    }

    /**
     * {@code matrix[b, columns[b, e]]} for every entry: the values of a {@code [rows, nOut]} matrix
     * (e.g. the pre-activations) at the listed entries, {@code [rows, m]}.
     */
    public INDArray valuesAt(INDArray matrix) {
        if (matrix.rows() != rows() || matrix.columns() != neurons()) {
            throw new IllegalArgumentException("SparseActivity.valuesAt: matrix " + java.util.Arrays.toString(matrix.shape())
                    + " does not have the activity's shape [" + rows() + ", " + neurons() + "]");
        }
        INDArray rowStarts = Nd4j.linspace(DataType.LONG, 0, rows(), 1).muli(neurons()).reshape(rows(), 1);
        INDArray flatIndices = columns.castTo(DataType.LONG).addColumnVector(rowStarts).reshape('c', new long[]{columns.length()});
        INDArray flat = (matrix.ordering() == 'c' && matrix.elementWiseStride() == 1 ? matrix : matrix.dup('c'))
                .reshape('c', new long[]{matrix.length()});
        return Nd4j.exec(new Gather(flat, flatIndices, 0))[0].reshape('c', rows(), entriesPerRow());
    }
}
