package org.hebbian4j.arbiter;

import org.deeplearning4j.arbiter.ComputationGraphSpace;
import org.deeplearning4j.arbiter.DL4JConfiguration;
import org.deeplearning4j.arbiter.GraphConfiguration;
import org.deeplearning4j.arbiter.MultiLayerSpace;
import org.deeplearning4j.arbiter.optimize.api.Candidate;
import org.deeplearning4j.arbiter.optimize.config.OptimizationConfiguration;
import org.deeplearning4j.arbiter.optimize.generator.RandomSearchGenerator;
import org.deeplearning4j.arbiter.optimize.parameter.continuous.ContinuousParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.discrete.DiscreteParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.integer.IntegerParameterSpace;
import org.deeplearning4j.arbiter.optimize.runner.CandidateStatus;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.hebbian4j.competition.HardWta;
import org.hebbian4j.competition.KWta;
import org.hebbian4j.competition.SoftWta;
import org.hebbian4j.conf.HebbianConvolutionLayer;
import org.hebbian4j.conf.HebbianDescentOutputLayer;
import org.hebbian4j.conf.HebbianOutputLayer;
import org.hebbian4j.homeostasis.AdaptiveThreshold;
import org.hebbian4j.rules.InstarRule;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Sgd;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HebbianConvolutionLayerSpaceTest {

    private static final InputType IMAGES = InputType.convolutional(8, 8, 1);

    /** Searched: nOut, kernel size, stride, competition, softmax temperature, learning rate. */
    private static HebbianConvolutionLayerSpace searched() {
        return new HebbianConvolutionLayerSpace.Builder()
                .nOut(new IntegerParameterSpace(2, 6))
                .kernelSize(new DiscreteParameterSpace<>(new int[]{3, 3}, new int[]{5, 5}))
                .stride(new DiscreteParameterSpace<>(new int[]{1, 1}, new int[]{2, 2}))
                .rule("instar")
                .competition(new DiscreteParameterSpace<>("wta", "softmax"))
                .hyperparameter("temperature", new ContinuousParameterSpace(0.1, 2))
                .learningRate(new ContinuousParameterSpace(0.01, 0.5))
                .activation(Activation.RELU)
                .build();
    }

    private static MultiLayerSpace network(HebbianConvolutionLayerSpace conv) {
        return new MultiLayerSpace.Builder().seed(1).updater(new Adam(1e-2))
                .addLayer(conv)
                .addLayer(new HebbianOutputLayerSpace.Builder().nOut(3).build())   // nIn from the input type
                .setInputType(IMAGES)
                .numEpochs(1)
                .build();
    }

    @Test
    void fixedSettingsGiveTheConfiguredLayerAndNoSearchParameters() {
        HebbianConvolutionLayerSpace space = new HebbianConvolutionLayerSpace.Builder().nIn(1).nOut(4)
                .kernelSize(3, 3).stride(2, 2).padding(1, 1).dilation(1, 1)
                .rule("instar").competition("kwta").hyperparameter("winners", 2)
                .homeostasis("threshold").hyperparameter("rate", 3)
                .normalizeWeights(true).updater(new Sgd(0.05)).build();

        HebbianConvolutionLayer layer = space.getValue(new double[0]);

        assertEquals(0, space.numParameters());
        assertArrayEquals(new int[]{3, 3}, layer.getKernelSize());
        assertArrayEquals(new int[]{2, 2}, layer.getStride());
        assertArrayEquals(new int[]{1, 1}, layer.getPadding());
        assertArrayEquals(new int[]{1, 1}, layer.getDilation());
        assertEquals(new InstarRule(), layer.getRule());
        assertEquals(new KWta(2), layer.getCompetition());
        assertEquals(new AdaptiveThreshold(3), layer.getHomeostasis());
        assertTrue(layer.isNormalizeWeights());
        assertEquals(new Sgd(0.05), layer.getIUpdater());
        assertEquals(1, layer.getNIn());
        assertEquals(4, layer.getNOut());
        assertEquals(Map.of(), space.describe(new double[0]), "nothing is searched");
    }

    @Test
    void randomCandidatesSampleDifferentGeometryAndCompetitionAndBuildWorkingNetworks() {
        HebbianConvolutionLayerSpace conv = searched();
        RandomSearchGenerator generator = new RandomSearchGenerator(network(conv), null);
        assertEquals(6, conv.numParameters(), "nOut, kernel, stride, competition, temperature, learning rate");
        Set<String> kernels = new HashSet<>();
        Set<String> strides = new HashSet<>();
        Set<Object> competitions = new HashSet<>();
        Set<Long> channels = new HashSet<>();
        Set<Double> temperatures = new HashSet<>();
        DataSet batch = SpaceTestSupport.images(4, 9);
        for (int i = 0; i < 10; i++) {
            Candidate<?> candidate = generator.getCandidate();
            assertNull(candidate.getException());
            MultiLayerConfiguration conf = ((DL4JConfiguration) candidate.getValue()).getMultiLayerConfiguration();
            HebbianConvolutionLayer layer = (HebbianConvolutionLayer) conf.getConf(0).getLayer();
            Map<String, Object> described = conv.describe(candidate.getFlatParameters());

            kernels.add(layer.getKernelSize()[0] + "x" + layer.getKernelSize()[1]);
            strides.add(layer.getStride()[0] + "x" + layer.getStride()[1]);
            competitions.add(layer.getCompetition().name());
            channels.add(layer.getNOut());
            assertEquals(1, layer.getNIn(), "nIn from the input type");
            assertEquals(layer.getNOut(), ((Integer) described.get("nOut")).longValue());
            assertEquals(List.of(layer.getKernelSize()[0], layer.getKernelSize()[1]), described.get("kernelSize"));
            if (layer.getCompetition() instanceof SoftWta soft) {
                temperatures.add(soft.temperature());
                assertEquals(soft.temperature(), (double) described.get("temperature"), 1e-12);
            } else {
                assertEquals(new HardWta(), layer.getCompetition());
                assertTrue(!described.containsKey("temperature"), "temperature does not apply to wta: " + described);
            }
            double lr = layer.getIUpdater().getLearningRate(0, 0);
            assertTrue(lr >= 0.01 && lr <= 0.5, "learning rate in range: " + lr);

            MultiLayerNetwork net = new MultiLayerNetwork(conf);
            net.init();
            INDArray out = net.output(batch.getFeatures());
            assertArrayEquals(new long[]{4, 3}, out.shape());
            long expectedFlat = layer.getNOut() * (long) Math.pow((8 - layer.getKernelSize()[0]) / layer.getStride()[0] + 1, 2);
            assertEquals(expectedFlat, ((HebbianOutputLayer) conf.getConf(1).getLayer()).getNIn());
        }
        assertEquals(Set.of("3x3", "5x5"), kernels);
        assertEquals(Set.of("1x1", "2x2"), strides);
        assertEquals(Set.of("wta", "softmax"), competitions);
        assertTrue(channels.size() >= 3, "nOut varies: " + channels);
        assertTrue(temperatures.size() >= 2, "temperature varies: " + temperatures);
    }

    @Test
    void multiLayerSpaceWithAConvolutionSpaceRoundTripsThroughJsonAndYaml() {
        MultiLayerSpace space = network(searched());
        MultiLayerSpace fromJson = MultiLayerSpace.fromJson(space.toJson());
        MultiLayerSpace fromYaml = MultiLayerSpace.fromYaml(space.toYaml());

        // Arbiter's spaces compare int[] choices (kernel sizes, strides) by identity, so a restored
        // space is compared by its serialized form and by the configurations it gives.
        assertEquals(space.toJson(), fromJson.toJson());
        assertEquals(space.toJson(), fromYaml.toJson());
        assertEquals(6, fromJson.numParameters());
        double[] values = {0.9, 0.2, 0.7, 0.4, 0.6, 0.3};
        new RandomSearchGenerator(space, null);       // a generator gives the leaves their indices
        new RandomSearchGenerator(fromJson, null);
        new RandomSearchGenerator(fromYaml, null);
        MultiLayerConfiguration expected = space.getValue(values).getMultiLayerConfiguration();
        assertEquals(expected, fromJson.getValue(values).getMultiLayerConfiguration());
        assertEquals(expected, fromYaml.getValue(values).getMultiLayerConfiguration());
    }

    @Test
    void unknownHyperparameterKeyFailsWhenTheSpaceIsBuilt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new HebbianConvolutionLayerSpace.Builder().nOut(4).hyperparameter("winnerz", 3).build());
        assertTrue(e.getMessage().contains("HebbianConvolutionLayerSpace") && e.getMessage().contains("winnerz")
                && e.getMessage().contains("competition.winners"), e.getMessage());
    }

    @Test
    void twoCandidateRandomSearchOverAConvolutionSpaceCompletesWithScores() {
        HebbianConvolutionLayerSpace conv = searched();
        InMemoryDataProvider data = new InMemoryDataProvider(SpaceTestSupport.images(60, 2),
                SpaceTestSupport.images(30, 3), 10, 5);
        OptimizationConfiguration configuration = SpaceTestSupport.accuracySearch(
                new RandomSearchGenerator(network(conv), null), data, 2);

        List<HyperparameterSearch.Row> rows = HyperparameterSearch.run(configuration, conv::describe);

        assertEquals(2, rows.size(), rows.toString());
        for (HyperparameterSearch.Row row : rows) {
            assertEquals(CandidateStatus.Complete, row.status(), row.toString());
            assertTrue(row.score() >= 0 && row.score() <= 1, "validation accuracy: " + row);
            assertTrue(row.hyperparameters().keySet().containsAll(
                    List.of("nOut", "kernelSize", "stride", "competition", "learningRate")), row.toString());
        }
    }

    @Test
    void anExplicitNInThatDisagreesWithTheInputTypeFailsTheCandidateNamingTheLayer() {
        HebbianConvolutionLayerSpace conv = new HebbianConvolutionLayerSpace.Builder().nOut(2).kernelSize(3, 3)
                .learningRate(new ContinuousParameterSpace(0.01, 0.1)).build();
        MultiLayerSpace space = new MultiLayerSpace.Builder().seed(1).updater(new Sgd(0.1))
                .addLayer(conv)
                .addLayer(new HebbianOutputLayerSpace.Builder().nIn(50).nOut(3).build())   // 2 x 6 x 6 = 72
                .setInputType(IMAGES)
                .numEpochs(1)
                .build();
        InMemoryDataProvider data = new InMemoryDataProvider(SpaceTestSupport.images(12, 2),
                SpaceTestSupport.images(6, 3), 6, 5);
        OptimizationConfiguration configuration = SpaceTestSupport.accuracySearch(
                new RandomSearchGenerator(space, null), data, 1);

        HyperparameterSearch.Row row = HyperparameterSearch.run(configuration, conv::describe).get(0);

        assertEquals(CandidateStatus.Failed, row.status(), row.toString());
        assertTrue(row.error().contains("HebbianOutputLayer \"layer1\"") && row.error().contains("nIn = 50")
                && row.error().contains("72"), row.error());
    }

    @Test
    void computationGraphSpaceWithHebbianSpacesGivesGraphsThatTrain() {
        HebbianDenseLayerSpace dense = new HebbianDenseLayerSpace.Builder().nOut(6)
                .rule("instar").competition("kwta").hyperparameter("winners", new IntegerParameterSpace(1, 3))
                .activation(Activation.RELU).build();
        ComputationGraphSpace space = new ComputationGraphSpace.Builder().seed(2).updater(new Sgd(0.05))
                .addInputs("in")
                .setInputTypes(IMAGES)
                .addLayer("conv", searched(), "in")
                .addLayer("dense", dense, "conv")
                .addLayer("out", new HebbianDescentOutputLayerSpace.Builder().nOut(3)
                        .centeringMomentum(new ContinuousParameterSpace(0.5, 0.99)).build(), "dense")
                .setOutputs("out")
                .build();
        assertEquals(space.toJson(), ComputationGraphSpace.fromJson(space.toJson()).toJson(), "JSON round trip");
        RandomSearchGenerator generator = new RandomSearchGenerator(space, null);
        DataSet data = SpaceTestSupport.images(12, 4);
        Set<Object> winners = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            GraphConfiguration conf = (GraphConfiguration) generator.getCandidate().getValue();
            ComputationGraph net = new ComputationGraph(conf.getConfiguration());
            net.init();
            INDArray before = net.getLayer("dense").getParam("W").dup();

            net.fit(data);

            assertTrue(Double.isFinite(net.score()), "score: " + net.score());
            assertTrue(!before.equals(net.getLayer("dense").getParam("W")), "the Hebbian layer learned");
            winners.add(((org.hebbian4j.conf.HebbianDenseLayer) net.getLayer("dense").conf().getLayer()).getCompetition());
            HebbianDescentOutputLayer out = (HebbianDescentOutputLayer) net.getLayer("out").conf().getLayer();
            assertTrue(out.isCentering() && out.getCenteringMomentum() >= 0.5 && out.getCenteringMomentum() <= 0.99);
            assertEquals(6, out.getNIn());
        }
        assertTrue(winners.size() >= 2, "winners vary: " + winners);
    }
}
