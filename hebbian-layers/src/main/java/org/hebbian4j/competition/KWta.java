package org.hebbian4j.competition;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * k-winners-take-all: {@code y_i = 1} for the k neurons with the largest pre-activations, 0 for
 * the others; exactly k winners per sample, ties going to the lowest index (as in {@link HardWta}).
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
        if (winners > u.columns()) {
            throw new IllegalArgumentException("KWta: winners (k) = " + winners + " exceeds the layer's "
                    + u.columns() + " neurons");
        }
        // k rounds of arg-max, each taking its winner out of the race, rather than ND4J's top_k:
        // in 1.0.0-M2.1 the TopK wrapper passes k in the wrong argument slot (k becomes the "sorted"
        // flag), and top_k itself returns repeated indices when values tie (e.g. the all-equal u of a
        // zero input), which would reward a neuron twice and give fewer than k winners.
        INDArray remaining = (u.dataType() == DataType.DOUBLE ? u : u.castTo(DataType.FLOAT)).dup();
        // A finite floor, so that "out of the race" times 0 stays 0 (infinity times 0 is NaN).
        double outOfRace = remaining.dataType() == DataType.DOUBLE ? -Double.MAX_VALUE : -Float.MAX_VALUE;
        INDArray activity = Nd4j.zeros(u.dataType(), u.rows(), u.columns());
        for (int round = 0; round < winners; round++) {
            INDArray winner = HardWta.oneHot(Nd4j.argMax(remaining, 1), remaining);   // ties: lowest index
            activity.addi(winner.castTo(activity.dataType()));
            if (round + 1 < winners) {
                remaining.muli(winner.rsub(1.0)).addi(winner.muli(outOfRace));
            }
        }
        return activity;
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
