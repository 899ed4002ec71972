package org.hebbian4j.layers;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.hebbian4j.util.Gemm;
import org.hebbian4j.rules.LearningRule;
import org.hebbian4j.rules.LocalSignals;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.List;
import java.util.Map;

/**
 * Implementation of {@link org.hebbian4j.conf.HebbianOutputLayer}: DL4J's output layer forward pass and score (with
 * centering, {@code a = (x - mu) W + b}); in the backward pass the layer's supervised rule, fed with
 * the labels as targets and the (centered) input, writes {@code -dW} (or {@code -lr dW} in direct
 * mode) into W's gradient view, the same rule with a constant input 1 writes the bias update, and
 * mu moves by {@code (1 - m)(mean_b x - mu)}, set after DL4J's update ({@link DeferredStateChange}: its
 * gradient stays zero). The layer below receives a zero error.
 */
public class HebbianOutputLayer extends LocalOutputLayerImpl<org.hebbian4j.conf.HebbianOutputLayer> {

    private final DeferredStateChange stateChange = new DeferredStateChange();

    public HebbianOutputLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    protected String describe() {
        return layerConf().describe(index);
    }

    @Override
    protected double updateScale() {
        return layerConf().getStep().updateScale();
    }

    /**
     * {@code a = x W + b}, or with centering {@code a = (x - mu) W + b}, computed as
     * {@code x W - mu W + b} without a centered copy of x.
     */
    @Override
    protected INDArray preOutput(boolean training, LayerWorkspaceMgr workspaceMgr) {
        INDArray mu = getParam(HebbianOutputParamInitializer.MEAN_KEY);
        if (mu == null) {
            return super.preOutput(training, workspaceMgr);
        }
        assertInputSet(false);
        applyDropOutIfNecessary(training, workspaceMgr);
        checkInputShape();
        INDArray x = input.dataType() == dataType ? input : input.castTo(dataType);
        INDArray w = getParam(HebbianOutputParamInitializer.WEIGHT_KEY);
        INDArray a = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType,
                new long[]{x.rows(), layerConf().getNOut()}, 'f');
        Gemm.into(x, false, w, false, a, 1.0, 0.0);
        a.subiRowVector(mu.mmul(w));
        if (hasBias()) {
            a.addiRowVector(getParam(HebbianOutputParamInitializer.BIAS_KEY));
        }
        return a;
    }

    @Override
    protected void writeUpdate(INDArray input, INDArray preActivation, INDArray labels, double scale,
                               Gradient gradient, LayerWorkspaceMgr workspaceMgr) {
        LearningRule rule = layerConf().getRule();
        INDArray y = layerConf().getActivationFn().getActivation(preActivation.dup(), true);
        INDArray mu = getParam(HebbianOutputParamInitializer.MEAN_KEY);
        // With centering the rule learns from x - mu, mu as it was in the forward pass.
        INDArray x = mu == null ? input : input.subRowVector(mu);

        INDArray weightGrad = gradientViews.get(DefaultParamInitializer.WEIGHT_KEY);
        INDArray weightsNeuronMajor = getParam(DefaultParamInitializer.WEIGHT_KEY).transpose();
        rule.update(new LocalSignals(x, preActivation, y, weightsNeuronMajor, labels, Map.of()),
                weightGrad.transpose(), scale);
        gradient.gradientForVariable().put(DefaultParamInitializer.WEIGHT_KEY, weightGrad);

        if (hasBias()) {
            // The bias is the weight of a constant input 1: the same rule with x = 1 and W = b.
            long batchSize = x.rows();
            long nOut = layerConf().getNOut();
            INDArray ones = Nd4j.ones(dataType, batchSize, 1);
            INDArray biasNeuronMajor = getParam(DefaultParamInitializer.BIAS_KEY).reshape(nOut, 1);
            INDArray biasUpdate = Nd4j.createUninitialized(dataType, new long[]{nOut, 1}, 'f');
            rule.update(new LocalSignals(ones, preActivation, y, biasNeuronMajor, labels, Map.of()), biasUpdate, scale);
            INDArray biasGrad = gradientViews.get(DefaultParamInitializer.BIAS_KEY);
            biasGrad.assign(biasUpdate.reshape(biasGrad.shape()));
            gradient.gradientForVariable().put(DefaultParamInitializer.BIAS_KEY, biasGrad);
        }
        if (mu != null) {
            // mu <- m mu + (1 - m) mean_b x, set after the update; its view holds minus the change until taken.
            INDArray meanGrad = gradientViews.get(HebbianOutputParamInitializer.MEAN_KEY);
            meanGrad.assign(mu.sub(input.mean(true, 0).reshape(mu.shape())).muli(1.0 - layerConf().getCenteringMomentum()));
            stateChange.take(List.of(HebbianOutputParamInitializer.MEAN_KEY), params, gradientViews);
            gradient.gradientForVariable().put(HebbianOutputParamInitializer.MEAN_KEY, meanGrad);
        }
    }

    /**
     * After DL4J's update: mu as the step computed it, the configured constraints, the max-norm clipping of each class unit,
     * the zeroing of the leading inputs' weights, then the division by each unit's largest weight.
     * Each of these is idempotent and so is their sequence (a zeroed weight is not the largest
     * after the division, which makes the largest 1), so a repeated call changes nothing.
     */
    @Override
    public void applyConstraints(int iteration, int epoch) {
        stateChange.applyTo(params);
        super.applyConstraints(iteration, epoch);
        org.hebbian4j.conf.HebbianOutputLayer conf = layerConf();
        // W is [nIn, nOut]: column i holds class unit i's weights.
        INDArray w = getParam(DefaultParamInitializer.WEIGHT_KEY);
        double maxNorm = conf.getMaxNorm();
        if (maxNorm > 0) {
            // maxNorm / 0 = inf gives factor 1.
            INDArray factors = Transforms.min(w.norm2(true, 0).rdivi(maxNorm), 1.0, false);
            w.muliRowVector(factors);
        }
        if (conf.getZeroedLeadingInputs() > 0) {
            w.get(NDArrayIndex.interval(0, conf.getZeroedLeadingInputs()), NDArrayIndex.all()).assign(0);
        }
        if (conf.isNormalizeByLargestWeight()) {
            INDArray largest = w.max(true, 0);
            // A unit whose largest weight is not positive keeps its weights (divisor 1).
            INDArray positive = largest.gt(0).castTo(largest.dataType());
            INDArray divisor = largest.muli(positive).addi(positive.rsub(1.0));
            w.diviRowVector(divisor);
        }
    }
}
