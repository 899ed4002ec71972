package org.hebbian4j.samples.bench;

import org.hebbian4j.samples.cli.Hebbian4jCli;

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
 * Plumbing of {@code hebbian4j bench} on tiny layers and a two-image LaganiNet "epoch": options,
 * table, and the JSON line. No timing assertion: the figures of a 16 -> 8 layer mean nothing.
 */
public class BenchCommandTest {

    private static final String[] TINY = {"--n-in", "16", "--n-out", "8", "--batch", "2", "--samples", "20",
            "--size", "7", "--kernel", "3", "--filters", "4", "--lagani-images", "2", "--lagani-layer-steps", "1",
            "--reps", "1", "--json"};

    private static final List<String> LAYER_KEYS = List.of("rule", "competition", "layer", "images_per_pass",
            "gemm_images_per_second", "gemm_ms_per_batch", "gemm_gflops", "forward_gemm_ms_per_batch",
            "update_gemm_ms_per_batch", "layer_step_images_per_second", "layer_step_ms_per_batch",
            "layer_step_ratio", "fraction_of_gemm_bound", "fit_images_per_second", "fit_ms_per_batch", "fit_ratio",
            "pass", "weights_finite", "peak_heap_bytes", "peak_physical_bytes", "training_memory_bytes",
            "parameter_bytes", "gradient_bytes", "workspace_bytes", "memory_target_bytes", "memory_pass");

    private static final List<String> LAGANI_KEYS = List.of("images_per_epoch", "fraction_of_mnist_epoch",
            "HHHHHG_epoch_seconds", "BBBBBG_epoch_seconds", "HHHHHG_images_per_second", "BBBBBG_images_per_second",
            "HHHHHG_conv_layers_images_per_second", "BBBBBG_conv_layers_images_per_second", "epoch_ratio",
            "target_ratio", "pass", "conv_layers_ratio", "peak_heap_bytes", "peak_physical_bytes");

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

        assertTrue(json.get("run").get("command").asText().startsWith("hebbian4j bench --n-in 16"), json.get("run").toString());
        assertEquals(0, json.get("run").get("seed").asLong());
        assertEquals(16, json.get("n_in").asInt());
        assertEquals(8, json.get("n_out").asInt());
        assertEquals(2, json.get("batch").asInt());
        assertEquals("direct", json.get("step").asText());
        assertEquals(1.5, json.get("target_ratio").asDouble());
        assertTrue(json.get("run").has("java") && json.get("run").has("backend"), json.get("run").toString());
        for (String key : List.of("threads", "nd4j_threads", "blas_threads", "cpu", "openblas_coretype",
                "load_average_start", "load_average_end")) {
            assertTrue(json.has(key), "missing top-level key " + key);
        }
        JsonNode workloads = json.get("workloads");
        assertEquals(List.of("dense-softhebb", "dense-krotov", "dense-wta", "conv-softwta", "lagani-epoch"),
                iterableNames(workloads));
        for (String name : List.of("dense-softhebb", "dense-krotov", "dense-wta", "conv-softwta")) {
            JsonNode w = workloads.get(name);
            for (String key : LAYER_KEYS) {
                assertTrue(w.has(key), name + ": missing key " + key);
            }
            assertTrue(w.get("layer_step_images_per_second").asDouble() > 0, name);
            assertTrue(w.get("weights_finite").asBoolean(), name);
            assertEquals(w.get("layer_step_ms_per_batch").asDouble() / w.get("gemm_ms_per_batch").asDouble(),
                    w.get("layer_step_ratio").asDouble(), 1e-9, name);
            assertEquals(1.0 / w.get("layer_step_ratio").asDouble(), w.get("fraction_of_gemm_bound").asDouble(), 1e-9);
        }
        // Soft competitions have a floor, split into its parts (one pass: the parts add up to the total).
        for (String name : List.of("dense-softhebb", "conv-softwta")) {
            JsonNode w = workloads.get(name);
            double parts = 0;
            for (String part : StepFloor.PARTS) {
                String key = "floor_" + part + "_ms_per_batch";
                assertTrue(w.has(key), name + ": missing key " + key);
                parts += w.get(key).asDouble();
            }
            assertEquals(w.get("floor_ms_per_batch").asDouble(), parts, 1e-6, name);
            assertTrue(w.get("floor_images_per_second").asDouble() > 0, name);
            assertEquals(w.get("floor_ms_per_batch").asDouble() / w.get("layer_step_ms_per_batch").asDouble(),
                    w.get("fraction_of_floor").asDouble(), 1e-9, name);
        }
        assertTrue(workloads.get("conv-softwta").get("floor_unfold_ms_per_batch").asDouble() > 0);
        assertEquals(0.0, workloads.get("dense-softhebb").get("floor_unfold_ms_per_batch").asDouble());
        for (String name : List.of("dense-krotov", "dense-wta")) {
            assertFalse(workloads.get(name).has("floor_ms_per_batch"), name + ": a floor without a soft competition");
        }
        // Dense workloads: --samples images in whole batches; the convolution a tenth, as the reference script.
        assertEquals(20, workloads.get("dense-wta").get("images_per_pass").asInt());
        assertEquals(2, workloads.get("conv-softwta").get("images_per_pass").asInt());
        assertEquals("krotov", workloads.get("dense-krotov").get("rule").asText());
        // 16 -> 8 float weights: 512 bytes; parameters hold them and the bias (and the 8 -> 1 output layer's 9).
        assertEquals(512, workloads.get("dense-wta").get("weight_bytes").asLong());
        assertEquals(4 * (16 * 8 + 8 + 9), workloads.get("dense-wta").get("parameter_bytes").asLong());
        JsonNode lagani = workloads.get("lagani-epoch");
        for (String key : LAGANI_KEYS) {
            assertTrue(lagani.has(key), "lagani: missing key " + key);
        }
        assertEquals(2, lagani.get("images_per_epoch").asInt());
        assertEquals(lagani.get("HHHHHG_epoch_seconds").asDouble() / lagani.get("BBBBBG_epoch_seconds").asDouble(),
                lagani.get("epoch_ratio").asDouble(), 1e-9);
        assertTrue(run.stdout().contains("Hebbian epoch / backprop epoch"), run.stdout());
        assertFalse(run.stdout().contains("not yet implemented"), run.stdout());
    }

    @Test
    void oneWorkloadRunsAloneWithEitherStepMode() throws Exception {
        for (String step : List.of("direct", "updater")) {
            Run run = bench("--workload", "dense-wta", "--step", step);
            assertEquals(0, run.exitCode(), run.stdout());
            JsonNode json = lastLineJson(run.stdout());
            assertEquals(List.of("dense-wta"), iterableNames(json.get("workloads")));
            assertEquals("instar", json.get("workloads").get("dense-wta").get("rule").asText());
            assertEquals(step, json.get("step").asText());
        }
    }

    @Test
    void unknownStepModeIsAnError() {
        assertEquals(1, bench("--workload", "dense-wta", "--step", "sideways").exitCode());
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
