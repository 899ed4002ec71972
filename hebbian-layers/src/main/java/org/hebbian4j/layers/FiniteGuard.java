package org.hebbian4j.layers;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;

/**
 * The layers' check for non-finite training steps: one sum reduction per checked array (a NaN or an
 * infinity makes the sum non-finite); only when the sum is not finite does a second pass tell a real
 * NaN/infinity from a sum of huge finite values that overflowed.
 *
 * <p>The sum is BLAS's {@code asum} (sum of absolute values) where the array is one contiguous
 * block of floats or doubles, as DL4J's parameter and gradient views are: much faster than ND4J's
 * own sum reduction on the weight matrices of a step (see docs/benchmarks.md, 'Measured design
 * choices'), which matters because every training step checks the update and the parameters. A NaN
 * or an infinity anywhere makes {@code asum} non-finite as well.
 */
public final class FiniteGuard {

    private FiniteGuard() {
    }

    /** Whether every element of {@code array} is finite. */
    public static boolean allFinite(INDArray array) {
        if (array == null || array.isEmpty()) {
            return true;
        }
        if (Double.isFinite(fastSum(array))) {
            return true;
        }
        return !BooleanIndexing.or(array, Conditions.notFinite());
    }

    /** A sum that is non-finite if any element is: BLAS asum over a contiguous block, else ND4J's sum. */
    private static double fastSum(INDArray array) {
        DataType type = array.dataType();
        if ((type == DataType.FLOAT || type == DataType.DOUBLE) && array.length() > 1) {
            // A rank-1 view of the same memory exists only if the elements are one contiguous block.
            INDArray flat = Shape.newShapeNoCopy(array, new long[]{array.length()}, array.ordering() == 'f');
            if (flat != null && flat.elementWiseStride() == 1) {
                return Nd4j.getBlasWrapper().asum(flat);
            }
        }
        return array.sumNumber().doubleValue();
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

    private static String advice(String step) {
        return "The step is probably too large for the inputs' scale (" + step
                + "): lower the learning rate, scale the inputs down, or use normalizeWeights(true).";
    }
}
