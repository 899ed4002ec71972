package org.hebbian4j.activations;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.databind.ObjectMapper;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PowerReluActivationTest {

    @Test
    void forwardIsTheRectifiedPower() {
        INDArray u = Nd4j.createFromArray(new double[][]{{-2, 0, 0.5, 2}});
        INDArray a = new PowerReluActivation(3).getActivation(u.dup(), true);
        assertArrayEquals(new double[]{0, 0, 0.125, 8}, a.toDoubleVector(), 1e-12);
    }

    @Test
    void backwardIsPowerTimesTheRectifiedPowerMinusOneTimesEpsilon() {
        INDArray u = Nd4j.createFromArray(new double[][]{{-2, 0, 0.5, 2}});
        INDArray eps = Nd4j.createFromArray(new double[][]{{1, 1, 2, -1}});
        var grad = new PowerReluActivation(3).backprop(u.dup(), eps);
        // 3 * relu(u)^2 * eps = [0, 0, 3 * 0.25 * 2, 3 * 4 * -1]
        assertArrayEquals(new double[]{0, 0, 1.5, -12}, grad.getFirst().toDoubleVector(), 1e-12);
        assertNull(grad.getSecond());
        // n = 1 is ReLU: no gradient below zero (0^0 = 1 must not leak)
        var relu = new PowerReluActivation(1).backprop(u.dup(), eps);
        assertArrayEquals(new double[]{0, 0, 2, -1}, relu.getFirst().toDoubleVector(), 1e-12);
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        double n = 4.5, h = 1e-6;
        PowerReluActivation f = new PowerReluActivation(n);
        for (double u : new double[]{-1, 0.3, 1.7}) {
            double numeric = (f.getActivation(Nd4j.scalar(u + h).reshape(1, 1), true).getDouble(0)
                    - f.getActivation(Nd4j.scalar(u - h).reshape(1, 1), true).getDouble(0)) / (2 * h);
            double analytic = f.backprop(Nd4j.scalar(u).reshape(1, 1), Nd4j.ones(1, 1).castTo(Nd4j.scalar(u).dataType())).getFirst().getDouble(0);
            assertEquals(numeric, analytic, 1e-5, "u = " + u);
        }
    }

    @Test
    void jsonRoundTripAndValidation() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        PowerReluActivation a = new PowerReluActivation(2.5);
        assertEquals(a, mapper.readValue(mapper.writeValueAsString(a), PowerReluActivation.class));
        assertThrows(IllegalArgumentException.class, () -> new PowerReluActivation(0.5));
    }
}
