package org.hebbian4j.spark;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.hebbian4j.competition.KWta;
import org.hebbian4j.conf.HebbianDenseLayer;
import org.hebbian4j.homeostasis.AdaptiveThreshold;
import org.hebbian4j.rules.InstarRule;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Small hybrid networks and random data for the tests, in double precision. */
final class TestNetworks {

    static final int N_IN = 12;
    static final int HIDDEN = 9;
    static final int CLASSES = 3;

    private TestNetworks() {
    }

    /**
     * Instar + 3 winners + adaptive threshold with unit-norm weights, below a softmax classifier trained by Adam
     * (an updater with state).
     */
    static MultiLayerNetwork hybrid() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(3)
                .dataType(DataType.DOUBLE).weightInit(WeightInit.XAVIER).updater(new Adam(0.01)).list()
                .layer(new HebbianDenseLayer.Builder().nIn(N_IN).nOut(HIDDEN).rule(new InstarRule())
                        .competition(new KWta(3)).homeostasis(new AdaptiveThreshold(2.0)).normalizeWeights(true)
                        .updater(new Sgd(0.5)).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(HIDDEN).nOut(CLASSES)
                        .activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        return net;
    }

    /** {@code count} minibatches of {@code rows} random inputs in [0, 1) with random one-hot labels. */
    static List<DataSet> minibatches(int count, int rows, long seed) {
        Nd4j.getRandom().setSeed(seed);
        Random classes = new Random(seed);
        List<DataSet> batches = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            INDArray x = Nd4j.rand(DataType.DOUBLE, rows, N_IN);
            INDArray labels = Nd4j.zeros(DataType.DOUBLE, rows, CLASSES);
            for (int r = 0; r < rows; r++) {
                labels.putScalar(r, classes.nextInt(CLASSES), 1.0);
            }
            batches.add(new DataSet(x, labels));
        }
        return batches;
    }
}
