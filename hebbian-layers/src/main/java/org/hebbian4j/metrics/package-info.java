/**
 * Training statistics of Hebbian layers: a DL4J listener ({@link org.hebbian4j.metrics.HebbianStatisticsListener})
 * recording per-neuron update sizes, wins and distance from the initial weights, and the measures
 * derived from them: the Gini coefficient of the update sizes (Liuson), the fraction of dead neurons,
 * the entropy of a layer's outputs (Zhu and Liu). The measures are plain functions
 * ({@link org.hebbian4j.metrics.Gini}, {@link org.hebbian4j.metrics.DeadNeurons},
 * {@link org.hebbian4j.metrics.OutputEntropy}) usable without the listener.
 */
package org.hebbian4j.metrics;
