package org.hebbian4j.zoo;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.distribution.UniformDistribution;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.nn.weights.WeightInitDistribution;
import org.hebbian4j.activations.LateralInhibitionActivation;
import org.hebbian4j.competition.LateralInhibition;
import org.hebbian4j.conf.HebbianDenseLayer;
import org.hebbian4j.conf.HebbianOutputLayer;
import org.hebbian4j.conf.LayerSizes;
import org.hebbian4j.homeostasis.GrowthFactor;
import org.hebbian4j.rules.SangerRule;
import org.hebbian4j.rules.SupervisedHebbRule;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Zhu and Liu's network ("Feature Selectors that Fire Together Wire Together", section 3, Figure 2)
 * built from library layers. Layer 0 is the feature selectors ({@link #SELECTOR_LAYER}), layer 1 the
 * classifier ({@link #CLASSIFIER_LAYER}).
 *
 * <ul>
 *   <li>The feature selectors: {@code HebbianDenseLayer}, Sanger's rule (eq. 3) on the
 *       lateral-inhibition activity {@code h = h~^lambda / max h~^lambda} (eq. 4), the exponential
 *       average growth factor (eq. 9-12), bias 0 (not learned); its output is h ({@link LateralInhibitionActivation}).</li>
 *   <li>The classifier: {@code HebbianOutputLayer} with {@link SupervisedHebbRule},
 *       {@code dS_ij = alpha (t_i - y_i) h_j} (eq. 13) with y = softmax(S h), no bias; after every step
 *       the weight of the first selector is set to 0 and each class's weights are divided by their
 *       largest ("max norm", section 3.2).</li>
 * </ul>
 * Both layers learn in the same pass ("both ... learned purely through a feed forward process"),
 * by {@code Sgd} on batch means. The prediction is the class with the largest output.
 *
 * <p>All settings have defaults (their MNIST network: 64 selectors, lambda 10, weights U(0, 1) as in the
 * authors' code); the network's data type is FLOAT.
 *
 * <p>Z. Zhu, S. Liu, "Feature Selectors that Fire Together Wire Together", sections 3-4.
 */
public final class ZhuLiuNet {

    /** Index of the feature selectors. */
    public static final int SELECTOR_LAYER = 0;
    /** Index of the supervised Hebbian classifier. */
    public static final int CLASSIFIER_LAYER = 1;

    private double lambda = 10;
    private int nIn = 784;
    private int hidden = 64;
    private int classes = 10;
    private double learningRate = 0.01;
    private double growthStrength = 0.01;
    private double growthMomentum = 0.99;
    private boolean growthSigned = true;
    private IWeightInit selectorInit = uniform01();
    private IWeightInit classifierInit = uniform01();
    private long seed = 42;

    /** U(0, 1), the initialization of the authors' public code. */
    public static IWeightInit uniform01() {
        return new WeightInitDistribution(new UniformDistribution(0, 1));
    }

    /** Inhibition strength lambda (eq. 4). Default 10. */
    public ZhuLiuNet lambda(double lambda) {
        this.lambda = lambda;
        return this;
    }

    /** Input width. Default 784 (28x28 images). */
    public ZhuLiuNet nIn(int nIn) {
        this.nIn = nIn;
        return this;
    }

    /** Feature selectors. Default 64. */
    public ZhuLiuNet hidden(int hidden) {
        this.hidden = hidden;
        return this;
    }

    /** Classes. Default 10. */
    public ZhuLiuNet classes(int classes) {
        this.classes = classes;
        return this;
    }

    /**
     * Sgd rate of both layers on batch means: the paper's per-example alpha times the batch size. Default 0.01
     * (their alpha at batch 1).
     */
    public ZhuLiuNet learningRate(double learningRate) {
        this.learningRate = learningRate;
        return this;
    }

    /** Epsilon of the growth factor (eq. 11). Default 0.01. */
    public ZhuLiuNet growthStrength(double growthStrength) {
        this.growthStrength = growthStrength;
        return this;
    }

    /** Gamma of the growth factor's exponential average (eq. 9; not given by the paper). Default 0.99. */
    public ZhuLiuNet growthMomentum(double growthMomentum) {
        this.growthMomentum = growthMomentum;
        return this;
    }

    /**
     * Whether negative weights are divided by the growth factor, as the authors' code reads eq. 10's f_ij
     * (false: whole neurons are scaled by f). Default true.
     */
    public ZhuLiuNet growthSigned(boolean growthSigned) {
        this.growthSigned = growthSigned;
        return this;
    }

    /** Initial selector weights. Default {@link #uniform01()}. */
    public ZhuLiuNet selectorInit(IWeightInit selectorInit) {
        this.selectorInit = selectorInit;
        return this;
    }

    /** Initial classifier weights. Default {@link #uniform01()}. */
    public ZhuLiuNet classifierInit(IWeightInit classifierInit) {
        this.classifierInit = classifierInit;
        return this;
    }

    /** Seed of the weight initialization. Default 42. */
    public ZhuLiuNet seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** The configuration: selectors and classifier (layer sizes checked by {@link LayerSizes}). */
    public MultiLayerConfiguration conf() {
        return LayerSizes.check(builder()
                .layer(SELECTOR_LAYER, new HebbianDenseLayer.Builder().name("selectors").nIn(nIn).nOut(hidden)
                        .biasInit(0.0).weightInit(selectorInit)
                        .rule(new SangerRule()).competition(new LateralInhibition(lambda))
                        .homeostasis(new GrowthFactor(growthMomentum, growthStrength, growthSigned))
                        .activation(new LateralInhibitionActivation(lambda)).build())
                .layer(CLASSIFIER_LAYER, classifier())
                .build());
    }

    /**
     * The classifier alone (inputs: the selectors' output h): trained on frozen features it shows what the
     * classifier reaches on them, apart from learning them while they change.
     */
    public MultiLayerConfiguration classifierConf() {
        return builder().layer(0, classifier()).build();
    }

    private NeuralNetConfiguration.ListBuilder builder() {
        return new NeuralNetConfiguration.Builder()
                .seed(seed).dataType(DataType.FLOAT).updater(new Sgd(learningRate)).list();
    }

    private Layer classifier() {
        return new HebbianOutputLayer.Builder(LossFunctions.LossFunction.MCXENT).name("classifier")
                .nIn(hidden).nOut(classes).hasBias(false).weightInit(classifierInit)
                .rule(new SupervisedHebbRule()).normalizeByLargestWeight(true).zeroLeadingInputs(1).build();
    }

    @Override
    public String toString() {
        return "ZhuLiuNet{lambda=" + lambda + ", nIn=" + nIn + ", hidden=" + hidden + ", classes=" + classes
                + ", learningRate=" + learningRate + ", growthStrength=" + growthStrength + ", growthMomentum="
                + growthMomentum + ", growthSigned=" + growthSigned + ", selectorInit=" + selectorInit
                + ", classifierInit=" + classifierInit + ", seed=" + seed + "}";
    }
}
