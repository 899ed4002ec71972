package org.hebbian4j.rules;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The local signals of one batch that a learning rule may use. All arrays are 2-D; B is the
 * number of samples (for a convolution: samples x positions), nIn the fan-in, nOut the neurons.
 *
 * @param input         x, {@code [B, nIn]}: presynaptic activity
 * @param preActivation u = x W^T + b, {@code [B, nOut]}
 * @param activity      y = competition(u), {@code [B, nOut]}: postsynaptic activity seen by the rule
 * @param weights       W, {@code [nOut, nIn]}, neuron-major (row i = weights of neuron i); a view
 *                      of the layer's parameters, never to be modified by a rule
 * @param targets       t, {@code [B, nOut]} for supervised rules, otherwise {@code null}
 */
public record LocalSignals(INDArray input, INDArray preActivation, INDArray activity,
                           INDArray weights, INDArray targets) {

    /** Signals of an unsupervised step. */
    public static LocalSignals of(INDArray input, INDArray preActivation, INDArray activity, INDArray weights) {
        return new LocalSignals(input, preActivation, activity, weights, null);
    }

    /** Batch size B (number of rows of x). */
    public long batchSize() {
        return input.rows();
    }
}
