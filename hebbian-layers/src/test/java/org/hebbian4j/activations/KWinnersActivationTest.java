package org.hebbian4j.activations;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KWinnersActivationTest {

    @Test
    void handComputedRowsKeepTheKLargestShiftedByTheNextOne() {
        // k = 2. row 0: u = (1, 5, 3, 4): sorted 5,4,3,1; tau = 3 (third largest) -> (0, 2, 0, 1)
        //        row 1: u = (-2, -1, 0, -3): sorted 0,-1,-2,-3; tau = -2 -> (0, 1, 2, 0)
        INDArray u = Nd4j.createFromArray(new double[][]{{1, 5, 3, 4}, {-2, -1, 0, -3}});
        INDArray a = new KWinnersActivation(2).getActivation(u.dup(), false);
        assertArrayEquals(new double[]{0, 2, 0, 1}, a.getRow(0).toDoubleVector(), 1e-12);
        assertArrayEquals(new double[]{0, 1, 2, 0}, a.getRow(1).toDoubleVector(), 1e-12);
    }

    @Test
    void atMostKUnitsAreActiveInEveryRow() {
        Nd4j.getRandom().setSeed(1);
        INDArray u = Nd4j.randn(DataType.FLOAT, 50, 200);
        INDArray a = new KWinnersActivation(7).getActivation(u.dup(), false);
        INDArray active = a.gt(0).castTo(DataType.FLOAT).sum(1);
        assertEquals(7.0, active.maxNumber().doubleValue(), 0);
        assertEquals(7.0, active.minNumber().doubleValue(), 0, "continuous data: exactly k");
    }

    @Test
    void kAtLeastTheWidthIsTheIdentity() {
        INDArray u = Nd4j.createFromArray(new double[][]{{1, -2, 3}});
        assertArrayEquals(new double[]{1, -2, 3}, new KWinnersActivation(3).getActivation(u.dup(), false).toDoubleVector(), 0);
    }

    @Test
    void backpropMatchesFiniteDifferences() {
        Nd4j.getRandom().setSeed(4);
        INDArray u = Nd4j.randn(DataType.DOUBLE, 3, 9);
        INDArray eps = Nd4j.randn(DataType.DOUBLE, 3, 9);
        KWinnersActivation act = new KWinnersActivation(3);
        INDArray grad = act.backprop(u.dup(), eps.dup()).getFirst();
        double h = 1e-7;
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 9; c++) {
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
    void rejectsNonPositiveKAndRoundTripsThroughJson() throws Exception {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new KWinnersActivation(0));
        assertTrue(e.getMessage().contains("winners"), e.getMessage());
        var mapper = NeuralNetConfiguration.mapper();
        String json = mapper.writerFor(IActivation.class).writeValueAsString(new KWinnersActivation(5));
        assertEquals(new KWinnersActivation(5), mapper.readValue(json, IActivation.class));
    }
}
