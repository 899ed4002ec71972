package org.hebbian4j.homeostasis;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Adaptive threshold ("conscience"): a neuron that wins more than its share is handicapped, one
 * that wins less is helped, until all win equally often.
 *
 * <p>The competition sees {@code u_i - theta_i}; after each batch
 * {@code theta_i <- theta_i + rate * (mean_b y_bi - mean_{b,j} y_bj)}, where y is the competition's
 * activity (for WTA: 1 for the winner). The target share {@code mean_{b,j} y_bj} is 1/nOut for WTA
 * and soft-WTA, k/nOut for k-WTA, so the rule fits any competition. theta integrates each neuron's
 * excess win rate; theta is in the units of u.
 *
 * <p>After D. DeSieno, "Adding a conscience to competitive learning", IEEE ICNN 1988, whose
 * conscience biases {@code b_i = C (1/N - p_i)} are proportional to the excess win frequency p_i;
 * this is the integral form, which drives every win rate to the target instead of reducing the
 * excess. Used against dead neurons, Liuson's main finding on competitive Hebbian layers.
 *
 * @param rate step of the threshold per batch, in units of u per unit of excess win rate; &gt; 0
 */
public record AdaptiveThreshold(@JsonProperty("rate") double rate) implements Homeostasis {

    @JsonCreator
    public AdaptiveThreshold {
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("AdaptiveThreshold: rate must be > 0 and finite, got " + rate);
        }
    }

    @Override
    public INDArray stateChange(INDArray activity, INDArray theta) {
        INDArray winRate = activity.mean(true, 0);
        return winRate.subi(winRate.meanNumber()).muli(rate).castTo(theta.dataType());
    }

    @Override
    public String name() {
        return "threshold";
    }
}
