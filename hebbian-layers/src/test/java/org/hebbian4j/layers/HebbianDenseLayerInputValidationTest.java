package org.hebbian4j.layers;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.hebbian4j.conf.HebbianDenseLayer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import static org.hebbian4j.layers.LayerTestSupport.causeOfType;
import static org.hebbian4j.layers.LayerTestSupport.randomDataSet;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An input whose width is not the layer's nIn fails with a message naming the layer and nIn. */
class HebbianDenseLayerInputValidationTest {

    private static final int N_IN = 10;

    private static HebbianDenseLayer hebbian(int nIn) {
        return new HebbianDenseLayer.Builder().name("hebb").nIn(nIn).nOut(5).activation(Activation.RELU).build();
    }

    private static OutputLayer output() {
        return new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(5).nOut(3)
                .activation(Activation.SOFTMAX).build();
    }

    private static NeuralNetConfiguration.Builder base() {
        return new NeuralNetConfiguration.Builder().seed(42).weightInit(WeightInit.XAVIER);
    }

    private static void assertNamesLayerAndNIn(Throwable thrown, String layer, long nIn, long actualWidth) {
        IllegalArgumentException e = causeOfType(thrown, IllegalArgumentException.class);
        String message = e.getMessage();
        assertTrue(message.contains("HebbianDenseLayer"), "names the layer type: " + message);
        assertTrue(message.contains(layer), "names the layer: " + message);
        assertTrue(message.contains("nIn = " + nIn), "names nIn: " + message);
        assertTrue(message.contains(String.valueOf(actualWidth)), "gives the input's width: " + message);
    }

    @Test
    void outputWithInputWiderThanNInFailsNamingLayerAndNIn() {
        MultiLayerNetwork net = new MultiLayerNetwork(base().list().layer(hebbian(N_IN)).layer(output()).build());
        net.init();

        Throwable thrown = assertThrows(Throwable.class, () -> net.output(Nd4j.rand(DataType.FLOAT, 4, N_IN + 3)));

        assertNamesLayerAndNIn(thrown, "index 0", N_IN, N_IN + 3);
    }

    @Test
    void fitWithInputNarrowerThanNInFailsNamingLayerAndNIn() {
        MultiLayerNetwork net = new MultiLayerNetwork(base().list().layer(hebbian(N_IN)).layer(output()).build());
        net.init();
        DataSet narrow = randomDataSet(DataType.FLOAT, 4, N_IN - 2, 3, 1);

        Throwable thrown = assertThrows(Throwable.class, () -> net.fit(narrow));

        assertNamesLayerAndNIn(thrown, "index 0", N_IN, N_IN - 2);
    }

    @Test
    void layerBelowWithOtherWidthThanNInFailsAtBuildNamingLayerByName() {
        // Dense below gives 7 columns; the Hebbian layer expects 6. DL4J's list builder infers the input
        // type from a DenseLayer first layer and sizes the layers above; the Hebbian layer refuses an
        // explicit nIn that disagrees, with DL4J's default override (ExplicitNInCheckTest) and, as here,
        // with overrideNinUponBuild(false).
        NeuralNetConfiguration.ListBuilder list = base().list()
                .layer(new DenseLayer.Builder().nIn(N_IN).nOut(7).build())
                .layer(hebbian(6)).layer(output())
                .overrideNinUponBuild(false);

        Throwable thrown = assertThrows(IllegalArgumentException.class, list::build);

        assertNamesLayerAndNIn(thrown, "\"hebb\"", 6, 7);
    }

    @Test
    void computationGraphOutputWithWrongInputWidthFailsNamingLayerAndNIn() {
        ComputationGraph net = new ComputationGraph(base().graphBuilder().addInputs("in")
                .addLayer("hebb", hebbian(N_IN), "in")
                .addLayer("out", output(), "hebb")
                .setOutputs("out").build());
        net.init();

        Throwable thrown = assertThrows(Throwable.class, () -> net.outputSingle(Nd4j.rand(DataType.FLOAT, 4, N_IN + 1)));

        assertNamesLayerAndNIn(thrown, "\"hebb\"", N_IN, N_IN + 1);
    }
}
