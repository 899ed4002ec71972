package org.hebbian4j.spark;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.hebbian4j.probe.LinearProbe;
import org.nd4j.linalg.dataset.DataSet;

import java.util.function.IntConsumer;

/**
 * A {@link LinearProbe}'s classifier (the backprop phase of a hybrid job) trained on Spark by
 * {@link ParameterAveraging}: the standardized training features in minibatches over the averaging's workers
 * ({@link SparkDataSets#minibatches}), cached for all epochs, one {@code fit} of the averaging per epoch, the
 * probe's evaluation after each. Use: {@code probe.fit(train, test, listeners, null, new SparkProbeTraining(sc,
 * averaging))}.
 */
public final class SparkProbeTraining implements LinearProbe.Training {

    private final JavaSparkContext sc;
    private final ParameterAveraging averaging;

    public SparkProbeTraining(JavaSparkContext sc, ParameterAveraging averaging) {
        this.sc = sc;
        this.averaging = averaging;
    }

    @Override
    public void train(MultiLayerNetwork classifier, DataSet train, int epochs, int batchSize, long seed,
                      IntConsumer afterEpoch) {
        JavaRDD<DataSet> minibatches = SparkDataSets.minibatches(sc, train, batchSize, seed, averaging.workers())
                .persist(StorageLevel.MEMORY_ONLY());
        try {
            for (int epoch = 1; epoch <= epochs; epoch++) {
                averaging.fit(classifier, minibatches, 1);
                afterEpoch.accept(epoch);
            }
        } finally {
            minibatches.unpersist(false);
        }
    }
}
