package org.hebbian4j.samples.bench;

import org.hebbian4j.samples.cli.CliHarness;

import org.junit.jupiter.api.Test;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

public class ListenerOverheadCommandTest {

    @Test
    void printsTheOverheadRatiosAsJson() throws Exception {
        CliHarness.Run run = CliHarness.run("listener-overhead", "--hidden", "32", "--activation", "kwinners:4",
                "--iterations", "3", "--rounds", "2", "--snapshot-every", "2", "--json");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode json = new ObjectMapper().readTree(run.lastLine());
        for (String key : new String[]{"ratio", "median_round_ratio", "cpu_ratio", "thread_cpu_ratio", "callback_ratio",
                "ms_per_step_without", "ms_per_step_with", "ms_per_step_in_listener"}) {
            assertTrue(json.has(key), "JSON has " + key + ": " + run.lastLine());
        }
        assertTrue(json.get("callback_ratio").asDouble() > 1.0, "the listener takes some time: " + run.lastLine());
        assertEquals(3, json.get("steps_per_block").asInt());
        assertTrue(run.out().contains("Overhead ratio"), run.out());
    }
}
