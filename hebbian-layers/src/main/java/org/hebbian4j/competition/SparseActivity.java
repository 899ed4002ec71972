package org.hebbian4j.competition;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.shape.Gather;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;

/**
 * The activity of a competition whose rows have a fixed, small number m of entries that may be
 * nonzero (WTA: the winner, m = 1; k-WTA: the k winners; rank-k: the winner and the k-th), listed
 * per row: sample b's entry e sits in column {@code columns[b, e]} with value {@code values[b, e]};
 * the columns of one row are distinct. {@link #dense()} is the same activity as the usual
 * {@code [rows, nOut]} array, built on first use.
 *
 * <p>It lets a rule of the form {@code dW = Y^T X - diag(d) W} touch only the few rows of W that
 * the batch's winners select instead of multiplying by a mostly-zero Y (see
 * {@link org.hebbian4j.rules.InstarRule}); rules that need the dense activity use {@link #dense()}.
 */
public final class SparseActivity {

    private final INDArray columns;
    private final INDArray values;
    private final long neurons;
    private INDArray dense;

    /**
     * @param columns {@code [rows, m]} (integer type): column (neuron) of each entry, distinct within a row
     * @param values  {@code [rows, m]} in the activity's data type: the value of each entry
     * @param neurons nOut, the columns of the dense activity
     */
    public SparseActivity(INDArray columns, INDArray values, long neurons) {
        if (columns.rank() != 2 || !Arrays.equals(columns.shape(), values.shape())) {
            throw new IllegalArgumentException("SparseActivity: columns " + Arrays.toString(columns.shape())
                    + " and values " + Arrays.toString(values.shape()) + " must both be [rows, m]");
        }
        if (neurons < columns.columns()) {
            throw new IllegalArgumentException("SparseActivity: " + columns.columns() + " entries per row exceed the "
                    + neurons + " neurons");
        }
        this.columns = columns;
        this.values = values;
        this.neurons = neurons;
    }

    /** {@code [rows, m]}: the column (neuron) of each entry. */
    public INDArray columns() {
        return columns;
    }

    /** {@code [rows, m]}: the value of each entry. */
    public INDArray values() {
        return values;
    }

    /** m, the number of listed entries per row. */
    public int entriesPerRow() {
        return (int) columns.columns();
    }

    /** Number of rows (samples, or sample-positions of a convolution). */
    public long rows() {
        return columns.rows();
    }

    /** Neurons (columns of the dense activity). */
    public long neurons() {
        return neurons;
    }

    /** The activity as a {@code [rows, nOut]} array: the values at their columns, 0 elsewhere. */
    public INDArray dense() {
        if (dense == null) {
            INDArray flat = Nd4j.zeros(values.dataType(), rows() * neurons);
            Nd4j.exec(DynamicCustomOp.builder("scatter_upd").addInputs(flat, flatIndices(), values.dup('c')
                    .reshape('c', new long[]{values.length()})).addOutputs(flat).callInplace(true).build());
            dense = flat.reshape('c', rows(), neurons);
        }
        return dense;
    }

    /**
     * {@code matrix[b, columns[b, e]]} for every entry: the values of a {@code [rows, nOut]} matrix
     * (e.g. the pre-activations) at the listed entries, {@code [rows, m]}.
     */
    public INDArray valuesAt(INDArray matrix) {
        if (matrix.rows() != rows() || matrix.columns() != neurons) {
            throw new IllegalArgumentException("SparseActivity.valuesAt: matrix " + Arrays.toString(matrix.shape())
                    + " does not have the activity's shape [" + rows() + ", " + neurons + "]");
        }
        INDArray flat = (matrix.ordering() == 'c' && matrix.elementWiseStride() == 1 ? matrix : matrix.dup('c'))
                .reshape('c', new long[]{matrix.length()});
        return Nd4j.exec(new Gather(flat, flatIndices(), 0))[0].reshape('c', rows(), entriesPerRow());
    }

    /** {@code b * nOut + columns[b, e]} in the row-major order of the entries (LONG). */
    private INDArray flatIndices() {
        INDArray rowStarts = Nd4j.linspace(DataType.LONG, 0, rows(), 1).muli(neurons).reshape(rows(), 1);
        return columns.castTo(DataType.LONG).addColumnVector(rowStarts).reshape('c', new long[]{columns.length()});
    }
}
