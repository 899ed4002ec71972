package org.hebbian4j.conf;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;

import java.util.List;
import java.util.Map;

/**
 * Checks that explicitly set layer sizes fit together: the nIn of each layer equals the nOut of the
 * layer that feeds it.
 *
 * <p>Without an input type, DL4J does not check this when the configuration is built or the network
 * initialized: a mismatch surfaces at the first forward pass. (With an input type, DL4J replaces
 * every nIn by the inferred size; a Hebbian layer whose nIn was set explicitly refuses a mismatch
 * itself at build(), see {@code HebbianDenseLayer#setNIn(InputType, boolean)}, but DL4J's own layers
 * do not.) Call {@link #check} on a configuration to fail before any data is loaded; the zoo's
 * networks do.
 *
 * <p>Pairs are compared when both layers are {@link FeedForwardLayer}s with nOut and nIn set
 * ({@code > 0}) and no input preprocessor sits between them (a preprocessor reshapes, e.g. a
 * convolution's output for a dense layer). For a ComputationGraph, a layer vertex with a single input
 * that is itself a layer vertex is compared with that input.
 */
public final class LayerSizes {

    private LayerSizes() {
    }

    /**
     * @return {@code conf}, for chaining
     * @throws IllegalArgumentException naming both layers and their sizes, at the first mismatch
     */
    public static MultiLayerConfiguration check(MultiLayerConfiguration conf) {
        for (int i = 1; i < conf.getConfs().size(); i++) {
            Layer below = conf.getConf(i - 1).getLayer();
            Layer above = conf.getConf(i).getLayer();
            if (conf.getInputPreProcess(i) == null) {
                compare(below, describe(below, "index " + (i - 1)), above, describe(above, "index " + i));
            }
        }
        return conf;
    }

    /**
     * @return {@code conf}, for chaining
     * @throws IllegalArgumentException naming both vertices and their sizes, at the first mismatch
     */
    public static ComputationGraphConfiguration check(ComputationGraphConfiguration conf) {
        Map<String, GraphVertex> vertices = conf.getVertices();
        for (Map.Entry<String, List<String>> e : conf.getVertexInputs().entrySet()) {
            if (e.getValue() == null || e.getValue().size() != 1) {
                continue;
            }
            GraphVertex above = vertices.get(e.getKey());
            GraphVertex below = vertices.get(e.getValue().get(0));
            if (above instanceof LayerVertex a && below instanceof LayerVertex b && noPreProcessor(a)) {
                Layer aboveLayer = a.getLayerConf().getLayer();
                Layer belowLayer = b.getLayerConf().getLayer();
                compare(belowLayer, describe(belowLayer, "vertex \"" + e.getValue().get(0) + "\""),
                        aboveLayer, describe(aboveLayer, "vertex \"" + e.getKey() + "\""));
            }
        }
        return conf;
    }

    private static boolean noPreProcessor(LayerVertex vertex) {
        InputPreProcessor pre = vertex.getPreProcessor();
        return pre == null;
    }

    private static void compare(Layer below, String belowName, Layer above, String aboveName) {
        if (below instanceof FeedForwardLayer b && above instanceof FeedForwardLayer a
                && b.getNOut() > 0 && a.getNIn() > 0 && b.getNOut() != a.getNIn()) {
            throw new IllegalArgumentException(aboveName + ": nIn = " + a.getNIn() + " does not match nOut = "
                    + b.getNOut() + " of the layer below it, " + belowName);
        }
    }

    private static String describe(Layer layer, String position) {
        return layer.getClass().getSimpleName() + " (" + position
                + (layer.getLayerName() == null ? "" : ", name \"" + layer.getLayerName() + "\"") + ")";
    }
}
