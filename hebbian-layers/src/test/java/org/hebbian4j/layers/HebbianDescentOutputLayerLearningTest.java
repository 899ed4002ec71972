package org.hebbian4j.layers;

import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.hebbian4j.activations.StepActivation;
import org.hebbian4j.conf.HebbianDescentOutputLayer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The invariant of Hebbian descent: it learns through an activation whose derivative is zero.
 * A layer of hard-threshold units learns a linearly separable hetero-association by Hebbian descent,
 * while DL4J's OutputLayer with the same activation, loss and updater (plain gradient descent) does
 * not move at all.
 */
class HebbianDescentOutputLayerLearningTest {

    private static final int N_IN = 8;
    private static final int N_OUT = 3;
    private static final int SAMPLES = 256;

    /**
     * Inputs uniform in [0, 1); target bit i is 1 where {@code (x - 0.5) . v_i > 0} for fixed random
     * directions v_i: every output unit faces a linearly separable problem (with a bias).
     */
    private static DataSet thresholdProblem(long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray x = Nd4j.rand(DataType.DOUBLE, SAMPLES, N_IN);
        INDArray directions = Nd4j.randn(DataType.DOUBLE, N_IN, N_OUT);
        INDArray targets = x.sub(0.5).mmul(directions).gt(0.0).castTo(DataType.DOUBLE);
        return new DataSet(x, targets);
    }

    /** Share of output bits equal to the targets. */
    private static double bitAccuracy(MultiLayerNetwork net, DataSet data) {
        INDArray out = net.output(data.getFeatures());
        return out.eq(data.getLabels()).castTo(DataType.DOUBLE).meanNumber().doubleValue();
    }

    private static NeuralNetConfiguration.Builder base() {
        return new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.DOUBLE)
                .weightInit(WeightInit.XAVIER).updater(new Sgd(0.5));
    }

    private static void train(MultiLayerNetwork net, DataSet data, int epochs) {
        ListDataSetIterator<DataSet> batches = new ListDataSetIterator<>(data.asList(), 16);
        for (int epoch = 0; epoch < epochs; epoch++) {
            batches.reset();
            net.fit(batches);
        }
    }

    @Test
    void hebbianDescentLearnsALinearlySeparableProblemWithAStepActivationWhereGradientDescentDoesNotMove() {
        DataSet data = thresholdProblem(21);
        MultiLayerNetwork hebbianDescent = new MultiLayerNetwork(base().list()
                .layer(new HebbianDescentOutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(N_IN).nOut(N_OUT)
                        .activation(new StepActivation()).centering(0.9).build()).build());
        hebbianDescent.init();
        MultiLayerNetwork gradientDescent = new MultiLayerNetwork(base().list()
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(N_IN).nOut(N_OUT)
                        .activation(new StepActivation()).build()).build());
        gradientDescent.init();
        double initialAccuracy = bitAccuracy(hebbianDescent, data);
        double[] gradientDescentBefore = gradientDescent.params().toDoubleVector();

        train(hebbianDescent, data, 40);
        train(gradientDescent, data, 10);     // not moving is exact: fewer epochs prove it as well

        double learned = bitAccuracy(hebbianDescent, data);
        assertTrue(learned > 0.97 && learned > initialAccuracy + 0.2,
                "Hebbian descent bit accuracy " + initialAccuracy + " -> " + learned);
        assertArrayEquals(gradientDescentBefore, gradientDescent.params().toDoubleVector(), 0.0,
                "gradient descent through the step activation never moves");
    }
}
