/**
 * Hebbian4j: Hebbian and competitive local learning rules as Deeplearning4j layers.
 *
 * <p>Packages, by concept (dependencies point one way, downwards in this list):
 * <ul>
 *   <li>{@link org.hebbian4j.conf}: layer configurations ({@code HebbianDenseLayer},
 *       {@code HebbianConvolutionLayer}; the supervised output layer {@code HebbianOutputLayer}) and
 *       their shared {@code LearningSettings}, used in {@code MultiLayerConfiguration} /
 *       {@code ComputationGraphConfiguration};</li>
 *   <li>{@link org.hebbian4j.metrics}: training statistics of Hebbian layers (listener, Gini, dead neurons, entropy);</li>
 *   <li>{@link org.hebbian4j.visualization}: pictures of learned weights;</li>
 *   <li>{@link org.hebbian4j.layers}: their implementations;</li>
 *   <li>{@link org.hebbian4j.rules}: learning rules, local signals of a batch to an update dW;</li>
 *   <li>{@link org.hebbian4j.competition}: competition modes, pre-activations u to activity y;</li>
 *   <li>{@link org.hebbian4j.data}: data set readers (MNIST IDX files);</li>
 *   <li>{@link org.hebbian4j.util}: small numeric helpers (BLAS GEMM into views);</li>
 *   <li>{@link org.hebbian4j.backend}: which native ND4J build runs, and DL4J's own layers on oneDNN.</li>
 * </ul>
 */
package org.hebbian4j;
