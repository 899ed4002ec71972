package org.hebbian4j.competition;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Neurons compete on their pre-activations {@code u = x W + b} (the default). */
public record PreActivationSimilarity() implements Similarity {

    @Override
    public INDArray similarity(INDArray u, INDArray x, INDArray bias, INDArray weights) {
        return u;
    }

    @Override
    public String name() {
        return "pre-activation";
    }
}
