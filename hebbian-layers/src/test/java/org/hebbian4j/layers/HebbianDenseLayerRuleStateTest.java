package org.hebbian4j.layers;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.hebbian4j.competition.Competition;
import org.hebbian4j.competition.LateralInhibition;
import org.hebbian4j.competition.NoCompetition;
import org.hebbian4j.competition.RankKAntiHebbian;
import org.hebbian4j.competition.Rectified;
import org.hebbian4j.competition.SoftWta;
import org.hebbian4j.conf.HebbianDenseLayer;
import org.hebbian4j.homeostasis.AdaptiveThreshold;
import org.hebbian4j.homeostasis.GrowthFactor;
import org.hebbian4j.rules.AntiHebbianSoftHebbRule;
import org.hebbian4j.rules.HebbNetRule;
import org.hebbian4j.rules.KrotovRule;
import org.hebbian4j.rules.LearningRule;
import org.hebbian4j.rules.LiusonRule;
import org.hebbian4j.rules.LocalSignals;
import org.hebbian4j.rules.RuleState;
import org.hebbian4j.rules.SangerRule;
import org.hebbian4j.rules.StatefulRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.io.File;
import java.io.IOException;
import java.util.List;
import java.util.Map;

import static org.hebbian4j.layers.LayerTestSupport.assertMatrixEquals;
import static org.hebbian4j.layers.LayerTestSupport.randomDataSet;
import static org.hebbian4j.layers.NaiveHebbianReference.initialState;
import static org.hebbian4j.layers.NaiveHebbianReference.ruleUpdate;
import static org.hebbian4j.layers.NaiveHebbianReference.stateAfter;
import static org.hebbian4j.layers.NaiveHebbianReference.stepped;
import static org.hebbian4j.layers.NaiveHebbianReference.unitNormColumns;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The state of a {@link StatefulRule} (HebbNet's T, Liuson's y_EMA) is kept as non-trainable
 * parameters of the layer: initialized from the rule's declaration, updated by exactly the rule's
 * moving average after every batch whatever the network's updater and regularization, fed into the
 * next batch's update, and saved and restored by ModelSerializer.
 */
class HebbianDenseLayerRuleStateTest {

    private static final int N_IN = 10;
    private static final int N_OUT = 6;
    private static final int N_CLASSES = 3;
    private static final double LEARNING_RATE = 0.05;

    @TempDir
    File tempDir;

    private static HebbianDenseLayer.Builder hebbian(LearningRule rule, Competition competition) {
        return new HebbianDenseLayer.Builder().nIn(N_IN).nOut(N_OUT).rule(rule).competition(competition)
                .normalizeWeights(rule.requiresNormalizedWeights()).biasInit(0.05).activation(Activation.RELU);
    }

    private static OutputLayer output(int nIn) {
        return new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(nIn).nOut(N_CLASSES)
                .activation(Activation.SOFTMAX).build();
    }

    private static MultiLayerNetwork network(NeuralNetConfiguration.Builder base, HebbianDenseLayer hebbian) {
        MultiLayerNetwork net = new MultiLayerNetwork(base.list().layer(hebbian).layer(output(N_OUT)).build());
        net.init();
        return net;
    }

    /** Double precision, for the comparisons with the naive reference. */
    private static NeuralNetConfiguration.Builder base() {
        return base(DataType.DOUBLE);
    }

    private static NeuralNetConfiguration.Builder base(DataType dataType) {
        return new NeuralNetConfiguration.Builder().seed(42).dataType(dataType).weightInit(WeightInit.XAVIER);
    }

    @Test
    void eachDeclaredStateIsAParameterOfItsLengthFilledWithItsInitialValueAfterWbAndTheta() {
        MultiLayerNetwork net = network(base().updater(new Sgd(0.1)),
                hebbian(new HebbNetRule(), new Rectified()).homeostasis(new AdaptiveThreshold(0.5)).build());

        Map<String, INDArray> table = net.getLayer(0).paramTable();

        assertEquals(List.of("W", "b", "theta", HebbNetRule.AVERAGE_STATE), List.copyOf(table.keySet()));
        assertArrayEquals(new long[]{1, N_OUT}, table.get(HebbNetRule.AVERAGE_STATE).shape());
        assertArrayEquals(new double[N_OUT], table.get(HebbNetRule.AVERAGE_STATE).toDoubleVector(), 0.0);
        assertEquals(N_IN * N_OUT + 3 * N_OUT, net.getLayer(0).numParams());
    }

    @Test
    void aStatelessRuleKeepsExactlyWeightsAndBias() {
        MultiLayerNetwork net = network(base().updater(new Sgd(0.1)), hebbian(new SangerRule(), new NoCompetition()).build());

        assertEquals(List.of("W", "b"), List.copyOf(net.getLayer(0).paramTable().keySet()));
        assertEquals(N_IN * N_OUT + N_OUT, net.getLayer(0).numParams());
    }

    /** Two steps: the second update must use the state the first one left, and both states must be exact. */
    private static void assertTwoStepsFollowTheNaiveReference(LearningRule rule, Competition competition,
                                                             Object net, String layerName) {
        DataSet first = randomDataSet(DataType.DOUBLE, 16, N_IN, N_CLASSES, 61);
        DataSet second = randomDataSet(DataType.DOUBLE, 16, N_IN, N_CLASSES, 67);
        org.deeplearning4j.nn.api.Layer layer = net instanceof MultiLayerNetwork mln ? mln.getLayer(0)
                : ((ComputationGraph) net).getLayer(layerName);
        String stateKey = ((StatefulRule) rule).stateVariables().get(0).name();
        double[][] w0 = layer.getParam("W").toDoubleMatrix();
        double[] b = layer.getParam("b").toDoubleVector();
        Map<String, double[]> state0 = initialState(rule, N_IN, N_OUT);

        double[][] x1 = first.getFeatures().toDoubleMatrix();
        double[][] w1 = stepped(w0, ruleUpdate(rule, competition, x1, w0, b, state0), LEARNING_RATE);
        w1 = rule.requiresNormalizedWeights() ? unitNormColumns(w1) : w1;
        Map<String, double[]> state1 = stateAfter(rule, competition, x1, w0, b, state0);
        double[][] x2 = second.getFeatures().toDoubleMatrix();
        double[][] w2 = stepped(w1, ruleUpdate(rule, competition, x2, w1, b, state1), LEARNING_RATE);
        w2 = rule.requiresNormalizedWeights() ? unitNormColumns(w2) : w2;
        Map<String, double[]> state2 = stateAfter(rule, competition, x2, w1, b, state1);
        double[][] w2FromInitialState = stepped(w1, ruleUpdate(rule, competition, x2, w1, b, state0), LEARNING_RATE);
        assertTrue(LayerTestSupport.maxAbsDifference(w2, rule.requiresNormalizedWeights()
                ? unitNormColumns(w2FromInitialState) : w2FromInitialState) > 1e-6,
                "the test must be able to see whether the state reached the second update");

        fit(net, first);
        assertArrayEquals(state1.get(stateKey), layer.getParam(stateKey).toDoubleVector(), 1e-12, "state after step 1");
        assertMatrixEquals(w1, layer.getParam("W"), 1e-10, "W after step 1");
        fit(net, second);
        assertArrayEquals(state2.get(stateKey), layer.getParam(stateKey).toDoubleVector(), 1e-12, "state after step 2");
        assertMatrixEquals(w2, layer.getParam("W"), 1e-10, "W after step 2");
    }

    private static void fit(Object net, DataSet data) {
        if (net instanceof MultiLayerNetwork mln) {
            mln.fit(data);
        } else {
            ((ComputationGraph) net).fit(data);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"hebbnet", "liuson"})
    void twoFitStepsInMultiLayerNetworkCarryTheStateIntoTheSecondUpdate(String which) {
        LearningRule rule = which.equals("hebbnet") ? new HebbNetRule(0.5, 0.6) : new LiusonRule(1.0, 0.6);
        MultiLayerNetwork net = network(base().updater(new Sgd(LEARNING_RATE)), hebbian(rule, new Rectified()).build());

        assertTwoStepsFollowTheNaiveReference(rule, new Rectified(), net, null);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"hebbnet", "liuson"})
    void twoFitStepsInComputationGraphCarryTheStateIntoTheSecondUpdate(String which) {
        LearningRule rule = which.equals("hebbnet") ? new HebbNetRule(0.5, 0.6) : new LiusonRule(1.0, 0.6);
        ComputationGraph net = new ComputationGraph(base().updater(new Sgd(LEARNING_RATE)).graphBuilder().addInputs("in")
                .addLayer("hebb", hebbian(rule, new Rectified()).build(), "in")
                .addLayer("out", output(N_OUT), "hebb")
                .setOutputs("out").build());
        net.init();

        assertTwoStepsFollowTheNaiveReference(rule, new Rectified(), net, "hebb");
    }

    @ParameterizedTest(name = "directStep {0}")
    @ValueSource(doubles = {0.0, 0.05})
    void stateMovesByExactlyItsAverageUnderAdamL2AndWeightDecay(double directStep) {
        HebbNetRule rule = new HebbNetRule(0.8, 0.7);
        HebbianDenseLayer.Builder layer = hebbian(rule, new Rectified());
        if (directStep > 0) {
            layer.directStep(directStep);
        }
        MultiLayerNetwork net = network(base().updater(new Adam(0.3)).l2(0.5).weightDecay(0.2), layer.build());
        INDArray state = net.getLayer(0).getParam(HebbNetRule.AVERAGE_STATE);
        state.assign(0.25);   // a non-zero state, so that l2 / weight decay on it would show
        DataSet data = randomDataSet(DataType.DOUBLE, 16, N_IN, N_CLASSES, 71);
        double[][] w = net.getLayer(0).getParam("W").toDoubleMatrix();
        double[] b = net.getLayer(0).getParam("b").toDoubleVector();
        double[] before = new double[N_OUT];
        java.util.Arrays.fill(before, 0.25);
        Map<String, double[]> expected = stateAfter(rule, new Rectified(), data.getFeatures().toDoubleMatrix(), w, b,
                Map.of(HebbNetRule.AVERAGE_STATE, before));

        net.fit(data);

        assertArrayEquals(expected.get(HebbNetRule.AVERAGE_STATE),
                net.getLayer(0).getParam(HebbNetRule.AVERAGE_STATE).toDoubleVector(), 1e-12);
    }

    /** Dense(tanh) -> HebbNet -> Liuson (normalized) -> Sanger + growth factor -> output, under Adam. */
    private static NeuralNetConfiguration.ListBuilder statefulStack() {
        return base(DataType.FLOAT).updater(new Adam(0.01)).list()
                .layer(new DenseLayer.Builder().nIn(N_IN).nOut(12).activation(Activation.TANH).build())
                .layer(new HebbianDenseLayer.Builder().nIn(12).nOut(9).rule(new HebbNetRule(0.7, 0.8))
                        .competition(new Rectified()).activation(Activation.RELU).build())
                .layer(new HebbianDenseLayer.Builder().nIn(9).nOut(8).rule(new LiusonRule(1.0, 0.8))
                        .competition(new Rectified()).normalizeWeights(true).activation(Activation.RELU).build())
                .layer(new HebbianDenseLayer.Builder().nIn(8).nOut(7).rule(new SangerRule())
                        .competition(new LateralInhibition(2)).homeostasis(new GrowthFactor(0.8, 0.1))
                        .activation(Activation.RELU).build())
                .layer(output(7));
    }

    private static void assertStatesNonZeroAndEqual(Map<String, INDArray> original, Map<String, INDArray> restored,
                                                    String key) {
        double[] values = original.get(key).toDoubleVector();
        assertTrue(java.util.Arrays.stream(values).anyMatch(v -> v != 0), key + " has moved from its initial 0");
        assertArrayEquals(values, restored.get(key).toDoubleVector(), 0.0, key + " restored");
    }

    @Test
    void modelSerializerRestoresRuleStateInMultiLayerNetworkAndTheNextStepIsIdentical() throws IOException {
        MultiLayerNetwork original = new MultiLayerNetwork(statefulStack().build());
        original.init();
        for (int step = 0; step < 3; step++) {
            original.fit(randomDataSet(DataType.FLOAT, 16, N_IN, N_CLASSES, 73 + step));
        }
        File file = new File(tempDir, "stateful-mln.zip");
        ModelSerializer.writeModel(original, file, true);

        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file, true);

        assertEquals(original.getLayerWiseConfigurations(), restored.getLayerWiseConfigurations());
        assertStatesNonZeroAndEqual(original.getLayer(1).paramTable(), restored.getLayer(1).paramTable(),
                HebbNetRule.AVERAGE_STATE);
        assertStatesNonZeroAndEqual(original.getLayer(2).paramTable(), restored.getLayer(2).paramTable(),
                LiusonRule.AVERAGE_STATE);
        assertStatesNonZeroAndEqual(original.getLayer(3).paramTable(), restored.getLayer(3).paramTable(), "theta");
        assertArrayEquals(original.params().toDoubleVector(), restored.params().toDoubleVector(), 0.0, "parameters");

        DataSet next = randomDataSet(DataType.FLOAT, 16, N_IN, N_CLASSES, 79);
        double[] before = original.params().toDoubleVector();
        original.fit(next);
        restored.fit(next);

        assertFalse(java.util.Arrays.equals(before, original.params().toDoubleVector()), "the step moves parameters");
        assertArrayEquals(original.params().toDoubleVector(), restored.params().toDoubleVector(), 0.0,
                "parameters, rule state included, after one more step on the original and on the restored network");
    }

    @Test
    void modelSerializerRestoresRuleStateInComputationGraphAndTheNextStepIsIdentical() throws IOException {
        ComputationGraph original = new ComputationGraph(base(DataType.FLOAT).updater(new Adam(0.01)).graphBuilder().addInputs("in")
                .addLayer("hebbnet", new HebbianDenseLayer.Builder().nIn(N_IN).nOut(9).rule(new HebbNetRule(0.7, 0.8))
                        .competition(new Rectified()).activation(Activation.RELU).build(), "in")
                .addLayer("liuson", new HebbianDenseLayer.Builder().nIn(9).nOut(7).rule(new LiusonRule(1.0, 0.8))
                        .competition(new Rectified()).normalizeWeights(true).activation(Activation.RELU).build(), "hebbnet")
                .addLayer("out", output(7), "liuson")
                .setOutputs("out").build());
        original.init();
        for (int step = 0; step < 3; step++) {
            original.fit(randomDataSet(DataType.FLOAT, 16, N_IN, N_CLASSES, 83 + step));
        }
        File file = new File(tempDir, "stateful-cg.zip");
        ModelSerializer.writeModel(original, file, true);

        ComputationGraph restored = ModelSerializer.restoreComputationGraph(file, true);

        assertEquals(original.getConfiguration(), restored.getConfiguration());
        assertStatesNonZeroAndEqual(original.getLayer("hebbnet").paramTable(), restored.getLayer("hebbnet").paramTable(),
                HebbNetRule.AVERAGE_STATE);
        assertStatesNonZeroAndEqual(original.getLayer("liuson").paramTable(), restored.getLayer("liuson").paramTable(),
                LiusonRule.AVERAGE_STATE);

        DataSet next = randomDataSet(DataType.FLOAT, 16, N_IN, N_CLASSES, 89);
        original.fit(next);
        restored.fit(next);

        assertArrayEquals(original.params().toDoubleVector(), restored.params().toDoubleVector(), 0.0,
                "parameters, rule state included, after one more step on the original and on the restored network");
    }

    @Test
    void configurationWithEveryAddedRuleCompetitionAndHomeostasisSurvivesJsonAndYamlRoundTrips() {
        MultiLayerConfiguration conf = base().updater(new Adam(0.01)).list()
                .layer(hebbian(new SangerRule(), new LateralInhibition(4)).nOut(9).homeostasis(new GrowthFactor(0.95, 0.05)).build())
                .layer(hebbian(new KrotovRule(3, 4, 0.3), new NoCompetition()).nIn(9).nOut(8).build())
                .layer(hebbian(new HebbNetRule(0.75, 0.9), new Rectified()).nIn(8).nOut(7).build())
                .layer(hebbian(new LiusonRule(0.5, 0.9), new Rectified()).nIn(7).nOut(6).build())
                .layer(hebbian(new AntiHebbianSoftHebbRule(), new SoftWta(0.2)).nIn(6).nOut(5).build())
                .layer(hebbian(new SangerRule(), new RankKAntiHebbian(3, 0.2)).nIn(5).nOut(4).build())
                .layer(output(4)).build();

        MultiLayerConfiguration fromJson = MultiLayerConfiguration.fromJson(conf.toJson());
        MultiLayerConfiguration fromYaml = MultiLayerConfiguration.fromYaml(conf.toYaml());

        assertEquals(conf, fromJson);
        assertEquals(conf, fromYaml);
        HebbianDenseLayer krotov = assertInstanceOf(HebbianDenseLayer.class, fromJson.getConf(1).getLayer());
        assertEquals(new KrotovRule(3, 4, 0.3), krotov.getRule());
        HebbianDenseLayer sanger = assertInstanceOf(HebbianDenseLayer.class, fromJson.getConf(0).getLayer());
        assertEquals(new GrowthFactor(0.95, 0.05), sanger.getHomeostasis());
        assertEquals(new LateralInhibition(4), sanger.getCompetition());
        assertEquals(new LiusonRule(0.5, 0.9), ((HebbianDenseLayer) fromYaml.getConf(3).getLayer()).getRule());
    }

    @Test
    void aRuleThatRequiresUnitNormWeightsIsRejectedWithoutNormalizeWeights() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new HebbianDenseLayer.Builder().nIn(4).nOut(3).rule(new LiusonRule()).build());

        assertTrue(e.getMessage().contains("normalizeWeights"), e.getMessage());
        assertTrue(e.getMessage().contains("liuson"), e.getMessage());
    }

    /** A stateful rule for the validation tests only: declares states of the given names, no update. */
    record NamedStatesRule(List<String> names) implements StatefulRule {
        @Override
        public List<RuleState> stateVariables() {
            return names.stream().map(n -> new RuleState(n, RuleState.Axis.INPUTS, 0, 0.5)).toList();
        }

        @Override
        public INDArray batchValue(LocalSignals signals, RuleState state) {
            return signals.input().mean(true, 0);
        }

        @Override
        public void update(LocalSignals signals, INDArray out, double scale) {
            out.assign(0);
        }

        @Override
        public String name() {
            return "named-states";
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"W", "b", "theta", "twice"})
    void stateNamesThatClashWithAnotherParameterAreRejected(String name) {
        List<String> names = name.equals("twice") ? List.of("s", "s") : List.of(name);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new HebbianDenseLayer.Builder().nIn(4).nOut(3).rule(new NamedStatesRule(names)).build());

        assertTrue(e.getMessage().contains("clashes"), e.getMessage());
    }

    @Test
    void aStateAlongTheInputsHasLengthNInAndFollowsItsAverage() {
        // NamedStatesRule keeps s <- 0.5 s + 0.5 mean_b x, one entry per input.
        MultiLayerNetwork net = network(base().updater(new Sgd(0.1)),
                new HebbianDenseLayer.Builder().nIn(N_IN).nOut(N_OUT).rule(new NamedStatesRule(List.of("inputAverage")))
                        .competition(new NoCompetition()).build());
        DataSet data = randomDataSet(DataType.DOUBLE, 8, N_IN, N_CLASSES, 97);
        double[] expected = new double[N_IN];
        for (double[] sample : data.getFeatures().toDoubleMatrix()) {
            for (int j = 0; j < N_IN; j++) {
                expected[j] += 0.5 * sample[j] / 8;
            }
        }

        net.fit(data);

        assertArrayEquals(new long[]{1, N_IN}, net.getLayer(0).getParam("inputAverage").shape());
        assertArrayEquals(expected, net.getLayer(0).getParam("inputAverage").toDoubleVector(), 1e-12);
    }
}
