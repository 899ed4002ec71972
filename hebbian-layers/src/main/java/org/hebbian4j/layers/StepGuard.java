package org.hebbian4j.layers;

import org.hebbian4j.conf.HebbianLearning;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * One hidden Hebbian layer's guard against non-finite steps ({@link FiniteGuard}): checks each update
 * before DL4J applies it and the parameters after, and reports both at the step's own iteration and
 * epoch (DL4J's counters have moved on by the time the parameters are checked).
 */
final class StepGuard {

    private int iteration;
    private int epoch;

    /** Throws {@link NonFiniteUpdateException} if {@code update} holds a NaN or an infinity. */
    void checkUpdate(HebbianLearning conf, int layerIndex, IUpdater updater, INDArray update, String what,
                     int iteration, int epoch) {
        this.iteration = iteration;
        this.epoch = epoch;
        FiniteGuard.checkUpdate(update, what, conf.describe(layerIndex), conf.getRule().name(), step(conf, updater),
                iteration, epoch);
    }

    /** Throws {@link NonFiniteUpdateException} if the parameters became non-finite in the last step. */
    void checkParameters(HebbianLearning conf, int layerIndex, IUpdater updater, INDArray params) {
        FiniteGuard.checkParameters(params, conf.describe(layerIndex), conf.getRule().name(), step(conf, updater),
                iteration, epoch);
    }

    /** "updater Sgd(...)" or "directStep(lr)": what takes the step, for the messages. */
    private static String step(HebbianLearning conf, IUpdater updater) {
        return conf.isDirectStep() ? "directStep(" + conf.getDirectStepLearningRate() + ")" : "updater " + updater;
    }
}
