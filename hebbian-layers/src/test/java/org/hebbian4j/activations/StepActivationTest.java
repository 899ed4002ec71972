package org.hebbian4j.activations;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StepActivationTest {

    @Test
    void heavisideIsOneFromZeroUpAndZeroBelow() {
        INDArray u = Nd4j.createFromArray(new double[][]{{-2, -1e-9, 0, 1e-9, 3}});
        assertArrayEquals(new double[]{0, 0, 1, 1, 1},
                new StepActivation().getActivation(u.dup(), true).toDoubleVector(), 0.0);
    }

    @Test
    void signVariantMapsToMinusOneAndOne() {
        INDArray u = Nd4j.createFromArray(new float[][]{{-0.5f, 0f, 2f}});
        INDArray a = new StepActivation(-1, 1).getActivation(u.dup(), false);
        assertEquals(DataType.FLOAT, a.dataType());
        assertArrayEquals(new double[]{-1, 1, 1}, a.toDoubleVector(), 0.0);
    }

    @Test
    void backpropIsZeroWhateverTheErrorAbove() {
        INDArray u = Nd4j.randn(DataType.DOUBLE, 3, 4);
        INDArray epsilon = Nd4j.rand(DataType.DOUBLE, 3, 4).addi(1);
        INDArray gradient = new StepActivation().backprop(u.dup(), epsilon).getFirst();
        assertArrayEquals(new double[12], gradient.ravel().toDoubleVector(), 0.0);
    }

    @Test
    void equalLevelsAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new StepActivation(1, 1));
        assertTrue(e.getMessage().contains("low") && e.getMessage().contains("high"), e.getMessage());
    }

    @Test
    void roundTripsThroughDl4jJsonWithItsLevels() throws Exception {
        var mapper = NeuralNetConfiguration.mapper();
        StepActivation sign = new StepActivation(-1, 1);
        String json = mapper.writerFor(IActivation.class).writeValueAsString(sign);
        assertEquals(sign, mapper.readValue(json, IActivation.class));
        assertNotEquals(new StepActivation(), mapper.readValue(json, IActivation.class));
    }
}
