package org.hebbian4j.spark;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.hebbian4j.data.Cifar10Data;
import org.hebbian4j.data.MnistData;
import org.hebbian4j.data.ShuffledDataSetIterator;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * RDDs of minibatches for {@link ParameterAveraging}, from an in-memory {@link DataSet}, e.g. one read by
 * {@link MnistData} or {@link Cifar10Data} on the driver.
 *
 * <p>The minibatches are those of the first epoch of a {@link ShuffledDataSetIterator}
 * with the same batch size and seed, the single-machine job's, dealt to the workers in turn: minibatch i goes
 * to partition {@code i mod workers}. With averaging every minibatch, round r therefore fits the single
 * machine's minibatches {@code r K ... r K + K - 1} (K workers): the global batch is K times the single
 * machine's. {@link #splitMinibatches} splits each single-machine minibatch among the workers instead, keeping
 * the global batch; {@link ShuffledEpochs} uses it, with a new RDD for every epoch, as the single-machine
 * iterator reshuffles every epoch.
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
        if (workers < 1) {
            throw new IllegalArgumentException("SparkDataSets: workers must be >= 1, got " + workers);
        }
        ShuffledDataSetIterator batches = new ShuffledDataSetIterator(data, batchSize, seed);
        List<List<DataSet>> shares = new ArrayList<>();
        for (int k = 0; k < workers; k++) {
            shares.add(new ArrayList<>());
        }
        int i = 0;
        while (batches.hasNext()) {
            shares.get(i++ % workers).add(batches.next());
        }
        return checkpointed(sc, shares);
    }

    /**
     * The single machine's minibatches of {@code batchSize} of epoch {@code epoch} (0-based; see
     * {@link ShuffledDataSetIterator}), each split into {@code workers} consecutive pieces of nearly equal size,
     * piece k to partition k: element i of every partition is a piece of minibatch i. With averaging every
     * minibatch, round r is then one step on the single machine's minibatch r (for rules linear in the batch:
     * exactly), so {@code batchSize} keeps its single-machine meaning and each worker fits about
     * {@code batchSize / workers} examples a step. A minibatch of fewer rows than workers (only an epoch's
     * last can be) leaves the last partitions without a piece.
     */
    public static JavaRDD<DataSet> splitMinibatches(JavaSparkContext sc, DataSet data, int batchSize, long seed,
                                                    int workers, int epoch) {
        if (workers < 1) {
            throw new IllegalArgumentException("SparkDataSets: workers must be >= 1, got " + workers);
        }
        ShuffledDataSetIterator batches = new ShuffledDataSetIterator(data, batchSize, seed);
        batches.startAt(epoch, 0);
        List<List<DataSet>> shares = new ArrayList<>();
        for (int k = 0; k < workers; k++) {
            shares.add(new ArrayList<>());
        }
        while (batches.hasNext()) {
            DataSet minibatch = batches.next();
            int rows = minibatch.numExamples();
            for (int k = 0; k < workers; k++) {
                int from = (int) ((long) rows * k / workers);
                int to = (int) ((long) rows * (k + 1) / workers);
                if (to > from) {
                    shares.get(k).add(rows(minibatch, from, to));
                }
            }
        }
        return checkpointed(sc, shares);
    }

    /** Rows {@code [from, to)} of {@code minibatch} as a DataSet of its own (copies). */
    private static DataSet rows(DataSet minibatch, int from, int to) {
        if (from == 0 && to == minibatch.numExamples()) {
            return minibatch;
        }
        return new DataSet(minibatch.getFeatures().get(NDArrayIndex.interval(from, to)).dup(),
                minibatch.getLabels().get(NDArrayIndex.interval(from, to)).dup());
    }

    /** One share per partition (parallelize keeps list element k in partition k), locally checkpointed. */
    private static JavaRDD<DataSet> checkpointed(JavaSparkContext sc, List<List<DataSet>> shares) {
        JavaRDD<DataSet> minibatches = sc.parallelize(shares, shares.size()).flatMap(List::iterator);
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
