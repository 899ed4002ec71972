package org.hebbian4j.training;

import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.transferlearning.FineTuneConfiguration;
import org.deeplearning4j.nn.transferlearning.TransferLearning;
import org.hebbian4j.competition.HardWta;
import org.hebbian4j.competition.SoftWta;
import org.hebbian4j.conf.HebbianDenseLayer;
import org.hebbian4j.homeostasis.AdaptiveThreshold;
import org.hebbian4j.rules.InstarRule;
import org.hebbian4j.rules.SoftHebbRule;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs the examples of docs/user-guide.md, "Hybrid networks": the two-phase pattern (pretrain the Hebbian
 * layers, freeze them, fit the classifier), a deeper stack through {@link LayerwisePretraining}, and freezing
 * with a fine-tune. Each example is the code between {@code // doc:begin pretrain-<name>} and {@code // doc:end pretrain-<name>}
 * below, and doc-examples' DocExamplesInSyncTest checks that the guide
 * shows exactly that code.
 */
class UserGuidePretrainingExamplesTest {


    /** MNIST-shaped data: 784 features in [0, 1), 10 classes, the label the argmax of a fixed linear map. */
    private static DataSetIterator data(int examples, long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray map = Nd4j.randn(DataType.FLOAT, 784, 10);
        List<DataSet> batches = new ArrayList<>();
        for (int b = 0; b < examples / 50; b++) {
            INDArray x = Nd4j.rand(DataType.FLOAT, 50, 784);
            INDArray labels = Nd4j.zeros(DataType.FLOAT, 50, 10);
            INDArray classes = x.sub(0.5).mmul(map).argMax(1);
            for (int s = 0; s < 50; s++) {
                labels.putScalar(s, classes.getInt(s), 1.0);
            }
            batches.add(new DataSet(x, labels));
        }
        return new ListDataSetIterator<>(batches, 1);
    }

    private static double[] values(INDArray params) {
        return params.dup().data().asDouble();
    }

    @Test
    void pretrainThenFreezeThenFitTheClassifier() {
        DataSetIterator trainIter = data(200, 1);
        DataSetIterator testIter = data(100, 2);
        // doc:begin pretrain-two-phase
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(42).list()
                .layer(new HebbianDenseLayer.Builder().nIn(784).nOut(100)
                        .rule(new SoftHebbRule()).competition(new SoftWta(1.0))
                        .activation(Activation.RELU).updater(new Sgd(0.05)).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(100).nOut(10)
                        .activation(Activation.SOFTMAX).updater(new Adam(1e-3)).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();

        // Phase 1: the Hebbian layer learns without labels (trainIter's are ignored); nothing else changes.
        net.pretrain(trainIter, 2);

        // Phase 2: freeze it (layers 0..0) and train the classifier on its features.
        MultiLayerNetwork classifier = new TransferLearning.Builder(net).setFeatureExtractor(0).build();
        classifier.fit(trainIter, 3);
        System.out.println("test accuracy " + classifier.evaluate(testIter).accuracy());
        // doc:end pretrain-two-phase

        MultiLayerNetwork untrained = new MultiLayerNetwork(conf.clone());
        untrained.init();
        assertFalse(Arrays.equals(values(untrained.getLayer(0).params()), values(net.getLayer(0).params())),
                "phase 1 trained the Hebbian layer");
        assertArrayEquals(values(untrained.getLayer(1).params()), values(net.getLayer(1).params()), 0.0,
                "phase 1 left the classifier alone");
        assertArrayEquals(values(net.getLayer(0).params()), values(classifier.getLayer(0).params()), 0.0,
                "phase 2 left the Hebbian layer alone");
        assertFalse(Arrays.equals(values(net.getLayer(1).params()), values(classifier.getLayer(1).params())),
                "phase 2 trained the classifier");
    }

    @Test
    void aStackOfHebbianLayersIsPretrainedBottomUp() {
        DataSetIterator trainIter = data(200, 3);
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(42).updater(new Sgd(0.05)).list()
                .layer(new HebbianDenseLayer.Builder().nIn(784).nOut(64).rule(new InstarRule())
                        .competition(new HardWta()).homeostasis(new AdaptiveThreshold(0.5)).build())
                .layer(new HebbianDenseLayer.Builder().nIn(64).nOut(32).rule(new InstarRule())
                        .competition(new HardWta()).homeostasis(new AdaptiveThreshold(0.5)).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(32).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        INDArray classifier = net.getLayer(2).params().dup();

        // doc:begin pretrain-stack
        // Layer 0 for 2 epochs, then layer 1 for 2 epochs on the output of the trained layer 0.
        LayerwisePretraining.pretrain(net, trainIter, 2);
        // doc:end pretrain-stack

        for (int i = 0; i < 2; i++) {
            MultiLayerNetwork fresh = new MultiLayerNetwork(conf.clone());
            fresh.init();
            assertFalse(Arrays.equals(values(fresh.getLayer(i).params()), values(net.getLayer(i).params())), "layer " + i);
        }
        assertArrayEquals(values(classifier), values(net.getLayer(2).params()), 0.0, "the classifier");
    }

    @Test
    void freezeTheHebbianLayersBeforeAFineTune() {
        DataSetIterator trainIter = data(200, 4);
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(42).updater(new Sgd(0.05)).list()
                .layer(new HebbianDenseLayer.Builder().nIn(784).nOut(100).rule(new SoftHebbRule())
                        .competition(new SoftWta(1.0)).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(100).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        net.pretrain(trainIter, 1);
        INDArray hebbian = net.getLayer(0).params().dup();

        // doc:begin pretrain-freeze
        MultiLayerNetwork tuned = new TransferLearning.Builder(net)
                .fineTuneConfiguration(new FineTuneConfiguration.Builder().updater(new Adam(1e-3)).build())
                .setFeatureExtractor(0)   // frozen: the fine-tune's Adam reaches only the layers above
                .build();
        tuned.fit(trainIter, 2);

        // Later, to let the Hebbian layer learn again: the frozen network has the same parameter layout.
        net.setParams(tuned.params());
        // doc:end pretrain-freeze

        assertArrayEquals(values(hebbian), values(tuned.getLayer(0).params()), 0.0, "frozen during the fine-tune");
        assertArrayEquals(values(tuned.params()), values(net.params()), 0.0, "copied back");
        net.fit(trainIter);
        assertFalse(Arrays.equals(values(hebbian), values(net.getLayer(0).params())), "learning again");
    }
}
