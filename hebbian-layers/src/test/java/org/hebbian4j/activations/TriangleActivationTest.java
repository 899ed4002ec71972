package org.hebbian4j.activations;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class TriangleActivationTest {

    @Test
    void handComputedRowsKeepOnlyUnitsAboveTheirRowMean() {
        // row 0: u = (1, 2, 6), mean 3 -> (max(0,-2), max(0,-1), max(0,3)) = (0, 0, 3)
        // row 1: u = (-1, 1, 0), mean 0 -> (0, 1, 0)
        INDArray u = Nd4j.createFromArray(new double[][]{{1, 2, 6}, {-1, 1, 0}});
        INDArray a = new TriangleActivation().getActivation(u.dup(), false);
        assertArrayEquals(new double[]{0, 0, 3}, a.getRow(0).toDoubleVector(), 1e-12);
        assertArrayEquals(new double[]{0, 1, 0}, a.getRow(1).toDoubleVector(), 1e-12);
    }

    @Test
    void backpropMatchesFiniteDifferencesOfTheScalarLoss() {
        Nd4j.getRandom().setSeed(3);
        INDArray u = Nd4j.randn(DataType.DOUBLE, 4, 7);
        INDArray eps = Nd4j.randn(DataType.DOUBLE, 4, 7);    // dL/da: L = sum(eps * a(u))
        TriangleActivation act = new TriangleActivation();
        INDArray grad = act.backprop(u.dup(), eps.dup()).getFirst();
        double h = 1e-6;
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 7; c++) {
                INDArray plus = u.dup();
                plus.putScalar(r, c, u.getDouble(r, c) + h);
                INDArray minus = u.dup();
                minus.putScalar(r, c, u.getDouble(r, c) - h);
                double numeric = (loss(act, plus, eps) - loss(act, minus, eps)) / (2 * h);
                assertEquals(numeric, grad.getDouble(r, c), 1e-6, "dL/du[" + r + "," + c + "]");
            }
        }
    }

    private static double loss(IActivation act, INDArray u, INDArray eps) {
        return act.getActivation(u.dup(), true).mul(eps).sumNumber().doubleValue();
    }

    @Test
    void roundTripsThroughDl4jJson() throws Exception {
        var mapper = NeuralNetConfiguration.mapper();
        String json = mapper.writerFor(IActivation.class).writeValueAsString(new TriangleActivation());
        assertEquals(new TriangleActivation(), mapper.readValue(json, IActivation.class));
    }
}
