package org.hebbian4j.spark;

import org.apache.spark.api.java.JavaSparkContext;
import org.hebbian4j.probe.LinearProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The backprop phase on Spark: a {@link LinearProbe}'s classifier (Adam, a rate decaying per epoch) trained by
 * {@link SparkProbeTraining}. With one worker it is the probe trained on this machine, to the last bit (every epoch
 * fits the local iterator's minibatches of that epoch, in order); with two it learns a separable problem as well.
 */
class SparkProbeTrainingTest {

    private static JavaSparkContext sc;

    @BeforeAll
    static void startSpark() {
        sc = LocalSpark.start("spark-probe-training");
    }

    @AfterAll
    static void stopSpark() {
        sc.stop();
    }

    /** Features whose class is the largest of the first three, plus noise features. */
    private static DataSet separable(int rows, long seed) {
        DataSet data = DataSet.merge(TestNetworks.minibatches(1, rows, seed));
        org.nd4j.linalg.api.ndarray.INDArray scores = data.getFeatures().get(
                org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 3));
        org.nd4j.linalg.api.ndarray.INDArray labels = Nd4j.zeros(scores.dataType(), rows, 3);
        org.nd4j.linalg.api.ndarray.INDArray winners = scores.argMax(1);
        for (int r = 0; r < rows; r++) {
            labels.putScalar(r, winners.getLong(r), 1.0);
        }
        return new DataSet(data.getFeatures(), labels);
    }

    @Test
    void oneWorkerIsTheLocalProbe() {
        DataSet train = separable(300, 51);
        DataSet test = separable(100, 52);
        LinearProbe probe = LinearProbe.adam(3, 32, 9);
        LinearProbe.Result local = probe.fit(train, test, List.of(), null);
        LinearProbe.Result spark = probe.fit(train, test, List.of(), null,
                new SparkProbeTraining(sc, ParameterAveraging.builder(1).build()));
        assertEquals(local.weights(), spark.weights());
        assertEquals(local.bias(), spark.bias());
        assertEquals(local.testAccuracyPerEpoch(), spark.testAccuracyPerEpoch());
    }

    @Test
    void twoWorkersLearnASeparableProblem() {
        DataSet train = separable(600, 53);
        DataSet test = separable(200, 54);
        LinearProbe probe = new LinearProbe(30, 32, new org.nd4j.linalg.learning.config.Adam(0.05), 9);
        LinearProbe.Result spark = probe.fit(train, test, List.of(), null,
                new SparkProbeTraining(sc, ParameterAveraging.builder(2).averagingFrequency(2).build()));
        assertEquals(30, spark.testAccuracyPerEpoch().size());
        assertTrue(spark.finalAccuracy() > 0.85, "test accuracy " + spark.finalAccuracy());
    }
}
