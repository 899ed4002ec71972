package org.hebbian4j.arbiter;

import org.deeplearning4j.arbiter.DL4JConfiguration;
import org.deeplearning4j.arbiter.MultiLayerSpace;
import org.deeplearning4j.arbiter.layers.LayerSpace;
import org.deeplearning4j.arbiter.optimize.api.Candidate;
import org.deeplearning4j.arbiter.optimize.generator.RandomSearchGenerator;
import org.deeplearning4j.arbiter.optimize.parameter.FixedValue;
import org.deeplearning4j.arbiter.optimize.parameter.continuous.ContinuousParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.discrete.DiscreteParameterSpace;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.hebbian4j.conf.HebbianDescentOutputLayer;
import org.hebbian4j.conf.HebbianOutputLayer;
import org.hebbian4j.rules.SupervisedHebbRule;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;
import org.nd4j.linalg.lossfunctions.impl.LossNegativeLogLikelihood;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link HebbianOutputLayerSpace} and {@link HebbianDescentOutputLayerSpace}. */
class HebbianOutputLayerSpacesTest {

    private static void assertMentions(Throwable e, String... words) {
        for (String word : words) {
            assertTrue(e.getMessage().contains(word), "message should mention \"" + word + "\": " + e.getMessage());
        }
    }

    /** A Hebbian hidden layer 10 -> 6 under the given output space; sizes fixed, no input type. */
    private static MultiLayerSpace network(LayerSpace<?> output) {
        return new MultiLayerSpace.Builder().seed(1).updater(new Sgd(0.1))
                .addLayer(new HebbianDenseLayerSpace.Builder().nIn(10).nOut(6).rule("instar").competition("wta")
                        .activation(Activation.RELU).build())
                .addLayer(output)
                .numEpochs(1)
                .build();
    }

    private static HebbianOutputLayerSpace searchedShc() {
        return new HebbianOutputLayerSpace.Builder().nIn(6).nOut(3)
                .maxNorm(new ContinuousParameterSpace(0.5, 4))
                .learningRate(new ContinuousParameterSpace(0.01, 0.5))
                .build();
    }

    private static HebbianDescentOutputLayerSpace searchedDescent() {
        return new HebbianDescentOutputLayerSpace.Builder().nIn(6).nOut(3)
                .centering(new DiscreteParameterSpace<>(true, false))
                .centeringMomentum(new ContinuousParameterSpace(0.5, 0.99))
                .learningRate(new ContinuousParameterSpace(0.01, 0.5))
                .build();
    }

    @Test
    void supervisedHebbianSpaceWithFixedSettingsGivesTheConfiguredLayer() {
        HebbianOutputLayerSpace space = new HebbianOutputLayerSpace.Builder().nIn(6).nOut(3).maxNorm(1.5)
                .directStep(new FixedValue<>(0.1)).lossFunction(LossFunctions.LossFunction.NEGATIVELOGLIKELIHOOD)
                .build();

        HebbianOutputLayer layer = space.getValue(new double[0]);

        assertEquals(0, space.numParameters());
        assertEquals(new SupervisedHebbRule(), layer.getRule());
        assertEquals(1.5, layer.getMaxNorm());
        assertEquals(0.1, layer.getDirectStepLearningRate());
        assertInstanceOf(ActivationSoftmax.class, layer.getActivationFn(), "the layer's default activation");
        assertInstanceOf(LossNegativeLogLikelihood.class, layer.getLossFn());
        assertEquals(6, layer.getNIn());
        assertEquals(3, layer.getNOut());
        assertEquals(Map.of(), space.describe(new double[0]));
        assertInstanceOf(LossMCXENT.class,
                new HebbianOutputLayerSpace.Builder().nOut(3).build().getValue(new double[0]).getLossFn());
    }

    @Test
    void supervisedHebbianSpaceSamplesDifferentMaxNormsAndLearningRates() {
        HebbianOutputLayerSpace shc = searchedShc();
        RandomSearchGenerator generator = new RandomSearchGenerator(network(shc), null);
        Set<Double> maxNorms = new HashSet<>();
        Set<Double> rates = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            Candidate<?> candidate = generator.getCandidate();
            HebbianOutputLayer layer = (HebbianOutputLayer) ((DL4JConfiguration) candidate.getValue())
                    .getMultiLayerConfiguration().getConf(1).getLayer();
            Map<String, Object> described = shc.describe(candidate.getFlatParameters());
            assertEquals(List.of("maxNorm", "learningRate"), List.copyOf(described.keySet()));
            assertEquals(layer.getMaxNorm(), (double) described.get("maxNorm"), 1e-12);
            assertTrue(layer.getMaxNorm() >= 0.5 && layer.getMaxNorm() <= 4, "maxNorm in range: " + layer.getMaxNorm());
            maxNorms.add(layer.getMaxNorm());
            rates.add(layer.getIUpdater().getLearningRate(0, 0));
        }
        assertEquals(5, maxNorms.size(), "maxNorm varies: " + maxNorms);
        assertEquals(5, rates.size(), "learning rate varies: " + rates);
    }

    @Test
    void supervisedHebbianSpaceRejectsHyperparametersNoRuleHasAndSurfacesTheLayersOwnErrors() {
        assertMentions(assertThrows(IllegalArgumentException.class,
                        () -> new HebbianOutputLayerSpace.Builder().nOut(3).hyperparameter("winners", 1).build()),
                "HebbianOutputLayerSpace", "no rule has", "'winners'");
        HebbianOutputLayerSpace unsupervised = new HebbianOutputLayerSpace.Builder().nOut(3).rule("softhebb").build();
        assertMentions(assertThrows(IllegalArgumentException.class, () -> unsupervised.getValue(new double[0])),
                "HebbianOutputLayer", "unsupervised");
    }

    @Test
    void hebbianDescentSpaceWithAFixedMomentumCentersWithIt() {
        HebbianDescentOutputLayer layer = new HebbianDescentOutputLayerSpace.Builder().nIn(6).nOut(3)
                .centeringMomentum(0.9).directStep(new FixedValue<>(0.2)).build().getValue(new double[0]);

        assertTrue(layer.isCentering());
        assertEquals(0.9, layer.getCenteringMomentum());
        assertEquals(0.2, layer.getDirectStepLearningRate());
        assertInstanceOf(ActivationSigmoid.class, layer.getActivationFn(), "the layer's default activation");
        assertInstanceOf(LossMSE.class, layer.getLossFn(), "the layer's default loss");
        assertTrue(!new HebbianDescentOutputLayerSpace.Builder().nOut(3).build().getValue(new double[0]).isCentering(),
                "no momentum: no centering");
    }

    @Test
    void hebbianDescentSpaceSearchesCenteringOnAndOffAndTheMomentum() {
        HebbianDescentOutputLayerSpace descent = searchedDescent();
        RandomSearchGenerator generator = new RandomSearchGenerator(network(descent), null);
        Set<Boolean> centered = new HashSet<>();
        Set<Double> momenta = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            Candidate<?> candidate = generator.getCandidate();
            HebbianDescentOutputLayer layer = (HebbianDescentOutputLayer) ((DL4JConfiguration) candidate.getValue())
                    .getMultiLayerConfiguration().getConf(1).getLayer();
            Map<String, Object> described = descent.describe(candidate.getFlatParameters());
            centered.add(layer.isCentering());
            assertEquals(layer.isCentering(), described.get("centering"));
            if (layer.isCentering()) {
                momenta.add(layer.getCenteringMomentum());
                assertEquals(layer.getCenteringMomentum(), (double) described.get("centeringMomentum"), 1e-12);
            } else {
                assertTrue(!described.containsKey("centeringMomentum"), described.toString());
            }
        }
        assertEquals(Set.of(true, false), centered);
        assertTrue(momenta.size() >= 2, "momentum varies: " + momenta);
    }

    @Test
    void hebbianDescentSpaceWithCenteringButNoMomentumFailsWhenBuilt() {
        assertMentions(assertThrows(IllegalArgumentException.class,
                        () -> new HebbianDescentOutputLayerSpace.Builder().nOut(3)
                                .centering(new DiscreteParameterSpace<>(true, false)).build()),
                "centering", "centeringMomentum");
    }

    @Test
    void multiLayerSpacesWithOutputSpacesRoundTripThroughJsonAndYamlAndGiveNetworksThatTrain() {
        double[] values = {0.3, 0.6, 0.9};
        for (MultiLayerSpace space : List.of(network(searchedShc()), network(searchedDescent()))) {
            MultiLayerSpace fromJson = MultiLayerSpace.fromJson(space.toJson());
            MultiLayerSpace fromYaml = MultiLayerSpace.fromYaml(space.toYaml());
            assertEquals(space, fromJson);
            assertEquals(space, fromYaml);
            for (MultiLayerSpace s : List.of(space, fromJson, fromYaml)) {
                new RandomSearchGenerator(s, null);   // indices for the leaves
            }
            Layer expected = space.getValue(values).getMultiLayerConfiguration().getConf(1).getLayer();
            assertEquals(expected, fromJson.getValue(values).getMultiLayerConfiguration().getConf(1).getLayer());
            assertEquals(expected, fromYaml.getValue(values).getMultiLayerConfiguration().getConf(1).getLayer());

            MultiLayerNetwork net = new MultiLayerNetwork(space.getValue(values).getMultiLayerConfiguration());
            net.init();
            double[] before = net.getLayer(1).getParam("W").ravel().toDoubleVector();
            Nd4j.getRandom().setSeed(3);
            net.fit(Nd4j.rand(DataType.FLOAT, 8, 10), Nd4j.eye(3).getRows(0, 1, 2, 0, 1, 2, 0, 1).castTo(DataType.FLOAT));
            assertTrue(!java.util.Arrays.equals(before, net.getLayer(1).getParam("W").ravel().toDoubleVector()),
                    expected.getClass().getSimpleName() + " learned");
            assertArrayEquals(new long[]{2, 3}, net.output(Nd4j.rand(DataType.FLOAT, 2, 10)).shape());
        }
    }
}
