/**
 * The training protocols of Lagani et al., "Training Convolutional Neural Networks with Competitive
 * Hebbian Learning Approaches" (LOD 2021, sections 4-5), as library code for any
 * {@code MultiLayerNetwork} with Hebbian layers:
 * <ul>
 *   <li>{@link org.hebbian4j.protocol.HybridTraining}: layers below the lowest Hebbian layer come from a
 *       backprop-pretrained network and stay frozen, the Hebbian layers learn unsupervised
 *       ({@link org.hebbian4j.protocol.LocalLearningPhase}), then the layers above train by backprop (or the
 *       supervised Hebbian classifier) with early stopping on validation accuracy; the same class retrains
 *       the top layers of a pretrained network and reports the epochs to convergence;</li>
 *   <li>{@link org.hebbian4j.protocol.LayerProbe}: a linear classifier trained by SGD on the frozen
 *       features of one layer;</li>
 *   <li>{@link org.hebbian4j.protocol.EarlyStoppedTraining}: early stopping on validation accuracy, keeping
 *       the best epoch, optionally checkpointed after every epoch and resumed;</li>
 *   <li>the data protocol: {@link org.hebbian4j.protocol.DataSplits} (50k/10k/10k for MNIST, 40k/10k/10k for
 *       CIFAR-10), {@link org.hebbian4j.protocol.ZcaWhitening} (a {@code DataSetPreProcessor} fit on training
 *       data) and {@link org.hebbian4j.protocol.ImageInputs} (MNIST resized to 32x32 and repeated over three
 *       channels, as the authors feed it to their network).</li>
 * </ul>
 */
package org.hebbian4j.protocol;
