package org.hebbian4j.competition;

import org.hebbian4j.util.Norms;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The raised cosine: {@code s_i = ((cos(x, w_i) + 1) / 2)^power}, in [0, 1], with
 * {@code cos(x, w_i) = x . w_i / (|x| |w_i|)} (a zero norm counts as 1, so a zero row or kernel has
 * cosine 0 and similarity {@code 2^-power}).
 *
 * <p>Lagani et al.'s released code (GabrieleLagani/HebbianLearning, {@code raised_cos2d_pow(2)},
 * power 2) lets the neurons of every Hebbian layer compete on this similarity: WTA = argmax s,
 * e-soft-WTA = softmax(s / 0.02), p-soft-WTA = s^20 / sum s^20. Unlike the pre-activation, it
 * does not grow with a kernel's norm, so without weight normalization a long kernel does not win
 * everywhere; and on its [0, 1] scale a temperature of 0.02 is a soft competition, where on
 * whitened dot products of norm much larger than 1 it is nearly hard. The bias is left out of the
 * dot product.
 *
 * <p>Batched: {@code S = ((diag(1/|x|) (U - 1 b) diag(1/|w|) + 1) / 2)^power}.
 *
 * @param power the exponent, {@code > 0}; the authors use 2
 */
public record RaisedCosineSimilarity(double power) implements Similarity {

    public RaisedCosineSimilarity {
        if (!(power > 0) || Double.isInfinite(power)) {
            throw new IllegalArgumentException("RaisedCosineSimilarity: power must be > 0 and finite, got " + power);
        }
    }

    /** The authors' power 2. */
    public RaisedCosineSimilarity() {
        this(2.0);
    }

    @Override
    public INDArray similarity(INDArray u, INDArray x, INDArray bias, INDArray weights) {
        INDArray s = u.dup(u.ordering());
        if (bias.amaxNumber().doubleValue() != 0) {
            s.subiRowVector(bias.reshape(1, u.columns()).castTo(s.dataType()));
        }
        INDArray rowNorms = Norms.rowNormsOrOne(x).castTo(s.dataType());
        INDArray weightNorms = Norms.rowNormsOrOne(weights).castTo(s.dataType());
        s.diviColumnVector(rowNorms.reshape(rowNorms.length(), 1));
        s.diviRowVector(weightNorms.reshape(1, weightNorms.length()));
        s.addi(1.0).muli(0.5);
        return power == 1.0 ? s : Transforms.pow(s, power, false);
    }

    @Override
    public String name() {
        return "raised-cosine";
    }
}
