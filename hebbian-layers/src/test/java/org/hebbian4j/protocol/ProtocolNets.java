package org.hebbian4j.protocol;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.hebbian4j.competition.HardWta;
import org.hebbian4j.conf.HebbianDenseLayer;
import org.hebbian4j.rules.InstarRule;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Small networks and data for the protocol tests. */
final class ProtocolNets {

    static final double HEBBIAN_LR = 0.1;

    private ProtocolNets() {
    }

    /** 0: dense 6->5 relu (backprop), 1: Hebbian 5->4 instar + WTA, 2: dense 4->4 relu, 3: softmax 4->2. */
    static MultiLayerNetwork hybrid(long seed) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed).dataType(DataType.DOUBLE).updater(new Sgd(0.1))
                .list()
                .layer(new DenseLayer.Builder().nIn(6).nOut(5).activation(Activation.RELU).build())
                .layer(new HebbianDenseLayer.Builder().nIn(5).nOut(4).rule(new InstarRule()).competition(new HardWta())
                        .activation(Activation.IDENTITY).updater(new Sgd(HEBBIAN_LR)).build())
                .layer(new DenseLayer.Builder().nIn(4).nOut(4).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(4).nOut(2)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** The same architecture without a Hebbian layer (dense 5->4 relu instead): a "pretrained" network. */
    static MultiLayerNetwork backprop(long seed) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed).dataType(DataType.DOUBLE).updater(new Sgd(0.1))
                .list()
                .layer(new DenseLayer.Builder().nIn(6).nOut(5).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nIn(5).nOut(4).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nIn(4).nOut(4).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(4).nOut(2)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** Two separable classes in 6-D: class c has mean +-1.5 on every coordinate, unit noise. */
    static DataSet blobs(int n, long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray x = Nd4j.randn(DataType.DOUBLE, n, 6);
        INDArray y = Nd4j.zeros(DataType.DOUBLE, n, 2);
        INDArray sign = Nd4j.zeros(DataType.DOUBLE, n, 1);
        for (int i = 0; i < n; i++) {   // test data set-up, not a hot path
            int c = i % 2;
            y.putScalar(i, c, 1);
            sign.putScalar(i, 0, c == 0 ? -1.5 : 1.5);
        }
        x.addiColumnVector(sign);
        return new DataSet(x, y);
    }

    /** Stops training, as a kill would, at the given iteration of the run (counted over every phase). */
    static final class Interrupt extends org.deeplearning4j.optimize.api.BaseTrainingListener {
        private final int at;
        private int seen;

        Interrupt(int at) {
            this.at = at;
        }

        @Override
        public void iterationDone(org.deeplearning4j.nn.api.Model model, int iteration, int epoch) {
            if (++seen == at) {
                throw new IllegalStateException("interrupted by the test");
            }
        }
    }
}
