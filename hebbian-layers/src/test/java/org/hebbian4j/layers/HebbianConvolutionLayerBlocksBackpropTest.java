package org.hebbian4j.layers;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.hebbian4j.competition.SoftWta;
import org.hebbian4j.conf.HebbianConvolutionLayer;
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

import java.util.Arrays;

import static org.hebbian4j.layers.LayerTestSupport.allZero;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No error crosses a {@link HebbianConvolutionLayer}: a backprop convolution below it receives an
 * all-zero gradient and keeps its parameters under Sgd, while the backprop layers above keep learning.
 */
class HebbianConvolutionLayerBlocksBackpropTest {

    private static final int CHANNELS = 2;
    private static final int SIZE = 8;
    private static final int N_CLASSES = 3;

    private static NeuralNetConfiguration.Builder base() {
        return new NeuralNetConfiguration.Builder().seed(42).dataType(DataType.DOUBLE)
                .weightInit(WeightInit.XAVIER).updater(new Sgd(0.1));
    }

    private static ConvolutionLayer convolutionBelow() {
        return new ConvolutionLayer.Builder(3, 3).padding(1, 1).nOut(4).activation(Activation.TANH).biasInit(0.1).build();
    }

    private static HebbianConvolutionLayer hebbian() {
        return new HebbianConvolutionLayer.Builder(3, 3).stride(2, 2).padding(1, 1).nOut(6)
                .rule(new SoftHebbRule()).competition(new SoftWta(0.5)).activation(Activation.RELU)
                .updater(new Sgd(0.01)).build();
    }

    private static DenseLayer denseAbove() {
        return new DenseLayer.Builder().nOut(8).activation(Activation.TANH).build();
    }

    private static OutputLayer output() {
        return new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(N_CLASSES)
                .activation(Activation.SOFTMAX).build();
    }

    private static DataSet data(long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray features = Nd4j.rand(DataType.DOUBLE, 6, CHANNELS, SIZE, SIZE);
        INDArray labels = Nd4j.zeros(DataType.DOUBLE, 6, N_CLASSES);
        for (int s = 0; s < 6; s++) {
            labels.putScalar(s, s % N_CLASSES, 1.0);
        }
        return new DataSet(features, labels);
    }

    /** Conv(backprop) -> Hebbian conv -> Dense(backprop) -> Output. */
    private static MultiLayerNetwork multiLayerNetwork() {
        MultiLayerNetwork net = new MultiLayerNetwork(base().list()
                .layer(convolutionBelow()).layer(hebbian()).layer(denseAbove()).layer(output())
                .setInputType(InputType.convolutional(SIZE, SIZE, CHANNELS)).build());
        net.init();
        return net;
    }

    private static void assertGradient(Gradient gradient, String key, boolean expectZero) {
        INDArray g = gradient.getGradientFor(key);
        assertEquals(expectZero, allZero(g), key + " gradient all zero? " + g);
    }

    @Test
    void convolutionBelowReceivesZeroGradientAndKeepsItsParametersInMultiLayerNetwork() {
        MultiLayerNetwork net = multiLayerNetwork();
        double[] belowBefore = net.getLayer(0).params().toDoubleVector();
        double[] hebbianBefore = net.getLayer(1).params().toDoubleVector();
        double[] aboveBefore = net.getLayer(2).params().toDoubleVector();

        net.fit(data(3));

        Gradient gradient = net.gradient();
        assertGradient(gradient, "0_W", true);
        assertGradient(gradient, "0_b", true);
        assertGradient(gradient, "1_W", false);
        assertGradient(gradient, "2_W", false);
        assertArrayEquals(belowBefore, net.getLayer(0).params().toDoubleVector(), 0.0,
                "parameters of the backprop convolution below the Hebbian layer");
        assertFalse(Arrays.equals(hebbianBefore, net.getLayer(1).params().toDoubleVector()), "the Hebbian layer moves");
        assertFalse(Arrays.equals(aboveBefore, net.getLayer(2).params().toDoubleVector()), "the layer above moves");
    }

    @Test
    void convolutionBelowReceivesZeroGradientAndKeepsItsParametersInComputationGraph() {
        ComputationGraph net = new ComputationGraph(base().graphBuilder().addInputs("in")
                .setInputTypes(InputType.convolutional(SIZE, SIZE, CHANNELS))
                .addLayer("below", convolutionBelow(), "in")
                .addLayer("hebb", hebbian(), "below")
                .addLayer("above", denseAbove(), "hebb")
                .addLayer("out", output(), "above")
                .setOutputs("out").build());
        net.init();
        double[] belowBefore = net.getLayer("below").params().toDoubleVector();
        double[] aboveBefore = net.getLayer("above").params().toDoubleVector();

        net.fit(data(5));

        Gradient gradient = net.gradient();
        assertGradient(gradient, "below_W", true);
        assertGradient(gradient, "below_b", true);
        assertGradient(gradient, "hebb_W", false);
        assertArrayEquals(belowBefore, net.getLayer("below").params().toDoubleVector(), 0.0,
                "parameters of the backprop convolution below the Hebbian vertex");
        assertFalse(Arrays.equals(aboveBefore, net.getLayer("above").params().toDoubleVector()),
                "the backprop vertex above moves");
    }

    @Test
    void backpropGradientReturnsAZeroErrorOfTheInputsShape() {
        MultiLayerNetwork net = multiLayerNetwork();
        net.initGradientsView();
        Layer hebbianLayer = net.getLayer(1);
        INDArray input = net.getLayer(0).activate(data(7).getFeatures(), false, LayerWorkspaceMgr.noWorkspaces());
        INDArray output = hebbianLayer.activate(input, true, LayerWorkspaceMgr.noWorkspaces());
        INDArray epsilonFromAbove = Nd4j.rand(DataType.DOUBLE, output.shape()).addi(1.0);

        Pair<Gradient, INDArray> result = hebbianLayer.backpropGradient(epsilonFromAbove, LayerWorkspaceMgr.noWorkspaces());

        INDArray epsilonBelow = result.getSecond();
        assertArrayEquals(new long[]{6, 4, SIZE, SIZE}, epsilonBelow.shape());
        assertTrue(allZero(epsilonBelow), "error handed to the layer below must be zero");
    }
}
