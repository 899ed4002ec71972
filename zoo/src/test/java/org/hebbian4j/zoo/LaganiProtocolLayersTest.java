package org.hebbian4j.zoo;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The layer bookkeeping the hybrid protocol needs: block outputs and the pretrained layers to freeze. */
class LaganiProtocolLayersTest {

    @Test
    void blockOutputsAreTheBatchNormsEndingEachBlock() {
        MultiLayerConfiguration conf = new LaganiNet("BBBBBG").conf();
        assertEquals(2, LaganiNet.blockOutput(1));
        assertEquals(11, LaganiNet.blockOutput(5));
        for (int layer = 1; layer <= 5; layer++) {
            assertInstanceOf(BatchNormalization.class, conf.getConf(LaganiNet.blockOutput(layer)).getLayer(), "block " + layer);
            int first = LaganiNet.PAPER_LAYER_INDEX[layer - 1];
            Object weights = conf.getConf(first).getLayer();
            assertTrue(weights instanceof ConvolutionLayer || weights instanceof DenseLayer, "block " + layer + " starts with " + weights);
        }
        assertEquals(Set.of(0, 1, 2), LaganiNet.blockLayers(1));
        assertEquals(Set.of(10, 11), LaganiNet.blockLayers(5));
        assertThrows(IllegalArgumentException.class, () -> LaganiNet.blockOutput(6));
    }

    @Test
    void pretrainedFrozenLayersAreTheBackpropBlocksBelowTheLowestHebbianBlock() {
        assertEquals(Set.of(), new LaganiNet("HBBBBG").pretrainedFrozenLayers());
        assertEquals(Set.of(), new LaganiNet("BBBBBG").pretrainedFrozenLayers());
        assertEquals(Set.of(), new LaganiNet("HHHHHG").pretrainedFrozenLayers());
        assertEquals(Set.of(0, 1, 2), new LaganiNet("BHBBBG").pretrainedFrozenLayers());
        Set<Integer> belowFive = new TreeSet<>();
        for (int i = 0; i <= 9; i++) {
            belowFive.add(i);
        }
        assertEquals(belowFive, new LaganiNet("BBBBHG").pretrainedFrozenLayers());
        assertEquals(belowFive, new LaganiNet("BBBBHH").pretrainedFrozenLayers());
        assertEquals(Set.of(), new LaganiNet("BBBBBH").pretrainedFrozenLayers(), "only the classifier is retrained: nothing below");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new LaganiNet("HBHBBG").pretrainedFrozenLayers())
                .getMessage().contains("between Hebbian blocks"));
    }
}
