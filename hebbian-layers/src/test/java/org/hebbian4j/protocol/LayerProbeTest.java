package org.hebbian4j.protocol;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Nesterovs;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LayerProbeTest {

    @Test
    void probesAFrozenLayerWithoutChangingTheNetwork() {
        DataSplits data = DataSplits.holdOut(ProtocolNets.blobs(400, 31), ProtocolNets.blobs(200, 32), 100);
        MultiLayerNetwork net = ProtocolNets.backprop(9);
        INDArray before = net.params().dup();
        LayerProbe probe = new LayerProbe(new Nesterovs(0.05, 0.9), 5e-4, new EarlyStoppedTraining(5, 2), 32, 1);
        LayerProbe.Result result = probe.fit(net, 0, data, List.of(), null);
        assertEquals(5, result.features());
        assertTrue(result.testAccuracy() > 0.9, "probe accuracy " + result.testAccuracy());
        assertEquals(before, net.params(), "probing changed the network");
        // the probe's network: the probed layer frozen, a new softmax on top
        MultiLayerNetwork p = result.training().best();
        assertEquals(2, p.getnLayers());
        assertEquals(before.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 35)), p.getLayer(0).params());
    }

    @Test
    void aProbeDependsOnItsSeedOnlyNotOnWhatRanBefore() {
        DataSplits data = DataSplits.holdOut(ProtocolNets.blobs(400, 31), ProtocolNets.blobs(200, 32), 100);
        MultiLayerNetwork net = ProtocolNets.backprop(9);
        LayerProbe probe = new LayerProbe(new Nesterovs(0.05, 0.9), 5e-4, new EarlyStoppedTraining(2, 4), 32, 1);
        LayerProbe.Result first = probe.fit(net, 1, data, List.of(), null);
        org.nd4j.linalg.factory.Nd4j.rand(3, 3);   // other work drew from the global generator in between
        LayerProbe.Result second = probe.fit(net, 1, data, List.of(), null);
        assertEquals(first.training().validationAccuracy(), second.training().validationAccuracy());
        assertEquals(first.training().best().params(), second.training().best().params());
    }

    @Test
    void aCheckpointedProbeOfAHebbianLayerResumesWithoutTheNetwork(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) {
        DataSplits data = DataSplits.holdOut(ProtocolNets.blobs(400, 31), ProtocolNets.blobs(200, 32), 100);
        MultiLayerNetwork net = ProtocolNets.hybrid(9);
        LayerProbe through = new LayerProbe(new Nesterovs(0.05, 0.9), 5e-4, new EarlyStoppedTraining(4, 4), 32, 1);
        LayerProbe.Result reference = through.fit(net, 1, data, List.of(), null);

        java.nio.file.Path dir = tmp.resolve("probe");
        new LayerProbe(new Nesterovs(0.05, 0.9), 5e-4, new EarlyStoppedTraining(2, 4), 32, 1).checkpointingTo(dir)
                .fit(net, 1, data, List.of(), null);
        LayerProbe resumable = new LayerProbe(new Nesterovs(0.05, 0.9), 5e-4, new EarlyStoppedTraining(4, 4), 32, 1)
                .checkpointingTo(dir);
        assertTrue(resumable.canResume());
        // The frozen Hebbian layer comes back from the checkpoint: no network is needed.
        LayerProbe.Result resumed = resumable.fit(null, 1, data, List.of(), null);
        assertEquals(reference.training().validationAccuracy(), resumed.training().validationAccuracy());
        assertEquals(reference.testAccuracy(), resumed.testAccuracy(), 0.0);
        assertEquals(4, resumed.features());
        assertEquals(net.getLayer(1).params(), resumed.training().best().getLayer(1).params(),
                "the Hebbian layer stayed frozen through the checkpoint");
    }

    @Test
    void rejectsTheOutputLayerAndMissingLayers() {
        DataSplits data = DataSplits.holdOut(ProtocolNets.blobs(40, 31), ProtocolNets.blobs(20, 32), 10);
        LayerProbe probe = LayerProbe.paper(1, 1, 0);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> probe.fit(ProtocolNets.backprop(1), 3, data, List.of(), null))
                .getMessage().contains("0..2"));
        assertThrows(IllegalArgumentException.class, () -> probe.fit(ProtocolNets.backprop(1), -1, data, List.of(), null));
    }
}
