package org.hebbian4j.layers;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.hebbian4j.competition.Competition;
import org.hebbian4j.competition.HardWta;
import org.hebbian4j.competition.SoftWta;
import org.hebbian4j.conf.HebbianConvolutionLayer;
import org.hebbian4j.homeostasis.AdaptiveThreshold;
import org.hebbian4j.layers.NaiveConvolutionReference.Geometry;
import org.hebbian4j.rules.InstarRule;
import org.hebbian4j.rules.LearningRule;
import org.hebbian4j.rules.MeanInstarRule;
import org.hebbian4j.rules.SoftHebbRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.hebbian4j.layers.LayerTestSupport.assertStepIsMeasurable;
import static org.hebbian4j.layers.LayerTestSupport.tolerance;
import static org.hebbian4j.layers.NaiveConvolutionReference.images;
import static org.hebbian4j.layers.NaiveConvolutionReference.kernelMatrix;
import static org.hebbian4j.layers.NaiveConvolutionReference.map;
import static org.hebbian4j.layers.NaiveConvolutionReference.patches;
import static org.hebbian4j.layers.NaiveConvolutionReference.preActivation;
import static org.hebbian4j.layers.NaiveConvolutionReference.ruleUpdate;
import static org.hebbian4j.layers.NaiveConvolutionReference.stepped;
import static org.hebbian4j.layers.NaiveConvolutionReference.values4d;
import static org.hebbian4j.testutil.Matrices.array;
import static org.hebbian4j.testutil.Matrices.assertMatrixEquals;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One training step of a network holding a {@link HebbianConvolutionLayer} moves the kernels by
 * exactly {@code lr * dW}, dW the rule's mean over all (sample, position) rows of naively
 * extracted patches ({@link NaiveConvolutionReference}): in MultiLayerNetwork and ComputationGraph,
 * in double and float, strides 1 and 2 with padding, at the bottom of the network and above a
 * backprop convolution; in direct mode whatever the updater; with homeostasis and normalized kernels.
 */
class HebbianConvolutionLayerExactStepTest {

    private static final int BATCH = 4;
    private static final int CHANNELS = 2;
    private static final int IN_H = 8;
    private static final int IN_W = 7;
    private static final int CHANNELS_BELOW = 4;
    private static final int N_OUT = 5;
    private static final int N_CLASSES = 3;
    private static final double LEARNING_RATE = 0.05;
    private static final double BIAS = 0.05;
    private static final int[] KERNEL = {3, 3};
    private static final int[] PADDING = {1, 1};
    private static final int[] NO_DILATION = {1, 1};

    static Stream<Arguments> rulesStridesPositionsAndDataTypes() {
        List<Arguments> all = new ArrayList<>();
        // Instar and mean instar under a soft competition read the activity's column sums that the
        // layer computes once per step for its statistics (LocalSignals.activityColumnSums).
        for (Arguments rc : List.of(Arguments.of(new SoftHebbRule(), new SoftWta(0.5)),
                Arguments.of(new InstarRule(), new HardWta()), Arguments.of(new InstarRule(), new SoftWta(0.5)),
                Arguments.of(new MeanInstarRule(), new SoftWta(0.5)))) {
            for (int stride : new int[]{1, 2}) {
                for (int index : new int[]{0, 1}) {
                    for (DataType dataType : new DataType[]{DataType.DOUBLE, DataType.FLOAT}) {
                        all.add(Arguments.of(rc.get()[0], rc.get()[1], stride, index, dataType));
                    }
                }
            }
        }
        return all.stream();
    }

    private static NeuralNetConfiguration.Builder base(DataType dataType) {
        return new NeuralNetConfiguration.Builder().seed(42).dataType(dataType).weightInit(WeightInit.XAVIER);
    }

    private static HebbianConvolutionLayer.Builder hebbian(LearningRule rule, Competition competition, int stride) {
        return new HebbianConvolutionLayer.Builder(KERNEL).stride(stride, stride).padding(PADDING).nOut(N_OUT)
                .rule(rule).competition(competition).biasInit(BIAS).activation(Activation.RELU);
    }

    /** Backprop convolution 3x3, padding 1, tanh: keeps the image size. */
    private static ConvolutionLayer convolutionBelow() {
        return new ConvolutionLayer.Builder(3, 3).padding(1, 1).nOut(CHANNELS_BELOW).activation(Activation.TANH)
                .biasInit(0.1).build();
    }

    private static OutputLayer output() {
        return new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(N_CLASSES)
                .activation(Activation.SOFTMAX).build();
    }

    private static MultiLayerNetwork network(NeuralNetConfiguration.Builder base, int hebbianIndex,
                                             HebbianConvolutionLayer.Builder hebbian) {
        NeuralNetConfiguration.ListBuilder list = base.list();
        if (hebbianIndex == 1) {
            list.layer(convolutionBelow());
        }
        MultiLayerNetwork net = new MultiLayerNetwork(list.layer(hebbian.build()).layer(output())
                .setInputType(InputType.convolutional(IN_H, IN_W, CHANNELS)).build());
        net.init();
        return net;
    }

    private static DataSet data(DataType dataType, long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray features = Nd4j.rand(dataType, BATCH, CHANNELS, IN_H, IN_W);
        INDArray labels = Nd4j.zeros(dataType, BATCH, N_CLASSES);
        for (int s = 0; s < BATCH; s++) {
            labels.putScalar(s, s % N_CLASSES, 1.0);
        }
        return new DataSet(features, labels);
    }

    /** The Hebbian layer's input as the naive forward pass of the backprop convolution below computes it. */
    private static double[][][][] naiveInput(double[][][][] features, INDArray belowW, INDArray belowB) {
        if (belowW == null) {
            return features;
        }
        Geometry g = Geometry.truncate(IN_H, IN_W, new int[]{3, 3}, new int[]{1, 1}, new int[]{1, 1}, NO_DILATION);
        double[][] rows = preActivation(patches(features, g), kernelMatrix(belowW), belowB.toDoubleVector());
        return images(map(rows, Math::tanh), features.length, g);
    }

    private static Geometry hebbianGeometry(int stride) {
        return Geometry.truncate(IN_H, IN_W, KERNEL, new int[]{stride, stride}, PADDING, NO_DILATION);
    }

    @ParameterizedTest(name = "{0} + {1}, stride {2}, Hebbian layer at index {3}, {4}")
    @MethodSource("rulesStridesPositionsAndDataTypes")
    void oneFitStepWithSgdMovesKernelsByLearningRateTimesRule(LearningRule rule, Competition competition, int stride,
                                                             int hebbianIndex, DataType dataType) {
        MultiLayerNetwork net = network(base(dataType).updater(new Sgd(LEARNING_RATE)), hebbianIndex,
                hebbian(rule, competition, stride));
        DataSet data = data(dataType, 7);
        double[][][][] x = naiveInput(values4d(data.getFeatures()),
                hebbianIndex == 1 ? net.getLayer(0).getParam("W") : null,
                hebbianIndex == 1 ? net.getLayer(0).getParam("b") : null);
        double[][] w = kernelMatrix(net.getLayer(hebbianIndex).getParam("W"));
        double[] b = net.getLayer(hebbianIndex).getParam("b").toDoubleVector();
        double[][] expected = stepped(w, ruleUpdate(rule, competition, patches(x, hebbianGeometry(stride)), w, b),
                LEARNING_RATE);
        double tolerance = tolerance(dataType);
        assertStepIsMeasurable(w, expected, tolerance);

        net.fit(data);

        assertMatrixEquals(expected, array(kernelMatrix(net.getLayer(hebbianIndex).getParam("W")), DataType.DOUBLE, 'c'),
                tolerance);
        assertArrayEquals(b, net.getLayer(hebbianIndex).getParam("b").toDoubleVector(), 0.0, "the bias is not learned");
    }

    @Test
    void oneFitStepInComputationGraphMovesKernelsByLearningRateTimesRule() {
        ComputationGraph net = new ComputationGraph(base(DataType.DOUBLE).updater(new Sgd(LEARNING_RATE))
                .graphBuilder().addInputs("in")
                .setInputTypes(InputType.convolutional(IN_H, IN_W, CHANNELS))
                .addLayer("below", convolutionBelow(), "in")
                .addLayer("hebb", hebbian(new SoftHebbRule(), new SoftWta(0.5), 2).build(), "below")
                .addLayer("out", output(), "hebb")
                .setOutputs("out").build());
        net.init();
        DataSet data = data(DataType.DOUBLE, 19);
        double[][][][] x = naiveInput(values4d(data.getFeatures()), net.getLayer("below").getParam("W"),
                net.getLayer("below").getParam("b"));
        double[][] w = kernelMatrix(net.getLayer("hebb").getParam("W"));
        double[] b = net.getLayer("hebb").getParam("b").toDoubleVector();
        double[][] expected = stepped(w, ruleUpdate(new SoftHebbRule(), new SoftWta(0.5), patches(x, hebbianGeometry(2)),
                w, b), LEARNING_RATE);
        assertStepIsMeasurable(w, expected, 1e-10);

        net.fit(data);

        assertMatrixEquals(expected, array(kernelMatrix(net.getLayer("hebb").getParam("W")), DataType.DOUBLE, 'c'), 1e-10);
    }

    @Test
    void directStepMovesKernelsByItsOwnLearningRateWhateverTheUpdaterL2AndWeightDecay() {
        double directRate = 0.03;
        MultiLayerNetwork net = network(base(DataType.DOUBLE).updater(new Adam(0.01)).l2(0.5).weightDecay(0.1), 1,
                hebbian(new InstarRule(), new HardWta(), 2).directStep(directRate));
        DataSet data = data(DataType.DOUBLE, 11);
        double[][][][] x = naiveInput(values4d(data.getFeatures()), net.getLayer(0).getParam("W"),
                net.getLayer(0).getParam("b"));
        double[][] w = kernelMatrix(net.getLayer(1).getParam("W"));
        double[] b = net.getLayer(1).getParam("b").toDoubleVector();
        double[][] expected = stepped(w, ruleUpdate(new InstarRule(), new HardWta(), patches(x, hebbianGeometry(2)), w, b),
                directRate);
        assertStepIsMeasurable(w, expected, 1e-10);

        net.fit(data);

        assertMatrixEquals(expected, array(kernelMatrix(net.getLayer(1).getParam("W")), DataType.DOUBLE, 'c'), 1e-10);
    }

    @Test
    void homeostasisThresholdAdaptsFromTheWinRatesOverAllPositionsAndShiftsTheNextCompetition() {
        double rate = 0.5;
        MultiLayerNetwork net = network(base(DataType.DOUBLE).updater(new Sgd(LEARNING_RATE)), 0,
                hebbian(new InstarRule(), new HardWta(), 1).homeostasis(new AdaptiveThreshold(rate)));
        DataSet data = data(DataType.DOUBLE, 23);
        Geometry g = hebbianGeometry(1);
        double[][] p = patches(values4d(data.getFeatures()), g);
        double[][] w0 = kernelMatrix(net.getLayer(0).getParam("W"));
        double[] b = net.getLayer(0).getParam("b").toDoubleVector();
        assertArrayEquals(new double[N_OUT], net.getLayer(0).getParam("theta").toDoubleVector(), 0.0, "theta starts at 0");

        net.fit(data);

        // theta_i = rate * (win rate of channel i over all B*H'*W' rows - 1/nOut).
        double[][] y = NaiveHebbianReference.activity(new HardWta(), preActivation(p, w0, b));
        double[] expectedTheta = new double[N_OUT];
        for (double[] row : y) {
            for (int i = 0; i < N_OUT; i++) {
                expectedTheta[i] += row[i] / y.length;
            }
        }
        for (int i = 0; i < N_OUT; i++) {
            expectedTheta[i] = rate * (expectedTheta[i] - 1.0 / N_OUT);
        }
        assertArrayEquals(expectedTheta, net.getLayer(0).getParam("theta").toDoubleVector(), 1e-12, "theta after one step");

        // Second step: the competition sees u - theta; Instar uses only the winners.
        double[][] w1 = kernelMatrix(net.getLayer(0).getParam("W"));
        double[] shiftedBias = new double[N_OUT];
        for (int i = 0; i < N_OUT; i++) {
            shiftedBias[i] = b[i] - expectedTheta[i];
        }
        double[][] expected = stepped(w1, ruleUpdate(new InstarRule(), new HardWta(), p, w1, shiftedBias), LEARNING_RATE);

        net.fit(data);

        assertMatrixEquals(expected, array(kernelMatrix(net.getLayer(0).getParam("W")), DataType.DOUBLE, 'c'), 1e-10);
    }

    @Test
    void normalizedKernelsHaveUnitNormAfterAStepAndPointAlongTheRawStep() {
        MultiLayerNetwork net = network(base(DataType.DOUBLE).updater(new Sgd(LEARNING_RATE)), 0,
                hebbian(new SoftHebbRule(), new SoftWta(0.5), 2).normalizeWeights(true));
        DataSet data = data(DataType.DOUBLE, 29);
        double[][] w = kernelMatrix(net.getLayer(0).getParam("W"));
        double[] b = net.getLayer(0).getParam("b").toDoubleVector();
        double[][] raw = stepped(w, ruleUpdate(new SoftHebbRule(), new SoftWta(0.5),
                patches(values4d(data.getFeatures()), hebbianGeometry(2)), w, b), LEARNING_RATE);

        net.fit(data);

        double[][] after = kernelMatrix(net.getLayer(0).getParam("W"));
        for (int i = 0; i < N_OUT; i++) {
            double norm = org.hebbian4j.testutil.Matrices.norm(raw[i]);
            assertEquals(1.0, org.hebbian4j.testutil.Matrices.norm(after[i]), 1e-6, "norm of kernel " + i);
            for (int j = 0; j < raw[i].length; j++) {
                // DL4J's UnitNormConstraint divides by (norm + 1e-6).
                assertEquals(raw[i][j] / norm, after[i][j], 1e-5, "kernel " + i + ", weight " + j);
            }
        }
    }
}
