package org.hebbian4j.layers;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.hebbian4j.competition.SoftWta;
import org.hebbian4j.conf.HebbianDenseLayer;
import org.hebbian4j.rules.SoftHebbRule;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import static org.hebbian4j.layers.LayerTestSupport.allZero;
import static org.hebbian4j.layers.LayerTestSupport.linearlySeparableDataSet;
import static org.hebbian4j.layers.LayerTestSupport.randomDataSet;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No error crosses a {@link HebbianDenseLayer}: the backprop layer below it receives an all-zero
 * gradient and keeps its parameters under Sgd, while the backprop layers above it keep learning.
 */
class HebbianDenseLayerBlocksBackpropTest {

    private static final int N_IN = 10;
    private static final int N_BELOW = 12;
    private static final int N_HEBBIAN = 8;
    private static final int N_ABOVE = 8;
    private static final int N_CLASSES = 3;

    private static NeuralNetConfiguration.Builder base() {
        return new NeuralNetConfiguration.Builder().seed(42).dataType(DataType.DOUBLE)
                .weightInit(WeightInit.XAVIER).updater(new Sgd(0.1));
    }

    private static DenseLayer denseBelow() {
        return new DenseLayer.Builder().nIn(N_IN).nOut(N_BELOW).activation(Activation.TANH).biasInit(0.1).build();
    }

    private static HebbianDenseLayer hebbian() {
        // The Hebbian layer learns slowly so that the layers above see slowly changing features.
        return new HebbianDenseLayer.Builder().nIn(N_BELOW).nOut(N_HEBBIAN).rule(new SoftHebbRule())
                .competition(new SoftWta(0.5)).activation(Activation.RELU).updater(new Sgd(0.01)).build();
    }

    private static DenseLayer denseAbove() {
        return new DenseLayer.Builder().nIn(N_HEBBIAN).nOut(N_ABOVE).activation(Activation.TANH).updater(new Sgd(0.5)).build();
    }

    private static OutputLayer output() {
        return new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(N_ABOVE).nOut(N_CLASSES)
                .activation(Activation.SOFTMAX).updater(new Sgd(0.5)).build();
    }

    /** Dense(backprop) -> Hebbian -> Dense(backprop) -> Output. */
    private static MultiLayerNetwork multiLayerNetwork() {
        MultiLayerNetwork net = new MultiLayerNetwork(base().list()
                .layer(denseBelow()).layer(hebbian()).layer(denseAbove()).layer(output()).build());
        net.init();
        return net;
    }

    private static ComputationGraph computationGraph() {
        ComputationGraph net = new ComputationGraph(base().graphBuilder().addInputs("in")
                .addLayer("below", denseBelow(), "in")
                .addLayer("hebb", hebbian(), "below")
                .addLayer("above", denseAbove(), "hebb")
                .addLayer("out", output(), "above")
                .setOutputs("out").build());
        net.init();
        return net;
    }

    private static void assertGradient(Gradient gradient, String key, boolean expectZero) {
        INDArray g = gradient.getGradientFor(key);
        assertEquals(expectZero, allZero(g), key + " gradient all zero? " + g);
    }

    @Test
    void layerBelowHebbianLayerReceivesZeroGradientAndKeepsItsParametersInMultiLayerNetwork() {
        MultiLayerNetwork net = multiLayerNetwork();
        DataSet data = randomDataSet(DataType.DOUBLE, 16, N_IN, N_CLASSES, 3);
        double[] belowBefore = net.getLayer(0).params().toDoubleVector();
        double[] hebbianBefore = net.getLayer(1).params().toDoubleVector();
        double[] aboveBefore = net.getLayer(2).params().toDoubleVector();

        net.fit(data);

        Gradient gradient = net.gradient();
        assertGradient(gradient, "0_W", true);
        assertGradient(gradient, "0_b", true);
        assertGradient(gradient, "1_W", false);
        assertGradient(gradient, "2_W", false);
        assertGradient(gradient, "3_W", false);
        assertArrayEquals(belowBefore, net.getLayer(0).params().toDoubleVector(), 0.0,
                "parameters of the backprop layer below the Hebbian layer");
        assertFalse(java.util.Arrays.equals(hebbianBefore, net.getLayer(1).params().toDoubleVector()),
                "the Hebbian layer itself moves");
        assertFalse(java.util.Arrays.equals(aboveBefore, net.getLayer(2).params().toDoubleVector()),
                "the backprop layer above the Hebbian layer moves");
    }

    @Test
    void layerBelowHebbianLayerReceivesZeroGradientAndKeepsItsParametersInComputationGraph() {
        ComputationGraph net = computationGraph();
        DataSet data = randomDataSet(DataType.DOUBLE, 16, N_IN, N_CLASSES, 5);
        double[] belowBefore = net.getLayer("below").params().toDoubleVector();
        double[] aboveBefore = net.getLayer("above").params().toDoubleVector();

        net.fit(data);

        Gradient gradient = net.gradient();
        assertGradient(gradient, "below_W", true);
        assertGradient(gradient, "below_b", true);
        assertGradient(gradient, "hebb_W", false);
        assertGradient(gradient, "above_W", false);
        assertArrayEquals(belowBefore, net.getLayer("below").params().toDoubleVector(), 0.0,
                "parameters of the backprop vertex below the Hebbian vertex");
        assertFalse(java.util.Arrays.equals(aboveBefore, net.getLayer("above").params().toDoubleVector()),
                "the backprop vertex above the Hebbian vertex moves");
    }

    @Test
    void backpropGradientReturnsAZeroErrorOfTheInputsShape() {
        MultiLayerNetwork net = multiLayerNetwork();
        DataSet data = randomDataSet(DataType.DOUBLE, 16, N_IN, N_CLASSES, 7);
        net.initGradientsView();
        Layer hebbianLayer = net.getLayer(1);
        INDArray input = net.getLayer(0).activate(data.getFeatures(), false, LayerWorkspaceMgr.noWorkspaces());
        hebbianLayer.activate(input, true, LayerWorkspaceMgr.noWorkspaces());
        INDArray epsilonFromAbove = Nd4j.rand(DataType.DOUBLE, 16, N_HEBBIAN).addi(1.0);

        Pair<Gradient, INDArray> result = hebbianLayer.backpropGradient(epsilonFromAbove, LayerWorkspaceMgr.noWorkspaces());

        INDArray epsilonBelow = result.getSecond();
        assertArrayEquals(new long[]{16, N_BELOW}, epsilonBelow.shape());
        assertTrue(allZero(epsilonBelow), "error handed to the layer below: " + epsilonBelow);
    }

    @Test
    void layersAboveHebbianLayerStillLearnByBackprop() {
        MultiLayerNetwork net = multiLayerNetwork();
        DataSet data = linearlySeparableDataSet(DataType.DOUBLE, 64, N_IN, N_CLASSES, 11);
        double[] belowBefore = net.getLayer(0).params().toDoubleVector();
        double initialScore = net.score(data);

        for (int step = 0; step < 50; step++) {
            net.fit(data);
        }

        double finalScore = net.score(data);
        assertTrue(finalScore < 0.8 * initialScore,
                "score on a fixed data set should fall by over 20% in 50 steps: " + initialScore + " -> " + finalScore);
        assertArrayEquals(belowBefore, net.getLayer(0).params().toDoubleVector(), 0.0,
                "the backprop layer below the Hebbian layer never moves");
    }
}
