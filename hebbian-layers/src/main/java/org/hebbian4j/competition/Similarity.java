package org.hebbian4j.competition;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonTypeInfo;

import java.io.Serializable;

/**
 * What the neurons of a Hebbian layer compete on: a similarity s {@code [rows, nOut]} of each row
 * of input x to each neuron's weight vector w_i, handed to the layer's {@link Competition} instead
 * of the pre-activations. The default, {@link PreActivationSimilarity}, is {@code u = x W + b}
 * itself; {@link RaisedCosineSimilarity} is Lagani et al.'s scale-free {@code ((cos + 1) / 2)^2},
 * with which unnormalized long kernels do not win every position. The similarity shapes only the
 * competition (and so learning), never the layer's output.
 *
 * <p>Implementations are immutable records and serialize in the network JSON by class name. ND4J
 * operations only.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.CLASS, include = JsonTypeInfo.As.PROPERTY, property = "@class")
public sealed interface Similarity extends Serializable permits PreActivationSimilarity, RaisedCosineSimilarity {

    /**
     * @param u       pre-activations {@code x W^T + b}, {@code [rows, nOut]}
     * @param x       the rows of input {@code [rows, nIn]} (a convolution: the patches)
     * @param bias    the bias {@code [1, nOut]} in u (zeros without bias)
     * @param weights neuron-major weights {@code [nOut, nIn]}
     * @return s {@code [rows, nOut]}: u itself or a new array; never modifies its arguments
     */
    INDArray similarity(INDArray u, INDArray x, INDArray bias, INDArray weights);

    /** Short name used on the command line and in docs. */
    String name();
}
