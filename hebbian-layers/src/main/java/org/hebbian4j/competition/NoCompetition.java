package org.hebbian4j.competition;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * No competition: {@code y = u}. The rule sees the linear pre-activation (as Oja's and Sanger's
 * rules assume).
 */
public record NoCompetition() implements Competition {

    @Override
    public INDArray compete(INDArray u) {
        return u;
    }

    @Override
    public String name() {
        return "none";
    }
}
