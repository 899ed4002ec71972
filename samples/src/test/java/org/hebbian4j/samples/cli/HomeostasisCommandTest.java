package org.hebbian4j.samples.cli;

import org.junit.jupiter.api.Test;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

public class HomeostasisCommandTest {

    @Test
    void adaptiveThresholdLowersTheFractionOfNeuronsThatNeverWin() throws Exception {
        CliHarness.Run run = CliHarness.run("homeostasis", "--embedded-data", "--train-limit", "2000", "--hidden", "100",
                "--activation", "relu", "--json");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode json = new ObjectMapper().readTree(run.lastLine());
        double without = json.get("never_winning_without").asDouble();
        double with = json.get("never_winning_with").asDouble();
        assertTrue(without > 0.2, "plain WTA leaves many neurons without a win: " + without);
        assertTrue(with < without, "homeostasis keeps more neurons alive: " + with + " vs " + without);
    }

    @Test
    void refusesToCompareWithoutAHomeostasis() {
        CliHarness.Run run = CliHarness.run("homeostasis", "--embedded-data", "--homeostasis", "none");
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("--homeostasis none"), run.err());
    }
}
