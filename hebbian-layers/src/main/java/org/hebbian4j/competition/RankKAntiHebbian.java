package org.hebbian4j.competition;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Rank-k competition with anti-Hebbian learning (Krotov and Hopfield's activation function g):
 * per sample, {@code y_i = 1} for the neuron with the largest pre-activation, {@code y_i = -delta}
 * for the neuron ranked k-th, 0 for all others.
 *
 * <p>The k-th ranked neuron is pushed away from the input, so that neurons that nearly win learn
 * other features than the winner. Ranks are by u, largest first; ties go to the lowest index (as
 * in {@link HardWta} and {@link KWta}), so there is exactly one +1 and one {@code -delta} per sample.
 *
 * <p>D. Krotov, J. J. Hopfield, "Unsupervised learning by competing hidden units", PNAS 116(16),
 * 7723-7731, 2019 (their k is {@code rankK}, their Delta is {@code antiHebbianStrength}).
 *
 * @param rankK               k, the rank that receives the anti-Hebbian signal; {@code 2 <= k <= nOut}
 * @param antiHebbianStrength delta &gt;= 0, the magnitude of the k-th neuron's negative activity
 */
public record RankKAntiHebbian(@JsonProperty("rankK") int rankK,
                               @JsonProperty("antiHebbianStrength") double antiHebbianStrength) implements Competition {

    @JsonCreator
    public RankKAntiHebbian {
        if (rankK < 2) {
            throw new IllegalArgumentException("RankKAntiHebbian: rankK (k) must be >= 2 (rank 1 is the winner), got "
                    + rankK);
        }
        if (!(antiHebbianStrength >= 0) || Double.isInfinite(antiHebbianStrength)) {
            throw new IllegalArgumentException("RankKAntiHebbian: antiHebbianStrength (delta) must be >= 0 and finite, got "
                    + antiHebbianStrength);
        }
    }

    @Override
    public INDArray compete(INDArray u) {
        return competeSparse(u).dense();
    }

    /** Two entries per row: the winner (value 1), then the k-th ranked neuron (value {@code -delta}). */
    @Override
    public SparseActivity competeSparse(INDArray u) {
        if (rankK > u.columns()) {
            throw new IllegalArgumentException("RankKAntiHebbian: rankK (k) = " + rankK + " exceeds nOut = "
                    + u.columns() + " (the columns of u)");
        }
        // k rounds of arg-max, each excluding the previous winners (not ND4J's top_k: see KWta).
        INDArray first = Nd4j.argMax(u, 1).reshape(u.rows(), 1);
        INDArray remaining = HardWta.excluding(u, first);
        INDArray kth = null;
        for (int round = 2; round <= rankK; round++) {
            kth = Nd4j.argMax(remaining, 1).reshape(u.rows(), 1);
            if (round < rankK) {
                remaining = HardWta.excluding(remaining, kth);
            }
        }
        INDArray values = Nd4j.ones(u.dataType(), u.rows(), 2);
        // 0 - delta, so that delta = 0 gives +0.0 as the dense activity's other zeros.
        values.getColumn(1).assign(0.0 - antiHebbianStrength);
        return new SparseActivity(Nd4j.concat(1, first, kth), values, u.columns());
    }

    @Override
    public void validateFor(long nOut, String where) {
        if (rankK > nOut) {
            throw new IllegalArgumentException(where + ": competition RankKAntiHebbian rankK (k) = " + rankK
                    + " exceeds nOut = " + nOut);
        }
    }

    @Override
    public String name() {
        return "rank-k";
    }
}
