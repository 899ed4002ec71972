package org.hebbian4j.metrics;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeadNeuronsTest {

    @Test
    void constructedCaseSeparatesUntouchedAndRescaledNeuronsFromNeuronsThatTurned() {
        double[][] initial = {
                {3, 4, 0},   // unchanged
                {3, 4, 0},   // rescaled to unit norm (a normalization step): same direction
                {1, 0, 0},   // turned by 90 degrees
                {1, 0, 0},   // nudged: (1, 0.05, 0), angle atan(0.05)
                {1, 0, 0},   // turned further: (1, 0.2, 0)
                {0, 2, 0},   // reversed
        };
        double[][] now = {
                {3, 4, 0},
                {0.6, 0.8, 0},
                {0, 0, 5},
                {1, 0.05, 0},
                {1, 0.2, 0},
                {0, -1, 0},
        };
        INDArray change = DeadNeurons.directionChange(Nd4j.createFromArray(now), Nd4j.createFromArray(initial));
        // c = sqrt(2 - 2 cos): cos = 1, 1, 0, 1/sqrt(1.0025), 1/sqrt(1.04), -1.
        double[] expected = {0, 0, Math.sqrt(2), Math.sqrt(2 - 2 / Math.sqrt(1.0025)), Math.sqrt(2 - 2 / Math.sqrt(1.04)), 2};
        assertArrayEquals(expected, change.toDoubleVector(), 1e-12);

        boolean[] dead = new boolean[expected.length];
        for (int i = 0; i < dead.length; i++) {
            dead[i] = DeadNeurons.isDead(change.getDouble(i), DeadNeurons.DEFAULT_TOLERANCE);
        }
        // c = 0.0500 for the nudged neuron (dead at tolerance 0.1), 0.199 for the turned one (live).
        assertArrayEquals(new boolean[]{true, true, false, true, false, false}, dead);
    }

    @Test
    void zeroWeightsAreNotDeadAgainstANonZeroStart() {
        INDArray change = DeadNeurons.directionChange(Nd4j.createFromArray(new double[][]{{0, 0}}),
                Nd4j.createFromArray(new double[][]{{1, 1}}));
        assertArrayEquals(new double[]{1.0}, change.toDoubleVector(), 1e-12);
        assertFalse(DeadNeurons.isDead(1.0, DeadNeurons.DEFAULT_TOLERANCE));
        assertTrue(DeadNeurons.isDead(0.0, 1e-9));
    }
}
