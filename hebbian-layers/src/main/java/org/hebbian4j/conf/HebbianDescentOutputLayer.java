package org.hebbian4j.conf;

import lombok.AccessLevel;
import lombok.Data;
import lombok.EqualsAndHashCode;
import lombok.Getter;
import lombok.NoArgsConstructor;
import lombok.Setter;
import lombok.ToString;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.hebbian4j.layers.HebbianDescentOutputLayerImpl;
import org.hebbian4j.layers.HebbianDescentParamInitializer;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.shade.jackson.annotation.JsonIgnore;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;

import java.util.Collection;
import java.util.Collections;
import java.util.List;

/**
 * An output (or hetero-associative) layer trained by Hebbian descent: gradient descent on the
 * layer's loss with the activation's derivative dropped.
 *
 * <p>Forward: {@code h = phi(a)}, {@code a = (x - mu) W + b}, W {@code [nIn, nOut]} as in DL4J's
 * OutputLayer, phi the layer's activation, mu the centering offset (0 without centering). With L the
 * layer's loss and {@code g = dL/dh} per sample, one step is, per sample and then averaged over the
 * batch (W in DL4J's layout, row j = input j),
 * <pre>{@code
 * dW = -(x - mu) g^T,    db = -g
 * }</pre>
 * where gradient descent would use {@code g (.) phi'(a)}: Hebbian descent keeps learning where
 * {@code phi'(a) = 0}, e.g. with a step activation ({@link org.hebbian4j.activations.StepActivation}),
 * through which gradient descent cannot learn. g is the loss's own gradient with respect to the
 * output: the layer asks DL4J's {@link ILossFunction#computeGradient} for it with the
 * <em>identity</em> activation applied to the already-activated output h, so any loss whose
 * gradient is defined at h works (L2, MSE, L1, MAE, ..., cross-entropy only while h stays inside
 * (0, 1)). For DL4J's MSE (the default), {@code g = 2 (h - t) / nOut}; the paper's
 * {@code L = 1/2 |h - t|^2} gives {@code g = h - t} and differs by that constant factor, which the
 * learning rate absorbs. With that loss and mu = 0 the step is the difference of a supervised and
 * an unsupervised Hebb rule, {@code (x - mu)(t - h)^T}.
 *
 * <p>Centering ({@link Builder#centering(double)}): mu is a running mean of the input,
 * {@code mu <- m mu + (1 - m) mean_b x} after every batch, used both in the forward pass and in the
 * update (as in the paper, unlike the covariance rule, which subtracts the mean only for learning).
 * mu starts at 0 and is a non-trainable parameter "mu" (NoOp updater, no regularization), saved and
 * restored by ModelSerializer; with momentum 1 it stays as assigned (e.g. the training set's mean,
 * by {@code layer.setParam("mu", mean)}). The bias is not reparameterized when mu moves.
 *
 * <p>The update goes to DL4J as the hidden layers' does: default mode hands {@code -dW}, {@code -db}
 * to the network's updater without minibatch division ({@code Sgd(eta)} gives exactly
 * {@code W += eta dW}); direct mode ({@link Builder#directStep(double)}) applies
 * {@code W += eta dW} itself. The layer returns a zero error to the layer below. Label masks are not
 * supported.
 *
 * <p>J. Melchior, L. Wiskott, "The Hebbian Descent Learning Rule" (slides "Hebbian descent",
 * "Hebbian descent with L2 loss", "Centering").
 */
@Data
@NoArgsConstructor
@ToString(callSuper = true)
@EqualsAndHashCode(callSuper = true)
public class HebbianDescentOutputLayer extends BaseOutputLayer {

    /** Whether the input is centered by its running mean mu. */
    private boolean centering = false;
    /** m of mu's running mean, in [0, 1]; 1 keeps mu fixed. Used only with centering. */
    private double centeringMomentum = 0.0;
    /** Learning rate of direct mode; 0 means default mode (the network's updater takes the step). */
    private double directStepLearningRate = 0.0;

    /**
     * Whether nIn was given to the builder, so that an input type that disagrees with it is an error
     * at build() instead of being silently replaced (see {@link #setNIn(InputType, boolean)}). Not part
     * of the configuration: not serialized, not compared, not printed.
     */
    @JsonIgnore
    @Getter(AccessLevel.NONE)
    @Setter(AccessLevel.NONE)
    @ToString.Exclude
    private transient boolean nInExplicit;   // transient: Lombok's equals and hashCode leave it out

    protected HebbianDescentOutputLayer(Builder builder) {
        super(builder);
        this.nInExplicit = getNIn() > 0;   // the builder's nIn, set by super
        this.centering = builder.centering;
        this.centeringMomentum = builder.centeringMomentum;
        this.directStepLearningRate = builder.directStepLearningRate == null ? 0.0 : builder.directStepLearningRate;
        initializeConstraints(builder);
    }

    /** Whether the layer applies its own step (direct mode). */
    public boolean isDirectStep() {
        return directStepLearningRate > 0;
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> trainingListeners,
                             int layerIndex, INDArray layerParamsView, boolean initializeParams,
                             DataType networkDataType) {
        LayerValidation.assertNInNOutSet("HebbianDescentOutputLayer", getLayerName(), layerIndex, getNIn(), getNOut());
        return LayerInstances.wire(new HebbianDescentOutputLayerImpl(conf, networkDataType), conf, trainingListeners, layerIndex,
                layerParamsView, initializeParams, initializer());
    }

    /** "HebbianDescentOutputLayer (index 2, name "out")", for error messages. */
    public String describe(int layerIndex) {
        return "HebbianDescentOutputLayer (index " + layerIndex
                + (getLayerName() == null ? "" : ", name \"" + getLayerName() + "\"") + ")";
    }

    /**
     * As DL4J's (nIn from the input type's size), except that an nIn that disagrees with the input
     * type fails, naming the layer, nIn and the input's size, when it was set explicitly on the builder
     * or when DL4J keeps set sizes ({@code overrideNinUponBuild(false)}); DL4J itself would silently
     * replace it.
     */
    @Override
    public void setNIn(InputType inputType, boolean override) {
        HebbianValidation.checkFeedForwardNIn(HebbianValidation.byName("HebbianDescentOutputLayer", getLayerName()), getNIn(),
                nInExplicit, inputType, override);
        super.setNIn(inputType, override);
    }

    @Override
    public ParamInitializer initializer() {
        return HebbianDescentParamInitializer.getInstance();
    }

    @Override
    public IUpdater getUpdaterByParam(String paramName) {
        if (HebbianDescentParamInitializer.MEAN_KEY.equals(paramName) || isDirectStep()) {
            return new NoOp();
        }
        return super.getUpdaterByParam(paramName);
    }

    @Override
    public List<Regularization> getRegularizationByParam(String paramName) {
        if (HebbianDescentParamInitializer.MEAN_KEY.equals(paramName) || isDirectStep()) {
            return Collections.emptyList();
        }
        return super.getRegularizationByParam(paramName);
    }

    /** Builder in DL4J's style. Defaults: sigmoid activation, MSE loss, no centering. */
    public static class Builder extends BaseOutputLayer.Builder<Builder> {
        private boolean centering = false;
        private double centeringMomentum = 0.0;
        /** The learning rate of direct mode; null: off (the network's updater takes the step). */
        private Double directStepLearningRate = null;

        public Builder() {
            this.activationFn = new ActivationSigmoid();
            this.lossFn = new LossMSE();
        }

        /** A builder with the given loss, whose {@code dL/dh} drives learning. */
        public Builder(LossFunctions.LossFunction lossFunction) {
            this();
            lossFunction(lossFunction);
        }

        /** A builder with the given loss, whose {@code dL/dh} drives learning. */
        public Builder(ILossFunction lossFunction) {
            this();
            lossFunction(lossFunction);
        }

        /**
         * Center the input by its running mean mu, {@code mu <- m mu + (1 - m) mean_b x} after each
         * batch (mu starts at 0); {@code momentum = 1} keeps mu as assigned. Default: no centering.
         *
         * @param momentum m in [0, 1]: the weight of the old mean
         */
        public Builder centering(double momentum) {
            this.centering = true;
            this.centeringMomentum = momentum;
            return this;
        }

        /**
         * Direct mode: the layer applies {@code W += learningRate * dW} and {@code b += learningRate * db}
         * itself, independent of the network's updater, regularization and minibatch division.
         * Default: unset, the network's updater takes the step. The rate must be positive and finite
         * (0 is refused: leave it unset instead, as for the hidden Hebbian layers).
         */
        public Builder directStep(double learningRate) {
            this.directStepLearningRate = learningRate;
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public HebbianDescentOutputLayer build() {
            String where = "HebbianDescentOutputLayer" + (layerName == null ? "" : " \"" + layerName + "\"");
            HebbianValidation.checkSizes(where, nIn, nOut);
            if (lossFn == null) {
                throw new IllegalArgumentException(where + ": lossFunction must not be null");
            }
            if (centering && !(centeringMomentum >= 0 && centeringMomentum <= 1)) {
                throw new IllegalArgumentException(where + ": centering momentum must be in [0, 1], got "
                        + centeringMomentum);
            }
            HebbianValidation.checkDirectStep(where, directStepLearningRate);
            return new HebbianDescentOutputLayer(this);
        }
    }
}
