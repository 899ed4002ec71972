package org.hebbian4j.layers;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.hebbian4j.conf.HebbianConvolutionLayer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import static org.hebbian4j.layers.LayerTestSupport.causeOfType;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An input whose channel count is not the layer's nIn (or that is not a 4-D NCHW image batch)
 * fails with an IllegalArgumentException naming the layer, nIn and the input's shape.
 */
class HebbianConvolutionLayerInputValidationTest {

    private static final int CHANNELS = 3;
    private static final int SIZE = 8;

    private static HebbianConvolutionLayer hebbian() {
        return new HebbianConvolutionLayer.Builder(3, 3).name("hconv").nOut(4).activation(Activation.RELU).build();
    }

    private static OutputLayer output() {
        return new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(2).activation(Activation.SOFTMAX).build();
    }

    private static MultiLayerNetwork multiLayerNetwork() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(1)
                .weightInit(WeightInit.XAVIER).list().layer(hebbian()).layer(output())
                .setInputType(InputType.convolutional(SIZE, SIZE, CHANNELS)).build());
        net.init();
        return net;
    }

    private static void assertNamesLayerAndNIn(Throwable thrown, String actualShape) {
        IllegalArgumentException e = causeOfType(thrown, IllegalArgumentException.class);
        String message = e.getMessage();
        assertTrue(message.contains("HebbianConvolutionLayer"), "names the layer type: " + message);
        assertTrue(message.contains("\"hconv\""), "names the layer: " + message);
        assertTrue(message.contains("nIn = " + CHANNELS), "names nIn: " + message);
        assertTrue(message.contains(actualShape), "gives the input's shape: " + message);
    }

    @Test
    void outputWithTooManyChannelsFailsNamingLayerAndNIn() {
        MultiLayerNetwork net = multiLayerNetwork();

        Throwable thrown = assertThrows(Throwable.class,
                () -> net.output(Nd4j.rand(DataType.FLOAT, 2, CHANNELS + 2, SIZE, SIZE)));

        assertNamesLayerAndNIn(thrown, "[2, 5, 8, 8]");
    }

    @Test
    void fitWithTooFewChannelsFailsNamingLayerAndNIn() {
        MultiLayerNetwork net = multiLayerNetwork();
        DataSet data = new DataSet(Nd4j.rand(DataType.FLOAT, 2, 1, SIZE, SIZE), Nd4j.create(new float[][]{{1, 0}, {0, 1}}));

        Throwable thrown = assertThrows(Throwable.class, () -> net.fit(data));

        assertNamesLayerAndNIn(thrown, "[2, 1, 8, 8]");
    }

    @Test
    void flatInputWithoutPreprocessorFailsNamingLayerAndNIn() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(1)
                .weightInit(WeightInit.XAVIER).list()
                .layer(new HebbianConvolutionLayer.Builder(3, 3).name("hconv").nIn(CHANNELS).nOut(4).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(4 * 6 * 6).nOut(2)
                        .activation(Activation.SOFTMAX).build())
                .build());
        net.init();

        Throwable thrown = assertThrows(Throwable.class, () -> net.output(Nd4j.rand(DataType.FLOAT, 2, 64)));

        assertNamesLayerAndNIn(thrown, "[2, 64]");
    }

    @Test
    void computationGraphWithWrongChannelCountFailsNamingLayerAndNIn() {
        ComputationGraph net = new ComputationGraph(new NeuralNetConfiguration.Builder().seed(1)
                .weightInit(WeightInit.XAVIER).graphBuilder().addInputs("in")
                .setInputTypes(InputType.convolutional(SIZE, SIZE, CHANNELS))
                .addLayer("hconv", hebbian(), "in")
                .addLayer("out", output(), "hconv")
                .setOutputs("out").build());
        net.init();

        Throwable thrown = assertThrows(Throwable.class,
                () -> net.outputSingle(Nd4j.rand(DataType.FLOAT, 2, 4, SIZE, SIZE)));

        assertNamesLayerAndNIn(thrown, "[2, 4, 8, 8]");
    }
}
