/**
 * Hyperparameter search over Hebbian layers with Deeplearning4j's Arbiter (1.0.0-beta7, run on DL4J
 * M2.1): {@link org.hebbian4j.arbiter.HebbianDenseLayerSpace}, the search space of a
 * {@code HebbianDenseLayer} for a {@code MultiLayerSpace}; {@link org.hebbian4j.arbiter.InMemoryDataProvider}
 * for training and validation sets in memory; {@link org.hebbian4j.arbiter.HyperparameterSearch}, a
 * local runner that reports every candidate, best first. An optional module: the layers do not depend on it.
 */
package org.hebbian4j.arbiter;
