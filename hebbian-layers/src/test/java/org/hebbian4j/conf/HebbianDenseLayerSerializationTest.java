package org.hebbian4j.conf;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.constraint.UnitNormConstraint;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.weights.WeightInit;
import org.hebbian4j.competition.HardWta;
import org.hebbian4j.competition.KWta;
import org.hebbian4j.competition.NoCompetition;
import org.hebbian4j.competition.PowerSoftWta;
import org.hebbian4j.competition.SoftWta;
import org.hebbian4j.rules.HebbRule;
import org.hebbian4j.rules.InstarRule;
import org.hebbian4j.rules.OjaRule;
import org.hebbian4j.rules.SoftHebbRule;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * JSON and YAML round trips of MultiLayerNetwork and ComputationGraph configurations holding
 * {@link HebbianDenseLayer}s give equal configurations, with every rule and competition and their
 * hyperparameters intact.
 */
class HebbianDenseLayerSerializationTest {

    /**
     * Five Hebbian layers, one per rule/competition pair, chained 12 -> 9 -> 8 -> 7 -> 6 -> 5,
     * with normalized weights and direct mode on some of them.
     */
    private static List<HebbianDenseLayer> hebbianLayers() {
        return List.of(
                new HebbianDenseLayer.Builder().name("softhebb").nIn(12).nOut(9)
                        .rule(new SoftHebbRule()).competition(new SoftWta(0.5)).activation(Activation.RELU).build(),
                new HebbianDenseLayer.Builder().name("instar-kwta").nIn(9).nOut(8)
                        .rule(new InstarRule()).competition(new KWta(3)).normalizeWeights(true).build(),
                new HebbianDenseLayer.Builder().name("oja").nIn(8).nOut(7)
                        .rule(new OjaRule()).competition(new NoCompetition()).directStep(0.02).build(),
                new HebbianDenseLayer.Builder().name("instar-power").nIn(7).nOut(6)
                        .rule(new InstarRule()).competition(new PowerSoftWta(20)).normalizeWeights(true)
                        .directStep(0.005).biasInit(0.25).build(),
                new HebbianDenseLayer.Builder().name("hebb").nIn(6).nOut(5)
                        .rule(new HebbRule()).competition(new HardWta()).normalizeWeights(true).build());
    }

    private static OutputLayer output() {
        return new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).name("out").nIn(5).nOut(3)
                .activation(Activation.SOFTMAX).build();
    }

    private static NeuralNetConfiguration.Builder base() {
        return new NeuralNetConfiguration.Builder().seed(7).weightInit(WeightInit.NORMAL).updater(new Adam(1e-3));
    }

    private static MultiLayerConfiguration multiLayerConfiguration() {
        NeuralNetConfiguration.ListBuilder list = base().list();
        hebbianLayers().forEach(list::layer);
        return list.layer(output()).build();
    }

    private static ComputationGraphConfiguration graphConfiguration() {
        ComputationGraphConfiguration.GraphBuilder graph = base().graphBuilder().addInputs("in");
        String previous = "in";
        for (HebbianDenseLayer layer : hebbianLayers()) {
            graph.addLayer(layer.getLayerName(), layer, previous);
            previous = layer.getLayerName();
        }
        // A parallel Hebbian branch from the input, merged with the chain.
        graph.addLayer("side", new HebbianDenseLayer.Builder().nIn(12).nOut(4).rule(new OjaRule())
                        .competition(new KWta(2)).build(), "in")
                .addVertex("merge", new MergeVertex(), previous, "side")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(9).nOut(3)
                        .activation(Activation.SOFTMAX).build(), "merge")
                .setOutputs("out");
        return graph.build();
    }

    /** The five chained Hebbian layers, in order, as found in a restored configuration. */
    private static void assertHebbianLayersIntact(List<Layer> restored) {
        assertEquals(5, restored.size());
        HebbianDenseLayer softHebb = assertInstanceOf(HebbianDenseLayer.class, restored.get(0));
        assertEquals(new SoftHebbRule(), softHebb.getRule());
        assertEquals(0.5, assertInstanceOf(SoftWta.class, softHebb.getCompetition()).temperature());
        assertEquals(false, softHebb.isNormalizeWeights());
        assertEquals(false, softHebb.isDirectStep());

        HebbianDenseLayer instarKWta = assertInstanceOf(HebbianDenseLayer.class, restored.get(1));
        assertInstanceOf(InstarRule.class, instarKWta.getRule());
        assertEquals(3, assertInstanceOf(KWta.class, instarKWta.getCompetition()).winners());
        assertTrue(instarKWta.isNormalizeWeights());
        assertTrue(instarKWta.getConstraints().stream().anyMatch(c -> c instanceof UnitNormConstraint),
                "normalizeWeights keeps its unit-norm constraint: " + instarKWta.getConstraints());

        HebbianDenseLayer oja = assertInstanceOf(HebbianDenseLayer.class, restored.get(2));
        assertInstanceOf(OjaRule.class, oja.getRule());
        assertInstanceOf(NoCompetition.class, oja.getCompetition());
        assertTrue(oja.isDirectStep());
        assertEquals(0.02, oja.getDirectStepLearningRate());

        HebbianDenseLayer instarPower = assertInstanceOf(HebbianDenseLayer.class, restored.get(3));
        assertInstanceOf(InstarRule.class, instarPower.getRule());
        assertEquals(20.0, assertInstanceOf(PowerSoftWta.class, instarPower.getCompetition()).power());
        assertTrue(instarPower.isNormalizeWeights());
        assertEquals(0.005, instarPower.getDirectStepLearningRate());
        assertEquals(0.25, instarPower.getBiasInit());

        HebbianDenseLayer hebb = assertInstanceOf(HebbianDenseLayer.class, restored.get(4));
        assertInstanceOf(HebbRule.class, hebb.getRule());
        assertInstanceOf(HardWta.class, hebb.getCompetition());
        assertEquals(5, hebb.getNOut());
        assertEquals(6, hebb.getNIn());
    }

    private static List<Layer> chainOf(MultiLayerConfiguration conf) {
        return conf.getConfs().subList(0, 5).stream().map(NeuralNetConfiguration::getLayer).toList();
    }

    private static List<Layer> chainOf(ComputationGraphConfiguration conf) {
        return hebbianLayers().stream()
                .map(l -> ((LayerVertex) conf.getVertices().get(l.getLayerName())).getLayerConf().getLayer())
                .toList();
    }

    @Test
    void multiLayerConfigurationSurvivesJsonRoundTrip() {
        MultiLayerConfiguration conf = multiLayerConfiguration();

        MultiLayerConfiguration restored = MultiLayerConfiguration.fromJson(conf.toJson());

        assertEquals(conf, restored);
        assertHebbianLayersIntact(chainOf(restored));
    }

    @Test
    void multiLayerConfigurationSurvivesYamlRoundTrip() {
        MultiLayerConfiguration conf = multiLayerConfiguration();

        MultiLayerConfiguration restored = MultiLayerConfiguration.fromYaml(conf.toYaml());

        assertEquals(conf, restored);
        assertHebbianLayersIntact(chainOf(restored));
    }

    @Test
    void computationGraphConfigurationSurvivesJsonRoundTrip() {
        ComputationGraphConfiguration conf = graphConfiguration();

        ComputationGraphConfiguration restored = ComputationGraphConfiguration.fromJson(conf.toJson());

        assertEquals(conf, restored);
        assertHebbianLayersIntact(chainOf(restored));
        HebbianDenseLayer side = (HebbianDenseLayer) ((LayerVertex) restored.getVertices().get("side")).getLayerConf().getLayer();
        assertEquals(new KWta(2), side.getCompetition());
    }

    @Test
    void computationGraphConfigurationSurvivesYamlRoundTrip() {
        ComputationGraphConfiguration conf = graphConfiguration();

        ComputationGraphConfiguration restored = ComputationGraphConfiguration.fromYaml(conf.toYaml());

        assertEquals(conf, restored);
        assertHebbianLayersIntact(chainOf(restored));
    }

    @Test
    void configurationEqualityDistinguishesCompetitionHyperparameters() {
        // Guards the round-trip assertions: equality must see the competition's hyperparameter.
        HebbianDenseLayer a = new HebbianDenseLayer.Builder().nIn(4).nOut(3).competition(new SoftWta(0.5)).build();
        HebbianDenseLayer b = new HebbianDenseLayer.Builder().nIn(4).nOut(3).competition(new SoftWta(0.25)).build();
        HebbianDenseLayer c = new HebbianDenseLayer.Builder().nIn(4).nOut(3).competition(new SoftWta(0.5))
                .rule(new OjaRule()).build();
        HebbianDenseLayer d = new HebbianDenseLayer.Builder().nIn(4).nOut(3).competition(new SoftWta(0.5))
                .directStep(0.1).build();

        assertNotEquals(a, b);
        assertNotEquals(a, c);
        assertNotEquals(a, d);
        assertEquals(a, new HebbianDenseLayer.Builder().nIn(4).nOut(3).competition(new SoftWta(0.5)).build());
    }
}
