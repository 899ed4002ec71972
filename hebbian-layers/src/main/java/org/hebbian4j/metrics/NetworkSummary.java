package org.hebbian4j.metrics;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.FrozenLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.hebbian4j.conf.HebbianLearning;
import org.hebbian4j.conf.HebbianOutputLayer;

/**
 * DL4J's {@code summary()} of a network with Hebbian layers, with the parameter counts put right.
 *
 * <p>DL4J counts every parameter of a layer that is not a {@code FrozenLayer} as trainable, the Hebbian
 * layers' state included (homeostasis {@code theta}, a rule's state vectors, the output layer's running
 * mean {@code mu}): values the layers set themselves, which no updater trains. {@link #of(Model)} adds the
 * count of that state and of the parameters DL4J's updater does train under the table.
 */
public final class NetworkSummary {

    private NetworkSummary() {
    }

    /**
     * DL4J's summary of {@code model} followed by two lines: the Hebbian layers' state parameters among
     * those DL4J calls trainable, and the rest.
     */
    public static String of(Model model) {
        String table = model instanceof MultiLayerNetwork net ? net.summary()
                : model instanceof ComputationGraph graph ? graph.summary() : null;
        if (table == null) {
            throw new IllegalArgumentException("NetworkSummary: a MultiLayerNetwork or ComputationGraph, got "
                    + model.getClass().getName());
        }
        long frozen = 0;
        for (Layer layer : layers(model)) {
            if (layer instanceof FrozenLayer) {
                frozen += layer.numParams();
            }
        }
        long state = stateParameters(model);
        long trainable = model.numParams() - frozen - state;
        return table + String.format("%30s %,d%n%30s %,d%n", "Hebbian state (not trained):", state,
                "Trained by the updater:", trainable);
    }

    /**
     * The number of state parameters of the Hebbian layers that are not frozen: parameters that are
     * neither weights nor biases ({@link ParamInitializer#isWeightParam}, {@link ParamInitializer#isBiasParam}).
     */
    public static long stateParameters(Model model) {
        long state = 0;
        for (Layer layer : layers(model)) {
            org.deeplearning4j.nn.conf.layers.Layer conf = layer.conf().getLayer();
            if (layer instanceof FrozenLayer || !(conf instanceof HebbianLearning || conf instanceof HebbianOutputLayer)) {
                continue;
            }
            ParamInitializer initializer = conf.initializer();
            for (var entry : layer.paramTable().entrySet()) {
                String key = entry.getKey();
                if (!initializer.isWeightParam(conf, key) && !initializer.isBiasParam(conf, key)) {
                    state += entry.getValue().length();
                }
            }
        }
        return state;
    }

    private static Layer[] layers(Model model) {
        return model instanceof MultiLayerNetwork net ? net.getLayers() : ((ComputationGraph) model).getLayers();
    }
}
