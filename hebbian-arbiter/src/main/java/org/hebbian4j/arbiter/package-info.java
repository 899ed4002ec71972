/**
 * Hyperparameter search over Hebbian layers with Deeplearning4j's Arbiter (1.0.0-beta7, run on DL4J
 * M2.1). A layer space per Hebbian layer, for a {@code MultiLayerSpace} or {@code ComputationGraphSpace}:
 * {@link org.hebbian4j.arbiter.HebbianDenseLayerSpace}, {@link org.hebbian4j.arbiter.HebbianConvolutionLayerSpace}
 * (with the convolution's geometry), {@link org.hebbian4j.arbiter.HebbianOutputLayerSpace} (the
 * supervised Hebbian classifier) and {@link org.hebbian4j.arbiter.HebbianDescentOutputLayerSpace}; the
 * rule, competition and homeostasis (by name) and their hyperparameters are one shared
 * {@link org.hebbian4j.arbiter.HebbianLearningSpace}, set through the builders'
 * {@link org.hebbian4j.arbiter.RuleSpaceBuilder} / {@link org.hebbian4j.arbiter.HebbianLayerSpaceBuilder}
 * methods. {@link org.hebbian4j.arbiter.InMemoryDataProvider} holds training and validation sets in
 * memory; {@link org.hebbian4j.arbiter.HyperparameterSearch} is a local runner that reports every
 * candidate, best first, failed ones with their reason. An optional module: the layers do not depend on it.
 */
package org.hebbian4j.arbiter;
