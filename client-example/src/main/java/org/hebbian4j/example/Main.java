package org.hebbian4j.example;

import java.util.Locale;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
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
 * {@code hebbian-data} and prints the test accuracy.
 *
 * <p>{@link #train()} holds the example between {@code // doc:begin readme-hybrid} and
 * {@code // doc:end readme-hybrid}: README.md shows exactly that code (the doc-examples module's
 * {@code DocExamplesInSyncTest} checks it, and its {@code ReadmeExamplesTest} runs it), and CI builds this
 * project against the installed artifacts and runs it. To change the README's example, change it here.
 */
public final class Main {

    private Main() {
    }

    /** Trains the README's network and prints its accuracy on the 2,000 embedded test digits. */
    public static void main(String[] args) {
        long start = System.nanoTime();
        MultiLayerNetwork net = train();
        double accuracy = net.evaluate(EmbeddedMnist.testIterator(500)).accuracy();
        System.out.printf(Locale.ROOT, "README example: test accuracy %.4f on %d embedded MNIST test digits (%.0f s)%n",
                accuracy, EmbeddedMnist.TEST_EXAMPLES, (System.nanoTime() - start) / 1e9);
    }

    /** The README's headline example: returns its trained network. */
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
                        .activation(new KWinnersActivation(100))
                        .updater(new Sgd(4))                   // W += 4 * dW per batch (dW: batch mean)
                        .build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nIn(2000).nOut(10).activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        net.fit(trainIterator, 1);   // layer 0 learns by its rule, layer 1 by backprop
        // doc:end readme-hybrid
        return net;
    }
}
