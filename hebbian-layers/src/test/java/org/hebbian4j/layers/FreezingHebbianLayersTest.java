package org.hebbian4j.layers;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayerWithBackprop;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.transferlearning.FineTuneConfiguration;
import org.deeplearning4j.nn.transferlearning.TransferLearning;
import org.deeplearning4j.nn.weights.WeightInit;
import org.hebbian4j.layers.PretrainingNets.Variant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.config.Sgd;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.hebbian4j.layers.PretrainingNets.batches;
import static org.hebbian4j.layers.PretrainingNets.graph;
import static org.hebbian4j.layers.PretrainingNets.hebbianLayer;
import static org.hebbian4j.layers.PretrainingNets.inputType;
import static org.hebbian4j.layers.PretrainingNets.iterator;
import static org.hebbian4j.layers.PretrainingNets.multiLayer;
import static org.hebbian4j.layers.PretrainingNets.output;
import static org.hebbian4j.layers.PretrainingNets.values;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Freezing Hebbian layers with DL4J's own means ({@code TransferLearning}'s feature extractor,
 * {@code FrozenLayer}, {@code FrozenLayerWithBackprop}): W, bias, theta and rule state stay bit for bit
 * during {@code fit} and {@code pretrain} while the layers above learn, and learning resumes once the
 * parameters are copied back into the unfrozen network. And what a {@code FineTuneConfiguration} with an
 * updater does to a Hebbian layer that is not frozen: it replaces the layer's step (unless the layer
 * takes its own direct step).
 */
class FreezingHebbianLayersTest {

    private static final int STEPS = 3;

    static Stream<Arguments> layersAndVariants() {
        List<Arguments> all = new ArrayList<>();
        for (boolean convolution : new boolean[]{false, true}) {
            for (Variant variant : new Variant[]{Variant.SGD_THRESHOLD_UNIT_NORM, Variant.SGD_GROWTH_FACTOR,
                    Variant.SGD_RULE_STATE, Variant.DIRECT_STEP}) {
                all.add(Arguments.of(convolution, variant));
            }
        }
        return all.stream();
    }

    private static MultiLayerNetwork network(boolean convolution, Variant variant) {
        MultiLayerNetwork net = new MultiLayerNetwork(multiLayer(convolution, variant, false));
        net.init();
        return net;
    }

    private static void fit(MultiLayerNetwork net, List<DataSet> data) {
        for (DataSet batch : data) {
            net.fit(batch);
        }
    }

    @ParameterizedTest(name = "convolution={0} {1}")
    @MethodSource("layersAndVariants")
    void featureExtractorKeepsTheHebbianLayerUnchangedWhileTheLayerAboveLearns(boolean convolution, Variant variant) {
        MultiLayerNetwork net = network(convolution, variant);
        INDArray hebbian = net.getLayer(0).params().dup();
        INDArray output = net.getLayer(1).params().dup();
        MultiLayerNetwork frozen = new TransferLearning.Builder(net).setFeatureExtractor(0).build();

        fit(frozen, batches(convolution, STEPS, 31));
        frozen.pretrain(iterator(batches(convolution, STEPS, 32)));

        assertArrayEquals(values(hebbian), values(frozen.getLayer(0).params()), 0.0, "W, b, theta, rule state");
        assertFalse(Arrays.equals(values(output), values(frozen.getLayer(1).params())), "the output layer learns");
        assertEquals(frozen.getLayerWiseConfigurations(),
                MultiLayerConfiguration.fromJson(frozen.getLayerWiseConfigurations().toJson()), "JSON round trip");
    }

    @ParameterizedTest(name = "convolution={0} {1}")
    @MethodSource("layersAndVariants")
    void frozenLayerAndFrozenLayerWithBackpropKeepTheHebbianLayerUnchanged(boolean convolution, Variant variant) {
        for (Function<org.deeplearning4j.nn.conf.layers.Layer, org.deeplearning4j.nn.conf.layers.Layer> freeze : List.<Function<
                org.deeplearning4j.nn.conf.layers.Layer, org.deeplearning4j.nn.conf.layers.Layer>>of(FrozenLayer::new,
                FrozenLayerWithBackprop::new)) {
            MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(11)
                    .dataType(DataType.DOUBLE).weightInit(WeightInit.XAVIER).updater(new Sgd(0.1)).list()
                    .layer(freeze.apply(hebbianLayer(convolution, variant))).layer(output())
                    .setInputType(inputType(convolution)).build());
            net.init();
            INDArray hebbian = net.getLayer(0).params().dup();

            fit(net, batches(convolution, STEPS, 33));
            net.pretrain(iterator(batches(convolution, STEPS, 34)));

            String wrapper = net.getLayer(0).getClass().getSimpleName();
            assertArrayEquals(values(hebbian), values(net.getLayer(0).params()), 0.0, wrapper);
        }
    }

    @ParameterizedTest(name = "convolution={0}")
    @ValueSource(booleans = {false, true})
    void aFrozenHebbianLayerReadFromJsonKeepsItsUnitNormConstraint(boolean convolution) {
        // DL4J's FrozenLayer, read from JSON, sets its inner layer's constraints to its own (null).
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(11).dataType(DataType.DOUBLE).list()
                .layer(new FrozenLayer(hebbianLayer(convolution, Variant.SGD_THRESHOLD_UNIT_NORM))).layer(output())
                .setInputType(inputType(convolution)).build();

        MultiLayerConfiguration read = MultiLayerConfiguration.fromJson(conf.toJson());

        org.deeplearning4j.nn.conf.layers.Layer inner = ((FrozenLayer) read.getConf(0).getLayer()).getLayer();
        assertEquals(((FrozenLayer) conf.getConf(0).getLayer()).getLayer().getConstraints(), inner.getConstraints());
        assertEquals(1, inner.getConstraints().size());
        assertTrue(inner.getConstraints().get(0) instanceof org.deeplearning4j.nn.conf.constraint.UnitNormConstraint);
        assertEquals(conf, read);
    }

    @ParameterizedTest(name = "convolution={0}")
    @ValueSource(booleans = {false, true})
    void graphFeatureExtractorKeepsTheHebbianLayerUnchanged(boolean convolution) {
        ComputationGraph graph = new ComputationGraph(graph(convolution, Variant.SGD_THRESHOLD_UNIT_NORM, true));
        graph.init();
        ComputationGraph frozen = new TransferLearning.GraphBuilder(graph).setFeatureExtractor("hebbian").build();
        // DL4J M2.1's GraphBuilder makes the graph FLOAT: compare with the frozen graph's own start.
        INDArray hebbian = frozen.getLayer("hebbian").params().dup();

        for (DataSet batch : batches(convolution, STEPS, 35)) {
            frozen.fit(batch);
        }

        assertArrayEquals(values(hebbian), values(frozen.getLayer("hebbian").params()), 0.0);
    }

    @Test
    void copyingTheFrozenNetworksParametersBackResumesHebbianLearning() {
        MultiLayerNetwork net = network(false, Variant.SGD_THRESHOLD_UNIT_NORM);
        MultiLayerNetwork frozen = new TransferLearning.Builder(net).setFeatureExtractor(0).build();
        fit(frozen, batches(false, STEPS, 36));

        net.setParams(frozen.params());   // same layout: a frozen layer keeps its parameters
        INDArray hebbian = net.getLayer(0).params().dup();
        assertArrayEquals(values(frozen.getLayer(1).params()), values(net.getLayer(1).params()), 0.0, "the trained classifier");
        fit(net, batches(false, 1, 37));

        assertFalse(Arrays.equals(values(hebbian), values(net.getLayer(0).params())), "the Hebbian layer learns again");
    }

    /** The Hebbian layer's parameters after one fit step of {@code net} on {@code batch}. */
    private static double[] afterOneStep(MultiLayerNetwork net, DataSet batch) {
        net.fit(batch);
        return values(net.getLayer(0).params());
    }

    /** [hebbian, output] with the Hebbian layer's updater replaced by {@code updater} in its configuration. */
    private static MultiLayerNetwork withHebbianUpdater(boolean convolution, Variant variant, IUpdater updater) {
        MultiLayerConfiguration conf = multiLayer(convolution, variant, false);
        ((org.deeplearning4j.nn.conf.layers.BaseLayer) conf.getConf(0).getLayer()).setIUpdater(updater);
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    @ParameterizedTest(name = "convolution={0}")
    @ValueSource(booleans = {false, true})
    void fineTuneUpdaterReplacesTheStepOfAHebbianLayerThatIsNotFrozen(boolean convolution) {
        DataSet batch = batches(convolution, 1, 38).get(0);
        MultiLayerNetwork tuned = new TransferLearning.Builder(network(convolution, Variant.SGD_RULE_STATE))
                .fineTuneConfiguration(new FineTuneConfiguration.Builder().updater(new Adam(1e-3)).build())
                .build();
        double[] sgd = afterOneStep(network(convolution, Variant.SGD_RULE_STATE), batch);
        double[] adam = afterOneStep(withHebbianUpdater(convolution, Variant.SGD_RULE_STATE, new Adam(1e-3)), batch);

        double[] fineTuned = afterOneStep(tuned, batch);

        assertArrayEquals(adam, fineTuned, 0.0, "the Hebbian layer now steps by Adam(1e-3)");
        assertFalse(Arrays.equals(sgd, fineTuned), "no longer by its Sgd(0.1)");
    }

    @ParameterizedTest(name = "convolution={0}")
    @ValueSource(booleans = {false, true})
    void fineTuneWithNoOpMakesRawStepsAtRateOneInsteadOfFreezing(boolean convolution) {
        DataSet batch = batches(convolution, 1, 39).get(0);
        MultiLayerNetwork net = network(convolution, Variant.SGD_RULE_STATE);
        double[] before = values(net.getLayer(0).params());
        MultiLayerNetwork tuned = new TransferLearning.Builder(net)
                .fineTuneConfiguration(new FineTuneConfiguration.Builder().updater(new NoOp()).build()).build();
        double[] rateOne = afterOneStep(withHebbianUpdater(convolution, Variant.SGD_RULE_STATE, new Sgd(1.0)), batch);

        double[] fineTuned = afterOneStep(tuned, batch);

        assertArrayEquals(rateOne, fineTuned, 0.0, "NoOp: W += dW");
        assertFalse(Arrays.equals(before, fineTuned), "NoOp does not freeze the layer");
    }

    @ParameterizedTest(name = "convolution={0}")
    @ValueSource(booleans = {false, true})
    void fineTuneLeavesTheStepOfADirectStepHebbianLayerAsItWas(boolean convolution) {
        DataSet batch = batches(convolution, 1, 40).get(0);
        MultiLayerNetwork tuned = new TransferLearning.Builder(network(convolution, Variant.DIRECT_STEP))
                .fineTuneConfiguration(new FineTuneConfiguration.Builder().updater(new Adam(1e-3)).l2(1e-2).build())
                .build();
        double[] untuned = afterOneStep(network(convolution, Variant.DIRECT_STEP), batch);

        assertArrayEquals(untuned, afterOneStep(tuned, batch), 0.0, "directStep(lr): W += lr dW whatever the updater");
    }

    @ParameterizedTest(name = "convolution={0}")
    @ValueSource(booleans = {false, true})
    void freezingTheHebbianLayerKeepsItOutOfTheFineTune(boolean convolution) {
        MultiLayerNetwork net = network(convolution, Variant.SGD_RULE_STATE);
        INDArray hebbian = net.getLayer(0).params().dup();
        MultiLayerNetwork tuned = new TransferLearning.Builder(net)
                .fineTuneConfiguration(new FineTuneConfiguration.Builder().updater(new Adam(1e-3)).build())
                .setFeatureExtractor(0).build();

        fit(tuned, batches(convolution, STEPS, 41));

        assertArrayEquals(values(hebbian), values(tuned.getLayer(0).params()), 0.0);
        assertEquals(new Adam(1e-3), ((org.deeplearning4j.nn.conf.layers.BaseLayer) tuned.getLayer(1).conf().getLayer())
                .getIUpdater(), "the classifier is fine-tuned with Adam");
    }
}
