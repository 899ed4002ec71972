package org.hebbian4j.arbiter;

import org.deeplearning4j.arbiter.DL4JConfiguration;
import org.deeplearning4j.arbiter.MultiLayerSpace;
import org.deeplearning4j.arbiter.layers.OutputLayerSpace;
import org.deeplearning4j.arbiter.optimize.api.Candidate;
import org.deeplearning4j.arbiter.optimize.generator.GridSearchCandidateGenerator;
import org.deeplearning4j.arbiter.optimize.generator.RandomSearchGenerator;
import org.deeplearning4j.arbiter.optimize.parameter.continuous.ContinuousParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.discrete.DiscreteParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.integer.IntegerParameterSpace;
import org.hebbian4j.competition.HardWta;
import org.hebbian4j.competition.KWta;
import org.hebbian4j.competition.SoftWta;
import org.hebbian4j.conf.HebbianDenseLayer;
import org.hebbian4j.homeostasis.AdaptiveThreshold;
import org.hebbian4j.rules.InstarRule;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HebbianDenseLayerSpaceTest {

    private static HebbianDenseLayerSpace searched() {
        return new HebbianDenseLayerSpace.Builder().nIn(20).nOut(8)
                .rule("instar")
                .competition(new DiscreteParameterSpace<>("wta", "kwta"))
                .hyperparameter("winners", new IntegerParameterSpace(2, 6))
                .homeostasis("threshold")
                .hyperparameter("rate", 2.5)
                .learningRate(new ContinuousParameterSpace(0.01, 0.5))
                .activation(Activation.RELU)
                .build();
    }

    @Test
    void fixedSettingsGiveTheConfiguredLayerAndNoSearchParameters() {
        HebbianDenseLayerSpace space = new HebbianDenseLayerSpace.Builder().nIn(20).nOut(8).rule("instar")
                .competition("softmax").hyperparameter("temperature", 0.25).homeostasis("threshold")
                .hyperparameter("rate", 3).updater(new Sgd(0.2)).normalizeWeights(true).build();

        HebbianDenseLayer layer = space.getValue(new double[0]);

        assertEquals(0, space.numParameters());
        assertEquals(new InstarRule(), layer.getRule());
        assertEquals(new SoftWta(0.25), layer.getCompetition());
        assertEquals(new AdaptiveThreshold(3), layer.getHomeostasis());
        assertTrue(layer.isNormalizeWeights());
        assertEquals(new Sgd(0.2), layer.getIUpdater());
        assertEquals(20, layer.getNIn());
        assertEquals(8, layer.getNOut());
        assertEquals(Map.of(), space.describe(new double[0]), "nothing is searched");
    }

    @Test
    void searchedCompetitionWinnersAndLearningRateComeFromTheCandidatesValues() {
        HebbianDenseLayerSpace space = searched();
        SpaceTestSupport.index(space);
        assertEquals(3, space.numParameters(), "competition, winners, learning rate");

        // Leaves in order: competition, winners, learning rate (see describe's order below).
        Set<Object> competitions = new HashSet<>();
        for (double[] values : new double[][]{{0.1, 0.0, 0.0}, {0.9, 0.99, 1.0}, {0.9, 0.5, 0.5}}) {
            HebbianDenseLayer layer = space.getValue(values);
            Map<String, Object> described = space.describe(values);
            competitions.add(layer.getCompetition().name());
            double lr = layer.getIUpdater().getLearningRate(0, 0);
            assertTrue(lr >= 0.01 && lr <= 0.5, "learning rate in range: " + lr);
            assertEquals(lr, (double) described.get("learningRate"), 1e-12);
            if (layer.getCompetition() instanceof KWta kwta) {
                assertTrue(kwta.winners() >= 2 && kwta.winners() <= 6, "winners in range: " + kwta.winners());
                assertEquals(kwta.winners(), described.get("winners"));
                assertEquals("kwta", described.get("competition"));
            } else {
                assertEquals(new HardWta(), layer.getCompetition());
                assertTrue(!described.containsKey("winners"), "winners does not apply to wta: " + described);
            }
            assertEquals(new AdaptiveThreshold(2.5), layer.getHomeostasis(), "fixed hyperparameter");
        }
        assertEquals(2, competitions.size(), "both competitions appear: " + competitions);
    }

    @Test
    void unknownHyperparameterKeyFailsWhenTheSpaceIsBuilt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new HebbianDenseLayerSpace.Builder().nIn(4).nOut(2).hyperparameter("winnerz", 3).build());
        assertTrue(e.getMessage().contains("winnerz") && e.getMessage().contains("competition.winners"), e.getMessage());

        IllegalArgumentException prefixed = assertThrows(IllegalArgumentException.class,
                () -> new HebbianDenseLayerSpace.Builder().nIn(4).nOut(2).hyperparameter("rule.winners", 3).build());
        assertTrue(prefixed.getMessage().contains("rule.winners"), prefixed.getMessage());
    }

    @Test
    void badValuesSurfaceAsTheComponentsOwnMessage() {
        HebbianDenseLayerSpace space = new HebbianDenseLayerSpace.Builder().nIn(4).nOut(2).competition("softmax")
                .hyperparameter("temperature", 0).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> space.getValue(new double[0]));
        assertTrue(e.getMessage().contains("temperature"), e.getMessage());
    }

    @Test
    void integralValuesFromAContinuousSpaceSetIntegerHyperparameters() {
        assertEquals("5", HebbianLearningSpace.format(5.0));
        assertEquals("0.25", HebbianLearningSpace.format(0.25));
        assertEquals("7", HebbianLearningSpace.format(7));
        HebbianDenseLayer layer = new HebbianDenseLayerSpace.Builder().nIn(4).nOut(6).competition("kwta")
                .hyperparameter("winners", 3.0).build().getValue(new double[0]);
        assertEquals(new KWta(3), layer.getCompetition());
    }

    private static MultiLayerSpace network(HebbianDenseLayerSpace hebbian) {
        return new MultiLayerSpace.Builder().seed(1).updater(new Adam(1e-3))
                .addLayer(hebbian)
                .addLayer(new OutputLayerSpace.Builder().nIn(8).nOut(3).activation(Activation.SOFTMAX)
                        .lossFunction(LossFunctions.LossFunction.MCXENT).build())
                .numEpochs(1)
                .build();
    }

    @Test
    void randomSearchOverAMultiLayerSpaceGivesValidDifferentHebbianLayers() {
        RandomSearchGenerator generator = new RandomSearchGenerator(network(searched()), null);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 6; i++) {
            Candidate<?> candidate = generator.getCandidate();
            DL4JConfiguration conf = (DL4JConfiguration) candidate.getValue();
            HebbianDenseLayer layer = (HebbianDenseLayer) conf.getMultiLayerConfiguration().getConf(0).getLayer();
            seen.add(layer.getCompetition() + " " + layer.getIUpdater());
            assertInstanceOf(Sgd.class, layer.getIUpdater());
            assertEquals(3, candidate.getFlatParameters().length);
        }
        assertTrue(seen.size() >= 5, "random candidates differ: " + seen);
    }

    @Test
    void gridSearchEnumeratesEveryCombinationOfDiscreteChoices() {
        HebbianDenseLayerSpace space = new HebbianDenseLayerSpace.Builder().nIn(20).nOut(8).rule("instar")
                .competition(new DiscreteParameterSpace<>("wta", "softmax"))
                .learningRate(new DiscreteParameterSpace<>(0.1, 0.2, 0.3)).build();
        GridSearchCandidateGenerator generator = new GridSearchCandidateGenerator(network(space), 3,
                GridSearchCandidateGenerator.Mode.Sequential, null);
        Set<String> combinations = new HashSet<>();
        while (generator.hasMoreCandidates()) {
            DL4JConfiguration conf = (DL4JConfiguration) generator.getCandidate().getValue();
            HebbianDenseLayer layer = (HebbianDenseLayer) conf.getMultiLayerConfiguration().getConf(0).getLayer();
            combinations.add(layer.getCompetition().name() + "@" + layer.getIUpdater().getLearningRate(0, 0));
        }
        assertEquals(Set.of("wta@0.1", "wta@0.2", "wta@0.3", "softmax@0.1", "softmax@0.2", "softmax@0.3"),
                combinations);
    }

    @Test
    void multiLayerSpaceWithAHebbianLayerSpaceRoundTripsThroughJson() {
        MultiLayerSpace space = network(searched());
        MultiLayerSpace restored = MultiLayerSpace.fromJson(space.toJson());
        assertEquals(space, MultiLayerSpace.fromYaml(space.toYaml()), "YAML too");

        assertEquals(space, restored);
        assertEquals(3, restored.numParameters());
        double[] values = {0.9, 0.5, 0.25};
        new RandomSearchGenerator(space, null);       // a generator gives the leaves their indices
        new RandomSearchGenerator(restored, null);
        DL4JConfiguration a = space.getValue(values);
        DL4JConfiguration b = restored.getValue(values);
        assertEquals(a.getMultiLayerConfiguration().getConf(0).getLayer(), b.getMultiLayerConfiguration().getConf(0).getLayer());
    }
}
