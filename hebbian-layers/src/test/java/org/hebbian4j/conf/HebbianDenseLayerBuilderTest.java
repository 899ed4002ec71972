package org.hebbian4j.conf;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.hebbian4j.competition.KWta;
import org.hebbian4j.competition.PowerSoftWta;
import org.hebbian4j.competition.RankKAntiHebbian;
import org.hebbian4j.competition.SoftWta;
import org.hebbian4j.homeostasis.AdaptiveThreshold;
import org.hebbian4j.homeostasis.GrowthFactor;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Invalid settings of a {@link HebbianDenseLayer} fail early, with a message naming the field. */
class HebbianDenseLayerBuilderTest {

    private static void assertMentions(Throwable e, String... words) {
        for (String word : words) {
            assertTrue(e.getMessage().contains(word), "message should mention \"" + word + "\": " + e.getMessage());
        }
    }

    @Test
    void kWtaWithMoreWinnersThanNOutFailsAtBuild() {
        HebbianDenseLayer.Builder builder = new HebbianDenseLayer.Builder().nIn(8).nOut(4).competition(new KWta(5));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);

        assertMentions(e, "winners", "nOut", "5", "4");
    }

    @Test
    void kWtaWithAsManyWinnersAsNOutBuilds() {
        assertDoesNotThrow(() -> new HebbianDenseLayer.Builder().nIn(8).nOut(4).competition(new KWta(4)).build());
    }

    @ParameterizedTest(name = "temperature {0}")
    @ValueSource(doubles = {0.0, -1.0, Double.NaN, Double.POSITIVE_INFINITY})
    void softWtaWithNonPositiveOrNonFiniteTemperatureFails(double temperature) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new HebbianDenseLayer.Builder().nIn(8).nOut(4).competition(new SoftWta(temperature)).build());

        assertMentions(e, "temperature");
    }

    @ParameterizedTest(name = "power {0}")
    @ValueSource(doubles = {0.0, -2.0})
    void powerSoftWtaWithNonPositivePowerFails(double power) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new PowerSoftWta(power));

        assertMentions(e, "power");
    }

    @Test
    void missingNOutFailsAtBuildNamingNOut() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new HebbianDenseLayer.Builder().nIn(8).build());

        assertMentions(e, "nOut", "HebbianDenseLayer");
    }

    @Test
    void negativeDirectStepFailsNamingDirectStep() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new HebbianDenseLayer.Builder().nIn(8).nOut(4).directStep(-0.1).build());

        assertMentions(e, "directStep");
    }

    @Test
    void buildingTwiceFromOneBuilderGivesEqualLayers() {
        HebbianDenseLayer.Builder builder = new HebbianDenseLayer.Builder().nIn(8).nOut(4)
                .competition(new KWta(2)).normalizeWeights(true);

        HebbianDenseLayer first = builder.build();
        HebbianDenseLayer second = builder.build();

        assertEquals(first, second);
        assertEquals(1, second.getConstraints().size(), "one unit-norm constraint: " + second.getConstraints());
    }

    @Test
    void nullRuleOrCompetitionFailsNamingTheField() {
        assertMentions(assertThrows(IllegalArgumentException.class,
                () -> new HebbianDenseLayer.Builder().nIn(8).nOut(4).rule(null).build()), "rule");
        assertMentions(assertThrows(IllegalArgumentException.class,
                () -> new HebbianDenseLayer.Builder().nIn(8).nOut(4).competition(null).build()), "competition");
    }

    private static HebbianDenseLayer.Builder valid() {
        return new HebbianDenseLayer.Builder().name("h1").nIn(8).nOut(4);
    }

    @Test
    void supervisedRuleIsRejectedNamingRuleAndLayer() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> valid().rule(new HebbianConvolutionLayerBuilderTest.SupervisedRule()).build());

        assertMentions(e, "supervised-test", "supervised", "labels", "\"h1\"");
    }

    @Test
    void rankKAboveNOutFailsAtBuild() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> valid().competition(new RankKAntiHebbian(5, 0.4)).build());

        assertMentions(e, "rankK", "nOut", "5", "4", "\"h1\"");
    }

    @ParameterizedTest(name = "directStep({0})")
    @ValueSource(doubles = {0.0, Double.NaN, Double.POSITIVE_INFINITY})
    void zeroOrNonFiniteDirectStepFailsNamingDirectStep(double learningRate) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> valid().directStep(learningRate).build());

        assertMentions(e, "directStep", "> 0", "\"h1\"");
    }

    @ParameterizedTest(name = "Sgd({0})")
    @ValueSource(doubles = {0.0, -0.5, Double.NaN})
    void nonPositiveLearningRateOfTheLayersUpdaterFailsAtBuild(double learningRate) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> valid().updater(new Sgd(learningRate)).build());

        assertMentions(e, "learning rate", "Sgd", "\"h1\"");
    }

    @Test
    void nonPositiveInitialLearningRateOfAScheduleFailsAtBuild() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> valid().updater(new Adam(new ExponentialSchedule(ScheduleType.ITERATION, -1e-3, 0.99))).build());

        assertMentions(e, "learning rate", "-0.001");
    }

    @Test
    void nonPositiveLearningRateInheritedFromTheNetworkFailsAtInitNamingTheLayerIndex() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().updater(new Sgd(0.0)).list()
                .layer(valid().build())
                .layer(new OutputLayer.Builder().nIn(4).nOut(2).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, net::init);

        assertMentions(e, "HebbianDenseLayer (index 0, name \"h1\")", "learning rate", "0.0");
    }

    @Test
    void directModeIgnoresTheNetworksUpdaterSoItsLearningRateIsNotChecked() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().updater(new Sgd(0.0)).list()
                .layer(valid().directStep(0.1).build())
                .layer(new OutputLayer.Builder().nIn(4).nOut(2).updater(new Sgd(0.1)).build())
                .build();

        assertDoesNotThrow(() -> new MultiLayerNetwork(conf).init());
    }

    @Test
    void growthFactorWithNormalizedWeightsFailsNamingBoth() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> valid().homeostasis(new GrowthFactor()).normalizeWeights(true).build());

        assertMentions(e, "growth", "normalizeWeights", "\"h1\"");
        assertDoesNotThrow(() -> valid().homeostasis(new AdaptiveThreshold(1)).normalizeWeights(true).build());
    }

    @Test
    void explicitNInThatDisagreesWithTheInputTypeFailsWhenDl4jKeepsExplicitSizes() {
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder().list()
                .layer(new DenseLayer.Builder().nIn(20).nOut(10).build())
                .layer(valid().build())                      // nIn 8, but the layer below gives 10
                .layer(new OutputLayer.Builder().nIn(4).nOut(2).build())
                .setInputType(InputType.feedForward(20))
                .overrideNinUponBuild(false);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, list::build);

        assertMentions(e, "\"h1\"", "nIn = 8", "10");
    }

    @Test
    void explicitNInThatDisagreesWithTheInputTypeFailsAlsoWithDl4jsDefaultOverride() {
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder().list()
                .layer(new DenseLayer.Builder().nIn(20).nOut(10).build())
                .layer(valid().build())                      // nIn 8, but the layer below gives 10
                .layer(new OutputLayer.Builder().nIn(4).nOut(2).build())
                .setInputType(InputType.feedForward(20));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, list::build);

        assertMentions(e, "\"h1\"", "nIn = 8", "10");
    }

    @Test
    void withDl4jsDefaultOverrideAnUnsetNInComesFromTheInputType() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().list()
                .layer(new DenseLayer.Builder().nIn(20).nOut(10).build())
                .layer(new HebbianDenseLayer.Builder().nOut(4).build())
                .layer(new OutputLayer.Builder().nIn(4).nOut(2).build())
                .setInputType(InputType.feedForward(20))
                .build();

        assertEquals(10, ((HebbianDenseLayer) conf.getConf(1).getLayer()).getNIn());
    }

    @Test
    void layerSizesNamesBothLayersOfAnNInNOutMismatchInAMultiLayerConfiguration() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().list()
                .layer(valid().build())
                .layer(new OutputLayer.Builder().name("classifier").nIn(5).nOut(2).build())
                .build();

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LayerSizes.check(conf));

        assertMentions(e, "OutputLayer (index 1, name \"classifier\")", "nIn = 5", "nOut = 4",
                "HebbianDenseLayer (index 0, name \"h1\")");
    }

    @Test
    void layerSizesNamesBothVerticesOfAMismatchInAComputationGraph() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().graphBuilder()
                .addInputs("in")
                .addLayer("hebbian", valid().build(), "in")
                .addLayer("out", new OutputLayer.Builder().nIn(6).nOut(2).build(), "hebbian")
                .setOutputs("out")
                .build();

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LayerSizes.check(conf));

        assertMentions(e, "vertex \"out\"", "nIn = 6", "nOut = 4", "vertex \"hebbian\"");
    }

    @Test
    void layerSizesAcceptsMatchingSizes() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().list()
                .layer(valid().build())
                .layer(new OutputLayer.Builder().nIn(4).nOut(2).build())
                .build();

        assertDoesNotThrow(() -> LayerSizes.check(conf));
    }
}
