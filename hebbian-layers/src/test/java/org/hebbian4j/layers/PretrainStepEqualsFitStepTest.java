package org.hebbian4j.layers;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.hebbian4j.layers.PretrainingNets.Variant;
import org.hebbian4j.training.LayerwisePretraining;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.dataset.DataSet;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.hebbian4j.layers.PretrainingNets.batches;
import static org.hebbian4j.layers.PretrainingNets.graph;
import static org.hebbian4j.layers.PretrainingNets.iterator;
import static org.hebbian4j.layers.PretrainingNets.multiLayer;
import static org.hebbian4j.layers.PretrainingNets.values;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * DL4J's layer-wise pretraining moves a hidden Hebbian layer (dense or convolution) exactly as {@code fit}
 * does: after three pretraining steps on three batches, the layer's W, bias, homeostasis state theta and rule
 * state equal, bit for bit, those of the same network after three {@code fit} steps on the same batches (whose
 * layers above learn too, but send the Hebbian layer nothing). Under Sgd, Adam (fresh in both) and the direct
 * step, with the unit-norm constraint, the growth factor's rescaling and a rule state; at index 0 and above an
 * ordinary layer; in MultiLayerNetwork and ComputationGraph. The layers below and above keep their parameters.
 */
class PretrainStepEqualsFitStepTest {

    private static final int STEPS = 3;

    static Stream<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        for (boolean convolution : new boolean[]{false, true}) {
            for (Variant variant : Variant.values()) {
                for (boolean withLayerBelow : new boolean[]{false, true}) {
                    all.add(Arguments.of(convolution, variant, withLayerBelow));
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "convolution={0} {1} layerBelow={2}")
    @MethodSource("cases")
    void multiLayerNetworkPretrainLayerStepsLikeFit(boolean convolution, Variant variant, boolean withLayerBelow) {
        int hebbian = withLayerBelow ? 1 : 0;
        List<DataSet> data = batches(convolution, STEPS, 21);
        MultiLayerNetwork fitted = new MultiLayerNetwork(multiLayer(convolution, variant, withLayerBelow));
        fitted.init();
        MultiLayerNetwork pretrained = new MultiLayerNetwork(multiLayer(convolution, variant, withLayerBelow));
        pretrained.init();
        MultiLayerNetwork initial = new MultiLayerNetwork(multiLayer(convolution, variant, withLayerBelow));
        initial.init();

        for (DataSet batch : data) {
            fitted.fit(batch);
        }
        // DL4J's own call for layer 0; above it, DL4J M2.1 feeds the network's features (see LayerwisePretraining).
        if (hebbian == 0) {
            pretrained.pretrainLayer(0, iterator(data));
        } else {
            LayerwisePretraining.pretrainLayer(pretrained, hebbian, iterator(data), 1);
        }

        double[] expected = values(fitted.getLayer(hebbian).params());
        assertFalse(java.util.Arrays.equals(values(initial.getLayer(hebbian).params()), expected), "fit must move the layer");
        assertArrayEquals(expected, values(pretrained.getLayer(hebbian).params()), 0.0,
                "W, b, theta and rule state after pretraining = after fit");
        for (int other = 0; other < pretrained.getnLayers(); other++) {
            if (other != hebbian && pretrained.getLayer(other).numParams() > 0) {
                assertArrayEquals(values(initial.getLayer(other).params()), values(pretrained.getLayer(other).params()), 0.0,
                        "layer " + other + " keeps its parameters");
            }
        }
    }

    @ParameterizedTest(name = "convolution={0} {1} layerBelow={2}")
    @MethodSource("cases")
    void computationGraphPretrainLayerStepsLikeFit(boolean convolution, Variant variant, boolean withLayerBelow) {
        List<DataSet> data = batches(convolution, STEPS, 22);
        ComputationGraph fitted = new ComputationGraph(graph(convolution, variant, withLayerBelow));
        fitted.init();
        ComputationGraph pretrained = new ComputationGraph(graph(convolution, variant, withLayerBelow));
        pretrained.init();
        ComputationGraph initial = new ComputationGraph(graph(convolution, variant, withLayerBelow));
        initial.init();

        for (DataSet batch : data) {
            fitted.fit(batch);
        }
        pretrained.pretrainLayer("hebbian", iterator(data));

        double[] expected = values(fitted.getLayer("hebbian").params());
        assertFalse(java.util.Arrays.equals(values(initial.getLayer("hebbian").params()), expected), "fit must move the layer");
        assertArrayEquals(expected, values(pretrained.getLayer("hebbian").params()), 0.0,
                "W, b, theta and rule state after pretraining = after fit");
        for (org.deeplearning4j.nn.api.Layer layer : pretrained.getLayers()) {
            String other = layer.conf().getLayer().getLayerName();
            if (!other.equals("hebbian") && layer.numParams() > 0) {
                assertArrayEquals(values(initial.getLayer(other).params()), values(layer.params()), 0.0,
                        other + " keeps its parameters");
            }
        }
    }
}
