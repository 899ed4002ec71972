package org.hebbian4j.layers;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.hebbian4j.competition.SoftWta;
import org.hebbian4j.conf.HebbianDenseLayer;
import org.hebbian4j.rules.SoftHebbRule;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The layer reuses the pre-activations u of a training forward pass in backpropGradient instead of
 * recomputing them: the update must be exactly the one computed from scratch, also when the
 * activation function overwrites u in place (ReLU; SoftHebb's decay sees the negative u), and a
 * forward pass on another input must not leak into the update.
 */
class HebbianDenseLayerPreActivationReuseTest {

    private static final int N_IN = 10;
    private static final int N_OUT = 6;
    private static final int BATCH = 12;

    private static MultiLayerNetwork network() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(3)
                .dataType(DataType.DOUBLE).weightInit(WeightInit.XAVIER).updater(new Sgd(0.1)).list()
                .layer(new HebbianDenseLayer.Builder().nIn(N_IN).nOut(N_OUT).rule(new SoftHebbRule())
                        .competition(new SoftWta(0.7)).activation(Activation.RELU).biasInit(-0.05).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(N_OUT).nOut(1)
                        .activation(Activation.IDENTITY).build())
                .build());
        net.init();
        net.initGradientsView();
        return net;
    }

    private static INDArray input(long seed) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.rand(DataType.DOUBLE, BATCH, N_IN).subi(0.3);
    }

    /** The weight "gradient" the layer hands DL4J after backpropGradient, as a copy. */
    private static double[] weightGradient(Layer layer) {
        layer.backpropGradient(Nd4j.zeros(DataType.DOUBLE, BATCH, N_OUT), LayerWorkspaceMgr.noWorkspaces());
        return layer.getGradientsViewArray().dup().toDoubleVector();
    }

    /** Reference: backpropGradient with no forward pass before it, so u is computed from scratch. */
    private static double[] gradientFromScratch(INDArray x) {
        Layer layer = network().getLayer(0);
        layer.setInput(x, LayerWorkspaceMgr.noWorkspaces());
        return weightGradient(layer);
    }

    @Test
    void updateAfterATrainingForwardPassEqualsTheUpdateComputedFromScratch() {
        INDArray x = input(1);
        Layer layer = network().getLayer(0);
        INDArray activations = layer.activate(x, true, LayerWorkspaceMgr.noWorkspaces());

        double[] reused = weightGradient(layer);

        assertFalse(activations.minNumber().doubleValue() < 0, "ReLU output: the in-place activation ran");
        assertArrayEquals(gradientFromScratch(x), reused, 0.0);
    }

    @Test
    void forwardPassOnAnotherInputIsNotReused() {
        INDArray x1 = input(1);
        INDArray x2 = input(2);
        Layer layer = network().getLayer(0);
        layer.activate(x1, true, LayerWorkspaceMgr.noWorkspaces());
        layer.setInput(x2, LayerWorkspaceMgr.noWorkspaces());

        assertArrayEquals(gradientFromScratch(x2), weightGradient(layer), 0.0);
    }

    @Test
    void inferenceForwardPassIsNotReusedAfterALaterTrainingOne() {
        INDArray x = input(1);
        Layer layer = network().getLayer(0);
        layer.activate(x, true, LayerWorkspaceMgr.noWorkspaces());
        layer.activate(x, false, LayerWorkspaceMgr.noWorkspaces());
        // The same input object again, now in inference: the training pass's u must not survive it
        // (an inference pass may follow a parameter change).
        layer.getParam("W").muli(2.0);
        layer.setInput(x, LayerWorkspaceMgr.noWorkspaces());

        double[] expected;
        {
            MultiLayerNetwork reference = network();
            reference.getLayer(0).getParam("W").muli(2.0);
            Layer referenceLayer = reference.getLayer(0);
            referenceLayer.setInput(x, LayerWorkspaceMgr.noWorkspaces());
            expected = weightGradient(referenceLayer);
        }
        assertArrayEquals(expected, weightGradient(layer), 0.0);
    }

    @Test
    void fitStepsMatchStepsWithoutReuse() {
        INDArray x = input(4);
        INDArray y = Nd4j.zeros(DataType.DOUBLE, BATCH, 1);
        MultiLayerNetwork net = network();
        MultiLayerNetwork reference = network();
        for (int step = 0; step < 3; step++) {
            net.fit(x, y);
            // Reference step: the Hebbian layer's update computed from scratch, applied as Sgd(0.1).
            Layer layer = reference.getLayer(0);
            layer.setInput(x, LayerWorkspaceMgr.noWorkspaces());
            INDArray grad = Nd4j.create(weightGradient(layer));
            layer.params().subi(grad.muli(0.1).reshape(layer.params().shape()));
            assertArrayEquals(reference.getLayer(0).params().dup().toDoubleVector(),
                    net.getLayer(0).params().dup().toDoubleVector(), 1e-12, "step " + step);
        }
    }
}
