package org.hebbian4j.activations;

import lombok.EqualsAndHashCode;
import lombok.Getter;
import org.hebbian4j.competition.LateralInhibition;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Lateral inhibition as a layer's output: {@code h_i = (u+_i / max_k u+_k)^lambda} per example
 * (row), with {@code u+ = max(u, 0)}; a row without a positive entry gives h = 0.
 *
 * <p>The same function as the competition {@link LateralInhibition} (Zhu and Liu, eq. 4), used where
 * the paper feeds the inhibited activity h to the next layer: a {@code HebbianDenseLayer} outputs
 * {@code activation(u)}, so with this activation its output is the h that its rule also sees
 * (competition {@code LateralInhibition} with the same lambda), and a classifier on top receives h,
 * as in Zhu and Liu's Figure 2.
 *
 * <p>Backward (for use under a backprop layer; a Hebbian layer ignores it): with {@code m = max_k u+_k},
 * {@code r = u+ / m} and {@code k*} the maximal unit(s),
 * {@code dL/du_i = eps_i lambda r_i^(lambda-1) / m [u_i > 0] - [i = k*] sum_j eps_j lambda h_j / m}
 * (split equally among tied maxima); 0 for a row without a positive entry.
 */
@EqualsAndHashCode(callSuper = false)
@Getter
public class LateralInhibitionActivation extends RowWiseActivation {

    private final double power;

    /** @param power lambda &gt;= 1, finite */
    @JsonCreator
    public LateralInhibitionActivation(@JsonProperty("power") double power) {
        new LateralInhibition(power);   // validates, with the same message
        this.power = power;
    }

    @Override
    INDArray activateRows(INDArray in) {
        return in.assign(new LateralInhibition(power).compete(in));
    }

    @Override
    INDArray backpropRows(INDArray in, INDArray epsilon) {
        INDArray positive = Transforms.relu(in, true);
        INDArray rowMax = positive.max(true, 1);
        INDArray silent = rowMax.eq(0).castTo(in.dataType());
        INDArray safeMax = rowMax.add(silent);                  // 1 where the row is silent (h = 0 there)
        INDArray ratio = positive.divColumnVector(safeMax);
        INDArray active = in.gt(0).castTo(in.dataType());
        INDArray h = Transforms.pow(ratio, power, true);
        // Direct term: eps_i lambda r_i^(lambda - 1) / m on active units.
        INDArray direct = Transforms.pow(ratio, power - 1, true).muli(active).muli(epsilon).muli(power)
                .diviColumnVector(safeMax);
        // Through the maximum: -sum_j eps_j lambda h_j / m, to the maximal unit(s).
        INDArray throughMax = h.mul(epsilon).sum(true, 1).muli(-power).divi(safeMax);
        INDArray isMax = positive.eq(rowMax.broadcast(positive.shape())).castTo(in.dataType()).muli(active);
        INDArray ties = isMax.sum(true, 1);
        ties.addi(ties.eq(0).castTo(in.dataType()));
        direct.addi(isMax.muliColumnVector(throughMax.divi(ties)));
        return in.assign(direct.muliColumnVector(silent.rsubi(1.0)));
    }

    @Override
    public String toString() {
        return "lateral(" + power + ")";
    }
}
