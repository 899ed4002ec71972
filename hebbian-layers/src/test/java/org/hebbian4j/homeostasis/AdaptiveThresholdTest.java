package org.hebbian4j.homeostasis;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.hebbian4j.competition.HardWta;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AdaptiveThresholdTest {

    @Test
    void handComputedStateChangeIsRateTimesExcessWinRate() {
        // WTA activity of 4 samples over 3 neurons: neuron 0 wins 3 times, neuron 2 once.
        // win rates (0.75, 0, 0.25), mean 1/3 -> change = 2 * (0.75-1/3, -1/3, 0.25-1/3)
        INDArray y = Nd4j.createFromArray(new double[][]{{1, 0, 0}, {1, 0, 0}, {0, 0, 1}, {1, 0, 0}});
        INDArray change = new AdaptiveThreshold(2.0).stateChange(y, Nd4j.zeros(DataType.DOUBLE, 1, 3));
        assertArrayEquals(new double[]{2 * (0.75 - 1.0 / 3), -2.0 / 3, 2 * (0.25 - 1.0 / 3)},
                change.toDoubleVector(), 1e-12);
        assertEquals(0.0, change.sumNumber().doubleValue(), 1e-12, "changes sum to zero");
    }

    @Test
    void shiftSubtractsThresholdFromEveryRow() {
        INDArray u = Nd4j.createFromArray(new double[][]{{1, 2}, {3, 4}});
        INDArray theta = Nd4j.createFromArray(new double[][]{{0.5, -1}});
        assertArrayEquals(new double[]{0.5, 3, 2.5, 5},
                new AdaptiveThreshold(1).shift(u, theta).reshape(4).toDoubleVector(), 1e-12);
    }

    @Test
    void thresholdsEqualizeWinRatesOfAWinnerTakeAllCompetition() {
        // Neuron i's pre-activation has a fixed advantage i * 0.1: without homeostasis the last
        // neuron wins almost always. With the adaptive threshold every neuron ends up winning.
        int nOut = 8;
        Nd4j.getRandom().setSeed(11);
        INDArray advantage = Nd4j.linspace(DataType.DOUBLE, 0, 0.7, nOut).reshape(1, nOut);
        AdaptiveThreshold homeostasis = new AdaptiveThreshold(0.5);
        INDArray theta = Nd4j.zeros(DataType.DOUBLE, 1, nOut);
        INDArray wins = Nd4j.zeros(DataType.DOUBLE, 1, nOut);
        for (int step = 0; step < 2000; step++) {
            INDArray u = Nd4j.randn(DataType.DOUBLE, 32, nOut).muli(0.05).addiRowVector(advantage);
            INDArray y = new HardWta().compete(homeostasis.shift(u, theta));
            theta.addi(homeostasis.stateChange(y, theta));
            if (step >= 1000) {
                wins.addi(y.sum(true, 0));
            }
        }
        double[] share = wins.div(wins.sumNumber()).toDoubleVector();
        for (int i = 0; i < nOut; i++) {
            assertTrue(Math.abs(share[i] - 1.0 / nOut) < 0.05, "neuron " + i + " win share " + share[i]);
        }
    }

    @Test
    void rejectsNonPositiveRateNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new AdaptiveThreshold(0));
        assertTrue(e.getMessage().contains("rate"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new AdaptiveThreshold(Double.NaN));
    }

    @Test
    void roundTripsThroughDl4jJson() throws Exception {
        var mapper = NeuralNetConfiguration.mapper();
        for (Homeostasis h : new Homeostasis[]{new AdaptiveThreshold(2.5), new NoHomeostasis()}) {
            String json = mapper.writerFor(Homeostasis.class).writeValueAsString(h);
            assertEquals(h, mapper.readValue(json, Homeostasis.class));
        }
    }
}
