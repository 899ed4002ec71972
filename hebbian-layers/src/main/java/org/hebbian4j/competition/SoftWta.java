package org.hebbian4j.competition;

import org.hebbian4j.util.RowSums;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Exp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Exponential soft winner-take-all (e-soft-WTA): {@code y_i = exp(u_i / T) / sum_j exp(u_j / T)}.
 *
 * <p>T ({@code temperature}) tunes how the reward spreads: T to 0 approaches WTA. In FLOAT, computed as
 * {@code exp(u / T)} divided by its row sums when no row sum leaves [1e-30, 1e30] (ND4J's parallel
 * exp; faster than its single-threaded softmax op when ND4J has several threads), otherwise, and in
 * other types, with each row's maximum shifted to 0 so that no exp overflows or underflows to 0/0.
 * This is also the competition of SoftHebb ({@code y = softmax(u / T)}).
 *
 * <p>G. Lagani, F. Falchi, C. Gennaro, G. Amato, "Training Convolutional Neural Networks with
 * Competitive Hebbian Learning Approaches", LOD 2021, eq. (5) (T = 0.02 in their experiments);
 * T. Moraitis et al., "SoftHebb", Neuromorph. Comput. Eng. 2022.
 *
 * @param temperature T &gt; 0
 */
public record SoftWta(@JsonProperty("temperature") double temperature) implements Competition {

    @JsonCreator
    public SoftWta {
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("SoftWta: temperature must be > 0 and finite, got " + temperature);
        }
    }

    @Override
    public INDArray compete(INDArray u) {
        INDArray scaled = temperature == 1.0 ? u : u.div(temperature);
        if (u.dataType() == DataType.FLOAT) {
            INDArray out = scaled == u ? Nd4j.createUninitialized(u.dataType(), u.shape(), u.ordering()) : scaled;
            if (unshiftedSoftmax(scaled, out)) {
                return out;
            }
            // Some row's exps overflowed or all but vanished: the stable path below. ND4J M2.1's FLOAT
            // softmax subtracts each row's maximum itself (checked for 'c' and 'f' rows by
            // largePositiveOrNegativePreActivationsGiveFiniteSoftmax).
            INDArray again = temperature == 1.0 ? u : u.div(temperature);
            return Nd4j.exec(new SoftMax(again, out, 1))[0];
        }
        // Other types: shift each row's maximum to 0 first (softmax is shift-invariant): ND4J M2.1's
        // DOUBLE softmax returns NaN for 'c' rows whose entries all lie below about -745, where every
        // exp underflows to 0. (At T = 1 the shift makes the copy.)
        scaled = scaled == u ? u.subColumnVector(u.max(true, 1)) : scaled.subiColumnVector(scaled.max(true, 1));
        return Nd4j.exec(new SoftMax(scaled, scaled, 1))[0];
    }

    /**
     * Softmax of FLOAT rows without the max shift, {@code out = exp(z) / rowSum(exp(z))}, accepted only
     * when every row sum lies in [1e-30, 1e30]: then no exp overflowed, each row's largest exp is a
     * normal float, and the result equals the shifted softmax to float rounding (an entry whose exp
     * is subnormal has a true value below 1e-8 and an absolute error below 1e-15). ND4J's element-wise
     * exp runs on all of its threads while its softmax op runs on one, so this is faster when ND4J has
     * several threads; see docs/benchmarks.md, 'Measured design choices'.
     *
     * @param z   the rows ({@code u / T}), left unchanged unless {@code out} is {@code z}
     * @param out receives the softmax when this returns true, and is scratch otherwise
     * @return whether {@code out} holds the softmax; false: overwritten, use the stable path
     */
    private static boolean unshiftedSoftmax(INDArray z, INDArray out) {
        Nd4j.exec(new Exp(z, out));
        INDArray sums = RowSums.of(out);
        double smallest = sums.minNumber().doubleValue();
        double largest = sums.maxNumber().doubleValue();
        if (!(smallest >= 1e-30 && largest <= 1e30)) {
            return false;
        }
        out.diviColumnVector(sums);
        return true;
    }

    @Override
    public String name() {
        return "softmax";
    }
}
