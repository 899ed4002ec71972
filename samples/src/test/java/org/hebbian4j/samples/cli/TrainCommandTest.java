package org.hebbian4j.samples.cli;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

public class TrainCommandTest {

    @Test
    void trainsOnTheEmbeddedTestSetAndPrintsJsonWithBothAccuraciesOnTheLastLine(@TempDir Path out) throws Exception {
        CliHarness.Run run = CliHarness.run("train", "--embedded-data", "--hidden", "64", "--activation", "kwinners:16", "--classifier-epochs", "8",
                "--train-limit", "4000", "--test-limit", "500", "--out", out.toString(), "--json");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode json = new ObjectMapper().readTree(run.lastLine());
        for (String key : new String[]{"test_accuracy", "control_accuracy", "seconds", "train_examples", "test_examples"}) {
            assertTrue(json.has(key), "JSON has " + key + ": " + run.lastLine());
        }
        assertEquals(4000, json.get("train_examples").asInt());
        assertEquals(500, json.get("test_examples").asInt());
        assertTrue(json.get("test_accuracy").asDouble() > 0.5, "learns something: " + run.lastLine());
        assertTrue(run.out().contains("embedded MNIST"), run.out());
        JsonNode record = json.get("run");
        assertTrue(record.get("command").asText().startsWith("hebbian4j train --embedded-data --hidden 64"), record.toString());
        assertEquals(42, record.get("seed").asLong());
        assertTrue(record.get("data").asText().startsWith("embedded MNIST"), record.toString());
        assertEquals("64", record.get("options").get("--hidden").asText());
        assertEquals("4000", record.get("options").get("--train-limit").asText());
        for (String key : new String[]{"version", "backend", "java", "started"}) {
            assertTrue(record.hasNonNull(key), "run record has " + key + ": " + record);
        }
        assertEquals(record, new ObjectMapper().readTree(out.resolve("results.json").toFile()).get("run"),
                "results.json holds the same run record");
        MultiLayerNetwork model = ModelSerializer.restoreMultiLayerNetwork(out.resolve("model.zip").toFile());
        assertEquals(2, model.getnLayers());
        assertTrue(Files.exists(out.resolve("results.json")));
        assertFalse(Files.exists(out.resolve("checkpoint")), "a finished run leaves no checkpoint directory");

        // Pictures and statistics (on by default): 64 tiles of 28x28 -> 8 x 8 cells of 31 px.
        assertImage(out.resolve("weights.png"), 8 * 31 + 1, 8 * 31 + 1);
        assertImage(out.resolve("dynamics.png"), 800, 500);
        assertImage(out.resolve("entropy.png"), 800, 400);
        assertTrue(Files.readAllLines(out.resolve("hebbian-statistics.csv")).size() > 2);
        assertEquals(1 + 64, Files.readAllLines(out.resolve("hebbian-neurons.csv")).size());
        for (String key : new String[]{"gini_start", "gini_end", "dead_fraction_end", "output_entropy_end"}) {
            assertTrue(json.has(key), "JSON has " + key + ": " + run.lastLine());
        }
        double gini = json.get("gini_end").asDouble();
        assertTrue(gini >= 0 && gini <= 1, "Gini in [0, 1]: " + gini);
    }

    private static void assertImage(Path file, int width, int height) throws Exception {
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(file.toFile());
        assertTrue(image != null, file + " is an image");
        assertEquals(width, image.getWidth(), file + " width");
        assertEquals(height, image.getHeight(), file + " height");
    }

    @Test
    void noPicturesWritesNeitherPicturesNorStatistics(@TempDir Path out) {
        CliHarness.Run run = CliHarness.run("train", "--embedded-data", "--hidden", "16", "--activation", "kwinners:4",
                "--classifier-epochs", "1", "--train-limit", "300", "--test-limit", "100", "--no-control", "--no-pictures",
                "--out", out.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertFalse(Files.exists(out.resolve("weights.png")));
        assertFalse(Files.exists(out.resolve("hebbian-statistics.csv")));
    }

    @Test
    void learningRateDecayReachesTheFactorAtTheLastStep() {
        // 4 steps from lr 8 to 8 * 0.125 = 1: gamma = 0.125^(1/3) = 0.5, rates 8, 4, 2, 1.
        org.nd4j.linalg.learning.config.Sgd sgd = (org.nd4j.linalg.learning.config.Sgd) TrainCommand.hebbianUpdater(8, 0.125, 4);
        assertEquals(8.0, sgd.getLearningRate(0, 0), 1e-12);
        assertEquals(4.0, sgd.getLearningRate(1, 0), 1e-12);
        assertEquals(1.0, sgd.getLearningRate(3, 0), 1e-12);
        assertEquals(8.0, TrainCommand.hebbianUpdater(8, 1, 4).getLearningRate(3, 0), 0.0, "factor 1: constant");
    }

    @Test
    void noControlTrainsNoControl(@TempDir Path out) throws Exception {
        CliHarness.Run run = CliHarness.run("train", "--embedded-data", "--hidden", "16", "--activation", "kwinners:4",
                "--classifier-epochs", "1", "--train-limit", "300", "--test-limit", "100", "--no-control", "--no-pictures",
                "--out", out.toString(), "--json");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode json = new ObjectMapper().readTree(run.lastLine());
        assertTrue(json.has("test_accuracy"), run.lastLine());
        assertFalse(json.has("control_accuracy") || json.has("control_relu_accuracy"), run.lastLine());
        assertFalse(run.err().contains("control"), "no control probe ran: " + run.err());
    }

    @Test
    void missingDataDirectoryEndsWithExitCodeOneAndAOneLineMessage(@TempDir Path tmp) {
        Path missing = tmp.resolve("no-such-dir");
        CliHarness.Run run = CliHarness.run("train", "--data-dir", missing.toString(), "--out", tmp.toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("hebbian4j: error: ") && run.err().contains("no-such-dir"), run.err());
        assertFalse(run.err().contains("\tat "), "no stack trace without --verbose: " + run.err());
    }

    @Test
    void directoryWithoutTheIdxFilesNamesTheMissingFile(@TempDir Path tmp) {
        CliHarness.Run run = CliHarness.run("train", "--data-dir", tmp.toString(), "--out", tmp.toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("train-images-idx3-ubyte"), run.err());
    }

    @Test
    void badHyperparametersAreRejectedNamingThem(@TempDir Path tmp) {
        CliHarness.Run run = CliHarness.run("train", "--competition", "softmax", "--set", "temperature=0",
                "--out", tmp.toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("temperature"), run.err());

        run = CliHarness.run("train", "--competition", "kwta", "--set", "winners=5000", "--hidden", "100",
                "--out", tmp.toString(), "--train-limit", "100", "--test-limit", "100");
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("winners") && run.err().contains("nOut"), run.err());

        run = CliHarness.run("train", "--set", "nonsense=1", "--out", tmp.toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("nonsense"), run.err());

        run = CliHarness.run("train", "--rule", "nope", "--out", tmp.toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("unknown rule 'nope'"), run.err());
    }

    @Test
    void verboseAddsTheStackTrace(@TempDir Path tmp) {
        CliHarness.Run run = CliHarness.run("train", "--rule", "nope", "--verbose", "--out", tmp.toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("\tat "), run.err());
    }
}
