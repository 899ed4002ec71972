package org.hebbian4j.layers;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A Hebbian layer implementation that shows, read-only, how much each neuron took part in its last
 * training batch: the per-neuron sum of the competition's activity y (what the rule saw), for
 * monitoring such as {@code org.hebbian4j.metrics.HebbianStatisticsListener}'s win counts.
 */
public interface ObservableActivity {

    /**
     * The competition's activity y of the last backward pass summed over the batch (and, for a
     * convolution, over all output positions): one value per neuron, {@code [nOut]}. For a hard
     * winner-take-all this is the number of samples (positions) each neuron won.
     *
     * @return an array the layer overwrites at its next backward pass (copy what you keep), or
     *         {@code null} before the first backward pass
     */
    INDArray lastActivitySums();
}
