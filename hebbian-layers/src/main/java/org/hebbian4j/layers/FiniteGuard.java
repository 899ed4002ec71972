package org.hebbian4j.layers;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;

/**
 * The layers' check for non-finite training steps: one sum reduction per checked array (a NaN or an
 * infinity makes the sum non-finite); only when the sum is not finite does a second pass tell a real
 * NaN/infinity from a sum of huge finite values that overflowed.
 */
final class FiniteGuard {

    private FiniteGuard() {
    }

    /** Whether every element of {@code array} is finite. */
    static boolean allFinite(INDArray array) {
        if (array == null || array.isEmpty()) {
            return true;
        }
        if (Double.isFinite(array.sumNumber().doubleValue())) {
            return true;
        }
        return !BooleanIndexing.or(array, Conditions.notFinite());
    }

    /**
     * Throws {@link NonFiniteUpdateException} if {@code update} (the rule's output or a state change,
     * before DL4J applies it) holds a NaN or an infinity.
     */
    static void checkUpdate(INDArray update, String what, String layer, String rule, String step,
                            int iteration, int epoch) {
        if (!allFinite(update)) {
            throw new NonFiniteUpdateException(layer + ": rule " + rule + " produced a non-finite " + what
                    + " (NaN or infinity) at iteration " + iteration + ", epoch " + epoch
                    + "; training stopped before applying it. " + advice(step), layer, rule, iteration, epoch);
        }
    }

    /**
     * Throws {@link NonFiniteUpdateException} if the layer's parameters hold a NaN or an infinity after
     * the updater's step.
     */
    static void checkParameters(INDArray params, String layer, String rule, String step, int iteration, int epoch) {
        if (!allFinite(params)) {
            throw new NonFiniteUpdateException(layer + ": parameters became non-finite (NaN or infinity) after the "
                    + "update of iteration " + iteration + ", epoch " + epoch + " (rule " + rule
                    + "); the in-memory model is broken, use the last saved model or checkpoint. " + advice(step), layer, rule, iteration, epoch);
        }
    }

    /** "updater Sgd(...)" or "directStep(lr)": what takes the step, for the messages. */
    static String describeStep(boolean directStep, double directStepLearningRate, Object updater) {
        return directStep ? "directStep(" + directStepLearningRate + ")" : "updater " + updater;
    }

    private static String advice(String step) {
        return "The step is probably too large for the inputs' scale (" + step
                + "): lower the learning rate, scale the inputs down, or use normalizeWeights(true).";
    }
}
