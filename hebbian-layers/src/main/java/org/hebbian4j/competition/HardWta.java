package org.hebbian4j.competition;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Winner-take-all: {@code y_i = 1} for the neuron with the largest pre-activation, 0 for the others.
 * Ties go to the lowest index, so there is exactly one winner per sample.
 *
 * <p>S. Grossberg, Biol. Cybernetics 23, 1976; G. Lagani, F. Falchi, C. Gennaro, G. Amato,
 * "Training Convolutional Neural Networks with Competitive Hebbian Learning Approaches", LOD 2021, section 3.
 */
public record HardWta() implements Competition {

    @Override
    public INDArray compete(INDArray u) {
        return competeSparse(u).dense();
    }

    /** One entry per row: the winner, value 1. */
    @Override
    public SparseActivity competeSparse(INDArray u) {
        INDArray winners = Nd4j.argMax(u, 1);
        return new SparseActivity(winners.reshape(u.rows(), 1), Nd4j.ones(u.dataType(), u.rows(), 1), u.columns());
    }

    /**
     * A copy of u {@code [rows, n]} with entry {@code (b, columns[b])} of every row set to minus
     * infinity (one scatter into a copy): the next round of a ranking. (ND4J's
     * {@code putWhereWithMask} does the same far more slowly; see docs/benchmarks.md, 'Measured
     * design choices'.)
     */
    static INDArray excluding(INDArray u, INDArray columns) {
        long rows = u.rows();
        long n = u.columns();
        INDArray copy = u.dup('c');
        INDArray rowStarts = Nd4j.linspace(DataType.LONG, 0, rows, 1).muli(n);
        INDArray flat = columns.reshape(rows).castTo(DataType.LONG).add(rowStarts);
        INDArray minusInfinity = Nd4j.valueArrayOf(new long[]{rows}, Double.NEGATIVE_INFINITY, u.dataType());
        Nd4j.exec(DynamicCustomOp.builder("scatter_upd").addInputs(copy.reshape('c', new long[]{copy.length()}), flat,
                minusInfinity).addOutputs(copy.reshape('c', new long[]{copy.length()})).callInplace(true).build());
        return copy;
    }

    @Override
    public String name() {
        return "wta";
    }
}
