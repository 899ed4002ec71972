package org.hebbian4j.spark;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.hebbian4j.data.Cifar10Data;
import org.hebbian4j.data.MnistData;
import org.hebbian4j.data.ShuffledDataSetIterator;
import org.nd4j.linalg.dataset.DataSet;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * RDDs of minibatches for {@link ParameterAveraging}, from an in-memory {@link DataSet}, e.g. one read by
 * {@link MnistData} or {@link Cifar10Data} on the driver.
 *
 * <p>The minibatches are those of an epoch (the first, or one given) of a {@link ShuffledDataSetIterator}
 * with the same batch size and seed, the single-machine job's, dealt to the workers in turn: minibatch i goes
 * to partition {@code i mod workers}. With averaging every minibatch, round r therefore fits the single
 * machine's minibatches {@code r K ... r K + K - 1} (K workers). {@link ShuffledEpochs} makes a new RDD for
 * every epoch, as the single-machine iterator reshuffles every epoch.
 *
 * <p>The RDD is locally checkpointed ({@code localCheckpoint}): once its first job has computed it, its
 * partitions stay in the workers' block managers (memory, spilling to disk) and the tasks no longer carry the
 * data from the driver. The price: a lost executor loses its share, and the job fails instead of recomputing it.
 * {@link JavaRDD#unpersist()} frees it.
 */
public final class SparkDataSets {

    private SparkDataSets() {
    }

    /**
     * {@code data} in minibatches of {@code batchSize} (the last may be smaller), shuffled by {@code seed},
     * in {@code workers} partitions.
     */
    public static JavaRDD<DataSet> minibatches(JavaSparkContext sc, DataSet data, int batchSize, long seed, int workers) {
        return minibatches(sc, data, batchSize, seed, workers, 0);
    }

    /**
     * As {@link #minibatches(JavaSparkContext, DataSet, int, long, int)}, the minibatches of epoch {@code epoch}
     * (0-based) of the single machine's {@link ShuffledDataSetIterator}, which reshuffles every epoch.
     */
    public static JavaRDD<DataSet> minibatches(JavaSparkContext sc, DataSet data, int batchSize, long seed, int workers,
                                               int epoch) {
        if (workers < 1) {
            throw new IllegalArgumentException("SparkDataSets: workers must be >= 1, got " + workers);
        }
        ShuffledDataSetIterator batches = new ShuffledDataSetIterator(data, batchSize, seed);
        batches.startAt(epoch, 0);
        List<List<DataSet>> shares = new ArrayList<>();
        for (int k = 0; k < workers; k++) {
            shares.add(new ArrayList<>());
        }
        int i = 0;
        while (batches.hasNext()) {
            shares.get(i++ % workers).add(batches.next());
        }
        // One share per slice: parallelize keeps list element k in partition k.
        JavaRDD<DataSet> minibatches = sc.parallelize(shares, workers).flatMap(List::iterator);
        // Cut the lineage once computed: else every task of every round would carry its partition's data.
        minibatches.rdd().localCheckpoint();
        return minibatches;
    }

    /** MNIST's training set (or test set) from the four IDX files in {@code dir}, as {@link #minibatches}. */
    public static JavaRDD<DataSet> mnist(JavaSparkContext sc, Path dir, boolean train, int batchSize, long seed,
                                         int workers) throws IOException {
        return minibatches(sc, MnistData.load(dir, train, 0), batchSize, seed, workers);
    }

    /** CIFAR-10's training set (or test batch) from the binary batches in {@code dir}, as {@link #minibatches}. */
    public static JavaRDD<DataSet> cifar10(JavaSparkContext sc, Path dir, boolean train, int batchSize, long seed,
                                           int workers) throws IOException {
        return minibatches(sc, Cifar10Data.load(dir, train, 0), batchSize, seed, workers);
    }
}
