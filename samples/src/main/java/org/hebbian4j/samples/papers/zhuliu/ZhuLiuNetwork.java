package org.hebbian4j.samples.papers.zhuliu;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.distribution.UniformDistribution;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.weights.WeightInitDistribution;
import org.hebbian4j.activations.LateralInhibitionActivation;
import org.hebbian4j.competition.LateralInhibition;
import org.hebbian4j.conf.HebbianDenseLayer;
import org.hebbian4j.conf.HebbianOutputLayer;
import org.hebbian4j.homeostasis.GrowthFactor;
import org.hebbian4j.rules.SangerRule;
import org.hebbian4j.rules.SupervisedHebbRule;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.Locale;

/**
 * Zhu and Liu's network ("Feature Selectors that Fire Together Wire Together", section 3, Figure 2)
 * built from library layers, and the measurements of their section 4.2 on its classifier.
 *
 * <ul>
 *   <li>Layer 0, the feature selectors: {@code HebbianDenseLayer}, Sanger's rule (eq. 3) on the
 *       lateral-inhibition activity {@code h = h~^lambda / max h~^lambda} (eq. 4), the exponential
 *       average growth factor (eq. 9-12), bias 0 (not learned); its output is h ({@link LateralInhibitionActivation}).</li>
 *   <li>Layer 1, the classifier: {@code HebbianOutputLayer} with {@link SupervisedHebbRule},
 *       {@code dS_ij = alpha (t_i - y_i) h_j} (eq. 13) with y = softmax(S h), no bias; after every step
 *       the weight of the first selector is set to 0 and each class's weights are divided by their
 *       largest ("max norm", section 3.2).</li>
 * </ul>
 * Both layers learn in the same pass ("both ... learned purely through a feed forward process"),
 * by {@code Sgd} on batch means. The prediction is the class with the largest output.
 */
public final class ZhuLiuNetwork {

    private ZhuLiuNetwork() {
    }

    /**
     * The network's hyperparameters.
     *
     * @param lambda          inhibition strength (eq. 4)
     * @param hidden          number of feature selectors
     * @param learningRate    Sgd rate of both layers on batch means (the paper's per-example alpha times the batch size)
     * @param growthStrength  epsilon of the growth factor (eq. 11)
     * @param growthMomentum  gamma of the exponential average (eq. 9)
     * @param growthSigned    whether negative weights are divided by the growth factor (the authors' code)
     * @param selectorInit    "uniform01" or a DL4J {@link WeightInit} name
     * @param classifierInit  the same, for the classifier
     * @param seed            of the initialization
     */
    record Setup(double lambda, int hidden, double learningRate, double growthStrength, double growthMomentum,
                 boolean growthSigned, String selectorInit, String classifierInit, long seed) {
    }

    static MultiLayerNetwork build(Setup s, int nIn, int classes) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(s.seed()).dataType(DataType.FLOAT).updater(new Sgd(s.learningRate())).list()
                .layer(new HebbianDenseLayer.Builder().name("selectors").nIn(nIn).nOut(s.hidden()).biasInit(0.0)
                        .weightInit(weightInit(s.selectorInit()))
                        .rule(new SangerRule()).competition(new LateralInhibition(s.lambda()))
                        .homeostasis(new GrowthFactor(s.growthMomentum(), s.growthStrength(), s.growthSigned()))
                        .activation(new LateralInhibitionActivation(s.lambda())).build())
                .layer(classifier(s, classes))
                .build());
        net.init();
        return net;
    }

    /**
     * The classifier alone, for a diagnostic: trained on frozen selector outputs h it shows what the
     * classifier reaches on the final features, apart from learning them while they change.
     */
    static MultiLayerNetwork classifierOnly(Setup s, int classes) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(s.seed()).dataType(DataType.FLOAT).updater(new Sgd(s.learningRate())).list()
                .layer(classifier(s, classes)).build());
        net.init();
        return net;
    }

    private static HebbianOutputLayer classifier(Setup s, int classes) {
        return new HebbianOutputLayer.Builder(LossFunctions.LossFunction.MCXENT).name("classifier")
                .nIn(s.hidden()).nOut(classes).hasBias(false).weightInit(weightInit(s.classifierInit()))
                .rule(new SupervisedHebbRule()).normalizeByLargestWeight(true).zeroLeadingInputs(1).build();
    }

    /** "uniform01" (U(0, 1), the authors' public code) or a DL4J {@link WeightInit} name. */
    static IWeightInit weightInit(String name) {
        if (name.equalsIgnoreCase("uniform01")) {
            return new WeightInitDistribution(new UniformDistribution(0, 1));
        }
        try {
            return WeightInit.valueOf(name.toUpperCase(Locale.ROOT)).getWeightInitFunction();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown weight initialization '" + name
                    + "'; use uniform01 or a DL4J WeightInit name such as XAVIER, UNIFORM, NORMAL");
        }
    }

    /**
     * Share of classifier weights above {@code beta}: Zhu and Liu's "active" selectors at cutoff beta
     * (section 4.2, Figure 5), per (selector, class) pair.
     *
     * @param weights the classifier's W {@code [selectors, classes]}, each class divided by its largest
     */
    static double shareAbove(INDArray weights, double beta) {
        return weights.castTo(DataType.DOUBLE).gt(beta).castTo(DataType.DOUBLE).meanNumber().doubleValue();
    }

    /**
     * Our reading of the "low weight selectors (%)" of Zhu and Liu's Table 1: among the positive
     * ("active", above beta = 0) classifier weights, the share at or below {@code beta}. The paper
     * defines neither the percentage nor the cutoff behind it; its classifier weights are on the scale
     * this classifier has too (each class divided by its largest weight, so the largest is 1).
     * NaN if no weight is positive.
     */
    static double lowWeightShare(INDArray weights, double beta) {
        INDArray w = weights.castTo(DataType.DOUBLE);
        double positive = w.gt(0).castTo(DataType.DOUBLE).sumNumber().doubleValue();
        double high = w.gt(beta).castTo(DataType.DOUBLE).sumNumber().doubleValue();
        return positive == 0 ? Double.NaN : (positive - high) / positive;
    }
}
