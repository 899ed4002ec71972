package org.hebbian4j.layers;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.hebbian4j.competition.Competition;
import org.hebbian4j.competition.HardWta;
import org.hebbian4j.competition.SoftWta;
import org.hebbian4j.conf.HebbianDenseLayer;
import org.hebbian4j.rules.HebbRule;
import org.hebbian4j.rules.LearningRule;
import org.hebbian4j.rules.SoftHebbRule;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.Arrays;
import java.util.stream.Stream;

import static org.hebbian4j.layers.LayerTestSupport.randomDataSet;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code normalizeWeights(true)} keeps every neuron's weight vector at unit L2 norm, and the bias of
 * a Hebbian layer is never learned, whatever updater and regularization the network has.
 */
class HebbianDenseLayerNormalizationAndBiasTest {

    private static final int N_IN = 12;
    private static final int N_OUT = 7;
    private static final int N_CLASSES = 3;

    private static MultiLayerNetwork network(NeuralNetConfiguration.Builder base, HebbianDenseLayer hebbian) {
        MultiLayerNetwork net = new MultiLayerNetwork(base.list()
                .layer(new DenseLayer.Builder().nIn(N_IN).nOut(N_IN).activation(Activation.TANH).build())
                .layer(hebbian)
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(N_OUT).nOut(N_CLASSES)
                        .activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        return net;
    }

    /** L2 norm of each column (= neuron) of DL4J's [nIn, nOut] W. */
    private static double[] neuronNorms(INDArray w) {
        double[][] m = w.toDoubleMatrix();
        double[] norms = new double[m[0].length];
        for (int i = 0; i < norms.length; i++) {
            double sum = 0;
            for (double[] row : m) {
                sum += row[i] * row[i];
            }
            norms[i] = Math.sqrt(sum);
        }
        return norms;
    }

    static Stream<Arguments> normalizedConfigurations() {
        return Stream.of(
                Arguments.of(new HebbRule(), new HardWta(), new Sgd(0.1), 0.0),
                Arguments.of(new SoftHebbRule(), new SoftWta(0.5), new Sgd(0.1), 0.0),
                Arguments.of(new HebbRule(), new HardWta(), new Adam(0.01), 0.1),
                Arguments.of(new SoftHebbRule(), new SoftWta(0.5), new Adam(0.01), 0.1));
    }

    @ParameterizedTest(name = "{0} + {1}, network updater {2}, directStep {3}")
    @MethodSource("normalizedConfigurations")
    void normalizeWeightsKeepsEveryNeuronsWeightVectorAtUnitNorm(LearningRule rule, Competition competition,
                                                                 IUpdater updater, double directStep) {
        HebbianDenseLayer.Builder hebbian = new HebbianDenseLayer.Builder().nIn(N_IN).nOut(N_OUT).rule(rule)
                .competition(competition).activation(Activation.RELU).normalizeWeights(true);
        if (directStep > 0) {
            hebbian.directStep(directStep);
        }
        MultiLayerNetwork net = network(new NeuralNetConfiguration.Builder().seed(42).weightInit(WeightInit.XAVIER)
                .updater(updater), hebbian.build());
        double[] normsBefore = neuronNorms(net.getLayer(1).getParam("W"));
        assertTrue(Arrays.stream(normsBefore).anyMatch(n -> Math.abs(n - 1.0) > 1e-2),
                "initial weights should not already have unit norm: " + Arrays.toString(normsBefore));

        for (int step = 0; step < 3; step++) {
            net.fit(randomDataSet(DataType.FLOAT, 16, N_IN, N_CLASSES, 100 + step));
        }

        double[] norms = neuronNorms(net.getLayer(1).getParam("W"));
        double[] ones = new double[N_OUT];
        Arrays.fill(ones, 1.0);
        assertArrayEquals(ones, norms, 1e-5, "L2 norm of each neuron's weight vector (column of W)");
    }

    @ParameterizedTest(name = "directStep {0}")
    @ValueSource(doubles = {0.0, 0.05})
    void biasKeepsItsInitialValueUnderAdamAndL2(double directStep) {
        double biasInit = 0.3;
        HebbianDenseLayer.Builder hebbian = new HebbianDenseLayer.Builder().nIn(N_IN).nOut(N_OUT)
                .rule(new SoftHebbRule()).competition(new SoftWta(0.5)).activation(Activation.RELU).biasInit(biasInit);
        if (directStep > 0) {
            hebbian.directStep(directStep);
        }
        MultiLayerNetwork net = network(new NeuralNetConfiguration.Builder().seed(42).weightInit(WeightInit.XAVIER)
                .updater(new Adam(0.05)).l2(0.1).l2Bias(0.1), hebbian.build());
        double[] biasBefore = net.getLayer(1).getParam("b").toDoubleVector();
        double[] expectedBias = new double[N_OUT];
        Arrays.fill(expectedBias, biasInit);
        assertArrayEquals(expectedBias, biasBefore, 1e-7, "bias after init");
        double[] weightsBefore = net.getLayer(1).getParam("W").ravel().toDoubleVector();

        for (int step = 0; step < 5; step++) {
            net.fit(randomDataSet(DataType.FLOAT, 16, N_IN, N_CLASSES, 200 + step));
        }

        assertFalse(Arrays.equals(weightsBefore, net.getLayer(1).getParam("W").ravel().toDoubleVector()), "W is learned");
        assertArrayEquals(biasBefore, net.getLayer(1).getParam("b").toDoubleVector(), 0.0, "bias after 5 fit steps");
        assertEquals(0.0, net.gradient().getGradientFor("1_b").norm1Number().doubleValue(), "bias gradient");
    }
}
