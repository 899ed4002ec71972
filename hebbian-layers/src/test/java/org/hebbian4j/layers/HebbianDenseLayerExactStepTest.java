package org.hebbian4j.layers;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.hebbian4j.competition.Competition;
import org.hebbian4j.competition.HardWta;
import org.hebbian4j.competition.KWta;
import org.hebbian4j.competition.NoCompetition;
import org.hebbian4j.competition.PowerSoftWta;
import org.hebbian4j.competition.SoftWta;
import org.hebbian4j.conf.HebbianDenseLayer;
import org.hebbian4j.rules.HebbRule;
import org.hebbian4j.rules.InstarRule;
import org.hebbian4j.rules.LearningRule;
import org.hebbian4j.rules.OjaRule;
import org.hebbian4j.rules.SoftHebbRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import static org.hebbian4j.layers.LayerTestSupport.assertMatrixEquals;
import static org.hebbian4j.layers.LayerTestSupport.assertStepIsMeasurable;
import static org.hebbian4j.layers.LayerTestSupport.randomDataSet;
import static org.hebbian4j.layers.LayerTestSupport.tolerance;
import static org.hebbian4j.layers.NaiveHebbianReference.preActivation;
import static org.hebbian4j.layers.NaiveHebbianReference.relu;
import static org.hebbian4j.layers.NaiveHebbianReference.ruleUpdate;
import static org.hebbian4j.layers.NaiveHebbianReference.stepped;
import static org.hebbian4j.layers.NaiveHebbianReference.tanh;

/**
 * One training step of a network holding a {@link HebbianDenseLayer} moves the layer's weights by
 * exactly {@code lr * dW}, with dW the rule's batch-mean update computed by a naive per-sample
 * loop ({@link NaiveHebbianReference}), in MultiLayerNetwork and ComputationGraph, in double and
 * float, at the bottom of the network and above a backprop layer.
 */
class HebbianDenseLayerExactStepTest {

    private static final int N_IN = 10;
    private static final int N_HIDDEN_BELOW = 12;
    private static final int N_OUT = 6;
    private static final int N_CLASSES = 3;
    private static final int BATCH = 16;
    private static final double LEARNING_RATE = 0.05;
    private static final double HEBBIAN_BIAS = 0.05;

    static Stream<Arguments> ruleCompetitionCombinations() {
        return Stream.of(
                Arguments.of(new SoftHebbRule(), new SoftWta(0.5)),
                Arguments.of(new InstarRule(), new HardWta()),
                Arguments.of(new OjaRule(), new NoCompetition()),
                Arguments.of(new InstarRule(), new KWta(3)),
                Arguments.of(new InstarRule(), new PowerSoftWta(20)),
                Arguments.of(new HebbRule(), new HardWta()));
    }

    static Stream<Arguments> combinationsPositionsAndDataTypes() {
        List<Arguments> all = new ArrayList<>();
        ruleCompetitionCombinations().forEach(rc -> {
            for (int index : new int[]{0, 1}) {
                for (DataType dataType : new DataType[]{DataType.DOUBLE, DataType.FLOAT}) {
                    all.add(Arguments.of(rc.get()[0], rc.get()[1], index, dataType));
                }
            }
        });
        return all.stream();
    }

    static Stream<Arguments> combinationsAndPositions() {
        List<Arguments> all = new ArrayList<>();
        ruleCompetitionCombinations().forEach(rc -> {
            for (int index : new int[]{0, 1}) {
                all.add(Arguments.of(rc.get()[0], rc.get()[1], index));
            }
        });
        return all.stream();
    }

    private static HebbianDenseLayer.Builder hebbian(int nIn, LearningRule rule, Competition competition) {
        return new HebbianDenseLayer.Builder().nIn(nIn).nOut(N_OUT).rule(rule).competition(competition)
                .biasInit(HEBBIAN_BIAS).activation(Activation.RELU);
    }

    private static DenseLayer denseBelow() {
        return new DenseLayer.Builder().nIn(N_IN).nOut(N_HIDDEN_BELOW).activation(Activation.TANH).build();
    }

    private static OutputLayer output(int nIn) {
        return new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(nIn).nOut(N_CLASSES)
                .activation(Activation.SOFTMAX).build();
    }

    /** Dense(tanh) below (if hebbianIndex is 1), the Hebbian layer, an output layer. */
    private static MultiLayerNetwork network(NeuralNetConfiguration.Builder base, int hebbianIndex,
                                             HebbianDenseLayer.Builder hebbian) {
        NeuralNetConfiguration.ListBuilder list = base.list();
        if (hebbianIndex == 1) {
            list.layer(denseBelow());
        }
        MultiLayerConfiguration conf = list.layer(hebbian.build()).layer(output(N_OUT)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    private static NeuralNetConfiguration.Builder base(DataType dataType) {
        return new NeuralNetConfiguration.Builder().seed(42).dataType(dataType).weightInit(WeightInit.XAVIER);
    }

    /** The Hebbian layer's input as the naive forward pass of the layers below computes it. */
    private static double[][] naiveInputOfHebbianLayer(double[][] features, int hebbianIndex,
                                                       INDArray denseW, INDArray denseB) {
        if (hebbianIndex == 0) {
            return features;
        }
        return tanh(preActivation(features, denseW.toDoubleMatrix(), denseB.toDoubleVector()));
    }

    @ParameterizedTest(name = "{0} + {1}, Hebbian layer at index {2}, {3}")
    @MethodSource("combinationsPositionsAndDataTypes")
    void oneFitStepWithSgdMovesWeightsByLearningRateTimesRule(LearningRule rule, Competition competition,
                                                             int hebbianIndex, DataType dataType) {
        MultiLayerNetwork net = network(base(dataType).updater(new Sgd(LEARNING_RATE)), hebbianIndex,
                hebbian(hebbianIndex == 0 ? N_IN : N_HIDDEN_BELOW, rule, competition));
        DataSet data = randomDataSet(dataType, BATCH, N_IN, N_CLASSES, 7);

        double[][] x = naiveInputOfHebbianLayer(data.getFeatures().toDoubleMatrix(), hebbianIndex,
                hebbianIndex == 1 ? net.getLayer(0).getParam("W") : null,
                hebbianIndex == 1 ? net.getLayer(0).getParam("b") : null);
        double[][] w = net.getLayer(hebbianIndex).getParam("W").toDoubleMatrix();
        double[] b = net.getLayer(hebbianIndex).getParam("b").toDoubleVector();
        double[][] expected = stepped(w, ruleUpdate(rule, competition, x, w, b), LEARNING_RATE);
        assertStepIsMeasurable(w, expected, tolerance(dataType));

        net.fit(data);

        assertMatrixEquals(expected, net.getLayer(hebbianIndex).getParam("W"), tolerance(dataType),
                "W of the Hebbian layer after one fit step");
    }

    @ParameterizedTest(name = "{0} + {1}, Hebbian layer at index {2}")
    @MethodSource("combinationsAndPositions")
    void directStepMovesWeightsByItsOwnLearningRateWhateverTheNetworkUpdater(LearningRule rule, Competition competition,
                                                                            int hebbianIndex) {
        double directRate = 0.03;
        MultiLayerNetwork net = network(base(DataType.DOUBLE).updater(new Adam(0.01)), hebbianIndex,
                hebbian(hebbianIndex == 0 ? N_IN : N_HIDDEN_BELOW, rule, competition).directStep(directRate));
        DataSet data = randomDataSet(DataType.DOUBLE, BATCH, N_IN, N_CLASSES, 11);

        double[][] x = naiveInputOfHebbianLayer(data.getFeatures().toDoubleMatrix(), hebbianIndex,
                hebbianIndex == 1 ? net.getLayer(0).getParam("W") : null,
                hebbianIndex == 1 ? net.getLayer(0).getParam("b") : null);
        double[][] w = net.getLayer(hebbianIndex).getParam("W").toDoubleMatrix();
        double[] b = net.getLayer(hebbianIndex).getParam("b").toDoubleVector();
        double[][] expected = stepped(w, ruleUpdate(rule, competition, x, w, b), directRate);
        assertStepIsMeasurable(w, expected, 1e-10);

        net.fit(data);

        assertMatrixEquals(expected, net.getLayer(hebbianIndex).getParam("W"), 1e-10,
                "W after one direct step under Adam");
    }

    @Test
    void directStepIgnoresTheNetworksL2AndWeightDecay() {
        double directRate = 0.03;
        LearningRule rule = new SoftHebbRule();
        Competition competition = new SoftWta(0.5);
        MultiLayerNetwork net = network(base(DataType.DOUBLE).updater(new Adam(0.01)).l2(0.5).weightDecay(0.1), 1,
                hebbian(N_HIDDEN_BELOW, rule, competition).directStep(directRate));
        DataSet data = randomDataSet(DataType.DOUBLE, BATCH, N_IN, N_CLASSES, 13);

        double[][] x = naiveInputOfHebbianLayer(data.getFeatures().toDoubleMatrix(), 1,
                net.getLayer(0).getParam("W"), net.getLayer(0).getParam("b"));
        double[][] w = net.getLayer(1).getParam("W").toDoubleMatrix();
        double[] b = net.getLayer(1).getParam("b").toDoubleVector();
        double[][] expected = stepped(w, ruleUpdate(rule, competition, x, w, b), directRate);

        net.fit(data);

        assertMatrixEquals(expected, net.getLayer(1).getParam("W"), 1e-10, "W after one direct step with l2 configured");
    }

    @Test
    void defaultModeAppliesTheNetworksL2ToTheHebbianWeights() {
        // Default mode hands -dW to the updater like any gradient: with L2 coefficient l2 DL4J adds
        // l2 * W to it, so Sgd(lr) gives W + lr * dW - lr * l2 * W.
        double l2 = 0.5;
        LearningRule rule = new OjaRule();
        Competition competition = new NoCompetition();
        MultiLayerNetwork net = network(base(DataType.DOUBLE).updater(new Sgd(LEARNING_RATE)).l2(l2), 0,
                hebbian(N_IN, rule, competition));
        DataSet data = randomDataSet(DataType.DOUBLE, BATCH, N_IN, N_CLASSES, 17);

        double[][] x = data.getFeatures().toDoubleMatrix();
        double[][] w = net.getLayer(0).getParam("W").toDoubleMatrix();
        double[] b = net.getLayer(0).getParam("b").toDoubleVector();
        double[][] expected = stepped(w, ruleUpdate(rule, competition, x, w, b), LEARNING_RATE);
        for (int j = 0; j < w.length; j++) {
            for (int i = 0; i < w[j].length; i++) {
                expected[j][i] -= LEARNING_RATE * l2 * w[j][i];
            }
        }

        net.fit(data);

        assertMatrixEquals(expected, net.getLayer(0).getParam("W"), 1e-10, "W after one Sgd step with l2");
    }

    @ParameterizedTest(name = "{0} + {1}, Hebbian vertex above {2} backprop vertex(es)")
    @MethodSource("combinationsAndPositions")
    void oneFitStepInComputationGraphMovesWeightsByLearningRateTimesRule(LearningRule rule, Competition competition,
                                                                        int hebbianIndex) {
        ComputationGraphConfiguration.GraphBuilder graph = base(DataType.DOUBLE).updater(new Sgd(LEARNING_RATE))
                .graphBuilder().addInputs("in");
        String below = "in";
        if (hebbianIndex == 1) {
            graph.addLayer("dense", denseBelow(), "in");
            below = "dense";
        }
        graph.addLayer("hebb", hebbian(hebbianIndex == 0 ? N_IN : N_HIDDEN_BELOW, rule, competition).build(), below)
                .addLayer("out", output(N_OUT), "hebb")
                .setOutputs("out");
        ComputationGraph net = new ComputationGraph(graph.build());
        net.init();
        DataSet data = randomDataSet(DataType.DOUBLE, BATCH, N_IN, N_CLASSES, 19);

        double[][] x = naiveInputOfHebbianLayer(data.getFeatures().toDoubleMatrix(), hebbianIndex,
                hebbianIndex == 1 ? net.getLayer("dense").getParam("W") : null,
                hebbianIndex == 1 ? net.getLayer("dense").getParam("b") : null);
        double[][] w = net.getLayer("hebb").getParam("W").toDoubleMatrix();
        double[] b = net.getLayer("hebb").getParam("b").toDoubleVector();
        double[][] expected = stepped(w, ruleUpdate(rule, competition, x, w, b), LEARNING_RATE);
        assertStepIsMeasurable(w, expected, 1e-10);

        net.fit(data);

        assertMatrixEquals(expected, net.getLayer("hebb").getParam("W"), 1e-10, "W of the Hebbian vertex after one fit step");
    }

    @Test
    void kWtaRewardsExactlyKWinnersWhenPreActivationsTie() {
        // Samples 0, 3 and 6 are all-zero inputs with zero bias: every neuron's u is 0, a k-way tie
        // that k-WTA must break into exactly k winners (the lowest indices), never fewer or repeated.
        int winners = 3;
        LearningRule rule = new InstarRule();
        Competition competition = new KWta(winners);
        MultiLayerNetwork net = network(base(DataType.DOUBLE).updater(new Sgd(LEARNING_RATE)), 0,
                hebbian(N_IN, rule, competition).biasInit(0.0));
        DataSet data = randomDataSet(DataType.DOUBLE, 8, N_IN, N_CLASSES, 47);
        for (int s = 0; s < 8; s += 3) {
            data.getFeatures().getRow(s).assign(0.0);
        }
        double[][] x = data.getFeatures().toDoubleMatrix();
        double[][] w = net.getLayer(0).getParam("W").toDoubleMatrix();
        double[] b = net.getLayer(0).getParam("b").toDoubleVector();
        double[][] expected = stepped(w, ruleUpdate(rule, competition, x, w, b), LEARNING_RATE);

        INDArray activity = competition.compete(data.getFeatures().mmul(net.getLayer(0).getParam("W")));
        for (int s = 0; s < 8; s++) {
            double[] row = activity.getRow(s).toDoubleVector();
            assertEquals(winners, java.util.Arrays.stream(row).filter(v -> v == 1.0).count(), "winners of sample " + s);
            assertEquals(winners, java.util.Arrays.stream(row).sum(), "total reward of sample " + s);
        }
        net.fit(data);

        assertMatrixEquals(expected, net.getLayer(0).getParam("W"), 1e-10, "W after one instar/k-WTA step with ties");
    }

    // Two stacked Hebbian layers: the lower one by SoftHebb under the network's Sgd, the upper one
    // by instar/WTA under its own Sgd rate; the upper one's input is relu(u) of the lower one
    // before the step.
    private static final double UPPER_RATE = 0.2;
    private static final int N_UPPER = 5;

    private static HebbianDenseLayer lowerHebbian() {
        return hebbian(N_IN, new SoftHebbRule(), new SoftWta(0.5)).build();
    }

    private static HebbianDenseLayer upperHebbian() {
        return new HebbianDenseLayer.Builder().nIn(N_OUT).nOut(N_UPPER).rule(new InstarRule())
                .competition(new HardWta()).activation(Activation.RELU).updater(new Sgd(UPPER_RATE)).build();
    }

    private static void assertBothLayersMovedByTheirOwnRule(double[][] x, double[][] w0, double[] b0,
                                                           double[][] w1, double[] b1,
                                                           INDArray w0After, INDArray w1After) {
        double[][] x1 = relu(preActivation(x, w0, b0));
        double[][] expected0 = stepped(w0, ruleUpdate(new SoftHebbRule(), new SoftWta(0.5), x, w0, b0), LEARNING_RATE);
        double[][] expected1 = stepped(w1, ruleUpdate(new InstarRule(), new HardWta(), x1, w1, b1), UPPER_RATE);
        assertStepIsMeasurable(w0, expected0, 1e-10);
        assertStepIsMeasurable(w1, expected1, 1e-10);
        assertMatrixEquals(expected0, w0After, 1e-10, "W of the lower Hebbian layer (SoftHebb)");
        assertMatrixEquals(expected1, w1After, 1e-10, "W of the upper Hebbian layer (instar, WTA)");
    }

    @Test
    void twoStackedHebbianLayersEachMoveByTheirOwnRuleInMultiLayerNetwork() {
        MultiLayerNetwork net = new MultiLayerNetwork(base(DataType.DOUBLE).updater(new Sgd(LEARNING_RATE)).list()
                .layer(lowerHebbian()).layer(upperHebbian()).layer(output(N_UPPER)).build());
        net.init();
        DataSet data = randomDataSet(DataType.DOUBLE, BATCH, N_IN, N_CLASSES, 23);
        double[][] w0 = net.getLayer(0).getParam("W").toDoubleMatrix();
        double[] b0 = net.getLayer(0).getParam("b").toDoubleVector();
        double[][] w1 = net.getLayer(1).getParam("W").toDoubleMatrix();
        double[] b1 = net.getLayer(1).getParam("b").toDoubleVector();

        net.fit(data);

        assertBothLayersMovedByTheirOwnRule(data.getFeatures().toDoubleMatrix(), w0, b0, w1, b1,
                net.getLayer(0).getParam("W"), net.getLayer(1).getParam("W"));
    }

    @Test
    void twoStackedHebbianLayersEachMoveByTheirOwnRuleInComputationGraph() {
        ComputationGraph net = new ComputationGraph(base(DataType.DOUBLE).updater(new Sgd(LEARNING_RATE))
                .graphBuilder().addInputs("in")
                .addLayer("lower", lowerHebbian(), "in")
                .addLayer("upper", upperHebbian(), "lower")
                .addLayer("out", output(N_UPPER), "upper")
                .setOutputs("out").build());
        net.init();
        DataSet data = randomDataSet(DataType.DOUBLE, BATCH, N_IN, N_CLASSES, 29);
        double[][] w0 = net.getLayer("lower").getParam("W").toDoubleMatrix();
        double[] b0 = net.getLayer("lower").getParam("b").toDoubleVector();
        double[][] w1 = net.getLayer("upper").getParam("W").toDoubleMatrix();
        double[] b1 = net.getLayer("upper").getParam("b").toDoubleVector();

        net.fit(data);

        assertBothLayersMovedByTheirOwnRule(data.getFeatures().toDoubleMatrix(), w0, b0, w1, b1,
                net.getLayer("lower").getParam("W"), net.getLayer("upper").getParam("W"));
    }
}
