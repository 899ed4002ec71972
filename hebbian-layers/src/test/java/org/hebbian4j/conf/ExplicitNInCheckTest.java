package org.hebbian4j.conf;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.transferlearning.TransferLearning;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Sgd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With DL4J's default {@code overrideNinUponBuild(true)}, an nIn set explicitly on a Hebbian layer's
 * builder that disagrees with the size DL4J infers from the input type fails at build(), naming the
 * layer, nIn and both sizes; an nIn left unset is still inferred, and sizes that agree build as before.
 */
class ExplicitNInCheckTest {

    private static void assertMentions(Throwable e, String... words) {
        for (String word : words) {
            assertTrue(e.getMessage().contains(word), "message should mention \"" + word + "\": " + e.getMessage());
        }
    }

    private static NeuralNetConfiguration.Builder base() {
        return new NeuralNetConfiguration.Builder().seed(1).updater(new Sgd(0.1)).weightInit(WeightInit.XAVIER);
    }

    private static HebbianDenseLayer.Builder dense() {
        return new HebbianDenseLayer.Builder().nOut(4).activation(Activation.RELU);
    }

    private static OutputLayer dl4jOutput() {
        return new OutputLayer.Builder().nOut(2).activation(Activation.SOFTMAX).build();
    }

    private static long nIn(MultiLayerConfiguration conf, int layer) {
        return ((org.deeplearning4j.nn.conf.layers.FeedForwardLayer) conf.getConf(layer).getLayer()).getNIn();
    }

    @Test
    void denseLayerWithAnExplicitNInOtherThanTheLayerBelowFailsAtBuildNamingLayerIndexAndSizes() {
        NeuralNetConfiguration.ListBuilder list = base().list()
                .layer(new DenseLayer.Builder().nIn(20).nOut(10).build())
                .layer(dense().nIn(8).build())                  // the layer below gives 10
                .layer(dl4jOutput())
                .setInputType(InputType.feedForward(20));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, list::build);

        // DL4J's list builder names unnamed layers "layer" + index before sizes are inferred.
        assertMentions(e, "HebbianDenseLayer \"layer1\"", "nIn = 8 was set explicitly", "has 10 values per example");
    }

    @Test
    void dl4jsImplicitInputTypeFromAFirstDenseLayerIsCheckedToo() {
        // No setInputType: DL4J infers feedForward(20) from the first DenseLayer's nIn and sizes the rest.
        NeuralNetConfiguration.ListBuilder list = base().list()
                .layer(new DenseLayer.Builder().nIn(20).nOut(10).build())
                .layer(dense().name("h").nIn(12).build())
                .layer(dl4jOutput());

        assertMentions(assertThrows(IllegalArgumentException.class, list::build), "\"h\"", "nIn = 12", "10");
    }

    @Test
    void unsetNInIsInferredAndAMatchingExplicitNInBuilds() {
        MultiLayerConfiguration inferred = base().list()
                .layer(new DenseLayer.Builder().nIn(20).nOut(10).build())
                .layer(dense().build())
                .layer(dl4jOutput())
                .setInputType(InputType.feedForward(20)).build();
        MultiLayerConfiguration explicit = base().list()
                .layer(new DenseLayer.Builder().nIn(20).nOut(10).build())
                .layer(dense().nIn(10).build())
                .layer(dl4jOutput())
                .setInputType(InputType.feedForward(20)).build();

        assertEquals(10, nIn(inferred, 1));
        assertEquals(10, nIn(explicit, 1));
        assertEquals(4, nIn(explicit, 2), "the layer above is sized from the Hebbian layer's nOut");
    }

    @Test
    void convolutionLayerWithExplicitNInOtherThanTheInputChannelsFailsAtBuild() {
        NeuralNetConfiguration.ListBuilder list = base().list()
                .layer(new HebbianConvolutionLayer.Builder(3, 3).name("c1").nIn(3).nOut(4).build())
                .layer(dl4jOutput())
                .setInputType(InputType.convolutional(8, 8, 1));

        assertMentions(assertThrows(IllegalArgumentException.class, list::build),
                "HebbianConvolutionLayer \"c1\"", "nIn = 3 was set explicitly", "has 1 channels");
    }

    @Test
    void denseLayerAfterAConvolutionIsCheckedAgainstTheFlattenedSize() {
        // 8x8x1 -> 3x3 kernels, 4 channels -> 6x6x4 = 144 values per example.
        MultiLayerConfiguration ok = base().list()
                .layer(new HebbianConvolutionLayer.Builder(3, 3).nOut(4).build())
                .layer(dense().nIn(144).build())
                .layer(dl4jOutput())
                .setInputType(InputType.convolutional(8, 8, 1)).build();
        assertEquals(1, ((HebbianConvolutionLayer) ok.getConf(0).getLayer()).getNIn(), "unset nIn inferred");

        NeuralNetConfiguration.ListBuilder wrong = base().list()
                .layer(new HebbianConvolutionLayer.Builder(3, 3).nOut(4).build())
                .layer(dense().nIn(100).build())
                .layer(dl4jOutput())
                .setInputType(InputType.convolutional(8, 8, 1));
        assertMentions(assertThrows(IllegalArgumentException.class, wrong::build), "\"layer1\"", "nIn = 100", "144");
    }

    @Test
    void outputLayersWithAnExplicitNInOtherThanTheLayerBelowFailAtBuild() {
        for (Layer output : new Layer[]{
                new HebbianOutputLayer.Builder().nIn(5).nOut(2).build(),
                new HebbianDescentOutputLayer.Builder().nIn(5).nOut(2).build()}) {
            NeuralNetConfiguration.ListBuilder list = base().list()
                    .layer(dense().nIn(6).build())
                    .layer(output)
                    .setInputType(InputType.feedForward(6));

            assertMentions(assertThrows(IllegalArgumentException.class, list::build),
                    output.getClass().getSimpleName() + " \"layer1\"", "nIn = 5", "has 4 values per example");
        }
    }

    @Test
    void computationGraphNamesTheVertexOfAMismatch() {
        ComputationGraphConfiguration.GraphBuilder graph = base().graphBuilder()
                .addInputs("in")
                .addLayer("hebbian", dense().nIn(6).build(), "in")
                .addLayer("out", new HebbianOutputLayer.Builder().nIn(3).nOut(2).build(), "hebbian")
                .setOutputs("out")
                .setInputTypes(InputType.feedForward(6));

        assertMentions(assertThrows(IllegalArgumentException.class, graph::build),
                "HebbianOutputLayer \"out\"", "nIn = 3", "has 4 values per example");
    }

    @Test
    void computationGraphInfersUnsetNInAndAcceptsMatchingOnes() {
        ComputationGraphConfiguration conf = base().graphBuilder()
                .addInputs("in")
                .addLayer("hebbian", dense().nIn(6).build(), "in")
                .addLayer("out", new HebbianDescentOutputLayer.Builder().nOut(2).build(), "hebbian")
                .setOutputs("out")
                .setInputTypes(InputType.feedForward(6))
                .build();

        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        assertEquals(4, ((HebbianDescentOutputLayer) net.getLayer("out").conf().getLayer()).getNIn());
    }

    @Test
    void jsonRoundTripOfABuiltConfigurationNeitherSerializesNorComparesTheExplicitMark() {
        MultiLayerConfiguration conf = base().list()
                .layer(dense().nIn(6).build())
                .layer(new HebbianOutputLayer.Builder().nIn(4).nOut(2).build())
                .setInputType(InputType.feedForward(6)).build();

        String json = conf.toJson();
        MultiLayerConfiguration restored = MultiLayerConfiguration.fromJson(json);

        assertTrue(!json.contains("nInExplicit") && !json.contains("ninexplicit"), "not serialized");
        assertEquals(conf, restored);
        assertEquals(conf, MultiLayerConfiguration.fromYaml(conf.toYaml()));
    }

    @Test
    void transferLearningThatResizesAHebbianLayerRebuildsWithConsistentSizes() {
        ComputationGraph net = new ComputationGraph(base().graphBuilder()
                .addInputs("in")
                .addLayer("hebbian", dense().nIn(6).build(), "in")
                .addLayer("out", new HebbianOutputLayer.Builder().nIn(4).nOut(2).build(), "hebbian")
                .setOutputs("out")
                .setInputTypes(InputType.feedForward(6))
                .build());
        net.init();

        ComputationGraph resized = new TransferLearning.GraphBuilder(net)
                .nOutReplace("hebbian", 7, WeightInit.XAVIER)   // DL4J sets the explicit nIn of "out" to 7
                .setInputTypes(InputType.feedForward(6))
                .build();

        assertEquals(7, ((HebbianOutputLayer) resized.getLayer("out").conf().getLayer()).getNIn());

        MultiLayerNetwork mln = new MultiLayerNetwork(base().list()
                .layer(dense().nIn(6).build())
                .layer(new HebbianDescentOutputLayer.Builder().nIn(4).nOut(2).build())
                .setInputType(InputType.feedForward(6)).build());
        mln.init();
        MultiLayerNetwork mlnResized = new TransferLearning.Builder(mln).nOutReplace(0, 5, WeightInit.XAVIER).build();
        assertEquals(5, ((HebbianDescentOutputLayer) mlnResized.getLayer(1).conf().getLayer()).getNIn());
    }
}
