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

    /**
     * Split: 40 examples in batches of 8, epoch 2 (after two reshuffles): every single-machine minibatch of that epoch
     * in 3 pieces (3, 3 and 2 rows), piece k in partition k, in order; the pieces together are the minibatch.
     */
    @Test
    void splitsEachMinibatchOfAnEpochAmongTheWorkers() {
        DataSet data = DataSet.merge(TestNetworks.minibatches(4, 10, 42));
        ShuffledDataSetIterator reference = new ShuffledDataSetIterator(data, 8, 7);
        reference.reset();
        reference.reset();
        List<DataSet> expected = new ArrayList<>();
        reference.forEachRemaining(expected::add);
        JavaRDD<DataSet> rdd = SparkDataSets.splitMinibatches(sc, data, 8, 7, 3, 2);
        List<List<DataSet>> partitions = rdd.glom().collect();
        assertEquals(List.of(5, 5, 5), partitions.stream().map(List::size).toList());
        for (int i = 0; i < expected.size(); i++) {
            List<DataSet> pieces = List.of(partitions.get(0).get(i), partitions.get(1).get(i), partitions.get(2).get(i));
            assertEquals(List.of(2, 3, 3), pieces.stream().map(DataSet::numExamples).toList(), "minibatch " + i);
            DataSet whole = DataSet.merge(pieces);
            assertEquals(expected.get(i).getFeatures(), whole.getFeatures(), "minibatch " + i);
            assertEquals(expected.get(i).getLabels(), whole.getLabels(), "minibatch " + i);
        }
        DataSet epoch0 = SparkDataSets.splitMinibatches(sc, data, 8, 7, 3, 0).first();
        assertTrue(!epoch0.getFeatures().equals(partitions.get(0).get(0).getFeatures()), "epoch 0 differs from epoch 2");
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
