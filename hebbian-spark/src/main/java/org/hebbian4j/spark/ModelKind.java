package org.hebbian4j.spark;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.api.NeuralNetwork;
import org.deeplearning4j.nn.api.layers.LayerConstraint;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.BaseMultiLayerUpdater;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

import java.util.List;

/**
 * The two kinds of DL4J model the trainer distributes, and what it needs of each: configuration JSON,
 * creation from it, updater state, counters, one {@code fit} step and the layers' constraints.
 */
enum ModelKind {
    MULTI_LAYER_NETWORK {
        @Override
        String configurationJson(Model model) {
            return ((MultiLayerNetwork) model).getLayerWiseConfigurations().toJson();
        }

        @Override
        Model create(String json) {
            MultiLayerNetwork net = new MultiLayerNetwork(MultiLayerConfiguration.fromJson(json));
            net.init();
            return net;
        }

        @Override
        BaseMultiLayerUpdater<?> updater(Model model) {
            return (BaseMultiLayerUpdater<?>) ((MultiLayerNetwork) model).getUpdater(true);
        }

        @Override
        int iterationCount(Model model) {
            return ((MultiLayerNetwork) model).getIterationCount();
        }

        @Override
        int epochCount(Model model) {
            return ((MultiLayerNetwork) model).getEpochCount();
        }

        @Override
        void setCounters(Model model, int iteration, int epoch) {
            MultiLayerNetwork net = (MultiLayerNetwork) model;
            net.setIterationCount(iteration);
            net.setEpochCount(epoch);
        }

        @Override
        Layer[] layers(Model model) {
            return ((MultiLayerNetwork) model).getLayers();
        }
    },
    COMPUTATION_GRAPH {
        @Override
        String configurationJson(Model model) {
            return ((ComputationGraph) model).getConfiguration().toJson();
        }

        @Override
        Model create(String json) {
            ComputationGraph graph = new ComputationGraph(ComputationGraphConfiguration.fromJson(json));
            graph.init();
            return graph;
        }

        @Override
        BaseMultiLayerUpdater<?> updater(Model model) {
            return ((ComputationGraph) model).getUpdater(true);
        }

        @Override
        int iterationCount(Model model) {
            return ((ComputationGraph) model).getIterationCount();
        }

        @Override
        int epochCount(Model model) {
            return ((ComputationGraph) model).getEpochCount();
        }

        @Override
        void setCounters(Model model, int iteration, int epoch) {
            ComputationGraphConfiguration conf = ((ComputationGraph) model).getConfiguration();
            conf.setIterationCount(iteration);
            conf.setEpochCount(epoch);
        }

        @Override
        Layer[] layers(Model model) {
            return ((ComputationGraph) model).getLayers();
        }
    };

    /** The kind of {@code model}; throws for any other model. */
    static ModelKind of(Model model) {
        if (model instanceof MultiLayerNetwork) {
            return MULTI_LAYER_NETWORK;
        }
        if (model instanceof ComputationGraph) {
            return COMPUTATION_GRAPH;
        }
        throw new IllegalArgumentException("ParameterAveraging trains a MultiLayerNetwork or a ComputationGraph, got "
                + (model == null ? "null" : model.getClass().getName()));
    }

    abstract String configurationJson(Model model);

    /** A new initialized model of the configuration {@code json} (its parameters are then overwritten). */
    abstract Model create(String json);

    abstract BaseMultiLayerUpdater<?> updater(Model model);

    abstract int iterationCount(Model model);

    abstract int epochCount(Model model);

    abstract void setCounters(Model model, int iteration, int epoch);

    /** One step of the model's own {@code fit} on {@code minibatch}. */
    void fit(Model model, DataSet minibatch) {
        ((NeuralNetwork) model).fit(minibatch);
    }

    abstract Layer[] layers(Model model);

    /** The updater's flattened state (a view), or null when the updaters keep none. */
    INDArray updaterState(Model model) {
        return updater(model).getStateViewArray();
    }

    /** Overwrites the updater's state with {@code state} (of the same length). */
    void setUpdaterState(Model model, INDArray state) {
        updater(model).setStateViewArray(state);
    }

    /**
     * Applies every layer's configured constraints (e.g. a Hebbian layer's unit-norm weights): an average of
     * constrained parameters need not satisfy the constraint (the mean of unit vectors is shorter than 1).
     */
    void applyConstraints(Model model) {
        int iteration = iterationCount(model);
        int epoch = epochCount(model);
        for (Layer layer : layers(model)) {
            List<LayerConstraint> constraints = layer.conf().getLayer().getConstraints();
            if (constraints != null) {
                for (LayerConstraint constraint : constraints) {
                    constraint.applyConstraint(layer, iteration, epoch);
                }
            }
        }
    }
}
