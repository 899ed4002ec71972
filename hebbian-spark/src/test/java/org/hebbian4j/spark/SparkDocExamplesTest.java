package org.hebbian4j.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.hebbian4j.probe.LayerFeatures;
import org.hebbian4j.probe.LinearProbe;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Java examples of docs/spark.md, run in local mode. */
class SparkDocExamplesTest {

    @Test
    void parameterAveragingAndTheClassifierOnSpark() {
        MultiLayerNetwork net = TestNetworks.hybrid();
        INDArray initial = net.params().dup();
        DataSet train = DataSet.merge(TestNetworks.minibatches(8, 25, 61));
        DataSet test = DataSet.merge(TestNetworks.minibatches(2, 25, 62));
        List<String> lines = new ArrayList<>();
        SparkConf conf = new SparkConf().setMaster("local[2]").setAppName("docs").set("spark.ui.enabled", "false")
                .set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1");
        // doc:begin spark-parameter-averaging
        JavaSparkContext sc = new JavaSparkContext(conf);
        ParameterAveraging averaging = ParameterAveraging.builder(2)
                .averagingFrequency(1)                       // average after every minibatch
                .listener(round -> lines.add(round.toString()))
                .build();
        // Any RDD of minibatches, partition k for worker k; here the single machine's minibatches of 64 (seed 42,
        // epoch 0), each split between the 2 workers (train: a DataSet, e.g. MnistData.load(...)).
        JavaRDD<DataSet> minibatches = SparkDataSets.splitMinibatches(sc, train, 64, 42, 2, 0);
        averaging.fit(net, minibatches, 1);                  // 1 epoch; net is updated after every round
        minibatches.unpersist();

        // The backprop phase: a linear probe whose classifier is trained by the same averaging.
        DataSet trainFeatures = LayerFeatures.of(net, 0, train, 1000);   // the frozen Hebbian layer's output
        DataSet testFeatures = LayerFeatures.of(net, 0, test, 1000);
        LinearProbe.Result probe = LinearProbe.adam(10, 64, 42).fit(trainFeatures, testFeatures, List.of(), null,
                new SparkProbeTraining(sc, averaging));
        sc.stop();
        // doc:end spark-parameter-averaging
        // 200 examples: minibatches of 64, 64, 64 and 8, each split in two: 4 rounds an epoch, 1 + 10 epochs.
        assertEquals(4 * (1 + 10), lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("epoch 1 round 1/4: 2 workers, 2 minibatches, 64 examples"), lines.get(0));
        assertTrue(lines.get(3).startsWith("epoch 1 round 4/4: 2 workers, 2 minibatches, 8 examples"), lines.get(3));
        assertNotEquals(initial, net.params());
        assertEquals(10, probe.testAccuracyPerEpoch().size());
    }
}
