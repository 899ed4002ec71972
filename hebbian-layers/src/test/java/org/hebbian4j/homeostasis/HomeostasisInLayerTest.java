package org.hebbian4j.homeostasis;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.hebbian4j.competition.HardWta;
import org.hebbian4j.conf.HebbianDenseLayer;
import org.hebbian4j.layers.HebbianParamInitializer;
import org.hebbian4j.rules.InstarRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.io.File;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class HomeostasisInLayerTest {

    private static MultiLayerConfiguration conf(Homeostasis homeostasis) {
        return new NeuralNetConfiguration.Builder().seed(5).dataType(DataType.DOUBLE)
                .updater(new Adam(1e-2)).l2(1e-3).weightInit(WeightInit.XAVIER).list()
                .layer(new HebbianDenseLayer.Builder().nIn(6).nOut(4).rule(new InstarRule())
                        .competition(new HardWta()).homeostasis(homeostasis).updater(new Sgd(0.1)).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(4).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .build();
    }

    private static DataSet data(long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray labels = Nd4j.zeros(DataType.DOUBLE, 10, 3);
        for (int i = 0; i < 10; i++) {
            labels.putScalar(i, i % 3, 1.0);
        }
        return new DataSet(Nd4j.rand(DataType.DOUBLE, 10, 6), labels);
    }

    @Test
    void oneFitStepMovesThresholdExactlyByItsStateChangeDespiteAdamAndL2() {
        MultiLayerNetwork net = new MultiLayerNetwork(conf(new AdaptiveThreshold(3.0)));
        net.init();
        DataSet batch = data(1);
        INDArray theta = net.getLayer(0).getParam(HebbianParamInitializer.THRESHOLD_KEY);
        INDArray w = net.getLayer(0).getParam(HebbianParamInitializer.WEIGHT_KEY);
        INDArray b = net.getLayer(0).getParam(HebbianParamInitializer.BIAS_KEY);
        INDArray u = batch.getFeatures().mmul(w).addRowVector(b);
        INDArray y = new HardWta().compete(u.subRowVector(theta));          // theta starts at 0
        INDArray expected = theta.add(y.mean(true, 0).subi(y.meanNumber()).muli(3.0));
        net.fit(batch);
        assertArrayEquals(expected.toDoubleVector(),
                net.getLayer(0).getParam(HebbianParamInitializer.THRESHOLD_KEY).toDoubleVector(), 1e-12);
        assertNotEquals(0.0, expected.norm2Number().doubleValue(), "the step must move theta");
    }

    @Test
    void thresholdStateIsSavedAndRestoredWithTheModel(@TempDir Path dir) throws Exception {
        MultiLayerNetwork net = new MultiLayerNetwork(conf(new AdaptiveThreshold(3.0)));
        net.init();
        for (int i = 0; i < 5; i++) {
            net.fit(data(i));
        }
        File file = dir.resolve("m.zip").toFile();
        ModelSerializer.writeModel(net, file, true);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file, true);
        assertEquals(net.getLayer(0).getParam("theta"), restored.getLayer(0).getParam("theta"));
        net.fit(data(9));
        restored.fit(data(9));
        assertEquals(net.params(), restored.params(), "one more step after restore equals the step without it");
    }

    @Test
    void layerWithoutHomeostasisHasNoStateParameter() {
        MultiLayerNetwork net = new MultiLayerNetwork(conf(new NoHomeostasis()));
        net.init();
        assertNull(net.getLayer(0).getParam("theta"));
        assertEquals(6 * 4 + 4, net.getLayer(0).numParams());
    }
}
