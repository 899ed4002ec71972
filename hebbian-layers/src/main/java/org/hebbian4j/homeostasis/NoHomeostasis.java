package org.hebbian4j.homeostasis;

import org.nd4j.linalg.api.ndarray.INDArray;

/** No homeostasis: the competition sees u itself and the layer keeps no state for it. */
public record NoHomeostasis() implements Homeostasis {

    @Override
    public boolean enabled() {
        return false;
    }

    @Override
    public INDArray shift(INDArray u, INDArray theta) {
        return u;
    }

    @Override
    public INDArray stateChange(INDArray activity, INDArray theta) {
        throw new UnsupportedOperationException("NoHomeostasis keeps no state");
    }

    @Override
    public String name() {
        return "none";
    }
}
