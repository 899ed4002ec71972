package org.hebbian4j.metrics;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Per-neuron statistics of one Hebbian layer at one moment, with their {@link LayerSummary}. All
 * arrays have one entry per neuron, in the layer's neuron order; they are copies owned by the snapshot.
 *
 * @param summary             the layer-level figures derived from the arrays
 * @param averageUpdateSize   running average over all steps seen of {@code ||dW_i||}, the L2 norm of
 *                            neuron i's row of the rule's update (see {@link HebbianStatisticsListener})
 * @param wins                accumulated competition activity {@code sum y_i} over all samples seen
 *                            (and positions, for a convolution): win counts under a hard WTA
 * @param distanceFromInitial {@code ||w_i - w0_i||}, the L2 distance from the initial weights
 * @param directionChange     {@code ||w_i/||w_i|| - w0_i/||w0_i||||} (see {@link DeadNeurons})
 * @param dead                whether neuron i is dead: {@code directionChange < tolerance}
 */
public record LayerSnapshot(LayerSummary summary, double[] averageUpdateSize, double[] wins,
                            double[] distanceFromInitial, double[] directionChange, boolean[] dead) {

    /** Each neuron's share of all updates: its average update size over the sum of them (0 if none). */
    public double[] updateShare() {
        double total = Arrays.stream(averageUpdateSize).sum();
        return Arrays.stream(averageUpdateSize).map(v -> total > 0 ? v / total : 0.0).toArray();
    }

    /** Neuron indices by decreasing average update size (ties by index): the most updated first. */
    public int[] neuronsByUpdateShare() {
        return IntStream.range(0, averageUpdateSize.length).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> -averageUpdateSize[i]).thenComparingInt(i -> i))
                .mapToInt(Integer::intValue).toArray();
    }

    /** Number of dead neurons. */
    public int deadCount() {
        int n = 0;
        for (boolean d : dead) {
            n += d ? 1 : 0;
        }
        return n;
    }
}
