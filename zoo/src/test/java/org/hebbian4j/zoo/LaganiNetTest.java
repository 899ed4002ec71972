package org.hebbian4j.zoo;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.hebbian4j.competition.Competition;
import org.hebbian4j.competition.HardWta;
import org.hebbian4j.competition.KWta;
import org.hebbian4j.competition.PowerSoftWta;
import org.hebbian4j.competition.SoftWta;
import org.hebbian4j.conf.HebbianConvolutionLayer;
import org.hebbian4j.conf.HebbianDenseLayer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link LaganiNet}: every hybrid pattern of the paper's Table 2 builds with the right layer types,
 * the flattened size 2304 = 256*3*3 is inferred, and one fit step on a tiny batch runs and moves
 * the layers that can learn.
 */
class LaganiNetTest {

    /** The hybrid networks of Lagani et al., Table 2 (MNIST; Tables 5 and 8 use the same patterns). */
    private static final List<String> PAPER_PATTERNS = List.of(
            "BBBBBG",
            "HBBBBG", "BHBBBG", "BBHBBG", "BBBHBG", "BBBBHG",
            "HHBBBG", "BHHBBG", "BBHHBG", "BBBHHG",
            "HHHBBG", "BHHHBG", "BBHHHG",
            "HHHHBG", "BHHHHG",
            "HHHHHG");

    /** Each pattern with one of the paper's four competitions, in turn. */
    static Stream<Arguments> patternsAndCompetitions() {
        List<String> names = new ArrayList<>(LaganiNet.paperCompetitions().keySet());
        List<Arguments> all = new ArrayList<>();
        for (int i = 0; i < PAPER_PATTERNS.size(); i++) {
            String name = names.get(i % names.size());
            all.add(Arguments.of(PAPER_PATTERNS.get(i), name, LaganiNet.paperCompetitions().get(name)));
        }
        return all.stream();
    }

    private static DataSet tinyBatch(long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray features = Nd4j.rand(DataType.FLOAT, 4, 3, 32, 32);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, 4, 10);
        for (int s = 0; s < 4; s++) {
            labels.putScalar(s, s % 10, 1.0);
        }
        return new DataSet(features, labels);
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("patternsAndCompetitions")
    void paperPatternBuildsWithTheRightLayersAndTrainsOneStep(String pattern, String competitionName,
                                                              Competition competition) {
        LaganiNet zoo = new LaganiNet(pattern).competition(competition);
        MultiLayerConfiguration conf = zoo.conf();
        for (int layer = 1; layer <= 5; layer++) {
            Layer l = conf.getConf(LaganiNet.PAPER_LAYER_INDEX[layer - 1]).getLayer();
            Class<?> expected = pattern.charAt(layer - 1) == 'H'
                    ? (layer == 5 ? HebbianDenseLayer.class : HebbianConvolutionLayer.class)
                    : (layer == 5 ? DenseLayer.class : ConvolutionLayer.class);
            assertEquals(expected, l.getClass(), "layer " + layer + " of " + pattern);
            if (l instanceof HebbianConvolutionLayer h) {
                assertEquals(competition, h.getCompetition());
            } else if (l instanceof HebbianDenseLayer h) {
                assertEquals(competition, h.getCompetition());
            }
        }
        assertInstanceOf(OutputLayer.class, conf.getConf(LaganiNet.PAPER_LAYER_INDEX[5]).getLayer());
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        List<INDArray> weightsBefore = new ArrayList<>();
        for (int index : LaganiNet.PAPER_LAYER_INDEX) {
            weightsBefore.add(net.getLayer(index).getParam("W").dup());
        }

        net.fit(tinyBatch(pattern.hashCode()));

        assertTrue(Double.isFinite(net.score()), "finite score");
        assertFalse(net.params().isNaN().any() || net.params().isInfinite().any(), "finite parameters");
        for (int layer = 1; layer <= 5; layer++) {
            boolean shouldMove = zoo.isHebbian(layer) || zoo.receivesError(layer);
            INDArray w = net.getLayer(LaganiNet.PAPER_LAYER_INDEX[layer - 1]).getParam("W");
            assertEquals(shouldMove, !sameValues(weightsBefore.get(layer - 1), w), "layer " + layer + " of " + pattern + " moves?");
        }
        assertFalse(sameValues(weightsBefore.get(5), net.getLayer(LaganiNet.PAPER_LAYER_INDEX[5]).getParam("W")),
                "the classifier moves");
        assertArrayEquals(new long[]{4, 10}, net.output(tinyBatch(1).getFeatures()).shape());
    }

    /** Exact equality of all elements (INDArray.equals tolerates differences below 1e-5). */
    private static boolean sameValues(INDArray a, INDArray b) {
        return java.util.Arrays.equals(a.dup().data().asDouble(), b.dup().data().asDouble());
    }

    @Test
    void flattenedSizeOfLayer5Is2304AndActivationShapesMatchThePaper() {
        MultiLayerConfiguration conf = new LaganiNet("HHHHHG").conf();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();

        assertEquals(2304, ((FeedForwardLayer) conf.getConf(LaganiNet.PAPER_LAYER_INDEX[4]).getLayer()).getNIn(),
                "256 * 3 * 3 inputs to layer 5");
        assertEquals(4096, ((FeedForwardLayer) conf.getConf(LaganiNet.PAPER_LAYER_INDEX[5]).getLayer()).getNIn());
        List<INDArray> activations = net.feedForward(tinyBatch(3).getFeatures(), false);
        // activations.get(0) is the input; layer i's output is activations.get(i + 1).
        assertArrayEquals(new long[]{4, 96, 28, 28}, activations.get(1).shape(), "conv1");
        assertArrayEquals(new long[]{4, 96, 14, 14}, activations.get(2).shape(), "pool1");
        assertArrayEquals(new long[]{4, 128, 12, 12}, activations.get(4).shape(), "conv2");
        assertArrayEquals(new long[]{4, 192, 10, 10}, activations.get(6).shape(), "conv3");
        assertArrayEquals(new long[]{4, 192, 5, 5}, activations.get(7).shape(), "pool3");
        assertArrayEquals(new long[]{4, 256, 3, 3}, activations.get(9).shape(), "conv4");
        assertArrayEquals(new long[]{4, 4096}, activations.get(11).shape(), "fc5");
        assertArrayEquals(new long[]{4, 10}, activations.get(13).shape(), "fc6");
        assertInstanceOf(SubsamplingLayer.class, conf.getConf(1).getLayer());
        assertInstanceOf(BatchNormalization.class, conf.getConf(2).getLayer());
        assertInstanceOf(BatchNormalization.class, conf.getConf(11).getLayer());
    }

    @Test
    void paperCompetitionsAreWtaFiveWtaAndTheTwoSoftWtasWithThePapersHyperparameters() {
        assertEquals(List.of(new HardWta(), new KWta(5), new SoftWta(0.02), new PowerSoftWta(20)),
                new ArrayList<>(LaganiNet.paperCompetitions().values()));
        assertEquals(List.of("WTA", "5-WTA", "e-soft-WTA", "p-soft-WTA"),
                new ArrayList<>(LaganiNet.paperCompetitions().keySet()));
    }

    @Test
    void backpropLayersBelowAHebbianLayerGetNoL2AndTheOthersGetThePapers() {
        LaganiNet zoo = new LaganiNet("BBHBBG");
        MultiLayerConfiguration conf = zoo.conf();

        assertFalse(zoo.receivesError(1));
        assertFalse(zoo.receivesError(2));
        assertTrue(zoo.receivesError(4));
        assertTrue(((ConvolutionLayer) conf.getConf(LaganiNet.PAPER_LAYER_INDEX[0]).getLayer())
                .getRegularization().isEmpty(), "layer 1 is below the Hebbian layer 3");
        assertFalse(((ConvolutionLayer) conf.getConf(LaganiNet.PAPER_LAYER_INDEX[3]).getLayer())
                .getRegularization().isEmpty(), "layer 4 learns by backprop with L2");
        assertTrue(((HebbianConvolutionLayer) conf.getConf(LaganiNet.PAPER_LAYER_INDEX[2]).getLayer())
                .getRegularization().isEmpty(), "no L2 on the Hebbian layer");
    }

    @Test
    void hebbianClassifierAtLayerSixIsTheSupervisedHebbianOutputLayerAndNoErrorReachesBelow() {
        LaganiNet zoo = new LaganiNet("BBBBHH");
        MultiLayerConfiguration conf = zoo.conf();
        org.deeplearning4j.nn.conf.layers.Layer top = conf.getConf(conf.getConfs().size() - 1).getLayer();
        assertTrue(top instanceof org.hebbian4j.conf.HebbianOutputLayer, top.getClass().getName());
        for (int layer = 0; layer < 5; layer++) {
            assertFalse(zoo.receivesError(layer), "no error below a Hebbian classifier: layer " + (layer + 1));
        }
        assertTrue(new LaganiNet("BBBBBG").receivesError(4));

        // Table 3's retraining pattern trains: layer 5 by its Hebbian rule, layer 6 by the labels
        // through the supervised Hebbian rule; the backprop layers below stay as they were.
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        INDArray conv4 = net.getLayer(LaganiNet.PAPER_LAYER_INDEX[3]).getParam("W").dup();
        INDArray fc6 = net.getLayer(LaganiNet.PAPER_LAYER_INDEX[5]).getParam("W").dup();
        net.fit(tinyBatch(6));
        assertTrue(sameValues(conv4, net.getLayer(LaganiNet.PAPER_LAYER_INDEX[3]).getParam("W")), "conv4 frozen");
        assertFalse(sameValues(fc6, net.getLayer(LaganiNet.PAPER_LAYER_INDEX[5]).getParam("W")), "fc6 learns");
        assertTrue(Double.isFinite(net.score()));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"", "HBBBB", "HBBBBGG", "HXBBBG", "GBBBBG", "HBBBBB"})
    void malformedPatternFailsNamingThePattern(String pattern) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LaganiNet(pattern));

        assertTrue(e.getMessage().contains("\"" + pattern + "\""), e.getMessage());
    }

    @Test
    void patternIsCaseInsensitive() {
        assertEquals("HBBBBG", new LaganiNet("hbbbbg").pattern());
    }

    @Test
    void configurationSurvivesJsonRoundTrip() {
        MultiLayerConfiguration conf = new LaganiNet("HHBBHG").competition(new SoftWta(0.02)).conf();

        assertEquals(conf, MultiLayerConfiguration.fromJson(conf.toJson()));
    }
}
