package org.hebbian4j.layers;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.hebbian4j.conf.HebbianOutputLayer;
import org.hebbian4j.layers.PretrainingNets.Variant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Sgd;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.hebbian4j.layers.LayerTestSupport.causeOfType;
import static org.hebbian4j.layers.PretrainingNets.N_CLASSES;
import static org.hebbian4j.layers.PretrainingNets.N_HEBBIAN;
import static org.hebbian4j.layers.PretrainingNets.batches;
import static org.hebbian4j.layers.PretrainingNets.hebbianLayer;
import static org.hebbian4j.layers.PretrainingNets.inputType;
import static org.hebbian4j.layers.PretrainingNets.iterator;
import static org.hebbian4j.layers.PretrainingNets.multiLayer;
import static org.hebbian4j.layers.PretrainingNets.values;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DL4J's own {@code pretrain} with hidden Hebbian layers (pretrain layers) and a supervised Hebbian output
 * layer (not one); the non-finite guard and the listeners during pretraining.
 */
class HebbianLayerPretrainingTest {

    private static HebbianOutputLayer supervisedOutput() {
        return new HebbianOutputLayer.Builder().name("output").nOut(N_CLASSES).activation(Activation.SOFTMAX).build();
    }

    private static NeuralNetConfiguration.Builder base() {
        return new NeuralNetConfiguration.Builder().seed(11).dataType(DataType.DOUBLE).weightInit(WeightInit.XAVIER)
                .updater(new Sgd(0.1));
    }

    @ParameterizedTest(name = "convolution={0}")
    @ValueSource(booleans = {false, true})
    void dl4jPretrainTrainsTheHebbianLayerAndSkipsTheSupervisedOutputLayer(boolean convolution) {
        MultiLayerConfiguration conf = base().list().layer(hebbianLayer(convolution, Variant.SGD_THRESHOLD_UNIT_NORM))
                .layer(supervisedOutput()).setInputType(inputType(convolution)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        INDArray hebbian = net.getLayer(0).params().dup();
        INDArray output = net.getLayer(1).params().dup();

        net.pretrain(iterator(batches(convolution, 3, 1)));

        assertTrue(net.getLayer(0).isPretrainLayer());
        assertFalse(net.getLayer(1).isPretrainLayer(), "a supervised output layer needs labels");
        assertFalse(Arrays.equals(values(hebbian), values(net.getLayer(0).params())), "the Hebbian layer learns");
        assertArrayEquals(values(output), values(net.getLayer(1).params()), 0.0, "the output layer keeps its parameters");
    }

    @ParameterizedTest(name = "convolution={0}")
    @ValueSource(booleans = {false, true})
    void dl4jGraphPretrainTrainsTheHebbianLayerAndSkipsTheSupervisedOutputLayer(boolean convolution) {
        ComputationGraphConfiguration conf = base().graphBuilder().addInputs("in")
                .addLayer("hebbian", hebbianLayer(convolution, Variant.SGD_RULE_STATE), "in")
                .addLayer("output", supervisedOutput(), "hebbian")
                .setOutputs("output").setInputTypes(inputType(convolution)).build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        INDArray hebbian = graph.getLayer("hebbian").params().dup();
        INDArray output = graph.getLayer("output").params().dup();

        graph.pretrain(iterator(batches(convolution, 3, 2)));

        assertFalse(Arrays.equals(values(hebbian), values(graph.getLayer("hebbian").params())), "the Hebbian layer learns");
        assertArrayEquals(values(output), values(graph.getLayer("output").params()), 0.0);
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> graph.pretrainLayer("output", iterator(batches(convolution, 1, 2))));
        assertEquals("HebbianOutputLayer (index 2, name \"output\"): learns from labels, so it cannot be pretrained"
                + " (pretrain skips it); train it with fit", e.getMessage());
    }

    @ParameterizedTest(name = "convolution={0}")
    @ValueSource(booleans = {false, true})
    void aNonFiniteUpdateStopsPretrainingBeforeTheStepNamingLayerAndPretrainingIteration(boolean convolution) {
        MultiLayerNetwork net = new MultiLayerNetwork(multiLayer(convolution, Variant.SGD_THRESHOLD_UNIT_NORM, false));
        net.init();
        List<DataSet> data = batches(convolution, 3, 3);
        net.pretrainLayer(0, iterator(data.subList(0, 2)));
        INDArray before = net.params().dup();
        data.get(2).getFeatures().putScalar(0, Double.NaN);

        NonFiniteUpdateException e = causeOfType(assertThrows(Throwable.class,
                () -> net.pretrainLayer(0, iterator(data.subList(2, 3)))), NonFiniteUpdateException.class);

        assertTrue(e.getMessage().startsWith((convolution ? "HebbianConvolutionLayer" : "HebbianDenseLayer")
                + " (index 0, name \"hebbian\"): rule instar produced a non-finite weight update dW"), e.getMessage());
        assertEquals(2, e.iteration(), "the layer's pretraining iteration: " + e.getMessage());
        assertEquals(1, e.epoch(), "the layer's pretraining epochs so far");
        assertArrayEquals(values(before), values(net.params()), 0.0, "the failing step changed nothing");
    }

    @Test
    void aStepThatOverflowsUnderTheUpdaterStopsPretrainingAfterTheStep() {
        MultiLayerConfiguration conf = base().dataType(DataType.FLOAT).list()
                .layer(new org.hebbian4j.conf.HebbianDenseLayer.Builder().name("hebbian").nOut(N_HEBBIAN)
                        .updater(new Sgd(1e38)).build())
                .layer(supervisedOutput()).setInputType(inputType(false)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        DataSet batch = batches(false, 1, 4).get(0);
        batch.getFeatures().muli(100);

        NonFiniteUpdateException e = causeOfType(assertThrows(Throwable.class,
                () -> net.pretrainLayer(0, batch.getFeatures().castTo(DataType.FLOAT))), NonFiniteUpdateException.class);

        assertTrue(e.getMessage().contains("parameters became non-finite") && e.getMessage().contains("iteration 0,"),
                e.getMessage());
    }

    /** Records the models and iterations that DL4J reports. */
    private static final class Recorder extends BaseTrainingListener {
        final List<Model> models = new ArrayList<>();
        final List<Integer> iterations = new ArrayList<>();
        int epochEnds;

        @Override
        public void iterationDone(Model model, int iteration, int epoch) {
            models.add(model);
            iterations.add(iteration);
        }

        @Override
        public void onEpochEnd(Model model) {
            epochEnds++;
        }
    }

    @Test
    void listenersOfTheNetworkSeeEachPretrainingStepWithTheLayerAsTheModel() {
        MultiLayerNetwork net = new MultiLayerNetwork(multiLayer(false, Variant.SGD_RULE_STATE, false));
        net.init();
        Recorder recorder = new Recorder();
        net.setListeners(recorder);

        net.pretrainLayer(0, iterator(batches(false, 3, 5)));

        assertEquals(List.of(0, 1, 2), recorder.iterations, "the layer's pretraining iterations");
        for (Model model : recorder.models) {
            assertSame(net.getLayer(0), model);
        }
        assertEquals(0, recorder.epochEnds, "pretraining reports no epochs");
        assertEquals(0, net.getIterationCount(), "the network's counter does not move");
    }
}
