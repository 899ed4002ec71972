package org.hebbian4j.spark;

import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.Serializable;

/**
 * What the driver broadcasts to the workers at the start of an averaging round: the model's kind and
 * configuration, its parameters (weights, biases and the Hebbian layers' state parameters), its updater
 * state and its iteration and epoch counters. Copies, so that the driver's model may change while a
 * round runs without the workers seeing it.
 *
 * @param kind          a {@link org.deeplearning4j.nn.multilayer.MultiLayerNetwork} or a
 *                      {@link org.deeplearning4j.nn.graph.ComputationGraph}
 * @param configuration the model's configuration as JSON
 * @param params        the flattened parameters {@code [1, n]}
 * @param updaterState  the updater's flattened state (null when the updaters keep none, e.g. Sgd)
 * @param iteration     the model's iteration counter
 * @param epoch         the model's epoch counter
 */
record ModelSnapshot(ModelKind kind, String configuration, INDArray params, INDArray updaterState, int iteration,
                     int epoch) implements Serializable {

    /** A snapshot of {@code model} (copies its arrays). */
    static ModelSnapshot of(Model model) {
        ModelKind kind = ModelKind.of(model);
        INDArray state = kind.updaterState(model);
        return new ModelSnapshot(kind, kind.configurationJson(model), model.params().dup(),
                state == null ? null : state.dup(), kind.iterationCount(model), kind.epochCount(model));
    }

    /** Copies this snapshot's parameters, updater state and counters into {@code model} of the same configuration. */
    void copyInto(Model model) {
        model.setParams(params);
        if (updaterState != null) {
            kind.setUpdaterState(model, updaterState);
        }
        kind.setCounters(model, iteration, epoch);
    }
}
