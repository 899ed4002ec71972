package org.hebbian4j.layers;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseOutputLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;

/**
 * What the output layers that learn by a local supervised rule share: DL4J's output-layer
 * machinery (labels, {@code score()}, {@code output()}, evaluation) with a backward pass that
 * ignores the loss gradient. {@link #backpropGradient} checks input and labels (label masks are not
 * supported), lets the subclass
 * write its update into the gradient views ({@link #writeUpdate}), and hands the layer below a zero
 * error. Updates are batch means already: DL4J must not divide them by the minibatch size.
 *
 * @param <C> the layer configuration
 */
public abstract class LocalOutputLayerImpl<C extends org.deeplearning4j.nn.conf.layers.BaseOutputLayer>
        extends BaseOutputLayer<C> {

    protected LocalOutputLayerImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /** "HebbianOutputLayer (index 2, name "out")", for error messages. */
    protected abstract String describe();

    /**
     * The factor applied to the rule's update before it goes into the gradient views: -1 (DL4J's
     * updater subtracts the "gradient") or {@code -lr} in direct mode (NoOp updater).
     */
    protected abstract double updateScale();

    /**
     * Writes {@code scale * update} of every learned parameter (and minus the change of any state)
     * into the gradient views and registers them in {@code gradient}.
     *
     * @param x             the layer's input {@code [B, nIn]} in the layer's data type (after dropout,
     *                      if configured)
     * @param preActivation the layer's pre-activation {@code [B, nOut]} ({@link #preOutput}), which the
     *                      subclass may overwrite
     * @param labels        the targets {@code [B, nOut]} in the layer's data type
     */
    protected abstract void writeUpdate(INDArray x, INDArray preActivation, INDArray labels, double scale,
                                        Gradient gradient, LayerWorkspaceMgr workspaceMgr);

    /** The update is already a batch mean: DL4J must not divide it again. */
    @Override
    public boolean updaterDivideByMinibatch(String paramName) {
        return false;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        checkInputShape();
        if (maskArray != null) {
            throw new UnsupportedOperationException(describe() + ": label masks are not supported"
                    + " (the local update has no notion of a masked sample)");
        }
        INDArray targets = checkedLabels(input.size(0));
        // preOutput first: it applies dropout to the input, if configured.
        INDArray u = preOutput2d(true, workspaceMgr);
        INDArray x = input.dataType() == dataType ? input : input.castTo(dataType);
        Gradient gradient = new DefaultGradient();
        writeUpdate(x, u, targets, updateScale(), gradient, workspaceMgr);
        // No error crosses the layer: the layer below receives zeros.
        INDArray epsilonBelow = workspaceMgr.create(ArrayType.ACTIVATION_GRAD, dataType, x.shape(), 'f');
        return new Pair<>(gradient, epsilonBelow);
    }

    /** Used when the layer is trained on its own (e.g. {@code Layer.fit}): the rule's update and the loss. */
    @Override
    public void computeGradientAndScore(LayerWorkspaceMgr workspaceMgr) {
        if (input == null || labels == null) {
            return;
        }
        this.gradient = backpropGradient(null, workspaceMgr).getFirst();
        this.score = computeScore(0.0, true, workspaceMgr);
    }

    /**
     * Refuses to learn from an input alone, as DL4J's layer-wise pretraining would ask
     * ({@code ComputationGraph.pretrainLayer} on this layer; {@code pretrain} itself skips output layers,
     * whose {@code isPretrainLayer()} is false): the rule needs the labels of {@code fit}.
     */
    @Override
    public void fit(INDArray input, LayerWorkspaceMgr workspaceMgr) {
        throw new UnsupportedOperationException(describe() + ": learns from labels, so it cannot be pretrained"
                + " (pretrain skips it); train it with fit");
    }

    @Override
    protected INDArray getLabels2d(LayerWorkspaceMgr workspaceMgr, ArrayType arrayType) {
        return labels;
    }

    /** Checks that the input is {@code [minibatch, nIn]}. */
    protected void checkInputShape() {
        long nIn = layerConf().getNIn();
        if (input.rank() != 2 || input.size(1) != nIn) {
            throw new IllegalArgumentException(describe() + ": input of shape " + Arrays.toString(input.shape())
                    + " does not match nIn = " + nIn + " (expected [minibatch, " + nIn + "])");
        }
    }

    private INDArray checkedLabels(long batchSize) {
        if (labels == null) {
            throw new IllegalStateException(describe() + ": no labels; the layer learns from the labels of fit()");
        }
        long nOut = layerConf().getNOut();
        if (labels.rank() != 2 || labels.size(0) != batchSize || labels.size(1) != nOut) {
            throw new IllegalArgumentException(describe() + ": labels of shape " + Arrays.toString(labels.shape())
                    + " do not match [minibatch, nOut] = [" + batchSize + ", " + nOut + "]");
        }
        return labels.dataType() == dataType ? labels : labels.castTo(dataType);
    }
}
