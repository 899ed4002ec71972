package org.hebbian4j.layers;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.hebbian4j.competition.KWta;
import org.hebbian4j.competition.SoftWta;
import org.hebbian4j.conf.HebbianConvolutionLayer;
import org.hebbian4j.homeostasis.AdaptiveThreshold;
import org.hebbian4j.rules.InstarRule;
import org.hebbian4j.rules.SoftHebbRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.io.File;
import java.io.IOException;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * ModelSerializer round trips of networks holding {@link HebbianConvolutionLayer}s restore
 * parameters (kernels, bias, homeostasis thresholds), updater state and outputs, and the restored
 * network then trains exactly like the original.
 */
class HebbianConvolutionLayerModelSerializerTest {

    private static final int CHANNELS = 2;
    private static final int SIZE = 10;
    private static final int N_CLASSES = 3;

    @TempDir
    File tempDir;

    private static NeuralNetConfiguration.Builder base() {
        // Adam, so that the round trip must carry updater state for the step after restore to match.
        return new NeuralNetConfiguration.Builder().seed(42).weightInit(WeightInit.XAVIER).updater(new Adam(0.01));
    }

    private static ConvolutionLayer convolution() {
        return new ConvolutionLayer.Builder(3, 3).padding(1, 1).nOut(4).activation(Activation.TANH).build();
    }

    /** Default mode under Adam, with homeostasis (a theta parameter). */
    private static HebbianConvolutionLayer softHebb() {
        return new HebbianConvolutionLayer.Builder(3, 3).nOut(6).rule(new SoftHebbRule()).competition(new SoftWta(0.5))
                .homeostasis(new AdaptiveThreshold(0.2)).activation(Activation.RELU).biasInit(0.1).build();
    }

    private static SubsamplingLayer pool() {
        return new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build();
    }

    /** Direct mode with normalized kernels, stride 2 and padding. */
    private static HebbianConvolutionLayer instar() {
        return new HebbianConvolutionLayer.Builder(2, 2).stride(2, 2).padding(1, 1).nOut(5).rule(new InstarRule())
                .competition(new KWta(2)).activation(Activation.RELU).directStep(0.05).normalizeWeights(true).build();
    }

    private static OutputLayer output() {
        return new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(N_CLASSES).activation(Activation.SOFTMAX).build();
    }

    private static DataSet data(long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray features = Nd4j.rand(DataType.FLOAT, 8, CHANNELS, SIZE, SIZE);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, 8, N_CLASSES);
        for (int s = 0; s < 8; s++) {
            labels.putScalar(s, s % N_CLASSES, 1.0);
        }
        return new DataSet(features, labels);
    }

    @Test
    void multiLayerNetworkRestoresParametersUpdaterStateOutputsAndTrainsIdentically() throws IOException {
        MultiLayerNetwork original = new MultiLayerNetwork(base().list()
                .layer(convolution()).layer(softHebb()).layer(pool()).layer(instar()).layer(output())
                .setInputType(InputType.convolutional(SIZE, SIZE, CHANNELS)).build());
        original.init();
        DataSet data = data(31);
        for (int step = 0; step < 3; step++) {
            original.fit(data);
        }
        assertFalse(original.getLayer(1).getParam("theta").eq(0.0).all(), "theta has moved before saving");
        File file = new File(tempDir, "mln.zip");
        ModelSerializer.writeModel(original, file, true);

        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file, true);

        assertEquals(original.getLayerWiseConfigurations(), restored.getLayerWiseConfigurations());
        assertArrayEquals(original.params().toDoubleVector(), restored.params().toDoubleVector(), 0.0, "parameters");
        assertArrayEquals(original.getLayer(1).getParam("theta").toDoubleVector(),
                restored.getLayer(1).getParam("theta").toDoubleVector(), 0.0, "homeostasis thresholds");
        assertArrayEquals(original.getUpdater().getStateViewArray().toDoubleVector(),
                restored.getUpdater().getStateViewArray().toDoubleVector(), 0.0, "updater state");
        assertArrayEquals(original.output(data.getFeatures()).ravel().toDoubleVector(),
                restored.output(data.getFeatures()).ravel().toDoubleVector(), 0.0, "outputs");

        DataSet next = data(37);
        double[] before = original.params().toDoubleVector();
        original.fit(next);
        restored.fit(next);

        assertFalse(Arrays.equals(before, original.params().toDoubleVector()), "the step moves parameters");
        assertArrayEquals(original.params().toDoubleVector(), restored.params().toDoubleVector(), 0.0,
                "parameters after one more step on the original and on the restored network");
    }

    @Test
    void computationGraphRestoresParametersUpdaterStateOutputsAndTrainsIdentically() throws IOException {
        ComputationGraph original = new ComputationGraph(base().graphBuilder().addInputs("in")
                .setInputTypes(InputType.convolutional(SIZE, SIZE, CHANNELS))
                .addLayer("conv", convolution(), "in")
                .addLayer("softhebb", softHebb(), "conv")
                .addLayer("pool", pool(), "softhebb")
                .addLayer("instar", instar(), "pool")
                .addLayer("out", output(), "instar")
                .setOutputs("out").build());
        original.init();
        DataSet data = data(41);
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

        DataSet next = data(43);
        double[] before = original.params().toDoubleVector();
        original.fit(next);
        restored.fit(next);

        assertFalse(Arrays.equals(before, original.params().toDoubleVector()), "the step moves parameters");
        assertArrayEquals(original.params().toDoubleVector(), restored.params().toDoubleVector(), 0.0,
                "parameters after one more step on the original and on the restored network");
    }
}
