package org.hebbian4j.layers;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.hebbian4j.activations.StepActivation;
import org.hebbian4j.competition.SoftWta;
import org.hebbian4j.conf.HebbianDenseLayer;
import org.hebbian4j.conf.HebbianDescentOutputLayer;
import org.hebbian4j.conf.HebbianOutputLayer;
import org.hebbian4j.rules.SoftHebbRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;

import java.io.File;
import java.io.IOException;
import java.util.Arrays;
import java.util.function.BiConsumer;
import java.util.function.Function;

import static org.hebbian4j.layers.LayerTestSupport.randomDataSet;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * ModelSerializer round trips of networks topped by the supervised output layers restore
 * parameters (including Hebbian descent's centering mean), updater state and outputs, and the
 * restored network then trains exactly like the original.
 */
class SupervisedOutputLayerModelSerializerTest {

    private static final int N_IN = 10;
    private static final int N_CLASSES = 3;

    @TempDir
    File tempDir;

    private static NeuralNetConfiguration.Builder base() {
        // Adam, so that the round trip must carry updater state for the step after restore to match.
        return new NeuralNetConfiguration.Builder().seed(42).weightInit(WeightInit.XAVIER).updater(new Adam(0.01));
    }

    private static DenseLayer dense() {
        return new DenseLayer.Builder().nIn(N_IN).nOut(12).activation(Activation.TANH).build();
    }

    private static HebbianDenseLayer softHebb() {
        return new HebbianDenseLayer.Builder().nIn(12).nOut(8).rule(new SoftHebbRule()).competition(new SoftWta(0.5))
                .activation(Activation.RELU).biasInit(0.1).build();
    }

    private static HebbianOutputLayer shc() {
        return new HebbianOutputLayer.Builder().nIn(8).nOut(N_CLASSES).maxNorm(1.0).build();
    }

    private static HebbianOutputLayer hebbianDescent() {
        return new HebbianDescentOutputLayer.Builder().nIn(8).nOut(N_CLASSES).activation(new StepActivation())
                .centering(0.5).build();
    }

    private static MultiLayerNetwork multiLayer(org.deeplearning4j.nn.conf.layers.Layer top) {
        MultiLayerNetwork net = new MultiLayerNetwork(base().list().layer(dense()).layer(softHebb()).layer(top).build());
        net.init();
        return net;
    }

    private static ComputationGraph graph(org.deeplearning4j.nn.conf.layers.Layer top) {
        ComputationGraph net = new ComputationGraph(base().graphBuilder().addInputs("in")
                .addLayer("dense", dense(), "in").addLayer("hebb", softHebb(), "dense").addLayer("out", top, "hebb")
                .setOutputs("out").build());
        net.init();
        return net;
    }

    /** Trains 3 steps, saves, restores, compares, trains one more step on both, compares again. */
    private <M extends Model> M assertRoundTrip(M original, BiConsumer<M, DataSet> fit, ModelReader<M> reader,
                                               Function<M, INDArray> output, Function<M, Object> configuration,
                                               Function<M, INDArray> updaterState) throws IOException {
        DataSet data = randomDataSet(DataType.FLOAT, 16, N_IN, N_CLASSES, 31);
        for (int step = 0; step < 3; step++) {
            fit.accept(original, data);
        }
        File file = new File(tempDir, "model.zip");
        ModelSerializer.writeModel(original, file, true);

        M restored = reader.read(file);

        assertEquals(configuration.apply(original), configuration.apply(restored));
        assertArrayEquals(original.params().toDoubleVector(), restored.params().toDoubleVector(), 0.0, "parameters");
        assertArrayEquals(updaterState.apply(original).toDoubleVector(), updaterState.apply(restored).toDoubleVector(),
                0.0, "updater state");
        assertArrayEquals(output.apply(original).ravel().toDoubleVector(), output.apply(restored).ravel().toDoubleVector(),
                0.0, "outputs");

        DataSet next = randomDataSet(DataType.FLOAT, 16, N_IN, N_CLASSES, 37);
        double[] before = original.params().toDoubleVector();
        fit.accept(original, next);
        fit.accept(restored, next);

        assertFalse(Arrays.equals(before, original.params().toDoubleVector()), "the step moves parameters");
        assertArrayEquals(original.params().toDoubleVector(), restored.params().toDoubleVector(), 0.0,
                "parameters after one more step on the original and on the restored network");
        return restored;
    }

    @FunctionalInterface
    private interface ModelReader<M> {
        M read(File file) throws IOException;
    }

    private static final INDArray FEATURES = randomDataSet(DataType.FLOAT, 16, N_IN, N_CLASSES, 41).getFeatures();

    @Test
    void hebbianOutputLayerRoundTripsInMultiLayerNetworkAndComputationGraph() throws IOException {
        assertRoundTrip(multiLayer(shc()), MultiLayerNetwork::fit, f -> ModelSerializer.restoreMultiLayerNetwork(f, true),
                n -> n.output(FEATURES), MultiLayerNetwork::getLayerWiseConfigurations,
                n -> n.getUpdater().getStateViewArray());
        assertRoundTrip(graph(shc()), ComputationGraph::fit, f -> ModelSerializer.restoreComputationGraph(f, true),
                n -> n.outputSingle(FEATURES), ComputationGraph::getConfiguration,
                n -> n.getUpdater().getStateViewArray());
    }

    @Test
    void hebbianDescentCenteringMeanIsSavedAndRestoredInMultiLayerNetworkAndComputationGraph() throws IOException {
        MultiLayerNetwork original = multiLayer(hebbianDescent());
        MultiLayerNetwork restored = assertRoundTrip(original, MultiLayerNetwork::fit, f -> ModelSerializer.restoreMultiLayerNetwork(f, true),
                n -> n.output(FEATURES), MultiLayerNetwork::getLayerWiseConfigurations,
                n -> n.getUpdater().getStateViewArray());
        double[] mean = restored.getLayer(2).getParam("mu").toDoubleVector();
        assertFalse(Arrays.stream(mean).allMatch(v -> v == 0.0), "the mean has moved away from 0: " + Arrays.toString(mean));
        assertArrayEquals(original.getLayer(2).getParam("mu").toDoubleVector(), mean, 0.0, "mu");

        ComputationGraph graphOriginal = graph(hebbianDescent());
        ComputationGraph graphRestored = assertRoundTrip(graphOriginal, ComputationGraph::fit,
                f -> ModelSerializer.restoreComputationGraph(f, true), n -> n.outputSingle(FEATURES),
                ComputationGraph::getConfiguration, n -> n.getUpdater().getStateViewArray());
        assertArrayEquals(graphOriginal.getLayer("out").getParam("mu").toDoubleVector(),
                graphRestored.getLayer("out").getParam("mu").toDoubleVector(), 0.0, "mu in the graph");
    }
}
