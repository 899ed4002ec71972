package org.hebbian4j.protocol;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.hebbian4j.data.ShuffledDataSetIterator;
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
}
