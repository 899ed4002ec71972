package org.hebbian4j.layers;

import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.hebbian4j.competition.HardWta;
import org.hebbian4j.conf.HebbianDenseLayer;
import org.hebbian4j.homeostasis.AdaptiveThreshold;
import org.hebbian4j.rules.InstarRule;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The layer's state does not travel in DL4J's gradient, so what DL4J does to gradients (here element-wise
 * clipping at 1e-4, as ParallelWrapper's threshold encoding caps every change) leaves it alone: the threshold
 * after a step is the homeostasis rule's, {@code theta + rate (mean_b y - 1/nOut)}, computed by hand from the
 * winners, and the state's gradient is zero. (When the state went through the gradient, clipping held theta's
 * change to 1e-4.)
 */
class StateOutsideGradientTest {

    private static final double RATE = 2.0;

    private static MultiLayerNetwork network(boolean clipped) {
        HebbianDenseLayer.Builder hebbian = new HebbianDenseLayer.Builder().nOut(4).rule(new InstarRule())
                .competition(new HardWta()).homeostasis(new AdaptiveThreshold(RATE)).activation(Activation.RELU);
        if (clipped) {
            hebbian.gradientNormalization(GradientNormalization.ClipElementWiseAbsoluteValue)
                    .gradientNormalizationThreshold(1e-4);
        }
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(3)
                .dataType(DataType.DOUBLE).weightInit(WeightInit.XAVIER).updater(new Sgd(0.1)).list()
                .layer(hebbian.build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(2).activation(Activation.IDENTITY).build())
                .setInputType(InputType.feedForward(3)).build());
        net.init();
        return net;
    }

    @Test
    void clippingGradientsLeavesTheThresholdStepAlone() {
        Nd4j.getRandom().setSeed(8);
        DataSet batch = new DataSet(Nd4j.rand(DataType.DOUBLE, 10, 3), Nd4j.rand(DataType.DOUBLE, 10, 2));
        MultiLayerNetwork net = network(true);
        // The winner of each row, by hand: argmax of u = x W (theta and bias start at 0).
        INDArray u = batch.getFeatures().mmul(net.getLayer(0).getParam("W"));
        double[] expected = new double[4];
        for (int row = 0; row < 10; row++) {
            int winner = u.getRow(row).argMax().getInt(0);
            expected[winner] += RATE / 10;
        }
        for (int i = 0; i < 4; i++) {
            expected[i] -= RATE / 4;
        }

        net.fit(batch);

        assertArrayEquals(expected, net.getLayer(0).getParam("theta").toDoubleVector(), 1e-12);
        assertEquals(0.0, net.gradient().getGradientFor("0_theta").amaxNumber().doubleValue(), 0.0, "theta's gradient");
        MultiLayerNetwork unclipped = network(false);
        unclipped.fit(batch);
        assertArrayEquals(unclipped.getLayer(0).getParam("theta").toDoubleVector(),
                net.getLayer(0).getParam("theta").toDoubleVector(), 0.0);
    }
}
