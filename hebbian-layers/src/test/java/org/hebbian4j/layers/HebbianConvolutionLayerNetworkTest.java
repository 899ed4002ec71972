package org.hebbian4j.layers;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.hebbian4j.competition.HardWta;
import org.hebbian4j.competition.KWta;
import org.hebbian4j.competition.SoftWta;
import org.hebbian4j.conf.HebbianConvolutionLayer;
import org.hebbian4j.rules.InstarRule;
import org.hebbian4j.rules.SoftHebbRule;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link HebbianConvolutionLayer} in MultiLayerNetwork and ComputationGraph: nIn and the sizes of
 * the layers above inferred from {@code InputType.convolutional(...)}, flat image input through
 * DL4J's preprocessor, pooling and batch normalization on top, repeated fit() under workspaces.
 */
class HebbianConvolutionLayerNetworkTest {

    private static final int HEIGHT = 12;
    private static final int WIDTH = 10;
    private static final int CHANNELS = 3;
    private static final int N_CLASSES = 4;

    private static NeuralNetConfiguration.Builder base() {
        return new NeuralNetConfiguration.Builder().seed(42).weightInit(WeightInit.XAVIER).updater(new Adam(1e-3));
    }

    /** 5x5 kernels, no padding: 12x10 -> 8x6. nIn deliberately not set. */
    private static HebbianConvolutionLayer hebbian() {
        return new HebbianConvolutionLayer.Builder(5, 5).nOut(6).rule(new InstarRule()).competition(new HardWta())
                .activation(Activation.RELU).updater(new Sgd(1e-3)).build();
    }

    private static OutputLayer output() {
        return new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(N_CLASSES).activation(Activation.SOFTMAX).build();
    }

    private static DataSet data(int batch, long seed, long... featureShape) {
        Nd4j.getRandom().setSeed(seed);
        INDArray features = Nd4j.rand(DataType.FLOAT, featureShape);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, batch, N_CLASSES);
        for (int s = 0; s < batch; s++) {
            labels.putScalar(s, s % N_CLASSES, 1.0);
        }
        return new DataSet(features, labels);
    }

    private static void fitThreeTimesAndCheckTheHebbianLayerMoves(Runnable fit, INDArray hebbianW) {
        double[] before = hebbianW.ravel().toDoubleVector();
        for (int i = 0; i < 3; i++) {
            fit.run();
        }
        assertFalse(Arrays.equals(before, hebbianW.ravel().toDoubleVector()), "the Hebbian kernels move");
    }

    @Test
    void multiLayerNetworkInfersNInAndSizesAboveFromConvolutionalInputType() {
        MultiLayerConfiguration conf = base().list().layer(hebbian()).layer(output())
                .setInputType(InputType.convolutional(HEIGHT, WIDTH, CHANNELS)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();

        HebbianConvolutionLayer layer = assertInstanceOf(HebbianConvolutionLayer.class, conf.getConf(0).getLayer());
        assertEquals(CHANNELS, layer.getNIn(), "nIn inferred from the input type");
        assertEquals(6L * 8 * 6, ((OutputLayer) conf.getConf(1).getLayer()).getNIn(), "flattened size above");
        assertArrayEquals(new long[]{6, CHANNELS, 5, 5}, net.getLayer(0).getParam("W").shape());
        assertEquals(6L * CHANNELS * 5 * 5 + 6 + 6L * 8 * 6 * N_CLASSES + N_CLASSES, net.numParams());
        assertTrue(conf.getMemoryReport(InputType.convolutional(HEIGHT, WIDTH, CHANNELS)).getTotalMemoryBytes(
                5, org.deeplearning4j.nn.conf.memory.MemoryUseMode.TRAINING, org.deeplearning4j.nn.conf.CacheMode.NONE,
                DataType.FLOAT) > 0, "DL4J's memory report covers the layer");
        DataSet data = data(5, 1, 5, CHANNELS, HEIGHT, WIDTH);
        fitThreeTimesAndCheckTheHebbianLayerMoves(() -> net.fit(data), net.getLayer(0).getParam("W"));
        assertArrayEquals(new long[]{5, N_CLASSES}, net.output(data.getFeatures()).shape());
        assertArrayEquals(new long[]{5, 6, 8, 6}, net.feedForward(data.getFeatures()).get(1).shape(),
                "activations of the Hebbian layer, NCHW");
    }

    @Test
    void multiLayerNetworkAcceptsFlatImagesThroughConvolutionalFlatInputType() {
        MultiLayerNetwork net = new MultiLayerNetwork(base().list().layer(hebbian()).layer(output())
                .setInputType(InputType.convolutionalFlat(HEIGHT, WIDTH, 1)).build());
        net.init();
        DataSet data = data(4, 2, 4, HEIGHT * WIDTH);

        fitThreeTimesAndCheckTheHebbianLayerMoves(() -> net.fit(data), net.getLayer(0).getParam("W"));

        assertArrayEquals(new long[]{4, N_CLASSES}, net.output(data.getFeatures()).shape());
    }

    @Test
    void poolingAndBatchNormalizationAboveAHebbianConvolutionTrain() {
        // The pattern of Lagani et al.'s network: Hebbian conv, ReLU, 2x2 max-pool, batch norm, classifier.
        MultiLayerConfiguration conf = base().list()
                .layer(hebbian())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new HebbianConvolutionLayer.Builder(3, 3).nOut(8).rule(new SoftHebbRule())
                        .competition(new SoftWta(0.02)).activation(Activation.RELU).updater(new Sgd(1e-3)).build())
                .layer(output())
                .setInputType(InputType.convolutional(HEIGHT, WIDTH, CHANNELS)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        // 12x10 -> conv5 8x6 -> pool 4x3 -> conv3 2x1.
        assertEquals(6, ((HebbianConvolutionLayer) conf.getConf(3).getLayer()).getNIn());
        assertEquals(8L * 2 * 1, ((OutputLayer) conf.getConf(4).getLayer()).getNIn());
        DataSet data = data(8, 3, 8, CHANNELS, HEIGHT, WIDTH);

        fitThreeTimesAndCheckTheHebbianLayerMoves(() -> net.fit(data), net.getLayer(3).getParam("W"));

        INDArray out = net.output(data.getFeatures());
        assertArrayEquals(new long[]{8, N_CLASSES}, out.shape());
        assertFalse(out.isNaN().any(), "no NaN in the output");
    }

    @Test
    void computationGraphInfersNInAndTrainsTwoHebbianBranchesMerged() {
        ComputationGraph net = new ComputationGraph(base().graphBuilder().addInputs("in")
                .setInputTypes(InputType.convolutional(HEIGHT, WIDTH, CHANNELS))
                .addLayer("wta", hebbian(), "in")
                .addLayer("kwta", new HebbianConvolutionLayer.Builder(5, 5).nOut(4).rule(new InstarRule())
                        .competition(new KWta(2)).activation(Activation.RELU).updater(new Sgd(1e-3)).build(), "in")
                .addVertex("merge", new MergeVertex(), "wta", "kwta")
                .addLayer("out", output(), "merge")
                .setOutputs("out").build());
        net.init();
        assertArrayEquals(new long[]{6, CHANNELS, 5, 5}, net.getLayer("wta").getParam("W").shape());
        assertArrayEquals(new long[]{4, CHANNELS, 5, 5}, net.getLayer("kwta").getParam("W").shape());
        DataSet data = data(5, 4, 5, CHANNELS, HEIGHT, WIDTH);
        double[] kwtaBefore = net.getLayer("kwta").getParam("W").ravel().toDoubleVector();

        fitThreeTimesAndCheckTheHebbianLayerMoves(() -> net.fit(data), net.getLayer("wta").getParam("W"));

        assertFalse(Arrays.equals(kwtaBefore, net.getLayer("kwta").getParam("W").ravel().toDoubleVector()), "second branch moves");
        INDArray out = net.outputSingle(data.getFeatures());
        assertArrayEquals(new long[]{5, N_CLASSES}, out.shape());
        assertTrue(out.sum(1).sub(1.0).amaxNumber().doubleValue() < 1e-5, "softmax rows sum to 1");
    }
}
