package org.hebbian4j.protocol;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BatchNormStatisticsTest {

    /** 0: conv 2->3 3x3 relu, 1: max pool 2x2, 2: batch norm, 3: softmax. Inputs 2x6x6 with a large offset. */
    private static MultiLayerNetwork convNet(boolean logStd) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.DOUBLE).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(3).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                .layer(new BatchNormalization.Builder().useLogStd(logStd).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(2).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(6, 6, 2))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    private static DataSet images(int n) {
        Nd4j.getRandom().setSeed(11);
        INDArray x = Nd4j.rand(DataType.DOUBLE, n, 2, 6, 6).muli(5).addi(3);
        INDArray y = Nd4j.zeros(DataType.DOUBLE, n, 2);
        y.getColumn(0).assign(1);
        return new DataSet(x, y);
    }

    /** Per-channel mean and population variance of a [N, C, H, W] array, by loops. */
    private static double[][] naiveChannelStatistics(INDArray a) {
        long n = a.size(0), c = a.size(1), h = a.size(2), w = a.size(3);
        double[][] stats = new double[2][(int) c];
        for (int ch = 0; ch < c; ch++) {
            double sum = 0;
            double sq = 0;
            for (int i = 0; i < n; i++) {
                for (int r = 0; r < h; r++) {
                    for (int k = 0; k < w; k++) {
                        double v = a.getDouble(i, ch, r, k);
                        sum += v;
                        sq += v * v;
                    }
                }
            }
            double count = n * h * w;
            stats[0][ch] = sum / count;
            stats[1][ch] = sq / count - stats[0][ch] * stats[0][ch];
        }
        return stats;
    }

    @ParameterizedTest(name = "useLogStd {0}")
    @ValueSource(booleans = {true, false})
    void convolutionBlockNormalizesItsInputToZeroMeanAndUnitVarianceAtInference(boolean logStd) {
        MultiLayerNetwork net = convNet(logStd);
        DataSet data = images(40);
        INDArray input = net.feedForwardToLayer(1, data.getFeatures(), false).get(2);
        double[][] naive = naiveChannelStatistics(input);
        assertTrue(naive[0][0] > 0.5 || naive[0][1] > 0.5 || naive[0][2] > 0.5, "an offset worth removing");

        int used = BatchNormStatistics.estimate(net, 2, data, 1000, 7);

        assertEquals(40, used);
        double[] mean = net.getLayer(2).getParam("mean").toDoubleVector();
        for (int ch = 0; ch < 3; ch++) {
            assertEquals(naive[0][ch], mean[ch], 1e-9, "mean of channel " + ch);
        }
        if (!logStd) {
            double[] var = net.getLayer(2).getParam("var").toDoubleVector();
            for (int ch = 0; ch < 3; ch++) {
                assertEquals(naive[1][ch], var[ch], 1e-9, "variance of channel " + ch);
            }
        }
        INDArray normalized = net.feedForwardToLayer(2, data.getFeatures(), false).get(3);
        double[][] after = naiveChannelStatistics(normalized);
        for (int ch = 0; ch < 3; ch++) {
            assertEquals(0.0, after[0][ch], 1e-6, "normalized mean of channel " + ch);
            // eps = 1e-5 in the denominator: var / (var + eps)
            assertEquals(naive[1][ch] / (naive[1][ch] + 1e-5), after[1][ch], 1e-6, "normalized variance of channel " + ch);
        }
    }

    @Test
    void maxExamplesTakesTheFirstExamplesOnly() {
        MultiLayerNetwork net = convNet(true);
        DataSet data = images(30);
        INDArray firstTen = net.feedForwardToLayer(1, data.getFeatures().get(
                org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 10)), false).get(2);
        double[][] naive = naiveChannelStatistics(firstTen);

        assertEquals(10, BatchNormStatistics.estimate(net, 2, data, 10, 4));

        double[] mean = net.getLayer(2).getParam("mean").toDoubleVector();
        for (int ch = 0; ch < 3; ch++) {
            assertEquals(naive[0][ch], mean[ch], 1e-9);
        }
    }

    @Test
    void denseFeaturesAreNormalizedPerFeature() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(4).dataType(DataType.DOUBLE).list()
                .layer(new DenseLayer.Builder().nIn(5).nOut(4).activation(Activation.RELU).build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(2).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.feedForward(5))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        Nd4j.getRandom().setSeed(12);
        DataSet data = new DataSet(Nd4j.rand(DataType.DOUBLE, 50, 5).muli(4).addi(2), Nd4j.zeros(DataType.DOUBLE, 50, 2));

        BatchNormStatistics.estimate(net, 1, data, 50, 16);

        INDArray normalized = net.feedForwardToLayer(1, data.getFeatures(), false).get(2);
        INDArray hidden = net.feedForwardToLayer(0, data.getFeatures(), false).get(1);
        for (int f = 0; f < 4; f++) {
            double[] column = hidden.getColumn(f).toDoubleVector();
            double m = java.util.Arrays.stream(column).average().orElseThrow();
            double v = java.util.Arrays.stream(column).map(c -> (c - m) * (c - m)).average().orElseThrow();
            double[] out = normalized.getColumn(f).toDoubleVector();
            for (int i = 0; i < out.length; i++) {
                assertEquals((column[i] - m) / Math.sqrt(v + 1e-5), out[i], 1e-6, "feature " + f + ", example " + i);
            }
        }
    }

    @Test
    void aLayerThatIsNotABatchNormalizationIsRejectedNamingIt() {
        MultiLayerNetwork net = convNet(true);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BatchNormStatistics.estimate(net, 1, images(4), 10, 2));
        assertTrue(e.getMessage().contains("SubsamplingLayer") && e.getMessage().contains("not a BatchNormalization"),
                e.getMessage());
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class,
                () -> BatchNormStatistics.estimate(net, 2, images(4), 0, 2));
        assertTrue(range.getMessage().contains("maxExamples"), range.getMessage());
    }
}
