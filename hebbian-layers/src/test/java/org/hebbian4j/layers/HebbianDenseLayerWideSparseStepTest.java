package org.hebbian4j.layers;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.hebbian4j.competition.Competition;
import org.hebbian4j.competition.HardWta;
import org.hebbian4j.competition.KWta;
import org.hebbian4j.competition.NoCompetition;
import org.hebbian4j.competition.RankKAntiHebbian;
import org.hebbian4j.conf.HebbianDenseLayer;
import org.hebbian4j.rules.InstarRule;
import org.hebbian4j.rules.KrotovRule;
import org.hebbian4j.rules.LearningRule;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.hebbian4j.layers.LayerTestSupport.assertMatrixEquals;
import static org.hebbian4j.layers.LayerTestSupport.assertStepIsMeasurable;
import static org.hebbian4j.layers.LayerTestSupport.randomDataSet;
import static org.hebbian4j.layers.LayerTestSupport.tolerance;
import static org.hebbian4j.layers.NaiveHebbianReference.preActivation;
import static org.hebbian4j.layers.NaiveHebbianReference.ruleUpdate;
import static org.hebbian4j.layers.NaiveHebbianReference.stepped;
import static org.hebbian4j.layers.NaiveHebbianReference.tanh;

/**
 * One training step of a WIDE {@link HebbianDenseLayer} (600 neurons: wide enough for the rules'
 * sparse path, which updates only the rows the winner-take-all competition selects) moves the
 * weights exactly as the naive per-sample reference says: Instar under WTA, k-WTA and rank-k,
 * Krotov-Hopfield (p = 2 from the layer's own pre-activation minus a nonzero bias, and p = 3), at the
 * bottom of the network and above a backprop layer, in default and direct mode.
 */
class HebbianDenseLayerWideSparseStepTest {

    private static final int N_IN = 10;
    private static final int N_HIDDEN_BELOW = 12;
    private static final int N_OUT = 600;
    private static final int N_CLASSES = 3;
    private static final int BATCH = 24;
    private static final double LEARNING_RATE = 0.05;
    private static final double HEBBIAN_BIAS = 0.05;

    static Stream<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        Object[][] rules = {
                {new InstarRule(), new HardWta()},
                {new InstarRule(), new KWta(2)},
                {new InstarRule(), new RankKAntiHebbian(2, 0.4)},
                {new KrotovRule(2, 2, 0.4), new NoCompetition()},
                {new KrotovRule(3, 2, 0.4), new NoCompetition()}};
        for (Object[] rc : rules) {
            for (int index : new int[]{0, 1}) {
                for (DataType dataType : new DataType[]{DataType.DOUBLE, DataType.FLOAT}) {
                    for (boolean direct : new boolean[]{false, true}) {
                        all.add(Arguments.of(rc[0], rc[1], index, dataType, direct));
                    }
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} + {1}, Hebbian layer at index {2}, {3}, direct {4}")
    @MethodSource("cases")
    void oneFitStepMovesWeightsAsTheNaiveReference(LearningRule rule, Competition competition, int hebbianIndex,
                                                   DataType dataType, boolean direct) {
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder().seed(42).dataType(dataType)
                .weightInit(WeightInit.XAVIER).updater(direct ? new Adam(0.3) : new Sgd(LEARNING_RATE)).list();
        if (hebbianIndex == 1) {
            list.layer(new DenseLayer.Builder().nIn(N_IN).nOut(N_HIDDEN_BELOW).activation(Activation.TANH).build());
        }
        HebbianDenseLayer.Builder hebbian = new HebbianDenseLayer.Builder().nIn(hebbianIndex == 0 ? N_IN : N_HIDDEN_BELOW)
                .nOut(N_OUT).rule(rule).competition(competition).biasInit(HEBBIAN_BIAS).activation(Activation.RELU);
        if (direct) {
            hebbian.directStep(LEARNING_RATE);
        }
        MultiLayerConfiguration conf = list.layer(hebbian.build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(N_OUT).nOut(N_CLASSES)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        DataSet data = randomDataSet(dataType, BATCH, N_IN, N_CLASSES, 61);
        double[][] x = data.getFeatures().toDoubleMatrix();
        if (hebbianIndex == 1) {
            x = tanh(preActivation(x, net.getLayer(0).getParam("W").toDoubleMatrix(),
                    net.getLayer(0).getParam("b").toDoubleVector()));
        }
        double[][] w = net.getLayer(hebbianIndex).getParam("W").toDoubleMatrix();
        double[] b = net.getLayer(hebbianIndex).getParam("b").toDoubleVector();
        double[][] expected = stepped(w, ruleUpdate(rule, competition, x, w, b), LEARNING_RATE);
        assertStepIsMeasurable(w, expected, tolerance(dataType));

        net.fit(data);

        assertMatrixEquals(expected, net.getLayer(hebbianIndex).getParam("W"), tolerance(dataType),
                "W of the wide Hebbian layer after one fit step");
    }
}
