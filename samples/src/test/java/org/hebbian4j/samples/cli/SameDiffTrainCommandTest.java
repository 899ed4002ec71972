package org.hebbian4j.samples.cli;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.hebbian4j.activations.KWinnersActivation;
import org.hebbian4j.probe.LayerFeatures;
import org.hebbian4j.zoo.HybridMlp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SameDiffTrainCommandTest {

    /** A small setting of the main job: 20 Hebbian steps of 64 units with k-winners 16. */
    private static final String[] SMALL = {"--embedded-data", "--train-limit", "640", "--test-limit", "300",
            "--hidden", "64", "--activation", "kwinners:16", "--epochs", "2", "--classifier-epochs", "3", "--json"};

    private static String[] with(String command, Path out, String... options) {
        String[] args = new String[options.length + 3];
        args[0] = command;
        System.arraycopy(options, 0, args, 1, options.length);
        args[options.length + 1] = "--out";
        args[options.length + 2] = out.toString();
        return args;
    }

    @Test
    void hebbianWeightsAndAccuraciesEqualTrainsOnTheSameBatchesAndTheControlsArePrinted(@TempDir Path dir) throws Exception {
        CliHarness.Run sameDiff = CliHarness.run(with("samediff-train", dir.resolve("samediff"), SMALL));
        assertEquals(0, sameDiff.exitCode(), sameDiff.err());
        assertTrue(sameDiff.out().contains("Test accuracy, random features (control, same graph untrained):"), sameDiff.out());
        assertTrue(sameDiff.out().contains("Test accuracy, random features with ReLU (same random weights):"), sameDiff.out());
        JsonNode sdJson = new ObjectMapper().readTree(sameDiff.lastLine());
        assertTrue(sdJson.get("run").get("command").asText().startsWith("hebbian4j samediff-train"), sameDiff.lastLine());
        assertEquals(2, sdJson.get("epochs").asInt());

        CliHarness.Run train = CliHarness.run(with("train", dir.resolve("train"), SMALL));
        assertEquals(0, train.exitCode(), train.err());
        JsonNode mlnJson = new ObjectMapper().readTree(train.lastLine());

        MultiLayerNetwork mln = ModelSerializer.restoreMultiLayerNetwork(dir.resolve("train/model.zip").toFile());
        INDArray expected = mln.getLayer(HybridMlp.HEBBIAN_LAYER).getParam("W");
        SameDiff graph = SameDiff.load(dir.resolve("samediff").resolve(SameDiffTrainCommand.MODEL_FILE).toFile(), false);
        INDArray actual = graph.getVariable(HybridMlpGraph.HEBBIAN_WEIGHT).getArr();
        assertArrayEquals(expected.shape(), actual.shape());
        double difference = Transforms.abs(actual.castTo(DataType.DOUBLE).sub(expected.castTo(DataType.DOUBLE)))
                .maxNumber().doubleValue();
        assertTrue(difference < 1e-5, "SameDiff's W1 equals train's Hebbian W after the same 20 steps: max |diff| "
                + difference);

        // And the weights did move: the untrained ones (same seed) are far from them.
        MultiLayerNetwork untrained = new MultiLayerNetwork(mln.getLayerWiseConfigurations().clone());
        untrained.init();
        double moved = Transforms.abs(untrained.getLayer(HybridMlp.HEBBIAN_LAYER).getParam("W").sub(expected))
                .maxNumber().doubleValue();
        assertTrue(moved > 0.05, "the Hebbian phase changed W: max |W - W0| " + moved);

        // The same features and the same classifier training: the same accuracies (up to one test example).
        for (String key : new String[]{"test_accuracy", "control_accuracy", "control_relu_accuracy"}) {
            assertEquals(mlnJson.get(key).asDouble(), sdJson.get(key).asDouble(), 1.01 / 300,
                    key + ": samediff-train " + sdJson.get(key) + ", train " + mlnJson.get(key));
        }
    }

    @Test
    void kWinnersAndReluFeaturesOfTheGraphEqualTheLayersActivationsOnTheSameWeights() {
        MultiLayerNetwork net = new MultiLayerNetwork(new HybridMlp().hidden(50).seed(7)
                .activation(new KWinnersActivation(5)).conf());
        net.init();
        Nd4j.getRandom().setSeed(3);
        DataSet data = new DataSet(Nd4j.rand(DataType.FLOAT, 37, 784), Nd4j.eye(10).castTo(DataType.FLOAT)
                .repeat(0, 4).get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 37),
                        org.nd4j.linalg.indexing.NDArrayIndex.all()));

        INDArray layer = LayerFeatures.of(net, HybridMlp.HEBBIAN_LAYER, data, 16).getFeatures();
        INDArray graph = HybridMlpGraph.of(net, new KWinnersActivation(5)).features(data, 16).getFeatures();
        assertEquals(0, layer.neq(0).castTo(DataType.INT).sum(1).sub(5).castTo(DataType.DOUBLE).amaxNumber().doubleValue(),
                "the layer's k-winners code has 5 active units per row");
        assertTrue(graph.equalsWithEps(layer, 1e-5), "k-winners: graph " + graph.getRow(0) + " layer " + layer.getRow(0));

        INDArray relu = Transforms.relu(data.getFeatures().mmul(net.getLayer(HybridMlp.HEBBIAN_LAYER).getParam("W")));
        INDArray graphRelu = HybridMlpGraph.of(net, Activation.RELU.getActivationFunction()).features(data, 16).getFeatures();
        assertTrue(graphRelu.equalsWithEps(relu, 1e-5), "relu");
    }
}
