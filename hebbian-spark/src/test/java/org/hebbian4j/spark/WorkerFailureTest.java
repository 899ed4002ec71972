package org.hebbian4j.spark;

import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A worker failure: partition 1's third minibatch holds a NaN, so the Hebbian layer's guard throws in round 3. The
 * job stops with a message naming the round, the partition, the minibatch and the cause, and the driver's model is
 * exactly as after round 2.
 */
class WorkerFailureTest {

    private static JavaSparkContext sc;

    @BeforeAll
    static void startSpark() {
        sc = LocalSpark.start("worker-failure");
    }

    @AfterAll
    static void stopSpark() {
        sc.stop();
    }

    @Test
    void aFailingPartitionStopsTheJobAndKeepsTheLastGoodModel() {
        List<DataSet> share0 = TestNetworks.minibatches(4, 6, 31);
        List<DataSet> share1 = TestNetworks.minibatches(4, 6, 32);
        share1.get(2).getFeatures().putScalar(0, 0, Double.NaN);

        MultiLayerNetwork net = TestNetworks.hybrid();
        List<INDArray> afterRound = new ArrayList<>();
        ParameterAveraging averaging = ParameterAveraging.builder(2)
                .listener(report -> afterRound.add(net.params().dup())).build();

        RoundFailedException failure = assertThrows(RoundFailedException.class,
                () -> averaging.fit(net, sc.parallelize(List.of(share0, share1), 2).flatMap(List::iterator), 1));

        String message = failure.getMessage();
        assertTrue(message.contains("averaging round 3/4 of epoch 1 failed"), message);
        assertTrue(message.contains("worker (partition) 1") && message.contains("at its minibatch 3 (6 examples)"),
                message);
        assertTrue(message.contains("NaN") || message.contains("non-finite"), "the cause should be named: " + message);
        assertTrue(message.contains("the model is left as after round 2 of epoch 1"), message);
        assertEquals(3, failure.round());
        assertEquals(2, afterRound.size(), "rounds done before the failure");
        assertEquals(afterRound.get(1), net.params(), "the model is as after round 2");
        assertEquals(2, net.getIterationCount(), "iterations of the last good round");
    }
}
