package org.hebbian4j.activations;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.hebbian4j.competition.LateralInhibition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LateralInhibitionActivationTest {

    @Test
    void handComputedRowsAreThePowerOfTheRatioToTheRowMaximum() {
        // lambda = 2. row 0: u = (1, 4, -3, 2): u+ = (1, 4, 0, 2), max 4 -> (1/16, 1, 0, 4/16)
        //             row 1: u = (-1, -2, 0, -5): no positive entry -> 0
        INDArray u = Nd4j.createFromArray(new double[][]{{1, 4, -3, 2}, {-1, -2, 0, -5}});
        INDArray h = new LateralInhibitionActivation(2).getActivation(u.dup(), false);
        assertArrayEquals(new double[]{0.0625, 1, 0, 0.25}, h.getRow(0).toDoubleVector(), 1e-15);
        assertArrayEquals(new double[]{0, 0, 0, 0}, h.getRow(1).toDoubleVector(), 0.0);
    }

    @Test
    void equalsTheLateralInhibitionCompetition() {
        Nd4j.getRandom().setSeed(3);
        INDArray u = Nd4j.randn(DataType.DOUBLE, 20, 30);
        INDArray expected = new LateralInhibition(7).compete(u.dup());
        assertArrayEquals(expected.data().asDouble(), new LateralInhibitionActivation(7).getActivation(u.dup(), true)
                .dup().data().asDouble(), 0.0);
    }

    @ParameterizedTest
    @ValueSource(doubles = {1.0, 2.5, 10.0})
    void backpropMatchesFiniteDifferences(double power) {
        Nd4j.getRandom().setSeed(4);
        INDArray u = Nd4j.randn(DataType.DOUBLE, 3, 9);
        u.getRow(2).assign(u.getRow(2).sub(10));            // a row without a positive entry: gradient 0
        INDArray eps = Nd4j.randn(DataType.DOUBLE, 3, 9);
        LateralInhibitionActivation act = new LateralInhibitionActivation(power);
        INDArray grad = act.backprop(u.dup(), eps.dup()).getFirst();
        double h = 1e-6;
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 9; c++) {
                INDArray plus = u.dup();
                plus.putScalar(r, c, u.getDouble(r, c) + h);
                INDArray minus = u.dup();
                minus.putScalar(r, c, u.getDouble(r, c) - h);
                double numeric = (loss(act, plus, eps) - loss(act, minus, eps)) / (2 * h);
                assertEquals(numeric, grad.getDouble(r, c), 1e-6 * Math.max(1, Math.abs(numeric)),
                        "dL/du[" + r + "," + c + "], lambda " + power);
            }
        }
        assertEquals(0.0, grad.getRow(2).amaxNumber().doubleValue(), 0.0);
    }

    private static double loss(IActivation act, INDArray u, INDArray eps) {
        return act.getActivation(u.dup(), true).mul(eps).sumNumber().doubleValue();
    }

    @Test
    void rejectsPowerBelowOneAndRoundTripsThroughJson() throws Exception {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LateralInhibitionActivation(0.5));
        assertTrue(e.getMessage().contains("lambda"), e.getMessage());
        var mapper = NeuralNetConfiguration.mapper();
        String json = mapper.writerFor(IActivation.class).writeValueAsString(new LateralInhibitionActivation(10));
        assertEquals(new LateralInhibitionActivation(10), mapper.readValue(json, IActivation.class));
    }
}
