package org.hebbian4j.layers;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastDivOp;
import org.nd4j.linalg.factory.Nd4j;
import org.hebbian4j.util.Norms;

/**
 * The normalized forward pass of a hidden Hebbian layer
 * ({@link org.hebbian4j.conf.LearningSettings#normalizedForward()}): each neuron's pre-activation
 * divided by the L2 norm of its weights, a zero norm counting as 1.
 */
final class NormalizedForward {

    private NormalizedForward() {
    }

    /**
     * Divides {@code z} in place along {@code neuronDimension} by the norms of the neurons' weights.
     *
     * @param z                  pre-activations, e.g. {@code [B, nOut]} (dimension 1) or NCHW {@code [B, nOut, H, W]} (dimension 1)
     * @param weightsNeuronMajor {@code [nOut, fanIn]}, row i = neuron i
     */
    static void divideByWeightNorms(INDArray z, INDArray weightsNeuronMajor, int neuronDimension) {
        INDArray norms = Norms.rowNormsOrOne(weightsNeuronMajor).castTo(z.dataType());
        Nd4j.getExecutioner().exec(new BroadcastDivOp(z, norms, z, neuronDimension));
    }
}
