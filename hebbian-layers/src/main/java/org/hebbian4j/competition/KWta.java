package org.hebbian4j.competition;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.shape.OneHot;
import org.nd4j.linalg.api.ops.impl.transforms.custom.TopK;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * k-winners-take-all: {@code y_i = 1} for the k neurons with the largest pre-activations, 0 for
 * the others; exactly k winners per sample.
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
        INDArray indices = Nd4j.exec(new TopK(u, winners, false))[1];          // [B, k]
        INDArray oneHots = Nd4j.exec(new OneHot(indices, (int) u.columns(), -1, 1.0, 0.0, u.dataType()))[0];
        return oneHots.sum(1);                                                   // [B, k, nOut] -> [B, nOut]
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
