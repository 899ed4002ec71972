package org.hebbian4j.samples.cli;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.hebbian4j.conf.HebbianOutputLayer;
import org.hebbian4j.layers.HebbianOutputParamInitializer;
import org.hebbian4j.rules.HebbianDescentRule;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;

/**
 * One step of Hebbian descent for {@code rule-step}, through the layer itself: a
 * {@link HebbianOutputLayer} with {@link HebbianDescentRule} (MSE loss) with the given W, b and mu takes one {@code fit}
 * step with {@code Sgd(1)}, so dW, db are exactly what the layer adds to its parameters per unit of
 * learning rate, and mu is its centering mean after the batch.
 */
public final class HebbianDescentStep {

    /** The layer's hyperparameters on the command line, with their defaults. */
    static final String ACTIVATION = "activation";
    static final String CENTERING = "centering";

    /** dW {@code [nOut, nIn]}, db {@code [nOut]}, and mu {@code [nIn]} after the step (null without centering). */
    record Result(INDArray dW, INDArray dB, INDArray mu) {
    }

    private HebbianDescentStep() {
    }

    /**
     * @param w         {@code [nOut, nIn]}, neuron-major
     * @param centering momentum of the running mean mu in [0, 1], or NaN for no centering
     * @param mu        mu before the step {@code [nIn]} (with centering)
     */
    static Result run(INDArray x, INDArray w, INDArray b, INDArray targets, String activation, double centering,
                      INDArray mu) {
        long nOut = w.rows();
        long nIn = w.columns();
        DataType dataType = w.dataType();
        HebbianOutputLayer.Builder layer = new HebbianOutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(nIn).nOut(nOut)
                .rule(new HebbianDescentRule(new LossMSE())).activation(activationOf(activation));
        boolean centered = !Double.isNaN(centering);
        if (centered) {
            layer.centering(centering);
        }
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().dataType(dataType)
                .updater(new Sgd(1.0)).list().layer(layer.build()).build());
        net.init();
        Layer l = net.getLayer(0);
        l.setParam("W", w.transpose());
        l.setParam("b", b.reshape(1, nOut));
        if (centered) {
            l.setParam(HebbianOutputParamInitializer.MEAN_KEY, mu.reshape(1, nIn));
        }
        INDArray wBefore = l.getParam("W").dup();
        INDArray bBefore = l.getParam("b").dup();
        net.fit(new DataSet(x, targets));
        INDArray dW = l.getParam("W").sub(wBefore).transpose().dup('c');
        INDArray dB = l.getParam("b").sub(bBefore).reshape(nOut);
        INDArray muAfter = centered ? l.getParam(HebbianOutputParamInitializer.MEAN_KEY).dup().reshape(nIn) : null;
        return new Result(dW, dB, muAfter);
    }

    private static Activation activationOf(String name) {
        try {
            return Activation.fromString(name);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("hebbian-descent: unknown activation '" + name
                    + "' (any DL4J Activation name: sigmoid, tanh, identity, ...)");
        }
    }
}
