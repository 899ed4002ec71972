package org.hebbian4j.protocol;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.hebbian4j.data.ShuffledDataSetIterator;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HybridTrainingTest {

    private static DataSplits splits() {
        return DataSplits.holdOut(ProtocolNets.blobs(400, 11), ProtocolNets.blobs(200, 12), 100);
    }

    @Test
    void frozenLayersComeFromThePretrainedNetHebbianLayerLearnsOnceAndTheTopLearnsTheTask() {
        DataSplits data = splits();
        MultiLayerNetwork pretrained = ProtocolNets.backprop(21);
        for (int e = 0; e < 3; e++) {
            pretrained.fit(new ShuffledDataSetIterator(data.train(), 32, e, true));
        }
        MultiLayerNetwork net = ProtocolNets.hybrid(22);
        INDArray hebbianBefore = net.getLayer(1).params().dup();
        // the Hebbian layer after the unsupervised phase alone, on a copy
        MultiLayerNetwork reference = net.clone();
        HybridTraining.Parameters.copy(pretrained, reference, Set.of(0));
        LocalLearningPhase.fit(reference, Set.of(0), new ShuffledDataSetIterator(data.train(), 32, 5, true), 1, List.of(), null);

        List<String> phases = new ArrayList<>();
        HybridTraining.Result result = new HybridTraining(1, new EarlyStoppedTraining(6, 2), 32, 5)
                .run(net, pretrained, Set.of(0), data, List.of(), new HybridTraining.Progress() {
                    @Override
                    public void phase(String name) {
                        phases.add(name);
                    }
                });

        MultiLayerNetwork trained = result.network();
        assertEquals(List.of("hebbian", "top"), phases);
        assertEquals(pretrained.getLayer(0).params(), trained.getLayer(0).params(), "frozen layer not taken from the pretrained net");
        assertNotEquals(hebbianBefore, trained.getLayer(1).params());
        assertTrue(reference.getLayer(1).params().equalsWithEps(trained.getLayer(1).params(), 1e-12),
                "the Hebbian layer changed in the supervised phase or learned differently");
        assertTrue(result.testAccuracy() > 0.9, "test accuracy " + result.testAccuracy());
        EarlyStoppedTraining.Result top = result.top();
        assertEquals(top.epochsRun(), top.validationAccuracy().size());
        assertTrue(top.bestEpoch() >= 1 && top.bestEpoch() <= top.epochsRun());
        assertEquals(top.validationAccuracy().stream().mapToDouble(Double::doubleValue).max().orElseThrow(),
                top.bestValidationAccuracy(), 1e-12);
        assertEquals(1, result.hebbianEpochs());
    }

    @Test
    void aNetworkWithoutHebbianLayersIsTrainedByBackpropWithEarlyStopping() {
        HybridTraining.Result result = new HybridTraining(1, new EarlyStoppedTraining(3, 3), 32, 1)
                .run(ProtocolNets.backprop(4), null, Set.of(), splits(), List.of(), null);
        assertEquals(0, result.hebbianEpochs());
        assertEquals(3, result.top().epochsRun());
        assertTrue(result.testAccuracy() > 0.9, "test accuracy " + result.testAccuracy());
    }

    @Test
    void frozenLayersNeedAPretrainedNetworkOfTheSameArchitecture() {
        DataSplits data = splits();
        HybridTraining training = new HybridTraining(1, new EarlyStoppedTraining(1, 1), 32, 1);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> training.run(ProtocolNets.hybrid(1), null, Set.of(0), data,
                List.of(), null)).getMessage().contains("no pretrained"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> HybridTraining.Parameters.copy(ProtocolNets.backprop(1),
                ProtocolNets.hybrid(1), Set.of(7))).getMessage().contains("layer 7"));
        assertThrows(IllegalArgumentException.class, () -> new HybridTraining(0, new EarlyStoppedTraining(1, 1), 32, 1));
    }

    @Test
    void aCheckpointedHybridRunInterruptedInItsTopPhaseResumesThereAndEndsAsAnUninterruptedOne(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) {
        DataSplits data = splits();
        MultiLayerNetwork pretrained = ProtocolNets.backprop(21);
        pretrained.fit(new ShuffledDataSetIterator(data.train(), 32, 0, true));
        HybridTraining.Result through = new HybridTraining(1, new EarlyStoppedTraining(4, 4).checkpointingTo(tmp.resolve("a")), 32, 5)
                .run(ProtocolNets.hybrid(22), pretrained, Set.of(0), data, List.of(), null);

        HybridTraining resumable = new HybridTraining(1, new EarlyStoppedTraining(4, 4).checkpointingTo(tmp.resolve("b")), 32, 5);
        // 10 batches per epoch (300 training examples): the Hebbian epoch, then interrupted in the top phase's epoch 3
        assertThrows(IllegalStateException.class, () -> resumable.run(ProtocolNets.hybrid(22), pretrained, Set.of(0), data,
                List.of(new ProtocolNets.Interrupt(9 + 2 * 10 + 4)), null));
        List<String> phases = new ArrayList<>();
        HybridTraining.Result resumed = resumable.run(ProtocolNets.hybrid(22), null, Set.of(0), data, List.of(),
                new HybridTraining.Progress() {
                    @Override
                    public void phase(String name) {
                        phases.add(name);
                    }
                });

        assertEquals(List.of("top"), phases, "the Hebbian phase is not repeated (nor the frozen layers copied: no pretrained net)");
        assertEquals(1, resumed.hebbianEpochs());
        assertEquals(through.top().validationAccuracy(), resumed.top().validationAccuracy());
        assertEquals(through.testAccuracy(), resumed.testAccuracy());
        org.junit.jupiter.api.Assertions.assertArrayEquals(through.network().params().toFloatVector(),
                resumed.network().params().toFloatVector(), 0f, "the best epoch's network, bit for bit");
    }

    /** Epoch-based schedules of the top layers (e.g. a rate halved per epoch) count the top phase's epochs from 0. */
    @Test
    void theTopPhaseCountsItsEpochsFromZero() {
        DataSplits data = splits();
        MultiLayerNetwork pretrained = ProtocolNets.backprop(21);
        pretrained.fit(new ShuffledDataSetIterator(data.train(), 32, 0, true));
        List<Integer> epochCounts = new ArrayList<>();
        org.deeplearning4j.optimize.api.TrainingListener record = new org.deeplearning4j.optimize.api.BaseTrainingListener() {
            @Override
            public void onEpochStart(org.deeplearning4j.nn.api.Model model) {
                epochCounts.add(((MultiLayerNetwork) model).getEpochCount());
            }
        };
        new HybridTraining(2, new EarlyStoppedTraining(2, 2), 32, 5)
                .run(ProtocolNets.hybrid(22), pretrained, Set.of(0), data, List.of(record), null);
        // the Hebbian phase's two epochs, then the top phase's two
        assertEquals(List.of(0, 1), epochCounts.subList(epochCounts.size() - 2, epochCounts.size()), epochCounts.toString());
    }
}
