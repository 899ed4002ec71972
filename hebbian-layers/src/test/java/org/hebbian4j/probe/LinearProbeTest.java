package org.hebbian4j.probe;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LinearProbeTest {

    /** Two Gaussian blobs per class, far apart, with features on very different scales. */
    private static DataSet blobs(int n, long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray x = Nd4j.randn(DataType.FLOAT, n, 5);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, n, 3);
        for (int i = 0; i < n; i++) {
            int c = i % 3;
            labels.putScalar(i, c, 1);
            x.putScalar(i, c, x.getDouble(i, c) + 4);
        }
        x.getColumn(0).muli(1000);          // scale must not matter: standardization
        x.getColumn(4).addi(50);
        return new DataSet(x, labels);
    }

    @Test
    void learnsSeparableClassesAndReportsAccuracyEveryEpoch() {
        List<Integer> epochs = new ArrayList<>();
        LinearProbe.Result r = new LinearProbe(3, 32, new Adam(0.05), 1).fit(blobs(600, 1), blobs(300, 2), List.of(), epochs::add);
        assertEquals(List.of(1, 2, 3), epochs);
        assertEquals(3, r.testAccuracyPerEpoch().size());
        assertTrue(r.finalAccuracy() > 0.95, "accuracy " + r.finalAccuracy());
        assertTrue(r.maxAccuracy() >= r.finalAccuracy());
    }

    @Test
    void foldedWeightsOnRawFeaturesGiveTheProbesAccuracy() {
        DataSet train = blobs(600, 3);
        DataSet test = blobs(300, 4);
        LinearProbe.Result r = LinearProbe.adam(2, 7).fit(train, test, List.of(), null);
        MultiLayerNetwork plain = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT)
                .list().layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(5).nOut(3)
                        .activation(Activation.SOFTMAX).build()).build());
        plain.init();
        plain.getLayer(0).setParam("W", r.weights());
        plain.getLayer(0).setParam("b", r.bias());
        assertEquals(r.finalAccuracy(), LinearProbe.accuracy(plain, test), 1e-9);
    }

    @Test
    void layerFeaturesAreTheLayersActivationsInInferenceMode() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(1)
                .dataType(DataType.FLOAT).updater(new Adam()).list()
                .layer(new DenseLayer.Builder().nIn(5).nOut(4).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder().nIn(4).nOut(3).activation(Activation.SOFTMAX).build()).build());
        net.init();
        DataSet data = blobs(25, 5);
        DataSet features = LayerFeatures.of(net, 0, data, 7);     // batches of 7: 7+7+7+4
        INDArray expected = net.feedForwardToLayer(0, data.getFeatures(), false).get(1);
        assertEquals(expected, features.getFeatures());
        assertEquals(data.getLabels(), features.getLabels());
        assertThrows(IllegalArgumentException.class, () -> LayerFeatures.of(net, 5, data, 7));
    }

    @Test
    void rejectsBadSettingsNamingThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LinearProbe.adam(0, 1));
        assertTrue(e.getMessage().contains("epochs"));
        e = assertThrows(IllegalArgumentException.class, () -> new LinearProbe(1, 0, new Adam(), 1));
        assertTrue(e.getMessage().contains("batchSize"));
        e = assertThrows(IllegalArgumentException.class, () -> new LinearProbe(1, 8, new Adam(), 1, 1.0));
        assertTrue(e.getMessage().contains("dropProbability"));
    }

    @Test
    void dropoutDuringTrainingStillLearnsAndInferenceIsDeterministic() {
        DataSet test = blobs(300, 9);
        LinearProbe.Result r = new LinearProbe(3, 32, new Adam(0.05), 1, 0.3).fit(blobs(600, 8), test, List.of(), null);
        assertTrue(r.finalAccuracy() > 0.9, "accuracy " + r.finalAccuracy());
        MultiLayerNetwork plain = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT)
                .list().layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(5).nOut(3)
                        .activation(Activation.SOFTMAX).build()).build());
        plain.init();
        plain.getLayer(0).setParam("W", r.weights());
        plain.getLayer(0).setParam("b", r.bias());
        // The folded weights need no dropout rescaling: DL4J's inverted dropout scales during training.
        assertEquals(r.finalAccuracy(), LinearProbe.accuracy(plain, test), 1e-9);
    }
}
