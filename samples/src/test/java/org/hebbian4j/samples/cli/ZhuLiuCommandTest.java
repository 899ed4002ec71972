package org.hebbian4j.samples.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ZhuLiuCommandTest {

    @Test
    void tinyRunReportsEntropyAndAccuracyPerLambdaAndWritesTheTable(@TempDir Path out) throws Exception {
        CliHarness.Run run = CliHarness.run("zhu-liu", "--lambdas", "1,10", "--hidden", "16", "--epochs", "1",
                "--train-limit", "320", "--test-limit", "100", "--out", out.toString(), "--results-md", out.toString(), "--json");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode runs = new ObjectMapper().readTree(run.lastLine()).get("runs");
        assertEquals(2, runs.size());
        for (JsonNode r : runs) {
            assertTrue(r.get("diverged").isBoolean(), r.toString());
            if (!r.get("diverged").asBoolean()) {
                double h = r.get("output_entropy_test").asDouble();
                assertTrue(h >= 0 && h <= Math.log(16) + 1e-9, "entropy within [0, ln 16]: " + r);
                double low = r.get("low_weight_selectors").asDouble();
                assertTrue(low >= 0 && low <= 1, r.toString());
            }
        }
        String md = Files.readString(out.resolve("zhu-liu-mnist.md"));
        assertTrue(md.contains("/ 40.6 |") || md.contains("diverged"), md);
        assertTrue(Files.exists(out.resolve("zhu-liu-lambda-10-weights.png")) || md.contains("diverged"));
    }

    @Test
    void lowWeightShareCountsWeightsBelowBetaTimesTheClassMaximum() {
        // Two classes (columns): maxima 1.0 and 4.0; beta 0.5 -> thresholds 0.5 and 2.0.
        // Column 0: 1.0, 0.4, -3 -> two below; column 1: 4.0, 2.5, 1.0 -> one below. 3 of 6.
        double share = ZhuLiuCommand.lowWeightShare(Nd4j.createFromArray(new double[][]{{1.0, 4.0}, {0.4, 2.5}, {-3, 1.0}}), 0.5);
        assertEquals(0.5, share, 1e-12);
    }
}
