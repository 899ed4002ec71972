package org.hebbian4j.activations;

import lombok.EqualsAndHashCode;
import lombok.Getter;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * k-winners activation: {@code a_i = max(0, u_i - tau)}, where tau is the (k+1)-th largest
 * pre-activation of the same example (row). At most k units are non-zero, and the code is
 * continuous in u (a unit fades out as it drops to the (k+1)-th rank).
 *
 * <p>A sparse code of the k best-matching neurons: with prototypes learned by a competitive rule
 * it is the soft counterpart of k-WTA at inference time (k-WTA sparse coding as in E. Majani et al.,
 * NIPS 1989; the shifted threshold as in the "triangle" code of Coates, Lee and Ng, AISTATS 2011).
 *
 * <p>Backward (a subgradient): {@code dL/du_i = eps_i m_i} for the active units (m_i = 1), and the
 * threshold unit(s) with {@code u_j = tau} receive {@code -sum_i eps_i m_i} (split among ties).
 */
@EqualsAndHashCode(callSuper = false)
@Getter
public class KWinnersActivation extends RowWiseActivation {

    private final int winners;

    /** @param winners k &gt;= 1: the number of units left active per example */
    @JsonCreator
    public KWinnersActivation(@JsonProperty("winners") int winners) {
        if (winners < 1) {
            throw new IllegalArgumentException("KWinnersActivation: winners (k) must be >= 1, got " + winners);
        }
        this.winners = winners;
    }

    /** The threshold tau of every row, {@code [rows, 1]}: the (k+1)-th largest value. */
    private INDArray threshold(INDArray in) {
        long n = in.columns();
        if (winners >= n) {
            return Nd4j.valueArrayOf(new long[]{in.rows(), 1}, Double.NEGATIVE_INFINITY, in.dataType());
        }
        INDArray sorted = Nd4j.sort(in.dup(), 1, false);
        return sorted.getColumn(winners, true).dup();
    }

    @Override
    INDArray activateRows(INDArray in) {
        INDArray tau = threshold(in);
        if (winners >= in.columns()) {
            return in;   // every unit is a winner: the identity (no threshold below the smallest)
        }
        in.subiColumnVector(tau);
        return Transforms.relu(in, false);
    }

    @Override
    INDArray backpropRows(INDArray in, INDArray epsilon) {
        if (winners >= in.columns()) {
            return in.assign(epsilon);
        }
        INDArray tau = threshold(in);
        INDArray active = in.subColumnVector(tau).gt(0).castTo(in.dataType());
        INDArray atThreshold = in.subColumnVector(tau).eq(0).castTo(in.dataType());
        INDArray passed = epsilon.mul(active);
        INDArray toThreshold = passed.sum(true, 1).negi().divi(atThreshold.sum(true, 1));
        return in.assign(passed.addi(atThreshold.muliColumnVector(toThreshold)));
    }

    @Override
    public String toString() {
        return "kwinners(" + winners + ")";
    }
}
