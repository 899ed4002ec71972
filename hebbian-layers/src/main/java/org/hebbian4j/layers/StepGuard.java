package org.hebbian4j.layers;

import org.deeplearning4j.nn.api.Layer;
import org.hebbian4j.conf.HebbianLearning;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * One hidden Hebbian layer's guard against non-finite steps ({@link FiniteGuard}): checks each update
 * before DL4J applies it and the parameters after, and reports both at the step's own iteration and
 * epoch (DL4J's counters have moved on by the time the parameters are checked). In {@code fit} these are
 * the network's counters (which DL4J copies into each layer); in DL4J's layer-wise pretraining, which
 * steps the layer on its own, they are the counters of the layer's configuration, which that step advances.
 */
final class StepGuard {

    private int iteration;
    private int epoch;
    private boolean pretraining;

    /** Whether the next steps are DL4J's layer-wise pretraining steps ({@code Layer.fit(input, workspaceMgr)}). */
    void pretraining(boolean pretraining) {
        this.pretraining = pretraining;
    }

    /** Throws {@link NonFiniteUpdateException} if {@code update} holds a NaN or an infinity. */
    void checkUpdate(HebbianLearning conf, int layerIndex, IUpdater updater, INDArray update, String what, Layer layer) {
        this.iteration = pretraining ? layer.conf().getIterationCount() : layer.getIterationCount();
        this.epoch = pretraining ? layer.conf().getEpochCount() : layer.getEpochCount();
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
