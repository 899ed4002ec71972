package org.hebbian4j.samples.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code hebbian4j tune}: an Arbiter random search on the embedded MNIST data. */
public class TuneCommandTest {

    @Test
    void twoCandidateSearchOnAThousandExamplesPrintsAndSavesTheTableBestFirst(@TempDir Path out) throws Exception {
        CliHarness.Run run = CliHarness.run("tune", "--embedded-data", "--train-limit", "1000", "--candidates", "2",
                "--epochs", "2", "--hidden", "64", "--activation", "relu", "--out", out.toString(), "--json");

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("800 train, 200 validation"), run.out());
        assertTrue(run.out().contains("validation accuracy") && run.out().contains("competition")
                && run.out().contains("learningRate"), "the table's header: " + run.out());
        JsonNode json = new ObjectMapper().readTree(run.lastLine());
        JsonNode results = json.get("results");
        assertEquals(2, results.size(), run.lastLine());
        double previous = Double.POSITIVE_INFINITY;
        for (JsonNode row : results) {
            assertEquals("Complete", row.get("status").asText(), row.toString());
            double accuracy = row.get("validation_accuracy").asDouble();
            assertTrue(accuracy >= 0 && accuracy <= 1 && accuracy <= previous, "best first: " + results);
            previous = accuracy;
            JsonNode h = row.get("hyperparameters");
            String competition = h.get("competition").asText();
            assertTrue(List.of("wta", "kwta").contains(competition), h.toString());
            assertEquals(competition.equals("kwta"), h.has("winners"), "winners only with kwta: " + h);
            double lr = h.get("learningRate").asDouble();
            assertTrue(lr >= 0.02 && lr <= 1, h.toString());
            assertTrue(row.get("seconds").asDouble() > 0, row.toString());
        }
        assertEquals(1, json.get("best").get("rank").asInt());
        assertEquals(3, json.get("search").size(), "three searched Hebbian hyperparameters: " + json.get("search"));
        List<String> csv = Files.readAllLines(out.resolve("tune-results.csv"));
        assertEquals(3, csv.size(), csv.toString());
        assertTrue(csv.get(0).startsWith("rank,candidate,competition"), csv.get(0));
        assertTrue(Files.exists(out.resolve("tune-results.json")));
    }

    @Test
    void badSearchSpecificationsFailWithOneLineNamingThem(@TempDir Path out) {
        CliHarness.Run run = CliHarness.run("tune", "--embedded-data", "--search", "winners=5:2", "--out", out.toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("--search winners=5:2") && run.err().contains("LO must be below HI"), run.err());
        assertFalse(run.err().contains("\tat "), run.err());

        run = CliHarness.run("tune", "--embedded-data", "--search", "competition=wta,nope", "--out", out.toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("unknown competition 'nope'"), run.err());

        run = CliHarness.run("tune", "--embedded-data", "--search", "winnerz=2:5", "--out", out.toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("winnerz"), run.err());
    }

    @Test
    void aSearchWhoseEveryCandidateDivergesFailsAfterReportingThem(@TempDir Path out) throws Exception {
        CliHarness.Run run = CliHarness.run("tune", "--embedded-data", "--train-limit", "1000", "--candidates", "1",
                "--epochs", "2", "--hidden", "32", "--activation", "relu", "--rule", "softhebb", "--competition",
                "softmax", "--homeostasis", "none", "--no-normalize", "--search", "lr=1e12:1e13", "--out", out.toString());

        assertEquals(1, run.exitCode(), run.out() + run.err());
        assertTrue(run.err().contains("all 1 candidates failed") && run.err().contains("non-finite"), run.err());
        assertTrue(run.out().contains("failed") && run.out().contains("NonFiniteUpdateException"), run.out());
        assertTrue(Files.readString(out.resolve("tune-results.csv")).contains("Failed"), "the table is saved anyway");
    }
}
