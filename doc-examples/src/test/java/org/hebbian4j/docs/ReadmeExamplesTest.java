package org.hebbian4j.docs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.hebbian4j.activations.KWinnersActivation;
import org.hebbian4j.competition.HardWta;
import org.hebbian4j.conf.HebbianDenseLayer;
import org.hebbian4j.conf.HebbianOutputLayer;
import org.hebbian4j.data.ShuffledDataSetIterator;
import org.hebbian4j.data.embedded.EmbeddedMnist;
import org.hebbian4j.example.Main;
import org.hebbian4j.homeostasis.AdaptiveThreshold;
import org.hebbian4j.rules.InstarRule;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.learning.config.Sgd;

/** The examples of README.md. */
class ReadmeExamplesTest {

    /** The headline example is the client example's {@code Main.train()}, compiled here from client-example/src. */
    @Test
    @DocExample("readme-hybrid")
    void headlineExamplesHebbianFeaturesBeatTheSameLayerLeftRandom() {
        MultiLayerNetwork classifier = Main.train();
        double accuracy = Main.accuracy(classifier);
        double control = Main.accuracy(Main.control(classifier));
        // 0.9335 against 0.9040 when written
        assertTrue(accuracy > 0.92 && accuracy > control + 0.01, "test accuracy " + accuracy + ", control " + control);
    }

    @Test
    @DocExample("readme-hebbian-output-layer")
    void aNetworkWithoutBackpropEndsInTheSupervisedHebbianOutputLayer() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(42)
                .list()
                .layer(new HebbianDenseLayer.Builder().nIn(784).nOut(2000)
                        .rule(new InstarRule()).competition(new HardWta()).homeostasis(new AdaptiveThreshold(20))
                        .normalizeWeights(true).activation(new KWinnersActivation(100)).updater(new Sgd(4)).build())
                // doc:begin readme-hebbian-output-layer
                .layer(new HebbianOutputLayer.Builder().nIn(2000).nOut(10)   // softmax, MCXENT for score()
                        .maxNorm(1.0).updater(new Sgd(0.05)).build())
                // doc:end readme-hebbian-output-layer
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        net.fit(new ShuffledDataSetIterator(EmbeddedMnist.train(4000), 64, 42), 1);
        double accuracy = net.evaluate(EmbeddedMnist.testIterator(500)).accuracy();
        assertTrue(accuracy > 0.6, "test accuracy " + accuracy);
    }
}
