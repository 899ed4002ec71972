package org.hebbian4j.conf;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.transferlearning.TransferLearning;
import org.hebbian4j.activations.KWinnersActivation;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** KWinnersActivation(k) with k >= nOut was silently the identity; now it fails, naming the layer, at build and after nOutReplace. */
class KWinnersAgainstNOutTest {

    @Test
    void buildRefusesKAtLeastNOut() {
        IllegalArgumentException dense = assertThrows(IllegalArgumentException.class, () -> new HebbianDenseLayer.Builder()
                .name("h").nIn(4).nOut(5).activation(new KWinnersActivation(5)).build());
        assertTrue(dense.getMessage().contains("HebbianDenseLayer \"h\"") && dense.getMessage().contains("winners = 5"),
                dense.getMessage());
        IllegalArgumentException conv = assertThrows(IllegalArgumentException.class, () -> new HebbianConvolutionLayer.Builder(3, 3)
                .nOut(4).activation(new KWinnersActivation(7)).build());
        assertTrue(conv.getMessage().contains("nOut = 4"), conv.getMessage());
        new HebbianDenseLayer.Builder().nIn(4).nOut(5).activation(new KWinnersActivation(4)).build();
    }

    @Test
    void nOutReplaceBelowKFailsWhenTheNetworkIsInstantiated() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().updater(new Sgd(0.1)).list()
                .layer(new HebbianDenseLayer.Builder().nIn(4).nOut(8).activation(new KWinnersActivation(3)).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(8).nOut(2).activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TransferLearning.Builder(net).nOutReplace(0, 3, org.deeplearning4j.nn.weights.WeightInit.XAVIER).build());
        assertTrue(e.getMessage().contains("HebbianDenseLayer (index 0") && e.getMessage().contains("winners = 3"), e.getMessage());
    }
}
