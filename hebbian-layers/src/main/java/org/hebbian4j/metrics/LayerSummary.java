package org.hebbian4j.metrics;

/**
 * The statistics of one Hebbian layer at one moment of training, as {@link HebbianStatisticsListener}
 * records them (one row of its {@code hebbian-statistics.csv}).
 *
 * @param layerIndex          index of the layer in its network (MultiLayerNetwork position, or the
 *                            ComputationGraph's layer index)
 * @param layerName           the layer's name (the vertex name in a ComputationGraph)
 * @param epoch               DL4J's epoch count at the last completed iteration
 * @param iteration           DL4J's iteration count at the last completed iteration
 * @param steps               training steps (backward passes) of this layer the listener has seen
 * @param neurons             number of neurons (nOut)
 * @param gini                {@link Gini} coefficient of the per-neuron average update size (NaN once an
 *                            update size is infinite or NaN: the layer diverged)
 * @param deadFraction        fraction of neurons that are dead by {@link DeadNeurons}' criterion
 * @param outputEntropy       mean {@link OutputEntropy} of the layer's outputs over the batches since
 *                            the previous recorded summary (NaN if none was seen)
 * @param meanUpdateSize      mean over neurons of the average update size {@code ||dW_i||}
 * @param meanDirectionChange mean over neurons of the direction change since the initial weights
 * @param totalActivity       sum over neurons of the accumulated competition activity (the
 *                            number of samples, times positions for a convolution, under a hard WTA)
 * @param giniOfAverageUpdate {@link Gini} coefficient of the norms of the per-neuron average update
 *                            vectors {@code ||mean_t dW_i(t)||}; NaN unless the listener was built with
 *                            {@code averageUpdateVectors(true)}
 */
public record LayerSummary(int layerIndex, String layerName, int epoch, int iteration, long steps, int neurons,
                           double gini, double deadFraction, double outputEntropy, double meanUpdateSize,
                           double meanDirectionChange, double totalActivity, double giniOfAverageUpdate) {
}
