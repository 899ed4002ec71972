package org.hebbian4j.spark;

import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.hebbian4j.probe.LinearProbe;
import org.nd4j.linalg.dataset.DataSet;

import java.util.function.IntConsumer;

/**
 * A {@link LinearProbe}'s classifier (the backprop phase of a hybrid job) trained on Spark by
 * {@link ParameterAveraging}: the standardized training features in the single machine's minibatches of each
 * epoch, dealt to the averaging's workers ({@link ShuffledEpochs}), the probe's evaluation after each epoch. Use: {@code probe.fit(train, test, listeners, null, new SparkProbeTraining(sc,
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
        new ShuffledEpochs(sc, train, batchSize, seed).fit(averaging, classifier, epochs, afterEpoch);
    }
}
