package org.hebbian4j.samples.cli;

import org.junit.jupiter.api.Test;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Plumbing of {@code hebbian4j bench} on a tiny layer: options, table, and the JSON line. No timing
 * assertion: the figures of a 16 -> 8 layer mean nothing.
 */
class BenchCommandTest {

    private static final String[] TINY = {"--n-in", "16", "--n-out", "8", "--batch", "16", "--samples", "32",
            "--reps", "1", "--json"};

    private static final List<String> MEASURED_KEYS = List.of("implemented", "rule", "competition",
            "gemm_images_per_second", "gemm_ms_per_batch", "gemm_gflops", "forward_gemm_ms_per_batch",
            "update_gemm_ms_per_batch", "layer_step_images_per_second", "layer_step_ms_per_batch",
            "layer_step_ratio", "fit_images_per_second", "fit_ms_per_batch", "fit_ratio", "pass",
            "weights_finite", "peak_heap_bytes", "peak_physical_bytes", "workspace_bytes");

    private record Run(int exitCode, String stdout) {
    }

    private static Run bench(String... extra) {
        String[] args = new String[1 + TINY.length + extra.length];
        args[0] = "bench";
        System.arraycopy(TINY, 0, args, 1, TINY.length);
        System.arraycopy(extra, 0, args, 1 + TINY.length, extra.length);
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            System.setOut(out);
            int code = Hebbian4jCli.execute(args);
            return new Run(code, captured.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(original);
        }
    }

    private static JsonNode lastLineJson(String stdout) throws Exception {
        String[] lines = stdout.strip().split("\\R");
        return new ObjectMapper().readTree(lines[lines.length - 1]);
    }

    @Test
    void jsonOnTheLastLineHasEveryFigureOfEveryWorkload() throws Exception {
        Run run = bench();
        assertEquals(0, run.exitCode(), run.stdout());
        JsonNode json = lastLineJson(run.stdout());

        assertEquals("bench", json.get("command").asText());
        assertEquals(16, json.get("n_in").asInt());
        assertEquals(8, json.get("n_out").asInt());
        assertEquals(16, json.get("batch").asInt());
        assertEquals(32, json.get("images_per_pass").asInt());
        assertEquals(1.5, json.get("target_ratio").asDouble());
        for (String key : List.of("threads", "nd4j_threads", "blas_threads", "cpu", "java", "all_pass")) {
            assertTrue(json.has(key), "missing top-level key " + key);
        }
        JsonNode workloads = json.get("workloads");
        assertEquals(List.of("dense-softhebb", "dense-krotov", "dense-wta", "conv-softwta"),
                iterableNames(workloads));
        for (String name : List.of("dense-softhebb", "dense-wta")) {
            JsonNode w = workloads.get(name);
            for (String key : MEASURED_KEYS) {
                assertTrue(w.has(key), name + ": missing key " + key);
            }
            assertTrue(w.get("layer_step_images_per_second").asDouble() > 0, name);
            assertTrue(w.get("weights_finite").asBoolean(), name);
            assertEquals(w.get("layer_step_ms_per_batch").asDouble() / w.get("gemm_ms_per_batch").asDouble(),
                    w.get("layer_step_ratio").asDouble(), 1e-9, name);
        }
        assertFalse(workloads.get("dense-krotov").get("implemented").asBoolean());
        assertTrue(run.stdout().contains("not yet implemented"), run.stdout());
    }

    @Test
    void oneWorkloadRunsAlone() throws Exception {
        Run run = bench("--workload", "dense-wta");
        assertEquals(0, run.exitCode(), run.stdout());
        JsonNode workloads = lastLineJson(run.stdout()).get("workloads");
        assertEquals(List.of("dense-wta"), iterableNames(workloads));
        assertEquals("instar", workloads.get("dense-wta").get("rule").asText());
    }

    @Test
    void unknownWorkloadIsAnError() {
        assertEquals(1, bench("--workload", "dense-nonsense").exitCode());
    }

    private static List<String> iterableNames(JsonNode object) {
        List<String> names = new java.util.ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
