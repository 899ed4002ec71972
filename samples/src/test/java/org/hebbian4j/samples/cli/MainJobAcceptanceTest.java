package org.hebbian4j.samples.cli;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The main job's acceptance figure on the full MNIST (60,000 / 10,000): the hybrid network reaches
 * at least 97.0% test accuracy, reported beside its random-features controls. Runs in about four
 * minutes on two cores when the real data set is available (CI: ../shared/data/mnist); skipped otherwise.
 */
public class MainJobAcceptanceTest {

    @Test
    void hybridNetworkReaches97PercentOnFullMnistWithControlsBesideIt(@TempDir Path out) throws Exception {
        String shared = System.getenv("HEBBIAN4J_SHARED_DATA");
        Assumptions.assumeTrue(shared != null && Files.isRegularFile(Path.of(shared, "mnist", "train-images-idx3-ubyte.gz")),
                "full MNIST not available (HEBBIAN4J_SHARED_DATA/mnist)");
        CliHarness.Run run = CliHarness.run("train", "--data-dir", Path.of(shared, "mnist").toString(),
                "--out", out.toString(), "--json");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode json = new ObjectMapper().readTree(run.lastLine());
        System.out.println("main job on full MNIST: " + run.lastLine());
        assertEquals(60000, json.get("train_examples").asInt());
        assertEquals(10000, json.get("test_examples").asInt());
        double accuracy = json.get("test_accuracy").asDouble();
        assertTrue(accuracy >= 0.970, "test accuracy " + accuracy + " < 0.970");
        assertTrue(json.has("control_accuracy") && json.has("control_relu_accuracy") && json.has("seconds"));
        assertTrue(run.out().contains("random features"), run.out());
    }
}
