package org.hebbian4j.training;

import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.hebbian4j.competition.HardWta;
import org.hebbian4j.conf.HebbianDenseLayer;
import org.hebbian4j.conf.HebbianOutputLayer;
import org.hebbian4j.homeostasis.AdaptiveThreshold;
import org.hebbian4j.rules.InstarRule;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link LayerwisePretraining}: the defects of DL4J M2.1's own pretraining that it works around (each shown
 * as DL4J's behaviour, so that a DL4J that fixes one fails here), and its greedy bottom-up schedule checked
 * against a reference built from single-layer networks.
 */
class LayerwisePretrainingTest {

    private static final int N_IN = 6;
    private static final int BATCH = 8;
    private static final int BATCHES = 3;
    private static final double LR = 0.1;

    private static HebbianDenseLayer.Builder hebbian(String name, int nIn, int nOut) {
        return new HebbianDenseLayer.Builder().name(name).nIn(nIn).nOut(nOut).rule(new InstarRule())
                .competition(new HardWta()).homeostasis(new AdaptiveThreshold(3.0)).activation(Activation.RELU);
    }

    private static OutputLayer output(int nIn) {
        return new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).name("output").nIn(nIn).nOut(3)
                .activation(Activation.SOFTMAX).build();
    }

    private static NeuralNetConfiguration.Builder base() {
        return new NeuralNetConfiguration.Builder().seed(5).dataType(DataType.DOUBLE).weightInit(WeightInit.XAVIER)
                .updater(new Sgd(LR));
    }

    private static MultiLayerNetwork network(Layer... layers) {
        NeuralNetConfiguration.ListBuilder list = base().list();
        for (Layer layer : layers) {
            list.layer(layer);
        }
        MultiLayerConfiguration conf = list.build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    private static List<DataSet> batches(long seed) {
        Nd4j.getRandom().setSeed(seed);
        List<DataSet> batches = new ArrayList<>();
        for (int k = 0; k < BATCHES; k++) {
            INDArray labels = Nd4j.zeros(DataType.DOUBLE, BATCH, 3);
            for (int s = 0; s < BATCH; s++) {
                labels.putScalar(s, s % 3, 1.0);
            }
            batches.add(new DataSet(Nd4j.rand(DataType.DOUBLE, BATCH, N_IN), labels));
        }
        return batches;
    }

    private static DataSetIterator iterator(List<DataSet> batches) {
        return new ListDataSetIterator<>(batches, 1);   // each element is one batch
    }

    private static double[] values(INDArray params) {
        return params.dup().data().asDouble();
    }

    /** A network holding only a copy of {@code layer} (same parameters) and an output layer. */
    private static MultiLayerNetwork alone(MultiLayerNetwork net, int layerIndex, HebbianDenseLayer.Builder copy, int nOut) {
        MultiLayerNetwork single = network(copy.build(), output(nOut));
        single.getLayer(0).setParams(net.getLayer(layerIndex).params().dup());
        return single;
    }

    /** The inference-mode output of layer {@code layerIndex} of {@code net} for each batch, with its labels. */
    private static List<DataSet> outputsOf(MultiLayerNetwork net, int layerIndex, List<DataSet> batches) {
        List<DataSet> out = new ArrayList<>();
        for (DataSet b : batches) {
            out.add(new DataSet(net.feedForwardToLayer(layerIndex, b.getFeatures(), false).get(layerIndex + 1), b.getLabels()));
        }
        return out;
    }

    @Test
    void dl4jMultiLayerPretrainLayerFeedsTheNetworksFeaturesToALayerAboveZero() {
        // A dense layer of N_IN units below: the Hebbian layer above accepts the features' width.
        List<DataSet> data = batches(1);
        MultiLayerNetwork net = network(new DenseLayer.Builder().nIn(N_IN).nOut(N_IN).activation(Activation.TANH).build(),
                hebbian("h", N_IN, 4).build(), output(4));
        MultiLayerNetwork onFeatures = alone(net, 1, hebbian("h", N_IN, 4), 4);
        MultiLayerNetwork onBelow = alone(net, 1, hebbian("h", N_IN, 4), 4);

        net.pretrainLayer(1, iterator(data));
        onFeatures.pretrainLayer(0, iterator(data));
        onBelow.pretrainLayer(0, iterator(outputsOf(net, 0, data)));

        assertArrayEquals(values(onFeatures.getLayer(0).params()), values(net.getLayer(1).params()), 0.0,
                "DL4J M2.1 trains layer 1 on the network's features");
        assertFalse(Arrays.equals(values(onBelow.getLayer(0).params()), values(net.getLayer(1).params())),
                "not on the output of layer 0");
    }

    @Test
    void aHebbianLayerNamesTheDl4jDefectWhenItsPretrainingInputHasTheWrongWidth() {
        MultiLayerNetwork net = network(new DenseLayer.Builder().nIn(N_IN).nOut(5).activation(Activation.TANH).build(),
                hebbian("h", 5, 4).build(), output(4));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.pretrain(iterator(batches(2))));
        assertTrue(e.getMessage().startsWith("HebbianDenseLayer (index 1, name \"h\"): input of shape [8, 6] does not match nIn = 5"),
                e.getMessage());
        assertTrue(e.getMessage().contains("LayerwisePretraining.pretrain(net, data, epochs)"), e.getMessage());
    }

    @Test
    void layerAboveZeroLearnsFromTheInferenceOutputOfTheLayersBelow() {
        List<DataSet> data = batches(3);
        MultiLayerNetwork net = network(new DenseLayer.Builder().nIn(N_IN).nOut(5).activation(Activation.TANH)
                .dropOut(0.5).build(), hebbian("h", 5, 4).build(), output(4));
        MultiLayerNetwork reference = alone(net, 1, hebbian("h", 5, 4), 4);
        INDArray below = net.getLayer(0).params().dup();

        LayerwisePretraining.pretrainLayer(net, 1, iterator(data), 1);
        reference.pretrainLayer(0, iterator(outputsOf(net, 0, data)));   // inference mode: no dropout

        assertArrayEquals(values(reference.getLayer(0).params()), values(net.getLayer(1).params()), 0.0);
        assertArrayEquals(values(below), values(net.getLayer(0).params()), 0.0, "the layer below keeps its parameters");
        assertEquals(0, net.getIndex(), "the network's index is restored");
    }

    @Test
    void pretrainTrainsEachHebbianLayerBottomUpForItsEpochs() {
        List<DataSet> data = batches(4);
        MultiLayerNetwork net = network(hebbian("h0", N_IN, 5).build(), hebbian("h1", 5, 4).build(), output(4));
        MultiLayerNetwork reference0 = alone(net, 0, hebbian("h0", N_IN, 5), 5);
        MultiLayerNetwork reference1 = alone(net, 1, hebbian("h1", 5, 4), 4);
        INDArray outputLayer = net.getLayer(2).params().dup();

        LayerwisePretraining.pretrain(net, iterator(data), 2);

        // Layer 0 for two epochs, then layer 1 for two epochs on the outputs of the trained layer 0.
        reference0.pretrainLayer(0, iterator(data), 2);
        reference1.pretrainLayer(0, iterator(outputsOf(reference0, 0, data)), 2);
        assertArrayEquals(values(reference0.getLayer(0).params()), values(net.getLayer(0).params()), 0.0, "layer 0");
        assertArrayEquals(values(reference1.getLayer(0).params()), values(net.getLayer(1).params()), 0.0, "layer 1");
        assertArrayEquals(values(outputLayer), values(net.getLayer(2).params()), 0.0, "the output layer keeps its parameters");

        assertEquals(0, net.getIterationCount(), "the network's counters do not move");
        assertEquals(0, net.getEpochCount());
        for (int i = 0; i < 2; i++) {
            assertEquals(2 * BATCHES, net.getLayer(i).conf().getIterationCount(), "layer " + i + " counts its steps");
            assertEquals(2, net.getLayer(i).conf().getEpochCount(), "layer " + i + " counts its epochs");
        }
    }

    @Test
    void pretrainSkipsFrozenAndOutputLayersAndRefusesToPretrainThemByName() {
        MultiLayerNetwork net = network(new FrozenLayer(hebbian("h0", N_IN, 5).build()), hebbian("h1", 5, 4).build(),
                new HebbianOutputLayer.Builder().name("out").nIn(4).nOut(3).activation(Activation.SOFTMAX).build());
        INDArray frozen = net.getLayer(0).params().dup();
        INDArray hebbian = net.getLayer(1).params().dup();
        INDArray out = net.getLayer(2).params().dup();

        LayerwisePretraining.pretrain(net, iterator(batches(5)), 1);

        assertArrayEquals(values(frozen), values(net.getLayer(0).params()), 0.0, "the frozen layer");
        assertFalse(Arrays.equals(values(hebbian), values(net.getLayer(1).params())), "the Hebbian layer learns");
        assertArrayEquals(values(out), values(net.getLayer(2).params()), 0.0, "the supervised output layer");
        IllegalArgumentException e0 = assertThrows(IllegalArgumentException.class,
                () -> LayerwisePretraining.pretrainLayer(net, 0, iterator(batches(5)), 1));
        assertEquals("LayerwisePretraining: layer 0 (HebbianDenseLayer) cannot be pretrained: it is frozen", e0.getMessage());
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class,
                () -> LayerwisePretraining.pretrainLayer(net, 2, iterator(batches(5)), 1));
        assertEquals("LayerwisePretraining: layer 2 (HebbianOutputLayer) cannot be pretrained: it is an output layer,"
                + " which learns from labels (use fit)", e2.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LayerwisePretraining.pretrainLayer(net, 3, iterator(batches(5)), 1));
    }

    @Test
    void epochsMustBePositiveAndMoreThanOneNeedAResettableIterator() {
        MultiLayerNetwork net = network(hebbian("h0", N_IN, 5).build(), output(5));
        DataSetIterator data = iterator(batches(6));
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> LayerwisePretraining.pretrain(net, data, 0));
        assertEquals("LayerwisePretraining: epochs must be >= 1; got 0", zero.getMessage());
        DataSetIterator once = new org.deeplearning4j.datasets.iterator.IteratorDataSetIterator(batches(6).iterator(), BATCH);
        IllegalArgumentException noReset = assertThrows(IllegalArgumentException.class,
                () -> LayerwisePretraining.pretrain(net, once, 2));
        assertTrue(noReset.getMessage().startsWith("LayerwisePretraining: 2 epochs need an iterator that can reset"),
                noReset.getMessage());
    }

    /** in -> bottom -> top -> output, with "top" added to the builder before "bottom". */
    private static ComputationGraph graphAddedTopFirst() {
        ComputationGraphConfiguration conf = base().graphBuilder().addInputs("in")
                .addLayer("top", hebbian("top", 5, 4).build(), "bottom")
                .addLayer("bottom", hebbian("bottom", N_IN, 5).build(), "in")
                .addLayer("output", output(4), "top")
                .setOutputs("output").build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        return graph;
    }

    @Test
    void dl4jGraphPretrainIgnoresEpochsAndVisitsLayersInTheOrderTheyWereAdded() {
        List<DataSet> data = batches(7);
        ComputationGraph twoEpochs = graphAddedTopFirst();
        ComputationGraph oneEpoch = graphAddedTopFirst();
        ComputationGraph bottomUp = graphAddedTopFirst();
        twoEpochs.pretrain(iterator(data), 2);
        oneEpoch.pretrain(iterator(data), 1);
        bottomUp.pretrainLayer("bottom", iterator(data));
        bottomUp.pretrainLayer("top", iterator(data));

        assertArrayEquals(values(oneEpoch.params()), values(twoEpochs.params()), 0.0, "DL4J M2.1 trains one epoch");
        assertArrayEquals(values(bottomUp.getLayer("bottom").params()), values(oneEpoch.getLayer("bottom").params()), 0.0);
        assertFalse(Arrays.equals(values(bottomUp.getLayer("top").params()), values(oneEpoch.getLayer("top").params())),
                "DL4J trained \"top\" before \"bottom\", on the untrained bottom's output");
    }

    @Test
    void graphPretrainTrainsEachLayerInTopologicalOrderForItsEpochs() {
        List<DataSet> data = batches(8);
        ComputationGraph graph = graphAddedTopFirst();
        ComputationGraph reference = graphAddedTopFirst();
        INDArray outputLayer = graph.getLayer("output").params().dup();

        LayerwisePretraining.pretrain(graph, iterator(data), 2);
        for (String layer : new String[]{"bottom", "top"}) {
            reference.pretrainLayer(layer, iterator(data));
            reference.pretrainLayer(layer, iterator(data));
        }

        assertArrayEquals(values(reference.params()), values(graph.params()), 0.0);
        assertArrayEquals(values(outputLayer), values(graph.getLayer("output").params()), 0.0);
        assertEquals(2, graph.getLayer("bottom").conf().getEpochCount());
        assertEquals(2 * BATCHES, graph.getLayer("top").conf().getIterationCount());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LayerwisePretraining.pretrainLayer(graph, "output", iterator(data), 1));
        assertEquals("LayerwisePretraining: layer \"output\" (OutputLayer) cannot be pretrained: it is an output layer,"
                + " which learns from labels (use fit)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LayerwisePretraining.pretrainLayer(graph, "nope", iterator(data), 1));
    }
}
