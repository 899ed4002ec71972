package org.hebbian4j.protocol;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.hebbian4j.data.ShuffledDataSetIterator;
import org.hebbian4j.training.LayerwisePretraining;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalLearningPhaseTest {

    @Test
    void findsTheLocalLayers() {
        MultiLayerNetwork net = ProtocolNets.hybrid(1);
        assertEquals(1, LocalLearningPhase.topLocalLayer(net));
        assertEquals(1, LocalLearningPhase.lowestLocalLayer(net));
        assertEquals(-1, LocalLearningPhase.topLocalLayer(ProtocolNets.backprop(1)));
    }

    @Test
    void onlyTheHebbianLayerLearnsAndItsStepIsTheInstarRuleOnTheFrozenLayersOutput() {
        MultiLayerNetwork net = ProtocolNets.hybrid(3);
        DataSet data = ProtocolNets.blobs(8, 5);
        INDArray w0 = net.getLayer(0).params().dup();
        INDArray above = Nd4j.concat(0, net.getLayer(2).params().dup(), net.getLayer(3).params().dup());
        INDArray w = net.getLayer(1).getParam("W").dup();          // [nIn = 5, nOut = 4]
        INDArray b = net.getLayer(1).getParam("b").dup();
        // expected, by hand: h = relu(x W0 + b0); u = h W + b; r = one-hot argmax(u); W += lr/B (h^T r - W diag(sum_b r))
        INDArray h = Transforms.relu(data.getFeatures().mmul(net.getLayer(0).getParam("W")).addRowVector(net.getLayer(0).getParam("b")));
        INDArray u = h.mmul(w).addRowVector(b);
        INDArray r = Nd4j.zeros(u.dataType(), u.shape());
        for (int i = 0; i < u.rows(); i++) {   // naive argmax per row
            int best = 0;
            for (int j = 1; j < u.columns(); j++) {
                if (u.getDouble(i, j) > u.getDouble(i, best)) {
                    best = j;
                }
            }
            r.putScalar(i, best, 1);
        }
        INDArray expected = w.add(h.transpose().mmul(r).sub(w.mulRowVector(r.sum(0))).muli(ProtocolNets.HEBBIAN_LR / 8));

        LocalLearningPhase.fit(net, Set.of(0), new ShuffledDataSetIterator(data, 8, 0, false), 1, List.of(), null);

        assertEquals(w0, net.getLayer(0).params(), "the frozen layer changed");
        assertEquals(above, Nd4j.concat(0, net.getLayer(2).params(), net.getLayer(3).params()), "a layer above changed");
        assertTrue(expected.equalsWithEps(net.getLayer(1).getParam("W"), 1e-12),
                "Hebbian step\n" + net.getLayer(1).getParam("W") + "\nexpected\n" + expected);
        assertNotEquals(w, net.getLayer(1).getParam("W"));
    }

    @Test
    void reportsEpochsAndRejectsBadArguments() {
        MultiLayerNetwork net = ProtocolNets.hybrid(3);
        DataSet data = ProtocolNets.blobs(8, 5);
        int[] epochs = {0};
        LocalLearningPhase.fit(net, Set.of(), new ShuffledDataSetIterator(data, 4, 0, true), 3, List.of(), e -> epochs[0] = e);
        assertEquals(3, epochs[0]);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LocalLearningPhase.fit(ProtocolNets.backprop(1), Set.of(),
                new ShuffledDataSetIterator(data, 4, 0, true), 1, List.of(), null)).getMessage().contains("no layer"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LocalLearningPhase.fit(net, Set.of(2),
                new ShuffledDataSetIterator(data, 4, 0, true), 1, List.of(), null)).getMessage().contains("frozen layer 2"));
        assertThrows(IllegalArgumentException.class, () -> LocalLearningPhase.fit(net, Set.of(),
                new ShuffledDataSetIterator(data, 4, 0, true), 0, List.of(), null));
    }
    private static MultiLayerNetwork twoHebbianLayers() {
        MultiLayerNetwork net = new MultiLayerNetwork(new org.deeplearning4j.nn.conf.NeuralNetConfiguration.Builder()
                .seed(4).dataType(org.nd4j.linalg.api.buffer.DataType.DOUBLE)
                .updater(new org.nd4j.linalg.learning.config.Sgd(0.1)).list()
                .layer(new org.hebbian4j.conf.HebbianDenseLayer.Builder().nIn(6).nOut(5)
                        .rule(new org.hebbian4j.rules.InstarRule()).competition(new org.hebbian4j.competition.HardWta())
                        .activation(org.nd4j.linalg.activations.Activation.RELU).build())
                .layer(new org.hebbian4j.conf.HebbianDenseLayer.Builder().nIn(5).nOut(4)
                        .rule(new org.hebbian4j.rules.InstarRule()).competition(new org.hebbian4j.competition.HardWta())
                        .activation(org.nd4j.linalg.activations.Activation.RELU).build())
                .layer(new org.deeplearning4j.nn.conf.layers.OutputLayer.Builder(
                        org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction.MCXENT).nIn(4).nOut(2)
                        .activation(org.nd4j.linalg.activations.Activation.SOFTMAX).build())
                .build());
        net.init();
        return net;
    }

    @Test
    void withOneHebbianLayerAndFrozenLayersBelowItEqualsLayerwisePretraining() {
        // Unshuffled: the phase resets the iterator before every epoch, pretraining only once it is exhausted.
        DataSet data = ProtocolNets.blobs(16, 6);
        MultiLayerNetwork phase = ProtocolNets.hybrid(3);
        MultiLayerNetwork pretrained = ProtocolNets.hybrid(3);

        LocalLearningPhase.fit(phase, Set.of(0), new ShuffledDataSetIterator(data, 4, 9, false), 2, List.of(), null);
        LayerwisePretraining.pretrainLayer(pretrained, 1, new ShuffledDataSetIterator(data, 4, 9, false), 2);

        assertTrue(pretrained.params().equalsWithEps(phase.params(), 1e-12));
        assertNotEquals(ProtocolNets.hybrid(3).getLayer(1).params(), phase.getLayer(1).params(), "the Hebbian layer learns");
    }

    @Test
    void withTwoHebbianLayersItTrainsThemTogetherWhilePretrainingIsGreedy() {
        DataSet data = ProtocolNets.blobs(16, 7);
        MultiLayerNetwork phase = twoHebbianLayers();
        MultiLayerNetwork pretrained = twoHebbianLayers();

        LocalLearningPhase.fit(phase, Set.of(), new ShuffledDataSetIterator(data, 4, 9, false), 2, List.of(), null);
        LayerwisePretraining.pretrain(pretrained, new ShuffledDataSetIterator(data, 4, 9, false), 2);

        assertTrue(pretrained.getLayer(0).params().equalsWithEps(phase.getLayer(0).params(), 1e-12),
                "the lowest layer sees the same inputs in both");
        assertTrue(!pretrained.getLayer(1).params().equalsWithEps(phase.getLayer(1).params(), 1e-6),
                "the layer above learns from a layer 0 that is still learning, here, and from the trained one in pretraining");
    }
}
