package org.hebbian4j.training;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.layers.IOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.layers.FrozenLayer;
import org.deeplearning4j.nn.layers.FrozenLayerWithBackprop;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * DL4J's greedy layer-wise pretraining ({@code pretrain}, {@code pretrainLayer}) with three defects of
 * DL4J 1.0.0-M2.1 worked around, for networks whose hidden Hebbian layers learn without labels (they are
 * DL4J pretrain layers: {@code isPretrainLayer()} is true, and one pretraining step of such a layer equals
 * one {@code fit} step of it). Each pretrainable layer, from the bottom up, learns for the given epochs
 * from the inference-mode output of the layers below while every other layer keeps its parameters; the
 * labels of the data are not used.
 *
 * <p>The defects (read in M2.1's bytecode, shown by {@code LayerwisePretrainingTest}):
 * <ul>
 *   <li>{@code MultiLayerNetwork.pretrainLayer(i, ...)} computes the input of layer {@code i > 0} as the
 *       output of layer {@code getIndex() - 1} of the network, its index as a layer of an enclosing model
 *       (normally 0), instead of layer {@code i - 1}: every layer receives the network's features. A Hebbian
 *       layer refuses an input of the wrong width, so {@code net.pretrain(iterator)} is right only for a
 *       pretrainable layer 0 (or when the widths happen to match, and then silently wrong). Here the
 *       network's index is set to {@code i} for the call (and restored), so DL4J's own forward pass feeds
 *       the layer; were the defect fixed, the index would be ignored and the result the same.</li>
 *   <li>{@code ComputationGraph.pretrain(iterator, epochs)} trains each layer for one epoch whatever
 *       {@code epochs} is; here each layer gets its epochs.</li>
 *   <li>{@code ComputationGraph.pretrain} visits the layers in the order their vertices were added, which
 *       need not be bottom-up; here they are visited in the graph's topological order.</li>
 * </ul>
 *
 * <p>What DL4J does in a pretraining step (the same here): the layer's own solver and updater, created at
 * its first pretraining step, take the step (the updater configured for the layer, e.g. {@code Sgd(lr)}:
 * {@code W += lr * dW}, or the layer's direct step); a stateful updater such as Adam keeps its own state,
 * separate from the network's (which {@code fit} uses). The network's iteration and epoch counters do not
 * move; the layer's configuration counts its pretraining iterations ({@code layer.conf().getIterationCount()},
 * used by learning-rate schedules) and, here, its epochs. Listeners attached to the network receive
 * {@code iterationDone} with the layer, not the network, as the model, and no epoch or forward-pass events.
 * Frozen layers ({@code FrozenLayer}, {@code FrozenLayerWithBackprop}) and output layers are skipped.
 */
public final class LayerwisePretraining {

    private LayerwisePretraining() {
    }

    /**
     * Pretrains every pretrainable layer of {@code net}, from layer 0 up, for {@code epochs} passes over
     * {@code data} each (what {@code net.pretrain(data, epochs)} is meant to do).
     *
     * @throws IllegalArgumentException if {@code epochs < 1}, or {@code epochs > 1} and {@code data} cannot reset
     */
    public static void pretrain(MultiLayerNetwork net, DataSetIterator data, int epochs) {
        checkEpochs(data, epochs);
        for (int i = 0; i < net.getnLayers(); i++) {
            if (pretrainable(net.getLayer(i))) {
                trainLayer(net, i, data, epochs);
            }
        }
    }

    /**
     * Pretrains layer {@code layerIndex} of {@code net} for {@code epochs} passes over {@code data}, on the
     * inference-mode output of the layers below.
     *
     * @throws IllegalArgumentException if the index is out of range, the layer is not pretrainable (an
     *                                  output layer, a frozen layer, a layer that learns only by backprop), or
     *                                  the epochs are invalid for {@code data}
     */
    public static void pretrainLayer(MultiLayerNetwork net, int layerIndex, DataSetIterator data, int epochs) {
        requirePretrainable(net, layerIndex);
        checkEpochs(data, epochs);
        trainLayer(net, layerIndex, data, epochs);
    }

    /**
     * One pretraining step of layer {@code layerIndex} of {@code net} on one batch of {@code features}
     * (what {@code net.pretrainLayer(layerIndex, features)} is meant to do).
     *
     * @throws IllegalArgumentException if the index is out of range or the layer is not pretrainable
     */
    public static void pretrainLayer(MultiLayerNetwork net, int layerIndex, INDArray features) {
        requirePretrainable(net, layerIndex);
        int index = net.getIndex();
        net.setIndex(layerIndex);
        try {
            net.pretrainLayer(layerIndex, features);
        } finally {
            net.setIndex(index);
        }
    }

    /**
     * Pretrains every pretrainable layer of {@code graph}, in topological order, for {@code epochs} passes
     * over {@code data} each (what {@code graph.pretrain(data, epochs)} is meant to do). The graph must have
     * one input.
     *
     * @throws IllegalArgumentException if {@code epochs < 1}, or {@code epochs > 1} and {@code data} cannot reset
     */
    public static void pretrain(ComputationGraph graph, DataSetIterator data, int epochs) {
        checkEpochs(data, epochs);
        GraphVertex[] vertices = graph.getVertices();
        for (int v : graph.topologicalSortOrder()) {
            GraphVertex vertex = vertices[v];
            if (vertex.hasLayer() && pretrainable(vertex.getLayer())) {
                trainLayer(graph, vertex, data, epochs);
            }
        }
    }

    /**
     * Pretrains the layer named {@code layerName} of {@code graph} for {@code epochs} passes over {@code data},
     * on the inference-mode output of the vertices that feed it.
     *
     * @throws IllegalArgumentException if the graph has no such layer, the layer is not pretrainable, or the
     *                                  epochs are invalid for {@code data}
     */
    public static void pretrainLayer(ComputationGraph graph, String layerName, DataSetIterator data, int epochs) {
        GraphVertex vertex = graph.getVertex(layerName);
        if (vertex == null || !vertex.hasLayer()) {
            throw new IllegalArgumentException("LayerwisePretraining: the graph has no layer named \"" + layerName + "\"");
        }
        if (!pretrainable(vertex.getLayer())) {
            throw notPretrainable("layer \"" + layerName + "\"", vertex.getLayer());
        }
        checkEpochs(data, epochs);
        trainLayer(graph, vertex, data, epochs);
    }

    /**
     * Whether DL4J's pretraining would change {@code layer}: a pretrain layer (such as a hidden Hebbian
     * layer), not frozen and not an output layer.
     */
    public static boolean pretrainable(Layer layer) {
        return layer.isPretrainLayer() && !(layer instanceof FrozenLayer) && !(layer instanceof FrozenLayerWithBackprop)
                && !(layer instanceof IOutputLayer);
    }

    /** One epoch per call of DL4J's pretrainLayer, which counts one epoch in the layer's configuration per call. */
    private static void trainLayer(MultiLayerNetwork net, int layerIndex, DataSetIterator data, int epochs) {
        int index = net.getIndex();
        net.setIndex(layerIndex);
        try {
            for (int epoch = 0; epoch < epochs; epoch++) {
                // DL4J resets an exhausted iterator before the pass.
                net.pretrainLayer(layerIndex, data, 1);
            }
        } finally {
            net.setIndex(index);
        }
    }

    private static void trainLayer(ComputationGraph graph, GraphVertex vertex, DataSetIterator data, int epochs) {
        Layer layer = vertex.getLayer();
        for (int epoch = 0; epoch < epochs; epoch++) {
            // DL4J resets an exhausted iterator before the pass; it counts no epochs, so count them as the
            // MultiLayerNetwork does.
            graph.pretrainLayer(vertex.getVertexName(), data);
            layer.conf().setEpochCount(layer.conf().getEpochCount() + 1);
        }
    }

    private static void requirePretrainable(MultiLayerNetwork net, int layerIndex) {
        if (layerIndex < 0 || layerIndex >= net.getnLayers()) {
            throw new IllegalArgumentException("LayerwisePretraining: layer index " + layerIndex
                    + " is out of range; the network has " + net.getnLayers() + " layers");
        }
        Layer layer = net.getLayer(layerIndex);
        if (!pretrainable(layer)) {
            throw notPretrainable("layer " + layerIndex, layer);
        }
    }

    private static IllegalArgumentException notPretrainable(String which, Layer layer) {
        String why = layer instanceof FrozenLayer || layer instanceof FrozenLayerWithBackprop ? "it is frozen"
                : layer instanceof IOutputLayer ? "it is an output layer, which learns from labels (use fit)"
                : "it does not learn without labels (only hidden Hebbian layers and DL4J's pretrain layers do)";
        return new IllegalArgumentException("LayerwisePretraining: " + which + " ("
                + layer.conf().getLayer().getClass().getSimpleName() + ") cannot be pretrained: " + why);
    }

    private static void checkEpochs(DataSetIterator data, int epochs) {
        if (epochs < 1) {
            throw new IllegalArgumentException("LayerwisePretraining: epochs must be >= 1; got " + epochs);
        }
        if (epochs > 1 && !data.resetSupported()) {
            throw new IllegalArgumentException("LayerwisePretraining: " + epochs
                    + " epochs need an iterator that can reset; " + data.getClass().getSimpleName() + " cannot");
        }
    }
}
