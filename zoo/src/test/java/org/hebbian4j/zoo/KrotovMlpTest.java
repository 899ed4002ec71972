package org.hebbian4j.zoo;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.hebbian4j.activations.PowerReluActivation;
import org.hebbian4j.conf.HebbianDenseLayer;
import org.hebbian4j.rules.KrotovRule;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class KrotovMlpTest {

    @Test
    void isA784To2000KrotovLayerWithRectifiedPowerUnitsBelowASoftmax() {
        MultiLayerConfiguration conf = KrotovMlp.create().conf();
        HebbianDenseLayer hidden = assertInstanceOf(HebbianDenseLayer.class, conf.getConf(0).getLayer());
        assertEquals(784, hidden.getNIn());
        assertEquals(2000, hidden.getNOut());
        assertEquals(new KrotovRule(3, 7, 0.4), hidden.getRule());
        assertEquals(new PowerReluActivation(4.5), hidden.getActivationFn());
        assertEquals(MultiLayerConfiguration.fromJson(conf.toJson()), conf);
    }

    @Test
    void oneFitStepMovesTheHebbianWeights() {
        MultiLayerNetwork net = new MultiLayerNetwork(KrotovMlp.create().hidden(50).conf());
        net.init();
        INDArray before = net.getLayer(0).getParam("W").dup();
        Nd4j.getRandom().setSeed(16);
        INDArray x = Nd4j.rand(DataType.FLOAT, 16, 784);
        INDArray y = Nd4j.eye(10).castTo(DataType.FLOAT).getRows(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5);
        net.fit(x, y);
        INDArray moved = net.getLayer(0).getParam("W").sub(before);
        assertNotEquals(0.0, moved.norm2Number().doubleValue());
        // Krotov's normalization: the largest entry of one step is the learning rate, 0.02
        assertEquals(0.02, moved.amaxNumber().doubleValue(), 1e-6);
    }
}
