package org.hebbian4j.spark;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.hebbian4j.data.ShuffledDataSetIterator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The minibatch RDDs of {@link SparkDataSets} and the data copy of {@link RemoteFiles}. */
class SparkDataSetsTest {

    private static JavaSparkContext sc;

    @BeforeAll
    static void startSpark() {
        sc = LocalSpark.start("spark-data-sets");
    }

    @AfterAll
    static void stopSpark() {
        sc.stop();
    }

    /** 50 examples in batches of 8: 7 minibatches (the last of 2), dealt in turn to 3 partitions, in order. */
    @Test
    void dealsTheSingleMachineMinibatchesToThePartitionsInTurn() {
        DataSet data = DataSet.merge(TestNetworks.minibatches(5, 10, 41));
        ShuffledDataSetIterator reference = new ShuffledDataSetIterator(data, 8, 7);
        List<DataSet> expected = new ArrayList<>();
        reference.forEachRemaining(expected::add);
        assertEquals(7, expected.size());

        JavaRDD<DataSet> rdd = SparkDataSets.minibatches(sc, data, 8, 7, 3);
        assertEquals(3, rdd.getNumPartitions());
        List<List<DataSet>> partitions = rdd.glom().collect();
        for (int k = 0; k < 3; k++) {
            List<DataSet> share = partitions.get(k);
            for (int j = 0; j < share.size(); j++) {
                DataSet want = expected.get(j * 3 + k);
                assertEquals(want.getFeatures(), share.get(j).getFeatures(), "partition " + k + " minibatch " + j);
                assertEquals(want.getLabels(), share.get(j).getLabels(), "partition " + k + " minibatch " + j);
            }
        }
        assertEquals(List.of(3, 2, 2), partitions.stream().map(List::size).toList());
        rdd.unpersist();
    }

    /** Epoch 2's RDD holds the single machine's minibatches of its epoch 2 (after two reshuffles). */
    @Test
    void anEpochsMinibatchesAreTheSingleMachinesOfThatEpoch() {
        DataSet data = DataSet.merge(TestNetworks.minibatches(4, 10, 42));
        ShuffledDataSetIterator reference = new ShuffledDataSetIterator(data, 8, 7);
        reference.reset();
        reference.reset();
        List<DataSet> expected = new ArrayList<>();
        reference.forEachRemaining(expected::add);
        JavaRDD<DataSet> rdd = SparkDataSets.minibatches(sc, data, 8, 7, 2, 2);
        List<List<DataSet>> partitions = rdd.glom().collect();
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).getFeatures(), partitions.get(i % 2).get(i / 2).getFeatures(), "minibatch " + i);
        }
        DataSet first = SparkDataSets.minibatches(sc, data, 8, 7, 2).first();
        assertTrue(!first.getFeatures().equals(partitions.get(0).get(0).getFeatures()), "epoch 0 differs from epoch 2");
        rdd.unpersist();
    }

    @Test
    void copiesADirectoryOfAHadoopFileSystemToTheDriver(@TempDir Path remote) throws IOException {
        Files.writeString(remote.resolve("train-labels-idx1-ubyte"), "labels");
        Files.writeString(remote.resolve("train-images-idx3-ubyte"), "images");
        Path local = RemoteFiles.localCopy(sc, remote.toUri().toString());
        assertTrue(!local.equals(remote));
        assertEquals("labels", Files.readString(local.resolve("train-labels-idx1-ubyte")));
        assertEquals("images", Files.readString(local.resolve("train-images-idx3-ubyte")));
    }

    @Test
    void aMissingDirectoryIsNamed(@TempDir Path dir) {
        String uri = dir.resolve("no-such-dir").toUri().toString();
        FileNotFoundException e = assertThrows(FileNotFoundException.class, () -> RemoteFiles.localCopy(sc, uri));
        assertTrue(e.getMessage().contains(uri), e.getMessage());
    }
}
