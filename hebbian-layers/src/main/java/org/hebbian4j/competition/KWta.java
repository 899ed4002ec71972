package org.hebbian4j.competition;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * k-winners-take-all: {@code y_i = 1} for the k neurons with the largest pre-activations, 0 for
 * the others; exactly k winners per sample. Ties go to the lowest index (as in {@link HardWta}),
 * for finite pre-activations.
 *
 * <p>E. Majani, R. Erlanson, Y. Abu-Mostafa, "On the k-winners-take-all network", NIPS 1989; used
 * with k = 5 by G. Lagani et al., "Training Convolutional Neural Networks with Competitive Hebbian
 * Learning Approaches", LOD 2021.
 *
 * @param winners k, the number of winners per sample; {@code 1 <= k <= nOut}
 */
public record KWta(@JsonProperty("winners") int winners) implements Competition {

    @JsonCreator
    public KWta {
        if (winners < 1) {
            throw new IllegalArgumentException("KWta: winners (k) must be >= 1, got " + winners);
        }
    }

    @Override
    public INDArray compete(INDArray u) {
        return competeSparse(u).dense();
    }

    /** k entries per row: the winners in order of rank, value 1 each. */
    @Override
    public SparseActivity competeSparse(INDArray u) {
        if (winners > u.columns()) {
            throw new IllegalArgumentException("KWta: winners (k) = " + winners + " exceeds nOut = "
                    + u.columns() + " (the columns of u)");
        }
        // k rounds of winner-take-all, each excluding the previous winners. Not ND4J's top_k: in
        // M2.1 its Java wrapper passes (sorted, k) where libnd4j reads (k, ...), and with tied
        // pre-activations libnd4j's top_k returns repeated indices (sorted) or non-maximal ones
        // (unsorted), i.e. fewer than k winners or the wrong ones.
        INDArray[] ranked = new INDArray[winners];
        INDArray remaining = u;
        for (int round = 0; round < winners; round++) {
            ranked[round] = Nd4j.argMax(remaining, 1).reshape(u.rows(), 1);
            if (round + 1 < winners) {
                remaining = HardWta.excluding(remaining, ranked[round]);
            }
        }
        INDArray columns = winners == 1 ? ranked[0] : Nd4j.concat(1, ranked);
        return new SparseActivity(columns, Nd4j.ones(u.dataType(), u.rows(), winners), u.columns());
    }

    @Override
    public void validateFor(long nOut, String where) {
        if (winners > nOut) {
            throw new IllegalArgumentException(where + ": competition KWta winners (k) = " + winners
                    + " exceeds nOut = " + nOut);
        }
    }

    @Override
    public String name() {
        return "kwta";
    }
}
