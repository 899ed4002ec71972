package org.hebbian4j.samples.cli;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code hebbian4j train --spark local[2]}: both phases of the main job on Spark in local mode. With one worker the
 * run is the single-machine run to the last bit (two epochs of each phase: every epoch the single machine's
 * minibatches of that epoch, in order); with two it trains and reports the Spark settings.
 */
class TrainCommandSparkTest {

    private static String[] small(Path out, String... extra) {
        String[] base = {"train", "--embedded-data", "--hidden", "32", "--activation", "kwinners:4", "--epochs", "2",
                "--classifier-epochs", "2", "--train-limit", "1000", "--test-limit", "300", "--no-control",
                "--no-pictures", "--out", out.toString(), "--json"};
        return with(base, extra);
    }

    @Test
    void oneWorkerReproducesTheSingleMachineRun(@TempDir Path here, @TempDir Path spark) throws Exception {
        CliHarness.Run single = CliHarness.run(small(here));
        assertEquals(0, single.exitCode(), single.err());
        CliHarness.Run distributed = CliHarness.run(small(spark, "--spark", "local[2]", "--workers", "1"));
        assertEquals(0, distributed.exitCode(), distributed.err());

        JsonNode json = new ObjectMapper().readTree(distributed.lastLine());
        assertEquals(1, json.get("spark_workers").asInt(), distributed.lastLine());
        assertEquals(new ObjectMapper().readTree(single.lastLine()).get("test_accuracy").asDouble(),
                json.get("test_accuracy").asDouble());
        MultiLayerNetwork a = ModelSerializer.restoreMultiLayerNetwork(here.resolve("model.zip").toFile());
        MultiLayerNetwork b = ModelSerializer.restoreMultiLayerNetwork(spark.resolve("model.zip").toFile());
        assertEquals(a.params(), b.params(), "the same model, parameter for parameter");
    }

    /** Two workers, averaging every 2 minibatches, against this machine alone on the same data and settings. */
    @Test
    void twoWorkersTrainBothPhasesAboutAsWellAsOneMachine(@TempDir Path here, @TempDir Path spark) throws Exception {
        String[] settings = {"train", "--embedded-data", "--hidden", "64", "--activation", "kwinners:16", "--epochs", "2",
                "--classifier-epochs", "8", "--train-limit", "2000", "--test-limit", "500", "--no-control",
                "--no-pictures", "--json", "--out"};
        CliHarness.Run single = CliHarness.run(with(settings, here.toString()));
        assertEquals(0, single.exitCode(), single.err());
        CliHarness.Run run = CliHarness.run(with(settings, spark.toString(), "--spark", "local[2]",
                "--averaging-frequency", "2"));
        assertEquals(0, run.exitCode(), run.err());
        JsonNode json = new ObjectMapper().readTree(run.lastLine());
        assertEquals(2, json.get("spark_workers").asInt(), run.lastLine());
        assertEquals(2, json.get("averaging_frequency").asInt(), run.lastLine());
        assertEquals("local[2]", json.get("spark_master").asText(), run.lastLine());
        double alone = new ObjectMapper().readTree(single.lastLine()).get("test_accuracy").asDouble();
        double distributed = json.get("test_accuracy").asDouble();
        assertTrue(distributed > 0.45 && Math.abs(distributed - alone) < 0.05,
                "Spark " + distributed + " against one machine " + alone);
        assertTrue(run.out().contains("Spark: master local[2], 2 workers, each minibatch split among them, averaging every 2"),
                run.out());
        assertTrue(run.err().contains("hebbian") && run.err().contains("classifier"), "progress of both phases");
    }

    private static String[] with(String[] base, String... extra) {
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return args;
    }

    @Test
    void sparkOptionsAreChecked(@TempDir Path out) {
        CliHarness.Run withoutSpark = CliHarness.run(small(out, "--workers", "2"));
        assertNotEquals(0, withoutSpark.exitCode());
        assertTrue(withoutSpark.err().contains("need --spark"), withoutSpark.err());
        CliHarness.Run resume = CliHarness.run(small(out, "--spark", "local[2]", "--resume"));
        assertNotEquals(0, resume.exitCode());
        assertTrue(resume.err().contains("--resume does not work with --spark"), resume.err());
    }
}
