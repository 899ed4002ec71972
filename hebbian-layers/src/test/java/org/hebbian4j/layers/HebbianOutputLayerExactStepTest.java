package org.hebbian4j.layers;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.hebbian4j.competition.SoftWta;
import org.hebbian4j.conf.HebbianDenseLayer;
import org.hebbian4j.conf.HebbianOutputLayer;
import org.hebbian4j.rules.SoftHebbRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.hebbian4j.layers.LayerTestSupport.assertMatrixEquals;
import static org.hebbian4j.layers.LayerTestSupport.assertStepIsMeasurable;
import static org.hebbian4j.layers.LayerTestSupport.randomDataSet;
import static org.hebbian4j.layers.LayerTestSupport.tolerance;
import static org.hebbian4j.layers.NaiveHebbianReference.preActivation;
import static org.hebbian4j.layers.NaiveHebbianReference.relu;
import static org.hebbian4j.layers.NaiveHebbianReference.tanh;
import static org.hebbian4j.layers.NaiveSupervisedReference.maxNormColumns;
import static org.hebbian4j.layers.NaiveSupervisedReference.zeroLeadingThenDivideByLargest;
import static org.hebbian4j.layers.NaiveSupervisedReference.plus;
import static org.hebbian4j.layers.NaiveSupervisedReference.softmax;
import static org.hebbian4j.layers.NaiveSupervisedReference.supervisedHebbBiasUpdate;
import static org.hebbian4j.layers.NaiveSupervisedReference.supervisedHebbWeightUpdate;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One fit step of a network topped by a {@link HebbianOutputLayer} moves its weights by exactly
 * {@code lr * dW} and its bias by {@code lr * db}, with {@code dW[j][i] = mean_b (t_i - y_i) x_j},
 * {@code db_i = mean_b (t_i - y_i)} and y the softmax output, computed by a naive per-sample loop
 * ({@link NaiveSupervisedReference}); as the only layer, above a backprop layer ("B ... SHC") and
 * above a Hebbian layer ("H ... SHC"), in MultiLayerNetwork and ComputationGraph, double and float.
 */
class HebbianOutputLayerExactStepTest {

    private static final int N_IN = 10;
    private static final int N_HIDDEN = 8;
    private static final int N_CLASSES = 4;
    private static final int BATCH = 16;
    private static final double LEARNING_RATE = 0.1;
    private static final double BIAS_INIT = 0.1;

    /** What sits below the output layer. */
    enum Below { NOTHING, BACKPROP_DENSE, HEBBIAN_DENSE }

    static Stream<Arguments> positionsAndDataTypes() {
        List<Arguments> all = new ArrayList<>();
        for (Below below : Below.values()) {
            for (DataType dataType : new DataType[]{DataType.DOUBLE, DataType.FLOAT}) {
                all.add(Arguments.of(below, dataType));
            }
        }
        return all.stream();
    }

    private static NeuralNetConfiguration.Builder base(DataType dataType) {
        return new NeuralNetConfiguration.Builder().seed(42).dataType(dataType).weightInit(WeightInit.XAVIER);
    }

    private static HebbianOutputLayer.Builder shc(int nIn) {
        return new HebbianOutputLayer.Builder().nIn(nIn).nOut(N_CLASSES).biasInit(BIAS_INIT);
    }

    private static org.deeplearning4j.nn.conf.layers.Layer layerBelow(Below below) {
        return below == Below.BACKPROP_DENSE
                ? new DenseLayer.Builder().nIn(N_IN).nOut(N_HIDDEN).activation(Activation.TANH).biasInit(0.05).build()
                : new HebbianDenseLayer.Builder().nIn(N_IN).nOut(N_HIDDEN).rule(new SoftHebbRule())
                        .competition(new SoftWta(0.5)).activation(Activation.RELU).biasInit(0.05).build();
    }

    private static MultiLayerNetwork network(NeuralNetConfiguration.Builder base, Below below, HebbianOutputLayer.Builder top) {
        NeuralNetConfiguration.ListBuilder list = base.list();
        if (below != Below.NOTHING) {
            list.layer(layerBelow(below));
        }
        MultiLayerNetwork net = new MultiLayerNetwork(list.layer(top.build()).build());
        net.init();
        return net;
    }

    /** The output layer's input as the naive forward pass of the layer below computes it. */
    private static double[][] naiveInput(DataSet data, Below below, Layer layerBelow) {
        double[][] features = data.getFeatures().toDoubleMatrix();
        if (below == Below.NOTHING) {
            return features;
        }
        double[][] u = preActivation(features, layerBelow.getParam("W").toDoubleMatrix(),
                layerBelow.getParam("b").toDoubleVector());
        return below == Below.BACKPROP_DENSE ? tanh(u) : relu(u);
    }

    /** Expected W and b after one step: {@code W + rate * dW}, {@code b + rate * db}. */
    private record Expected(double[][] w, double[] b) {

        static Expected afterOneStep(double[][] x, double[][] t, Layer layer, double rate) {
            double[][] w = layer.getParam("W").toDoubleMatrix();
            double[] b = layer.getParam("b").toDoubleVector();
            double[][] y = softmax(preActivation(x, w, b));
            Expected e = new Expected(plus(w, supervisedHebbWeightUpdate(x, y, t), rate),
                    plus(b, supervisedHebbBiasUpdate(y, t), rate));
            assertStepIsMeasurable(w, e.w(), 1e-7);
            assertStepIsMeasurable(new double[][]{b}, new double[][]{e.b()}, 1e-7);
            return e;
        }

        void assertMatches(Layer layer, double tolerance) {
            assertMatrixEquals(w, layer.getParam("W"), tolerance, "W of the output layer after one fit step");
            assertArrayEquals(b, layer.getParam("b").toDoubleVector(), tolerance, "b of the output layer after one fit step");
        }
    }

    @ParameterizedTest(name = "below: {0}, {1}")
    @MethodSource("positionsAndDataTypes")
    void oneFitStepWithSgdMovesWeightsAndBiasByLearningRateTimesRule(Below below, DataType dataType) {
        MultiLayerNetwork net = network(base(dataType).updater(new Sgd(LEARNING_RATE)), below,
                shc(below == Below.NOTHING ? N_IN : N_HIDDEN));
        DataSet data = randomDataSet(dataType, BATCH, N_IN, N_CLASSES, 7);
        int top = net.getnLayers() - 1;
        double[][] x = naiveInput(data, below, below == Below.NOTHING ? null : net.getLayer(0));
        Expected expected = Expected.afterOneStep(x, data.getLabels().toDoubleMatrix(), net.getLayer(top), LEARNING_RATE);

        net.fit(data);

        expected.assertMatches(net.getLayer(top), tolerance(dataType));
    }

    @ParameterizedTest(name = "below: {0}")
    @MethodSource("belowSomething")
    void oneFitStepInComputationGraphMovesWeightsAndBiasByLearningRateTimesRule(Below below) {
        ComputationGraph net = new ComputationGraph(base(DataType.DOUBLE).updater(new Sgd(LEARNING_RATE))
                .graphBuilder().addInputs("in")
                .addLayer("below", layerBelow(below), "in")
                .addLayer("out", shc(N_HIDDEN).build(), "below")
                .setOutputs("out").build());
        net.init();
        DataSet data = randomDataSet(DataType.DOUBLE, BATCH, N_IN, N_CLASSES, 11);
        double[][] x = naiveInput(data, below, net.getLayer("below"));
        Expected expected = Expected.afterOneStep(x, data.getLabels().toDoubleMatrix(), net.getLayer("out"), LEARNING_RATE);

        net.fit(data);

        expected.assertMatches(net.getLayer("out"), 1e-10);
    }

    static Stream<Below> belowSomething() {
        return Stream.of(Below.BACKPROP_DENSE, Below.HEBBIAN_DENSE);
    }

    @Test
    void directStepMovesWeightsAndBiasByItsOwnRateWhateverTheUpdaterAndL2() {
        double directRate = 0.07;
        MultiLayerNetwork net = network(base(DataType.DOUBLE).updater(new Adam(0.01)).l2(0.5).weightDecay(0.1),
                Below.BACKPROP_DENSE, shc(N_HIDDEN).directStep(directRate));
        DataSet data = randomDataSet(DataType.DOUBLE, BATCH, N_IN, N_CLASSES, 13);
        double[][] x = naiveInput(data, Below.BACKPROP_DENSE, net.getLayer(0));
        Expected expected = Expected.afterOneStep(x, data.getLabels().toDoubleMatrix(), net.getLayer(1), directRate);

        net.fit(data);

        expected.assertMatches(net.getLayer(1), 1e-10);
    }

    @Test
    void defaultModeAppliesTheNetworksL2ToTheWeightsOnly() {
        // DL4J adds l2 * W to W's "gradient" -dW: Sgd gives W + lr dW - lr l2 W; the bias has no l2.
        double l2 = 0.5;
        MultiLayerNetwork net = network(base(DataType.DOUBLE).updater(new Sgd(LEARNING_RATE)).l2(l2),
                Below.NOTHING, shc(N_IN));
        DataSet data = randomDataSet(DataType.DOUBLE, BATCH, N_IN, N_CLASSES, 17);
        double[][] w = net.getLayer(0).getParam("W").toDoubleMatrix();
        Expected step = Expected.afterOneStep(data.getFeatures().toDoubleMatrix(), data.getLabels().toDoubleMatrix(),
                net.getLayer(0), LEARNING_RATE);
        Expected expected = new Expected(plus(step.w(), w, -LEARNING_RATE * l2), step.b());

        net.fit(data);

        expected.assertMatches(net.getLayer(0), 1e-10);
    }

    @Test
    void maxNormClipsEveryClassWeightVectorAfterTheStep() {
        double maxNorm = 0.5;
        MultiLayerNetwork net = network(base(DataType.DOUBLE).updater(new Sgd(LEARNING_RATE)), Below.NOTHING,
                shc(N_IN).maxNorm(maxNorm));
        DataSet data = randomDataSet(DataType.DOUBLE, BATCH, N_IN, N_CLASSES, 19);
        Expected step = Expected.afterOneStep(data.getFeatures().toDoubleMatrix(), data.getLabels().toDoubleMatrix(),
                net.getLayer(0), LEARNING_RATE);
        Expected expected = new Expected(maxNormColumns(step.w(), maxNorm), step.b());

        net.fit(data);

        expected.assertMatches(net.getLayer(0), 1e-10);
        double[] norms = net.getLayer(0).getParam("W").norm2(0).toDoubleVector();
        for (int i = 0; i < N_CLASSES; i++) {
            assertTrue(norms[i] <= maxNorm + 1e-12, "norm of class " + i + ": " + norms[i]);
        }
        assertTrue(java.util.Arrays.stream(norms).anyMatch(n -> n > maxNorm - 1e-5), "the constraint was active");
    }

    @Test
    void zhuLiuClassifierZeroesTheFirstInputsWeightsAndDividesEachClassByItsLargestWeight() {
        MultiLayerNetwork net = network(base(DataType.DOUBLE).updater(new Sgd(LEARNING_RATE)), Below.NOTHING,
                shc(N_IN).hasBias(false).zeroLeadingInputs(2).normalizeByLargestWeight(true));
        DataSet data = randomDataSet(DataType.DOUBLE, BATCH, N_IN, N_CLASSES, 31);
        double[][] x = data.getFeatures().toDoubleMatrix();
        double[][] w = net.getLayer(0).getParam("W").toDoubleMatrix();
        double[][] y = softmax(preActivation(x, w, new double[N_CLASSES]));
        double[][] step = plus(w, supervisedHebbWeightUpdate(x, y, data.getLabels().toDoubleMatrix()), LEARNING_RATE);
        double[][] expected = zeroLeadingThenDivideByLargest(step, 2);

        net.fit(data);

        INDArray actual = net.getLayer(0).getParam("W");
        assertMatrixEquals(expected, actual, 1e-12, "W after one step of Zhu and Liu's classifier");
        assertArrayEquals(new double[N_CLASSES * 2], actual.get(NDArrayIndex.interval(0, 2), NDArrayIndex.all())
                .dup().data().asDouble(), 0.0, "the first two inputs' weights are 0");
        assertArrayEquals(new double[]{1, 1, 1, 1}, actual.max(0).toDoubleVector(), 1e-12, "largest weight per class");
    }

    @Test
    void zhuLiuClassifierConstraintIsIdempotentAndSparesUnitsWithoutAPositiveWeight() {
        // W [3 inputs, 2 classes]: class 0 = (5, 2, -4), class 1 = (1, -1, -3) (largest not positive
        // once input 0 is zeroed). Zero input 0 -> (0, 2, -4) / 2 = (0, 1, -2); (0, -1, -3) unchanged.
        MultiLayerNetwork net = new MultiLayerNetwork(base(DataType.DOUBLE).updater(new Sgd(LEARNING_RATE)).list()
                .layer(new HebbianOutputLayer.Builder().nIn(3).nOut(2).hasBias(false).zeroLeadingInputs(1)
                        .normalizeByLargestWeight(true).build()).build());
        net.init();
        net.getLayer(0).setParam("W", org.nd4j.linalg.factory.Nd4j.createFromArray(new double[][]{{5, 1}, {2, -1}, {-4, -3}}));

        net.getLayer(0).applyConstraints(0, 0);
        net.getLayer(0).applyConstraints(0, 0);

        assertMatrixEquals(new double[][]{{0, 0}, {1, -1}, {-2, -3}}, net.getLayer(0).getParam("W"), 0.0,
                "constraint applied twice");
    }

    @Test
    void withIdentityActivationTheRuleIsTheDeltaRuleOnTheLinearOutput() {
        MultiLayerNetwork net = network(base(DataType.DOUBLE).updater(new Sgd(LEARNING_RATE)), Below.NOTHING,
                new HebbianOutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(N_IN).nOut(N_CLASSES)
                        .activation(Activation.IDENTITY).biasInit(BIAS_INIT));
        DataSet data = randomDataSet(DataType.DOUBLE, BATCH, N_IN, N_CLASSES, 23);
        double[][] x = data.getFeatures().toDoubleMatrix();
        double[][] t = data.getLabels().toDoubleMatrix();
        double[][] w = net.getLayer(0).getParam("W").toDoubleMatrix();
        double[] b = net.getLayer(0).getParam("b").toDoubleVector();
        double[][] y = preActivation(x, w, b);
        Expected expected = new Expected(plus(w, supervisedHebbWeightUpdate(x, y, t), LEARNING_RATE),
                plus(b, supervisedHebbBiasUpdate(y, t), LEARNING_RATE));

        net.fit(data);

        expected.assertMatches(net.getLayer(0), 1e-10);
    }

    @Test
    void withoutBiasOnlyTheWeightsExistAndLearn() {
        MultiLayerNetwork net = network(base(DataType.DOUBLE).updater(new Sgd(LEARNING_RATE)), Below.NOTHING,
                shc(N_IN).hasBias(false));
        DataSet data = randomDataSet(DataType.DOUBLE, BATCH, N_IN, N_CLASSES, 29);
        double[][] x = data.getFeatures().toDoubleMatrix();
        double[][] w = net.getLayer(0).getParam("W").toDoubleMatrix();
        double[][] y = softmax(preActivation(x, w, new double[N_CLASSES]));
        double[][] expected = plus(w, supervisedHebbWeightUpdate(x, y, data.getLabels().toDoubleMatrix()), LEARNING_RATE);

        net.fit(data);

        assertEquals((long) N_IN * N_CLASSES, net.numParams());
        assertMatrixEquals(expected, net.getLayer(0).getParam("W"), 1e-10, "W without bias");
    }
}
