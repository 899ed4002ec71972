package org.hebbian4j.conf;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.constraint.UnitNormConstraint;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.hebbian4j.competition.HardWta;
import org.hebbian4j.competition.KWta;
import org.hebbian4j.competition.PowerSoftWta;
import org.hebbian4j.competition.SoftWta;
import org.hebbian4j.homeostasis.AdaptiveThreshold;
import org.hebbian4j.rules.InstarRule;
import org.hebbian4j.rules.OjaRule;
import org.hebbian4j.rules.SoftHebbRule;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * JSON and YAML round trips of MultiLayerNetwork and ComputationGraph configurations holding
 * {@link HebbianConvolutionLayer}s give equal configurations, with geometry, rule, competition,
 * homeostasis and modes intact.
 */
class HebbianConvolutionLayerSerializationTest {

    /** Four chained layers on a 16x16x3 input, one per rule/competition pair and geometry. */
    private static List<HebbianConvolutionLayer> hebbianLayers() {
        return List.of(
                new HebbianConvolutionLayer.Builder(5, 5).name("softhebb").nOut(8)
                        .rule(new SoftHebbRule()).competition(new SoftWta(0.02)).activation(Activation.RELU).build(),
                new HebbianConvolutionLayer.Builder(3, 3).name("instar-wta").nOut(7).stride(2, 1).padding(1, 2)
                        .rule(new InstarRule()).competition(new HardWta()).normalizeWeights(true)
                        .homeostasis(new AdaptiveThreshold(0.25)).build(),
                new HebbianConvolutionLayer.Builder(2, 3).name("oja-kwta").nOut(6).dilation(2, 1)
                        .convolutionMode(ConvolutionMode.Same).hasBias(false)
                        .rule(new OjaRule()).competition(new KWta(3)).directStep(0.02).build(),
                new HebbianConvolutionLayer.Builder(3, 3).name("instar-power").nOut(5)
                        .rule(new InstarRule()).competition(new PowerSoftWta(20)).biasInit(0.25)
                        .directStep(0.005).normalizeWeights(true).build());
    }

    private static OutputLayer output() {
        return new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).name("out").nOut(3)
                .activation(Activation.SOFTMAX).build();
    }

    private static NeuralNetConfiguration.Builder base() {
        return new NeuralNetConfiguration.Builder().seed(7).weightInit(WeightInit.NORMAL).updater(new Adam(1e-3));
    }

    private static MultiLayerConfiguration multiLayerConfiguration() {
        NeuralNetConfiguration.ListBuilder list = base().list();
        hebbianLayers().forEach(list::layer);
        return list.layer(output()).setInputType(InputType.convolutional(16, 16, 3)).build();
    }

    private static ComputationGraphConfiguration graphConfiguration() {
        ComputationGraphConfiguration.GraphBuilder graph = base().graphBuilder().addInputs("in")
                .setInputTypes(InputType.convolutional(16, 16, 3));
        String previous = "in";
        for (HebbianConvolutionLayer layer : hebbianLayers()) {
            graph.addLayer(layer.getLayerName(), layer, previous);
            previous = layer.getLayerName();
        }
        // A parallel branch from "oja-kwta" with the same output size as "instar-power" (4x12).
        graph.addLayer("side", new HebbianConvolutionLayer.Builder(3, 3).nOut(4).convolutionMode(ConvolutionMode.Strict)
                        .rule(new InstarRule()).competition(new KWta(2)).build(), "oja-kwta")
                .addVertex("merge", new MergeVertex(), previous, "side")
                .addLayer("out", output(), "merge")
                .setOutputs("out");
        return graph.build();
    }

    private static void assertHebbianLayersIntact(List<Layer> restored) {
        assertEquals(4, restored.size());
        HebbianConvolutionLayer softHebb = assertInstanceOf(HebbianConvolutionLayer.class, restored.get(0));
        assertEquals(new SoftHebbRule(), softHebb.getRule());
        assertEquals(new SoftWta(0.02), softHebb.getCompetition());
        assertEquals(3, softHebb.getNIn());
        assertArrayEquals(new int[]{5, 5}, softHebb.getKernelSize());
        assertFalse(softHebb.isDirectStep());

        HebbianConvolutionLayer instar = assertInstanceOf(HebbianConvolutionLayer.class, restored.get(1));
        assertInstanceOf(HardWta.class, instar.getCompetition());
        assertArrayEquals(new int[]{2, 1}, instar.getStride());
        assertArrayEquals(new int[]{1, 2}, instar.getPadding());
        assertEquals(new AdaptiveThreshold(0.25), instar.getHomeostasis());
        assertTrue(instar.isNormalizeWeights());
        assertTrue(instar.getConstraints().stream().anyMatch(c -> c instanceof UnitNormConstraint),
                "normalizeWeights keeps its unit-norm constraint: " + instar.getConstraints());
        assertEquals(8, instar.getNIn());

        HebbianConvolutionLayer oja = assertInstanceOf(HebbianConvolutionLayer.class, restored.get(2));
        assertInstanceOf(OjaRule.class, oja.getRule());
        assertEquals(new KWta(3), oja.getCompetition());
        assertArrayEquals(new int[]{2, 1}, oja.getDilation());
        assertEquals(ConvolutionMode.Same, oja.getConvolutionMode());
        assertFalse(oja.hasBias());
        assertEquals(0.02, oja.getDirectStepLearningRate());

        HebbianConvolutionLayer power = assertInstanceOf(HebbianConvolutionLayer.class, restored.get(3));
        assertEquals(new PowerSoftWta(20), power.getCompetition());
        assertEquals(0.25, power.getBiasInit());
        assertEquals(0.005, power.getDirectStepLearningRate());
        assertEquals(ConvolutionMode.Truncate, power.getConvolutionMode(), "the network's default mode");
    }

    private static List<Layer> chainOf(MultiLayerConfiguration conf) {
        return conf.getConfs().subList(0, 4).stream().map(NeuralNetConfiguration::getLayer).toList();
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
        HebbianConvolutionLayer side = (HebbianConvolutionLayer) ((LayerVertex) restored.getVertices().get("side"))
                .getLayerConf().getLayer();
        assertEquals(new KWta(2), side.getCompetition());
        assertEquals(ConvolutionMode.Strict, side.getConvolutionMode());
    }

    @Test
    void computationGraphConfigurationSurvivesYamlRoundTrip() {
        ComputationGraphConfiguration conf = graphConfiguration();

        ComputationGraphConfiguration restored = ComputationGraphConfiguration.fromYaml(conf.toYaml());

        assertEquals(conf, restored);
        assertHebbianLayersIntact(chainOf(restored));
    }

    @Test
    void configurationEqualityDistinguishesHebbianAndGeometrySettings() {
        // Guards the round-trip assertions: equality must see every setting.
        HebbianConvolutionLayer a = new HebbianConvolutionLayer.Builder(3, 3).nIn(3).nOut(4).competition(new SoftWta(0.5)).build();

        assertNotEquals(a, new HebbianConvolutionLayer.Builder(3, 3).nIn(3).nOut(4).competition(new SoftWta(0.25)).build());
        assertNotEquals(a, new HebbianConvolutionLayer.Builder(3, 3).nIn(3).nOut(4).competition(new SoftWta(0.5))
                .rule(new OjaRule()).build());
        assertNotEquals(a, new HebbianConvolutionLayer.Builder(3, 3).nIn(3).nOut(4).competition(new SoftWta(0.5))
                .homeostasis(new AdaptiveThreshold(0.1)).build());
        assertNotEquals(a, new HebbianConvolutionLayer.Builder(3, 3).nIn(3).nOut(4).competition(new SoftWta(0.5))
                .directStep(0.1).build());
        assertNotEquals(a, new HebbianConvolutionLayer.Builder(3, 3).nIn(3).nOut(4).competition(new SoftWta(0.5))
                .stride(2, 2).build());
        assertEquals(a, new HebbianConvolutionLayer.Builder(3, 3).nIn(3).nOut(4).competition(new SoftWta(0.5)).build());
    }
}
