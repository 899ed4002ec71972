package org.hebbian4j.zoo;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.hebbian4j.competition.Competition;
import org.hebbian4j.competition.SoftWta;
import org.hebbian4j.conf.HebbianDenseLayer;
import org.hebbian4j.conf.LayerSizes;
import org.hebbian4j.homeostasis.Homeostasis;
import org.hebbian4j.homeostasis.NoHomeostasis;
import org.hebbian4j.rules.LearningRule;
import org.hebbian4j.rules.SoftHebbRule;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The hybrid MLP "H G": one Hebbian dense layer (unsupervised, local rule) below a softmax
 * classifier trained by backprop. Layer 0 is the Hebbian layer ({@link #HEBBIAN_LAYER}), layer 1
 * the classifier ({@link #CLASSIFIER_LAYER}).
 *
 * <p>All settings have defaults; the network's data type is FLOAT.
 */
public final class HybridMlp {

    /** Index of the Hebbian layer. */
    public static final int HEBBIAN_LAYER = 0;
    /** Index of the softmax classifier. */
    public static final int CLASSIFIER_LAYER = 1;

    private int nIn = 784;
    private int hidden = 2000;
    private int classes = 10;
    private LearningRule rule = new SoftHebbRule();
    private Competition competition = new SoftWta(1.0);
    private Homeostasis homeostasis = new NoHomeostasis();
    private IActivation activation = Activation.RELU.getActivationFunction();
    private IUpdater hebbianUpdater = new Sgd(0.05);
    private IUpdater classifierUpdater = new Adam(1e-3);
    private boolean normalizeWeights = false;
    private long seed = 42;

    /** Input width. Default 784 (28x28 images). */
    public HybridMlp nIn(int nIn) {
        this.nIn = nIn;
        return this;
    }

    /** Hebbian units. Default 2000. */
    public HybridMlp hidden(int hidden) {
        this.hidden = hidden;
        return this;
    }

    /** Classes. Default 10. */
    public HybridMlp classes(int classes) {
        this.classes = classes;
        return this;
    }

    /** Learning rule of the Hebbian layer. Default SoftHebb. */
    public HybridMlp rule(LearningRule rule) {
        this.rule = rule;
        return this;
    }

    /** Competition of the Hebbian layer. Default {@code SoftWta(1.0)}. */
    public HybridMlp competition(Competition competition) {
        this.competition = competition;
        return this;
    }

    /** Homeostasis of the Hebbian layer against dead neurons. Default none. */
    public HybridMlp homeostasis(Homeostasis homeostasis) {
        this.homeostasis = homeostasis;
        return this;
    }

    /** Activation of the Hebbian layer's output. Default ReLU. */
    public HybridMlp activation(IActivation activation) {
        this.activation = activation;
        return this;
    }

    /** Updater taking the Hebbian step ({@code W += lr dW} with {@code Sgd(lr)}). Default {@code Sgd(0.05)}. */
    public HybridMlp hebbianUpdater(IUpdater hebbianUpdater) {
        this.hebbianUpdater = hebbianUpdater;
        return this;
    }

    /** Updater of the classifier. Default {@code Adam(1e-3)}. */
    public HybridMlp classifierUpdater(IUpdater classifierUpdater) {
        this.classifierUpdater = classifierUpdater;
        return this;
    }

    /** Unit-norm weight vectors after every Hebbian step. Default false. */
    public HybridMlp normalizeWeights(boolean normalizeWeights) {
        this.normalizeWeights = normalizeWeights;
        return this;
    }

    /** Seed of the weight initialization. Default 42. */
    public HybridMlp seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** The configuration (layer sizes checked by {@link LayerSizes}). */
    public MultiLayerConfiguration conf() {
        return LayerSizes.check(new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .weightInit(WeightInit.XAVIER)
                .updater(classifierUpdater)
                .list()
                .layer(HEBBIAN_LAYER, new HebbianDenseLayer.Builder()
                        .name("hebbian")
                        .nIn(nIn).nOut(hidden)
                        .rule(rule).competition(competition).homeostasis(homeostasis)
                        .activation(activation)
                        .normalizeWeights(normalizeWeights)
                        .updater(hebbianUpdater)
                        .build())
                .layer(CLASSIFIER_LAYER, new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .name("classifier")
                        .nIn(hidden).nOut(classes)
                        .activation(Activation.SOFTMAX)
                        .build())
                .build());
    }

    @Override
    public String toString() {
        return "HybridMlp{nIn=" + nIn + ", hidden=" + hidden + ", classes=" + classes + ", rule=" + rule
                + ", competition=" + competition + ", homeostasis=" + homeostasis + ", activation=" + activation + ", hebbianUpdater="
                + hebbianUpdater + ", classifierUpdater=" + classifierUpdater + ", normalizeWeights="
                + normalizeWeights + ", seed=" + seed + "}";
    }
}
