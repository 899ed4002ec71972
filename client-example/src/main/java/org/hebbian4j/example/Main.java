package org.hebbian4j.example;

import java.util.Locale;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.transferlearning.TransferLearning;
import org.hebbian4j.activations.KWinnersActivation;
import org.hebbian4j.competition.HardWta;
import org.hebbian4j.conf.HebbianDenseLayer;
import org.hebbian4j.data.embedded.EmbeddedMnist;
import org.hebbian4j.homeostasis.AdaptiveThreshold;
import org.hebbian4j.rules.InstarRule;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * A program that uses Hebbian4j as a library user's does, from outside the library's build: it runs the
 * headline example of README.md ("A Hebbian layer in your network") on the MNIST digits embedded in
 * {@code hebbian-data} and prints its test accuracy beside the control: the same network with its Hebbian
 * layer left at its random initialization, its classifier trained identically.
 *
 * <p>{@link #train()} holds the example between {@code // doc:begin readme-hybrid} and
 * {@code // doc:end readme-hybrid}: README.md shows exactly that code (the doc-examples module's
 * {@code DocExamplesInSyncTest} checks it, and its {@code ReadmeExamplesTest} runs it), and CI builds this
 * project against the installed artifacts and runs it. To change the README's example, change it here.
 */
public final class Main {

    private Main() {
    }

    /** Trains the README's network and its control and prints their accuracies on the 2,000 embedded test digits. */
    public static void main(String[] args) {
        long start = System.nanoTime();
        MultiLayerNetwork classifier = train();
        double accuracy = accuracy(classifier);
        double control = accuracy(control(classifier));
        System.out.printf(Locale.ROOT, "README example: test accuracy %.4f on %d embedded MNIST test digits; the same "
                        + "network with its Hebbian layer untrained: %.4f (%.0f s)%n",
                accuracy, EmbeddedMnist.TEST_EXAMPLES, control, (System.nanoTime() - start) / 1e9);
    }

    /** Test accuracy on the 2,000 embedded test digits. */
    public static double accuracy(MultiLayerNetwork net) {
        return net.evaluate(EmbeddedMnist.testIterator(500)).accuracy();
    }

    /** The README's headline example: returns its trained classifier (the Hebbian layer frozen below it). */
    public static MultiLayerNetwork train() {
        // doc:begin readme-hybrid
        DataSetIterator trainIterator = EmbeddedMnist.trainIterator(64, 42);   // 8,000 MNIST digits (hebbian-data)
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(42)
                .updater(new Adam(1e-3))                       // for the backprop layers
                .list()
                .layer(new HebbianDenseLayer.Builder()
                        .nIn(784).nOut(2000)
                        .rule(new InstarRule())                // dw_i = r_i (x - w_i)
                        .competition(new HardWta())            // r = one-hot winner
                        .homeostasis(new AdaptiveThreshold(20))// against dead neurons
                        .normalizeWeights(true)                // unit-norm weight vectors
                        .activation(new KWinnersActivation(200))// code: the 200 best-matching units
                        .updater(new Sgd(4))                   // W += 4 * dW per batch (dW: batch mean)
                        .build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nIn(2000).nOut(10).activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        net.pretrain(trainIterator, 3);        // phase 1: layer 0 learns by its rule, without labels
        MultiLayerNetwork classifier = new TransferLearning.Builder(net)
                .setFeatureExtractor(0)        // phase 2: freeze it, and
                .build();
        classifier.fit(trainIterator, 3);      // train the softmax on its features by backprop
        // doc:end readme-hybrid
        return classifier;
    }

    /**
     * The control of {@link #train()}: the same configuration (seed 42, so the same initial weights) with the
     * Hebbian layer frozen at its random initialization, the classifier trained identically.
     */
    public static MultiLayerNetwork control(MultiLayerNetwork trained) {
        MultiLayerNetwork untrained = new MultiLayerNetwork(trained.getLayerWiseConfigurations().clone());
        untrained.init();
        untrained.setIterationCount(0);
        untrained.setEpochCount(0);
        untrained.fit(EmbeddedMnist.trainIterator(64, 42), 3);
        return untrained;
    }
}
