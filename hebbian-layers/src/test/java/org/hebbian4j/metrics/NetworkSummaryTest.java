package org.hebbian4j.metrics;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.transferlearning.TransferLearning;
import org.hebbian4j.competition.HardWta;
import org.hebbian4j.conf.HebbianConvolutionLayer;
import org.hebbian4j.conf.HebbianDenseLayer;
import org.hebbian4j.conf.HebbianOutputLayer;
import org.hebbian4j.homeostasis.AdaptiveThreshold;
import org.hebbian4j.rules.HebbNetRule;
import org.hebbian4j.rules.InstarRule;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What DL4J's {@code summary()} shows of Hebbian layers: their configurations' type names (not the
 * implementation classes'), the bias as a vector {@code [nOut]} as DL4J's own layers have it; and
 * {@link NetworkSummary}'s counts, which take the layers' state out of the trainable parameters.
 */
class NetworkSummaryTest {

    // conv 1x1 (2 + 2) | Hebbian conv 3x3: W 4*2*9 = 72, b 4, theta 4 | Hebbian dense 64 -> 5: W 320, b 5, theta 5,
    // HebbNet's average 5 | dense 5 -> 3: 18 | Hebbian output 3 -> 2: W 6, b 2
    private static final long TOTAL = 4 + 80 + 335 + 18 + 8;
    private static final long STATE = 4 + 5 + 5;

    private static MultiLayerNetwork network() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().list()
                .layer(new ConvolutionLayer.Builder(1, 1).nOut(2).build())
                .layer(new HebbianConvolutionLayer.Builder(3, 3).nOut(4).rule(new InstarRule())
                        .competition(new HardWta()).homeostasis(new AdaptiveThreshold(1)).build())
                .layer(new HebbianDenseLayer.Builder().nOut(5).rule(new HebbNetRule(0.5, 0.9))
                        .homeostasis(new AdaptiveThreshold(1)).build())
                .layer(new DenseLayer.Builder().nOut(3).build())
                .layer(new HebbianOutputLayer.Builder().nOut(2).build())
                .setInputType(InputType.convolutional(6, 6, 1)).build());
        net.init();
        return net;
    }

    @Test
    void dl4jsSummaryNamesTheLayersAndShowsTheBiasAsDl4jDoes() {
        MultiLayerNetwork net = network();
        String summary = net.summary();
        assertTrue(summary.contains("(HebbianConvolutionLayer)"), summary);
        assertTrue(summary.contains("(HebbianDenseLayer)"), summary);
        assertTrue(summary.contains("(HebbianOutputLayer)"), summary);
        assertFalse(summary.contains("Impl"), summary);
        assertFalse(summary.contains("b:{1,"), summary);
        for (int layer = 1; layer <= 4; layer++) {
            long nOut = net.getLayer(layer).getParam("b").length();
            assertArrayEquals(new long[]{nOut}, net.getLayer(layer).getParam("b").shape(), "layer " + layer);
        }
        assertEquals(TOTAL, net.numParams());
    }

    @Test
    void theStateIsNotCountedAsTrainable() {
        MultiLayerNetwork net = network();
        assertEquals(STATE, NetworkSummary.stateParameters(net));
        String summary = NetworkSummary.of(net);
        assertTrue(summary.matches("(?s).*Hebbian state \\(not trained\\): " + STATE + "\\R.*"), summary);
        assertTrue(summary.matches("(?s).*Trained by the updater: " + (TOTAL - STATE) + "\\R.*"), summary);

        ComputationGraph graph = net.toComputationGraph();
        assertEquals(STATE, NetworkSummary.stateParameters(graph));
        assertTrue(NetworkSummary.of(graph).contains("Trained by the updater: " + (TOTAL - STATE)));
    }

    @Test
    void frozenLayersCountAsFrozenOnly() {
        MultiLayerNetwork frozen = new TransferLearning.Builder(network()).setFeatureExtractor(2).build();
        assertEquals(0, NetworkSummary.stateParameters(frozen));
        // Layers 0-2 frozen: 4 + 80 + 335; left: the dense layer and the output layer (no state).
        assertTrue(NetworkSummary.of(frozen).contains("Trained by the updater: " + (18 + 8)), NetworkSummary.of(frozen));
    }
}
