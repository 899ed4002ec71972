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
import org.hebbian4j.competition.LateralInhibition;
import org.hebbian4j.competition.NoCompetition;
import org.hebbian4j.competition.RankKAntiHebbian;
import org.hebbian4j.competition.Rectified;
import org.hebbian4j.competition.SoftWta;
import org.hebbian4j.conf.HebbianDenseLayer;
import org.hebbian4j.homeostasis.GrowthFactor;
import org.hebbian4j.homeostasis.Homeostasis;
import org.hebbian4j.homeostasis.NoHomeostasis;
import org.hebbian4j.rules.AntiHebbianSoftHebbRule;
import org.hebbian4j.rules.HebbNetRule;
import org.hebbian4j.rules.InstarRule;
import org.hebbian4j.rules.KrotovRule;
import org.hebbian4j.rules.LearningRule;
import org.hebbian4j.rules.LiusonRule;
import org.hebbian4j.rules.MeanInstarRule;
import org.hebbian4j.rules.SangerRule;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.hebbian4j.layers.LayerTestSupport.assertMatrixEquals;
import static org.hebbian4j.layers.LayerTestSupport.assertStepIsMeasurable;
import static org.hebbian4j.layers.LayerTestSupport.randomDataSet;
import static org.hebbian4j.layers.LayerTestSupport.tolerance;
import static org.hebbian4j.layers.NaiveHebbianReference.grownFromZeroAverage;
import static org.hebbian4j.layers.NaiveHebbianReference.preActivation;
import static org.hebbian4j.layers.NaiveHebbianReference.ruleUpdate;
import static org.hebbian4j.layers.NaiveHebbianReference.stepped;
import static org.hebbian4j.layers.NaiveHebbianReference.tanh;
import static org.hebbian4j.layers.NaiveHebbianReference.unitNormColumns;

/**
 * One training step of a network holding a {@link HebbianDenseLayer} with one of the rules,
 * competitions and homeostasis mechanisms added after the first release (Sanger, Krotov-Hopfield,
 * HebbNet, Liuson, anti-Hebbian SoftHebb; rank-k, lateral inhibition, rectified; growth factor)
 * moves the layer's weights exactly as the naive per-sample reference ({@link NaiveHebbianReference})
 * says, in MultiLayerNetwork and ComputationGraph, in double and float, at the bottom of the network
 * and above a backprop layer. Rules that require unit-norm weights run with normalizeWeights, and
 * the expected weights are normalized too.
 */
class HebbianDenseLayerAdditionalRulesExactStepTest {

    private static final int N_IN = 10;
    private static final int N_HIDDEN_BELOW = 12;
    private static final int N_OUT = 6;
    private static final int N_CLASSES = 3;
    private static final int BATCH = 16;
    private static final double LEARNING_RATE = 0.05;
    private static final double HEBBIAN_BIAS = 0.05;

    /** Rule, competition, homeostasis. */
    static Stream<Arguments> combinations() {
        return Stream.of(
                Arguments.of(new SangerRule(), new NoCompetition(), new NoHomeostasis()),
                Arguments.of(new SangerRule(), new LateralInhibition(3), new NoHomeostasis()),
                Arguments.of(new KrotovRule(3, 3, 0.4), new NoCompetition(), new NoHomeostasis()),
                // Krotov computes its own competition: a layer refuses another (KrotovRuleInALayerTest).
                Arguments.of(new KrotovRule(2, 2, 0.3), new NoCompetition(), new NoHomeostasis()),
                Arguments.of(new HebbNetRule(0.8, 0.9, HebbNetRule.Level.NEURON), new Rectified(), new NoHomeostasis()),
                Arguments.of(new HebbNetRule(0.8, 0.9, HebbNetRule.Level.ENTRY), new Rectified(), new NoHomeostasis()),
                Arguments.of(new LiusonRule(1.0, 0.9), new Rectified(), new NoHomeostasis()),
                Arguments.of(new AntiHebbianSoftHebbRule(), new SoftWta(0.5), new NoHomeostasis()),
                Arguments.of(new InstarRule(), new RankKAntiHebbian(3, 0.4), new NoHomeostasis()),
                Arguments.of(new InstarRule(), new SoftWta(0.5), new NoHomeostasis()),
                Arguments.of(new MeanInstarRule(), new SoftWta(0.5), new NoHomeostasis()),
                Arguments.of(new SangerRule(), new LateralInhibition(2), new GrowthFactor(0.9, 0.2)),
                Arguments.of(new SangerRule(), new LateralInhibition(2), new GrowthFactor(0.9, 0.2, true)));
    }

    static Stream<Arguments> combinationsPositionsAndDataTypes() {
        List<Arguments> all = new ArrayList<>();
        combinations().forEach(c -> {
            for (int index : new int[]{0, 1}) {
                for (DataType dataType : new DataType[]{DataType.DOUBLE, DataType.FLOAT}) {
                    all.add(Arguments.of(c.get()[0], c.get()[1], c.get()[2], index, dataType));
                }
            }
        });
        return all.stream();
    }

    static Stream<Arguments> combinationsAndPositions() {
        List<Arguments> all = new ArrayList<>();
        combinations().forEach(c -> {
            for (int index : new int[]{0, 1}) {
                all.add(Arguments.of(c.get()[0], c.get()[1], c.get()[2], index));
            }
        });
        return all.stream();
    }

    private static HebbianDenseLayer hebbian(int nIn, LearningRule rule, Competition competition, Homeostasis homeostasis) {
        return new HebbianDenseLayer.Builder().nIn(nIn).nOut(N_OUT).rule(rule).competition(competition)
                .homeostasis(homeostasis).normalizeWeights(rule.requiresNormalizedWeights())
                .biasInit(HEBBIAN_BIAS).activation(Activation.RELU).build();
    }

    private static DenseLayer denseBelow() {
        return new DenseLayer.Builder().nIn(N_IN).nOut(N_HIDDEN_BELOW).activation(Activation.TANH).build();
    }

    private static OutputLayer output() {
        return new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(N_OUT).nOut(N_CLASSES)
                .activation(Activation.SOFTMAX).build();
    }

    private static NeuralNetConfiguration.Builder base(DataType dataType) {
        return new NeuralNetConfiguration.Builder().seed(42).dataType(dataType).weightInit(WeightInit.XAVIER)
                .updater(new Sgd(LEARNING_RATE));
    }

    /** The Hebbian layer's input as the naive forward pass of the layers below computes it. */
    private static double[][] naiveInput(double[][] features, int hebbianIndex, INDArray denseW, INDArray denseB) {
        return hebbianIndex == 0 ? features : tanh(preActivation(features, denseW.toDoubleMatrix(), denseB.toDoubleVector()));
    }

    /** W after one step: the rule's step, then the growth factor or the unit-norm constraint if configured. */
    private static double[][] expectedAfterStep(LearningRule rule, Competition competition, Homeostasis homeostasis,
                                                double[][] x, double[][] w, double[] b) {
        double[][] after = stepped(w, ruleUpdate(rule, competition, x, w, b), LEARNING_RATE);
        if (homeostasis instanceof GrowthFactor growth) {
            after = grownFromZeroAverage(growth, competition, x, w, b, after);
        }
        return rule.requiresNormalizedWeights() ? unitNormColumns(after) : after;
    }

    @ParameterizedTest(name = "{0} + {1} + {2}, Hebbian layer at index {3}, {4}")
    @MethodSource("combinationsPositionsAndDataTypes")
    void oneFitStepInMultiLayerNetworkMovesWeightsAsTheNaiveReference(LearningRule rule, Competition competition,
                                                                      Homeostasis homeostasis, int hebbianIndex,
                                                                      DataType dataType) {
        NeuralNetConfiguration.ListBuilder list = base(dataType).list();
        if (hebbianIndex == 1) {
            list.layer(denseBelow());
        }
        MultiLayerConfiguration conf = list
                .layer(hebbian(hebbianIndex == 0 ? N_IN : N_HIDDEN_BELOW, rule, competition, homeostasis))
                .layer(output()).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        DataSet data = randomDataSet(dataType, BATCH, N_IN, N_CLASSES, 53);

        double[][] x = naiveInput(data.getFeatures().toDoubleMatrix(), hebbianIndex,
                hebbianIndex == 1 ? net.getLayer(0).getParam("W") : null,
                hebbianIndex == 1 ? net.getLayer(0).getParam("b") : null);
        double[][] w = net.getLayer(hebbianIndex).getParam("W").toDoubleMatrix();
        double[] b = net.getLayer(hebbianIndex).getParam("b").toDoubleVector();
        double[][] expected = expectedAfterStep(rule, competition, homeostasis, x, w, b);
        assertStepIsMeasurable(w, expected, tolerance(dataType));

        net.fit(data);

        assertMatrixEquals(expected, net.getLayer(hebbianIndex).getParam("W"), tolerance(dataType),
                "W of the Hebbian layer after one fit step");
    }

    @ParameterizedTest(name = "{0} + {1} + {2}, Hebbian vertex above {3} backprop vertex(es)")
    @MethodSource("combinationsAndPositions")
    void oneFitStepInComputationGraphMovesWeightsAsTheNaiveReference(LearningRule rule, Competition competition,
                                                                     Homeostasis homeostasis, int hebbianIndex) {
        ComputationGraphConfiguration.GraphBuilder graph = base(DataType.DOUBLE).graphBuilder().addInputs("in");
        String below = "in";
        if (hebbianIndex == 1) {
            graph.addLayer("dense", denseBelow(), "in");
            below = "dense";
        }
        graph.addLayer("hebb", hebbian(hebbianIndex == 0 ? N_IN : N_HIDDEN_BELOW, rule, competition, homeostasis), below)
                .addLayer("out", output(), "hebb")
                .setOutputs("out");
        ComputationGraph net = new ComputationGraph(graph.build());
        net.init();
        DataSet data = randomDataSet(DataType.DOUBLE, BATCH, N_IN, N_CLASSES, 59);

        double[][] x = naiveInput(data.getFeatures().toDoubleMatrix(), hebbianIndex,
                hebbianIndex == 1 ? net.getLayer("dense").getParam("W") : null,
                hebbianIndex == 1 ? net.getLayer("dense").getParam("b") : null);
        double[][] w = net.getLayer("hebb").getParam("W").toDoubleMatrix();
        double[] b = net.getLayer("hebb").getParam("b").toDoubleVector();
        double[][] expected = expectedAfterStep(rule, competition, homeostasis, x, w, b);
        assertStepIsMeasurable(w, expected, 1e-10);

        net.fit(data);

        assertMatrixEquals(expected, net.getLayer("hebb").getParam("W"), 1e-10, "W of the Hebbian vertex after one fit step");
    }
}
