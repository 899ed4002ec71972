package org.hebbian4j.samediff;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.hebbian4j.competition.Competition;
import org.hebbian4j.conf.HebbianDenseLayer;
import org.hebbian4j.homeostasis.Homeostasis;
import org.hebbian4j.rules.LearningRule;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** The graphs and reference networks the SameDiff tests train. */
final class SameDiffGraphs {

    static final int N_IN = 10;
    static final int N_OUT = 6;
    static final int N_CLASSES = 3;

    private SameDiffGraphs() {
    }

    /** Features uniform in [0, 1) and one-hot labels (sample s in class s mod nClasses), from {@code seed}. */
    static DataSet data(DataType type, int batch, long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray features = Nd4j.rand(type, batch, N_IN);
        INDArray labels = Nd4j.zeros(type, batch, N_CLASSES);
        for (int s = 0; s < batch; s++) {
            labels.putScalar(s, s % N_CLASSES, 1.0);
        }
        return new DataSet(features, labels);
    }

    /** HebbianDenseLayer (ReLU) -> softmax output, trained by {@code updater}: the reference. */
    static MultiLayerNetwork reference(DataType type, IUpdater updater, LearningRule rule, Competition competition,
                                       Homeostasis homeostasis) {
        HebbianDenseLayer hebbian = new HebbianDenseLayer.Builder().nIn(N_IN).nOut(N_OUT).rule(rule).competition(competition)
                .homeostasis(homeostasis).normalizeWeights(rule.requiresNormalizedWeights())
                .activation(Activation.RELU).build();
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(42).dataType(type)
                .weightInit(WeightInit.XAVIER).updater(updater).list().layer(hebbian)
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(N_OUT).nOut(N_CLASSES)
                        .activation(Activation.SOFTMAX).build()).build());
        net.init();
        return net;
    }

    /**
     * in [-1, N_IN] -> u1 = in W1 (W1 a copy of {@code w1}) -> relu -> h1 W2 + b2 -> softmax cross-entropy
     * "loss"; W1 not yet marked Hebbian.
     */
    static SameDiff graph(INDArray w1, IUpdater updater) {
        DataType type = w1.dataType();
        SameDiff sd = SameDiff.create();
        SDVariable in = sd.placeHolder("in", type, -1, N_IN);
        SDVariable label = sd.placeHolder("label", type, -1, N_CLASSES);
        SDVariable weights = sd.var("W1", w1.dup('c'));
        SDVariable u1 = in.mmul("u1", weights);
        SDVariable h1 = sd.nn.relu("h1", u1, 0);
        Nd4j.getRandom().setSeed(7);
        SDVariable w2 = sd.var("W2", Nd4j.randn(type, N_OUT, N_CLASSES).muli(0.3));
        SDVariable b2 = sd.var("b2", Nd4j.zeros(type, 1, N_CLASSES));
        SDVariable logits = h1.mmul(w2).add("logits", b2);
        sd.loss.softmaxCrossEntropy("loss", label, logits, null);
        sd.setTrainingConfig(TrainingConfig.builder().updater(updater).dataSetFeatureMapping("in")
                .dataSetLabelMapping("label").build());
        return sd;
    }
}
