package org.hebbian4j.layers;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.hebbian4j.conf.HebbianDescentOutputLayer;
import org.hebbian4j.util.Gemm;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import static org.hebbian4j.layers.HebbianDescentParamInitializer.BIAS_KEY;
import static org.hebbian4j.layers.HebbianDescentParamInitializer.MEAN_KEY;
import static org.hebbian4j.layers.HebbianDescentParamInitializer.WEIGHT_KEY;

/**
 * Implementation of {@link HebbianDescentOutputLayer}. Forward {@code a = (x - mu) W + b}, computed
 * as {@code x W + (b - mu W)} without a centered copy of x; {@code h = activation(a)}. Backward: the
 * loss's {@code G = dL/dh} {@code [B, nOut]} (DL4J's loss function with the identity activation on
 * h), then, with {@code s} the update scale ({@code -1}, or {@code -lr} in direct mode),
 * <pre>{@code
 * W grad = -(s/B) (X - 1 mu)^T G = -(s/B) (X^T G - mu^T colsum(G))   (two GEMMs into the view)
 * b grad = -(s/B) colsum(G)
 * mu grad = -(1 - m) (mean_b x - mu)                                  (NoOp updater: mu += change)
 * }</pre>
 * and a zero error to the layer below.
 */
public class HebbianDescentOutputLayerImpl extends LocalOutputLayerImpl<HebbianDescentOutputLayer> {

    public HebbianDescentOutputLayerImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    protected String describe() {
        return layerConf().describe(index);
    }

    @Override
    protected double updateScale() {
        HebbianDescentOutputLayer conf = layerConf();
        return conf.isDirectStep() ? -conf.getDirectStepLearningRate() : -1.0;
    }

    @Override
    protected INDArray preOutput(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        applyDropOutIfNecessary(training, workspaceMgr);
        checkInputShape();
        INDArray x = input.dataType() == dataType ? input : input.castTo(dataType);
        INDArray w = getParam(WEIGHT_KEY);
        INDArray a = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType,
                new long[]{x.rows(), layerConf().getNOut()}, 'f');
        Gemm.into(x, false, w, false, a, 1.0, 0.0);
        INDArray mu = getParam(MEAN_KEY);
        if (mu != null) {
            // (x - mu) W = x W - mu W: subtract the [1, nOut] row mu W from every sample.
            a.subiRowVector(mu.mmul(w));
        }
        if (hasBias()) {
            a.addiRowVector(getParam(BIAS_KEY));
        }
        return a;
    }

    @Override
    protected void writeUpdate(INDArray x, INDArray preActivation, INDArray labels, double scale,
                               Gradient gradient, LayerWorkspaceMgr workspaceMgr) {
        HebbianDescentOutputLayer conf = layerConf();
        INDArray h = conf.getActivationFn().getActivation(preActivation, true);
        // dL/dh: the loss's gradient through the identity, applied to the already-activated output.
        INDArray g = conf.getLossFn().computeGradient(labels, h, new ActivationIdentity(), null);
        g = g.dataType() == dataType ? g : g.castTo(dataType);
        double alpha = -scale / x.rows();
        INDArray gSum = g.sum(true, 0);

        INDArray weightGrad = gradientViews.get(WEIGHT_KEY);
        Gemm.into(x, true, g, false, weightGrad, alpha, 0.0);
        INDArray mu = getParam(MEAN_KEY);
        if (mu != null) {
            Gemm.into(mu, true, gSum, false, weightGrad, -alpha, 1.0);
        }
        gradient.gradientForVariable().put(WEIGHT_KEY, weightGrad);

        if (hasBias()) {
            INDArray biasGrad = gradientViews.get(BIAS_KEY);
            biasGrad.assign(gSum.muli(alpha).reshape(biasGrad.shape()));
            gradient.gradientForVariable().put(BIAS_KEY, biasGrad);
        }
        if (mu != null) {
            // NoOp updater: DL4J subtracts the "gradient", so hand it minus the change of mu.
            INDArray meanGrad = gradientViews.get(MEAN_KEY);
            double momentum = conf.getCenteringMomentum();
            meanGrad.assign(mu.sub(x.mean(true, 0).reshape(mu.shape())).muli(1.0 - momentum));
            gradient.gradientForVariable().put(MEAN_KEY, meanGrad);
        }
    }
}
