package org.hebbian4j.spark;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.api.Model;
import org.hebbian4j.data.ShuffledDataSetIterator;
import org.nd4j.linalg.dataset.DataSet;

import java.util.function.IntConsumer;

/**
 * An in-memory {@link DataSet} trained epoch by epoch on Spark with the single machine's minibatches: epoch e
 * fits the minibatches of epoch e of a {@link ShuffledDataSetIterator} of the same batch size and seed, each
 * split among the workers ({@link SparkDataSets#splitMinibatches}), a new RDD each epoch, freed after it. With
 * averaging every minibatch, a round is one step on one single-machine minibatch: same batch, same number of
 * steps, same learning rates as on one machine.
 */
public final class ShuffledEpochs {

    private final JavaSparkContext sc;
    private final DataSet data;
    private final int batchSize;
    private final long seed;

    public ShuffledEpochs(JavaSparkContext sc, DataSet data, int batchSize, long seed) {
        this.sc = sc;
        this.data = data;
        this.batchSize = batchSize;
        this.seed = seed;
    }

    /**
     * Trains {@code model} for {@code epochs} epochs by {@code averaging}, calling {@code afterEpoch} with each
     * finished epoch's number (1-based).
     *
     * @throws RoundFailedException if a round fails; the model is then as after the last successful round
     */
    public void fit(ParameterAveraging averaging, Model model, int epochs, IntConsumer afterEpoch) {
        for (int epoch = 0; epoch < epochs; epoch++) {
            JavaRDD<DataSet> minibatches = SparkDataSets.splitMinibatches(sc, data, batchSize, seed,
                    averaging.workers(), epoch);
            try {
                averaging.fit(model, minibatches, 1);
            } finally {
                minibatches.unpersist(false);
            }
            afterEpoch.accept(epoch + 1);
        }
    }
}
