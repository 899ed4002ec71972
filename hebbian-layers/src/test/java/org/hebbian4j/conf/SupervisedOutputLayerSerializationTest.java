package org.hebbian4j.conf;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.hebbian4j.activations.StepActivation;
import org.hebbian4j.competition.KWta;
import org.hebbian4j.rules.InstarRule;
import org.hebbian4j.rules.SupervisedHebbRule;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.lossfunctions.impl.LossL1;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * JSON and YAML round trips of MultiLayerNetwork and ComputationGraph configurations topped by a
 * {@link HebbianOutputLayer} or a {@link HebbianDescentOutputLayer} give equal configurations with
 * every setting intact.
 */
class SupervisedOutputLayerSerializationTest {

    private static HebbianDenseLayer hebbianBelow() {
        return new HebbianDenseLayer.Builder().name("hebb").nIn(12).nOut(9).rule(new InstarRule())
                .competition(new KWta(2)).activation(Activation.RELU).build();
    }

    private static HebbianOutputLayer shc() {
        return new HebbianOutputLayer.Builder().name("shc").nIn(9).nOut(3).maxNorm(2.5).directStep(0.03)
                .normalizeByLargestWeight(true).zeroLeadingInputs(2).biasInit(0.2).build();
    }

    private static HebbianOutputLayer hebbianDescent() {
        return new HebbianDescentOutputLayer.Builder(LossFunctions.LossFunction.L1).name("hd").nIn(9).nOut(4)
                .activation(new StepActivation(-1, 1)).centering(0.95).hasBias(false).build();
    }

    private static NeuralNetConfiguration.Builder base() {
        return new NeuralNetConfiguration.Builder().seed(7).weightInit(WeightInit.NORMAL).updater(new Adam(1e-3));
    }

    private static MultiLayerConfiguration multiLayer(Layer top) {
        return base().list().layer(hebbianBelow()).layer(top).build();
    }

    private static ComputationGraphConfiguration graph(Layer top) {
        return base().graphBuilder().addInputs("in").addLayer("hebb", hebbianBelow(), "in")
                .addLayer(top.getLayerName(), top, "hebb").setOutputs(top.getLayerName()).build();
    }

    private static void assertShcIntact(Layer restored) {
        HebbianOutputLayer l = assertInstanceOf(HebbianOutputLayer.class, restored);
        assertEquals(new SupervisedHebbRule(), l.getRule());
        assertEquals(2.5, l.getMaxNorm());
        assertEquals(0.03, l.getDirectStepLearningRate());
        assertTrue(l.isNormalizeByLargestWeight());
        assertEquals(2, l.getZeroedLeadingInputs());
        assertEquals(0.2, l.getBiasInit());
        assertInstanceOf(ActivationSoftmax.class, l.getActivationFn());
        assertInstanceOf(LossMCXENT.class, l.getLossFn());
    }

    private static void assertHebbianDescentIntact(Layer restored) {
        HebbianDescentOutputLayer l = assertInstanceOf(HebbianDescentOutputLayer.class, restored);
        assertEquals(new StepActivation(-1, 1), l.getActivationFn());
        assertInstanceOf(LossL1.class, l.getLossFn());
        assertEquals(true, l.isCentering());
        assertEquals(0.95, l.getCenteringMomentum());
        assertEquals(false, l.hasBias());
    }

    private static void assertMultiLayerRoundTrip(Layer top, UnaryOperator<MultiLayerConfiguration> roundTrip,
                                                  java.util.function.Consumer<Layer> intact) {
        MultiLayerConfiguration conf = multiLayer(top);
        MultiLayerConfiguration restored = roundTrip.apply(conf);
        assertEquals(conf, restored);
        intact.accept(restored.getConf(1).getLayer());
    }

    private static void assertGraphRoundTrip(Layer top, UnaryOperator<ComputationGraphConfiguration> roundTrip,
                                             java.util.function.Consumer<Layer> intact) {
        ComputationGraphConfiguration conf = graph(top);
        ComputationGraphConfiguration restored = roundTrip.apply(conf);
        assertEquals(conf, restored);
        intact.accept(((LayerVertex) restored.getVertices().get(top.getLayerName())).getLayerConf().getLayer());
    }

    @Test
    void hebbianOutputLayerSurvivesJsonAndYamlInMultiLayerNetworkAndComputationGraph() {
        assertMultiLayerRoundTrip(shc(), c -> MultiLayerConfiguration.fromJson(c.toJson()),
                SupervisedOutputLayerSerializationTest::assertShcIntact);
        assertMultiLayerRoundTrip(shc(), c -> MultiLayerConfiguration.fromYaml(c.toYaml()),
                SupervisedOutputLayerSerializationTest::assertShcIntact);
        assertGraphRoundTrip(shc(), c -> ComputationGraphConfiguration.fromJson(c.toJson()),
                SupervisedOutputLayerSerializationTest::assertShcIntact);
        assertGraphRoundTrip(shc(), c -> ComputationGraphConfiguration.fromYaml(c.toYaml()),
                SupervisedOutputLayerSerializationTest::assertShcIntact);
    }

    @Test
    void hebbianDescentOutputLayerSurvivesJsonAndYamlInMultiLayerNetworkAndComputationGraph() {
        assertMultiLayerRoundTrip(hebbianDescent(), c -> MultiLayerConfiguration.fromJson(c.toJson()),
                SupervisedOutputLayerSerializationTest::assertHebbianDescentIntact);
        assertMultiLayerRoundTrip(hebbianDescent(), c -> MultiLayerConfiguration.fromYaml(c.toYaml()),
                SupervisedOutputLayerSerializationTest::assertHebbianDescentIntact);
        assertGraphRoundTrip(hebbianDescent(), c -> ComputationGraphConfiguration.fromJson(c.toJson()),
                SupervisedOutputLayerSerializationTest::assertHebbianDescentIntact);
        assertGraphRoundTrip(hebbianDescent(), c -> ComputationGraphConfiguration.fromYaml(c.toYaml()),
                SupervisedOutputLayerSerializationTest::assertHebbianDescentIntact);
    }

    @Test
    void configurationEqualitySeesEveryOwnSetting() {
        // Guards the round-trip assertions: equality must see each field.
        HebbianOutputLayer shc = new HebbianOutputLayer.Builder().nIn(4).nOut(3).build();
        assertEquals(shc, new HebbianOutputLayer.Builder().nIn(4).nOut(3).build());
        assertNotEquals(shc, new HebbianOutputLayer.Builder().nIn(4).nOut(3).maxNorm(1).build());
        assertNotEquals(shc, new HebbianOutputLayer.Builder().nIn(4).nOut(3).directStep(0.1).build());
        assertNotEquals(shc, new HebbianOutputLayer.Builder().nIn(4).nOut(3).normalizeByLargestWeight(true).build());
        assertNotEquals(shc, new HebbianOutputLayer.Builder().nIn(4).nOut(3).zeroLeadingInputs(1).build());

        HebbianOutputLayer hd = new HebbianDescentOutputLayer.Builder().nIn(4).nOut(3).build();
        assertEquals(hd, new HebbianDescentOutputLayer.Builder().nIn(4).nOut(3).build());
        assertNotEquals(hd, new HebbianDescentOutputLayer.Builder().nIn(4).nOut(3).centering(0.9).build());
        assertNotEquals(new HebbianDescentOutputLayer.Builder().nIn(4).nOut(3).centering(0.9).build(),
                new HebbianDescentOutputLayer.Builder().nIn(4).nOut(3).centering(0.8).build());
        assertNotEquals(hd, new HebbianDescentOutputLayer.Builder().nIn(4).nOut(3).directStep(0.1).build());
    }
}
