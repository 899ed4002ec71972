package org.hebbian4j.homeostasis;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.databind.ObjectMapper;

import static org.hebbian4j.testutil.Matrices.assertMatrixEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GrowthFactorTest {

    @Test
    void averageIsAnExponentialMovingAverageOfTheBatchMeanActivity() {
        // a <- gamma a + (1 - gamma) mean_b y, gamma = 0.75: mean_b y = [(1+0+2)/3, (0+0+3)/3] = [1, 1]
        // change = 0.25 * ([1, 1] - [0.5, 3]) = [0.125, -0.5]
        INDArray activity = Nd4j.create(new double[][]{{1, 0}, {0, 0}, {2, 3}});
        INDArray theta = Nd4j.create(new double[][]{{0.5, 3}});

        INDArray change = new GrowthFactor(0.75, 0.1).stateChange(activity, theta);

        assertMatrixEquals(new double[][]{{0.125, -0.5}}, change, 1e-15);
    }

    @Test
    void growthFactorMatchesHandArithmetic() {
        // a = [1, 3, 2], avg = 2: A = [0.5, 1.5, 1], |A| - 1 = [-0.5, 0.5, 0]; eps = 0.5
        // f = 0.5 tanh(-(|A| - 1) / 0.5) + 1 = [1 + 0.5 tanh(1), 1 - 0.5 tanh(1), 1]
        INDArray theta = Nd4j.create(new double[][]{{1, 3, 2}});
        double t = Math.tanh(1);

        INDArray f = new GrowthFactor(0.9, 0.5).weightScale(theta);

        assertMatrixEquals(new double[][]{{1 + 0.5 * t, 1 - 0.5 * t, 1}}, f, 1e-15);
    }

    @Test
    void neuronsBelowTheMeanGrowAndAboveItShrinkWithinOnePlusMinusStrength() {
        double strength = 0.2;
        double[] averages = {0, 0.01, 0.3, 0.9, 1.0, 1.1, 2, 5, 40};   // mean 5.59
        INDArray f = new GrowthFactor(0.9, strength).weightScale(Nd4j.create(new double[][]{averages}));

        double[] factors = f.toDoubleVector();
        double mean = java.util.Arrays.stream(averages).average().orElseThrow();
        for (int i = 0; i < averages.length; i++) {
            // tanh saturates to exactly -1 in double for a far above the mean: inclusive bounds.
            assertTrue(factors[i] >= 1 - strength && factors[i] <= 1 + strength, "f_" + i + " = " + factors[i]);
            assertTrue(averages[i] < mean ? factors[i] > 1 : factors[i] < 1, "a_" + i + " vs mean: f = " + factors[i]);
            if (i > 0) {
                assertTrue(factors[i] <= factors[i - 1], "f does not increase with a: f_" + i);
            }
        }
        assertEquals(1 + strength * Math.tanh(1 / strength), factors[0], 1e-15, "a silent neuron grows by about 1 + eps");
    }

    @Test
    void signedFactorMultipliesPositiveWeightsAndDividesNegativeOnes() {
        // a = [1, 3] (avg 2): A = [0.5, 1.5]; eps = 0.5: f = [1 + 0.5 tanh(1), 1 - 0.5 tanh(1)] = [g, s]
        // neuron 0 (row 0) = [2, -1, 0] -> [2g, -1/g, 0]; neuron 1 = [-4, 3, 1] -> [-4/s, 3s, s]
        double g = 1 + 0.5 * Math.tanh(1);
        double s = 1 - 0.5 * Math.tanh(1);
        INDArray theta = Nd4j.create(new double[][]{{1, 3}});
        INDArray w = Nd4j.create(new double[][]{{2, -1, 0}, {-4, 3, 1}});

        new GrowthFactor(0.9, 0.5, true).scaleWeights(w, theta);

        assertMatrixEquals(new double[][]{{2 * g, -1 / g, 0}, {-4 / s, 3 * s, s}}, w, 1e-15);
    }

    @Test
    void unsignedFactorScalesEachNeuronsWholeRow() {
        double g = 1 + 0.5 * Math.tanh(1);
        double s = 1 - 0.5 * Math.tanh(1);
        INDArray w = Nd4j.create(new double[][]{{2, -1, 0}, {-4, 3, 1}});

        new GrowthFactor(0.9, 0.5).scaleWeights(w, Nd4j.create(new double[][]{{1, 3}}));

        assertMatrixEquals(new double[][]{{2 * g, -g, 0}, {-4 * s, 3 * s, s}}, w, 1e-15);
    }

    @Test
    void aNeverActiveNeuronGrowsWithoutBoundUnsignedButTurnsPositiveSigned() {
        // Neuron 1 has only negative weights: u = w x < 0 for x >= 0, it never wins (average 0).
        // Unsigned, its weights grow by 1 + eps per step; signed, they shrink towards 0.
        INDArray theta = Nd4j.create(new double[][]{{1, 0}});
        INDArray unsigned = Nd4j.create(new double[][]{{1, 1}, {-1, -1}});
        INDArray signed = unsigned.dup();
        for (int step = 0; step < 100; step++) {
            new GrowthFactor(0.9, 0.1).scaleWeights(unsigned, theta);
            new GrowthFactor(0.9, 0.1, true).scaleWeights(signed, theta);
        }
        double growth = Math.pow(1 + 0.1 * Math.tanh(10), 100);
        assertEquals(-growth, unsigned.getDouble(1, 0), 1e-9 * growth);
        assertEquals(-1 / growth, signed.getDouble(1, 0), 1e-12);
    }

    @Test
    void whileTheAverageIsZeroNoWeightChangesAndTheCompetitionSeesUUnchanged() {
        INDArray zeros = Nd4j.zeros(1, 4);
        INDArray u = Nd4j.create(new double[][]{{1, -2, 3, 0}});

        assertMatrixEquals(new double[][]{{1, 1, 1, 1}}, new GrowthFactor().weightScale(zeros), 0.0);
        assertSame(u, new GrowthFactor().shift(u, Nd4j.create(new double[][]{{5, 5, 5, 5}})));
    }

    @Test
    void defaultsAndValidation() {
        assertEquals(new GrowthFactor(0.99, 0.01), new GrowthFactor());
        assertEquals(new GrowthFactor(0.99, 0.01, false), new GrowthFactor());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new GrowthFactor(1, 0.1))
                .getMessage().contains("averageMomentum"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new GrowthFactor(0.9, 0))
                .getMessage().contains("strength"));
    }

    @Test
    void roundTripsThroughDl4jJsonMapper() throws Exception {
        ObjectMapper mapper = NeuralNetConfiguration.mapper();
        Homeostasis growth = new GrowthFactor(0.95, 0.05);
        String json = mapper.writerFor(Homeostasis.class).writeValueAsString(growth);

        assertTrue(json.contains(GrowthFactor.class.getName()), json);
        assertEquals(growth, mapper.readValue(json, Homeostasis.class));
        Homeostasis signed = new GrowthFactor(0.95, 0.05, true);
        assertEquals(signed, mapper.readValue(mapper.writerFor(Homeostasis.class).writeValueAsString(signed), Homeostasis.class));
        String withoutSigned = "{\"@class\":\"" + GrowthFactor.class.getName() + "\",\"averageMomentum\":0.9,\"strength\":0.1}";
        assertEquals(new GrowthFactor(0.9, 0.1, false), mapper.readValue(withoutSigned, Homeostasis.class));
    }
}
