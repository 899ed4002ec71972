package org.hebbian4j.layers;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.hebbian4j.competition.HardWta;
import org.hebbian4j.competition.RaisedCosineSimilarity;
import org.hebbian4j.conf.HebbianConvolutionLayer;
import org.hebbian4j.conf.HebbianDenseLayer;
import org.hebbian4j.rules.RewardWeightedInstarRule;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.ops.transforms.Transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pieces of Lagani et al.'s protocol in the layers: the normalized forward pass
 * {@code ReLU(x . w / |w|)}, and competition on the raised cosine, where a long kernel does not win
 * by its length.
 */
class LaganiForwardAndSimilarityTest {

    private static MultiLayerNetwork dense(boolean normalizedForward) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(1).dataType(DataType.DOUBLE)
                .weightInit(WeightInit.XAVIER).updater(new Sgd(0.1)).list()
                .layer(new HebbianDenseLayer.Builder().nIn(4).nOut(3).rule(new RewardWeightedInstarRule())
                        .similarity(new RaisedCosineSimilarity()).competition(new HardWta())
                        .normalizedForward(normalizedForward).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(3).nOut(2).activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        return net;
    }

    @Test
    void denseNormalizedForwardIsReluOfTheProjectionOnTheWeightDirection() {
        MultiLayerNetwork net = dense(true);
        INDArray w = net.getLayer(0).getParam("W");   // [nIn, nOut]
        INDArray x = Nd4j.rand(DataType.DOUBLE, 5, 4).subi(0.5);
        INDArray expected = Transforms.relu(x.mmul(w).diviRowVector(w.norm2(0)), false);
        assertTrue(expected.equalsWithEps(net.feedForwardToLayer(0, x, false).get(1), 1e-12));
        assertEquals(x.mmul(w).gt(0).castTo(DataType.DOUBLE).sumNumber().doubleValue() > 0, true);
    }

    @Test
    void convolutionNormalizedForwardDividesEachChannelByItsKernelNorm() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(2).dataType(DataType.DOUBLE)
                .weightInit(WeightInit.XAVIER).updater(new Sgd(0.1)).list()
                .layer(new HebbianConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.IDENTITY).normalizedForward(true).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(2).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(6, 6, 2)).build());
        MultiLayerNetwork plain = new MultiLayerNetwork(net.getLayerWiseConfigurations().clone());
        net.init();
        plain.getLayerWiseConfigurations().getConf(0).getLayer();
        ((HebbianConvolutionLayer) plain.getLayerWiseConfigurations().getConf(0).getLayer()).setNormalizedForward(false);
        plain.init(net.params().dup(), false);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 3, 2, 6, 6);
        INDArray normalized = net.feedForwardToLayer(0, x, false).get(1);
        INDArray raw = plain.feedForwardToLayer(0, x, false).get(1);
        INDArray w = net.getLayer(0).getParam("W");
        for (int c = 0; c < 4; c++) {
            double norm = w.slice(c).norm2Number().doubleValue();
            INDArray expected = raw.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.point(c)).div(norm);
            INDArray actual = normalized.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.point(c));
            assertTrue(expected.equalsWithEps(actual, 1e-12), "channel " + c);
        }
    }

    @Test
    void onTheRaisedCosineALongKernelDoesNotWinByItsLength() {
        MultiLayerNetwork net = dense(false);
        // Neuron 0 points nearly along the input but is short; neuron 1 is 200 times longer and 60 degrees off.
        // W is [nIn, nOut]: column 0 = (0.5, 0.1, 0, 0) (cos 0.98, u 0.5), column 1 = (50, 86.6, 0, 0) (cos 0.5, u 50).
        INDArray w = Nd4j.create(new double[][]{{0.5, 50, 0}, {0.1, 86.6, 0}, {0, 0, 1}, {0, 0, 0}});
        net.getLayer(0).setParam("W", w);
        INDArray x = Nd4j.create(new double[][]{{1, 0, 0, 0}});
        INDArray before = net.getLayer(0).getParam("W").dup();
        net.fit(new DataSet(x, Nd4j.create(new double[][]{{1, 0}})));
        INDArray moved = net.getLayer(0).getParam("W").sub(before);
        // The winner (argmax of the cosine) is neuron 0 (cos 1), not neuron 1 (u = 50 > 1): only it moves.
        assertTrue(moved.getColumn(0).norm2Number().doubleValue() > 0, "neuron 0 learns");
        assertEquals(0.0, moved.getColumn(1).norm2Number().doubleValue(), 0.0, "the long kernel does not win");
    }
}
