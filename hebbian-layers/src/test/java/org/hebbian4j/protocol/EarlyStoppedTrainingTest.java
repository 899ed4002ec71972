package org.hebbian4j.protocol;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.hebbian4j.data.ShuffledDataSetIterator;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EarlyStoppedTrainingTest {

    @Test
    void keepsTheBestEpochAndReportsEveryEpoch() {
        DataSet train = ProtocolNets.blobs(200, 1);
        DataSet validation = ProtocolNets.blobs(100, 2);
        List<Integer> epochs = new ArrayList<>();
        EarlyStoppedTraining.Result r = new EarlyStoppedTraining(4, 4).fit(ProtocolNets.backprop(3),
                new ShuffledDataSetIterator(train, 20, 1, true), new ShuffledDataSetIterator(validation, 50, 1, false),
                List.of(), epochs::add);
        assertEquals(List.of(1, 2, 3, 4), epochs);
        assertEquals(4, r.epochsRun());
        assertEquals(4, r.validationAccuracy().size());
        double best = r.validationAccuracy().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        assertEquals(best, r.bestValidationAccuracy(), 1e-12);
        assertEquals(best, HybridTraining.accuracy(r.best(), validation, 50), 1e-12, "best model is not the best epoch's");
    }

    @Test
    void patienceStopsTrainingWhenValidationAccuracyStopsImproving() {
        DataSet train = ProtocolNets.blobs(200, 1);
        // validation labels are random: accuracy cannot keep improving for 50 epochs
        EarlyStoppedTraining.Result r = new EarlyStoppedTraining(50, 1).fit(ProtocolNets.backprop(3),
                new ShuffledDataSetIterator(train, 20, 1, true), new ShuffledDataSetIterator(ProtocolNets.blobs(100, 2), 50, 1, false),
                List.of(), null);
        assertTrue(r.epochsRun() < 50, "ran " + r.epochsRun());
        assertTrue(r.terminationReason().contains("EpochTerminationCondition"), r.terminationReason());
    }

    @Test
    void rejectsBadSettings() {
        assertThrows(IllegalArgumentException.class, () -> new EarlyStoppedTraining(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new EarlyStoppedTraining(1, 0));
    }
}
