package org.hebbian4j.competition;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.shape.OneHot;
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
        return new SparseActivity(winners.reshape(u.rows(), 1), Nd4j.ones(u.dataType(), u.rows(), 1), oneHot(winners, u));
    }

    /** One-hot rows {@code [rows, like.columns()]} from one index per row (a vector or a {@code [rows, 1]} column). */
    static INDArray oneHot(INDArray indices, INDArray like) {
        INDArray vector = indices.rank() == 1 ? indices : indices.reshape(indices.length());
        return Nd4j.exec(new OneHot(vector, (int) like.columns(), -1, 1.0, 0.0, like.dataType()))[0];
    }

    @Override
    public String name() {
        return "wta";
    }
}
