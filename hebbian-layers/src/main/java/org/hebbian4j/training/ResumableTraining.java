package org.hebbian4j.training;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.hebbian4j.data.ShuffledDataSetIterator;

/**
 * Fits a network for a number of epochs starting from any {@link TrainingPosition}: the rest of the
 * interrupted epoch, then the remaining ones, each with the batches and order an uninterrupted run
 * would have had.
 */
public final class ResumableTraining {

    private ResumableTraining() {
    }

    /**
     * Trains {@code net} from {@code from} to the end of epoch {@code epochs - 1}; does nothing if
     * {@code from} is at or past it.
     *
     * @param data   the training data; repositioned here (its seed must be the run's)
     * @param epochs total epochs of the run, counted from the start (not from {@code from})
     */
    public static void fit(MultiLayerNetwork net, ShuffledDataSetIterator data, int epochs, TrainingPosition from) {
        for (int epoch = from.epoch(); epoch < epochs; epoch++) {
            data.startAt(epoch, epoch == from.epoch() ? from.batch() : 0);
            if (data.hasNext()) {
                net.fit(data);
            } else {
                // A position at the end of an epoch: DL4J's fit would skip it, but count it.
                net.incrementEpochCount();
            }
        }
    }
}
