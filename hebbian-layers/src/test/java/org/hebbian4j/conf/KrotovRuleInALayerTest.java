package org.hebbian4j.conf;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.transferlearning.TransferLearning;
import org.deeplearning4j.nn.weights.WeightInit;
import org.hebbian4j.competition.HardWta;
import org.hebbian4j.competition.NoCompetition;
import org.hebbian4j.competition.RaisedCosineSimilarity;
import org.hebbian4j.homeostasis.AdaptiveThreshold;
import org.hebbian4j.rules.KrotovRule;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * KrotovRule in a layer (issue 16, item 3): its rankK is checked against the layer's nOut when the
 * layer is built and when it is instantiated, naming the layer; the rule ranks the neurons itself, so a
 * competition, homeostasis or similarity it would ignore is refused instead of silently dropped.
 */
class KrotovRuleInALayerTest {

    private static HebbianDenseLayer.Builder krotov(int nOut, int rankK) {
        return new HebbianDenseLayer.Builder().name("k").nIn(6).nOut(nOut).rule(new KrotovRule(3, rankK, 0.4));
    }

    @Test
    void rankKAboveNOutFailsAtBuildNamingLayerAndRule() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> krotov(5, 7).build());
        assertTrue(e.getMessage().contains("HebbianDenseLayer \"k\"") && e.getMessage().contains("KrotovRule")
                && e.getMessage().contains("rankK (k) = 7") && e.getMessage().contains("nOut = 5"), e.getMessage());
        krotov(7, 7).build();
    }

    @Test
    void nOutReplaceBelowRankKFailsWhenTheNetworkIsInstantiated() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().updater(new Sgd(0.1)).list()
                .layer(krotov(10, 7).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(10).nOut(2)
                        .activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TransferLearning.Builder(net).nOutReplace(0, 4, WeightInit.XAVIER).build());
        assertTrue(e.getMessage().contains("HebbianDenseLayer (index 0") && e.getMessage().contains("rankK (k) = 7")
                && e.getMessage().contains("nOut = 4"), e.getMessage());
    }

    @Test
    void aCompetitionHomeostasisOrSimilarityTheRuleWouldIgnoreIsRefused() {
        IllegalArgumentException competition = assertThrows(IllegalArgumentException.class,
                () -> krotov(10, 3).competition(new HardWta()).build());
        assertTrue(competition.getMessage().contains("HebbianDenseLayer \"k\"")
                && competition.getMessage().contains("ignore the layer's competition wta"), competition.getMessage());
        IllegalArgumentException homeostasis = assertThrows(IllegalArgumentException.class,
                () -> krotov(10, 3).homeostasis(new AdaptiveThreshold(1)).build());
        assertTrue(homeostasis.getMessage().contains("homeostasis"), homeostasis.getMessage());
        IllegalArgumentException similarity = assertThrows(IllegalArgumentException.class,
                () -> krotov(10, 3).similarity(new RaisedCosineSimilarity(2)).build());
        assertTrue(similarity.getMessage().contains("similarity"), similarity.getMessage());
    }

    @Test
    void leftUnsetTheLayersCompetitionIsNoneNotTheLayerTypesDefault() {
        assertInstanceOf(NoCompetition.class, krotov(10, 3).build().getCompetition());
        assertInstanceOf(NoCompetition.class, krotov(10, 3).competition(new NoCompetition()).build().getCompetition());
        assertEquals("softmax", new HebbianDenseLayer.Builder().nIn(6).nOut(10).build().getCompetition().name());
    }
}
