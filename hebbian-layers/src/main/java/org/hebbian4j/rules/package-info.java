/**
 * Learning rules: each maps the local signals of a batch ({@link org.hebbian4j.rules.LocalSignals})
 * to an update dW of the neuron-major weight matrix's shape {@code [nOut, nIn]}, with ND4J ops only.
 *
 * <p>Conventions shared by every rule (documented in docs/rules.md):
 * <ul>
 *   <li>dW is the batch MEAN of the per-sample update of the paper, without learning rate
 *       (the updater owns the step); {@code W <- W + lr * dW} is one step of the paper's rule
 *       (exceptions by definition: {@link org.hebbian4j.rules.KrotovRule} normalizes by max|dW|,
 *       {@link org.hebbian4j.rules.HebbNetRule} sparsifies the mean);</li>
 *   <li>rules never see layers: dense and convolutional layers both hand them 2-D matrices
 *       (a convolution hands image patches as rows of x);</li>
 *   <li>rules are immutable configuration, serialized in the network's JSON by class name; a rule
 *       that keeps running averages ({@link org.hebbian4j.rules.StatefulRule}) declares them as
 *       {@link org.hebbian4j.rules.RuleState}s, which the layer keeps as non-trainable parameters
 *       and hands back through {@link org.hebbian4j.rules.LocalSignals#state(String)}.</li>
 * </ul>
 */
package org.hebbian4j.rules;
