package org.hebbian4j.layers;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.hebbian4j.competition.KWta;
import org.hebbian4j.competition.SoftWta;
import org.hebbian4j.conf.HebbianDenseLayer;
import org.hebbian4j.rules.InstarRule;
import org.hebbian4j.rules.SoftHebbRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.io.File;
import java.io.IOException;

import static org.hebbian4j.layers.LayerTestSupport.randomDataSet;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * ModelSerializer round trips of networks holding Hebbian layers restore parameters, updater
 * state and outputs, and the restored network then trains exactly like the original.
 */
class HebbianDenseLayerModelSerializerTest {

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

    /** Default mode under Adam. */
    private static HebbianDenseLayer softHebb() {
        return new HebbianDenseLayer.Builder().nIn(12).nOut(8).rule(new SoftHebbRule()).competition(new SoftWta(0.5))
                .activation(Activation.RELU).biasInit(0.1).build();
    }

    /** Direct mode with normalized weights. */
    private static HebbianDenseLayer instar() {
        return new HebbianDenseLayer.Builder().nIn(8).nOut(6).rule(new InstarRule()).competition(new KWta(2))
                .activation(Activation.RELU).directStep(0.05).normalizeWeights(true).build();
    }

    private static OutputLayer output() {
        return new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(6).nOut(N_CLASSES)
                .activation(Activation.SOFTMAX).build();
    }

    @Test
    void multiLayerNetworkRestoresParametersUpdaterStateOutputsAndTrainsIdentically() throws IOException {
        MultiLayerNetwork original = new MultiLayerNetwork(base().list()
                .layer(dense()).layer(softHebb()).layer(instar()).layer(output()).build());
        original.init();
        DataSet data = randomDataSet(DataType.FLOAT, 16, N_IN, N_CLASSES, 31);
        for (int step = 0; step < 3; step++) {
            original.fit(data);
        }
        File file = new File(tempDir, "mln.zip");
        ModelSerializer.writeModel(original, file, true);

        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file, true);

        assertEquals(original.getLayerWiseConfigurations(), restored.getLayerWiseConfigurations());
        assertArrayEquals(original.params().toDoubleVector(), restored.params().toDoubleVector(), 0.0, "parameters");
        assertArrayEquals(original.getUpdater().getStateViewArray().toDoubleVector(),
                restored.getUpdater().getStateViewArray().toDoubleVector(), 0.0, "updater state");
        assertArrayEquals(original.output(data.getFeatures()).ravel().toDoubleVector(),
                restored.output(data.getFeatures()).ravel().toDoubleVector(), 0.0, "outputs");

        DataSet next = randomDataSet(DataType.FLOAT, 16, N_IN, N_CLASSES, 37);
        double[] before = original.params().toDoubleVector();
        original.fit(next);
        restored.fit(next);

        assertFalse(java.util.Arrays.equals(before, original.params().toDoubleVector()), "the step moves parameters");
        assertArrayEquals(original.params().toDoubleVector(), restored.params().toDoubleVector(), 0.0,
                "parameters after one more step on the original and on the restored network");
    }

    @Test
    void computationGraphRestoresParametersUpdaterStateOutputsAndTrainsIdentically() throws IOException {
        ComputationGraph original = new ComputationGraph(base().graphBuilder().addInputs("in")
                .addLayer("dense", dense(), "in")
                .addLayer("softhebb", softHebb(), "dense")
                .addLayer("instar", instar(), "softhebb")
                .addLayer("out", output(), "instar")
                .setOutputs("out").build());
        original.init();
        DataSet data = randomDataSet(DataType.FLOAT, 16, N_IN, N_CLASSES, 41);
        for (int step = 0; step < 3; step++) {
            original.fit(data);
        }
        File file = new File(tempDir, "cg.zip");
        ModelSerializer.writeModel(original, file, true);

        ComputationGraph restored = ModelSerializer.restoreComputationGraph(file, true);

        assertEquals(original.getConfiguration(), restored.getConfiguration());
        assertArrayEquals(original.params().toDoubleVector(), restored.params().toDoubleVector(), 0.0, "parameters");
        assertArrayEquals(original.getUpdater().getStateViewArray().toDoubleVector(),
                restored.getUpdater().getStateViewArray().toDoubleVector(), 0.0, "updater state");
        assertArrayEquals(original.outputSingle(data.getFeatures()).ravel().toDoubleVector(),
                restored.outputSingle(data.getFeatures()).ravel().toDoubleVector(), 0.0, "outputs");

        DataSet next = randomDataSet(DataType.FLOAT, 16, N_IN, N_CLASSES, 43);
        double[] before = original.params().toDoubleVector();
        original.fit(next);
        restored.fit(next);

        assertFalse(java.util.Arrays.equals(before, original.params().toDoubleVector()), "the step moves parameters");
        assertArrayEquals(original.params().toDoubleVector(), restored.params().toDoubleVector(), 0.0,
                "parameters after one more step on the original and on the restored network");
    }
}
