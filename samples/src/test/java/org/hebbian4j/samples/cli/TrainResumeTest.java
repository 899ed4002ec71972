package org.hebbian4j.samples.cli;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.hebbian4j.training.Checkpoints;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.shade.jackson.databind.ObjectMapper;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.hebbian4j.samples.cli.TrainFailSafeTest.small;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code train --checkpoint-every} and {@code --resume}: a run stopped midway and resumed ends with the
 * same model as one that ran through; the tool refuses to mix up runs.
 */
public class TrainResumeTest {

    // 1000 examples in batches of 64: 16 iterations per epoch, 32 in two epochs.
    private static String[] run(Path out, String... more) {
        String[] base = small(out, "--lr", "0.05", "--epochs", "2", "--checkpoint-every", "5",
                "--homeostasis", "threshold", "--set", "rate=0.5");
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @Test
    void stoppedAndResumedRunEndsWithTheSameModelAsAnUninterruptedOne(@TempDir Path tmp) throws Exception {
        Path through = tmp.resolve("through");
        Path interrupted = tmp.resolve("interrupted");
        CliHarness.Run reference = CliHarness.run(run(through));
        assertEquals(0, reference.exitCode(), reference.err());
        assertFalse(Files.exists(through.resolve("checkpoint/checkpoint.zip")), "a finished run leaves no checkpoint");

        CliHarness.Run stopped = CliHarness.run(run(interrupted, "--stop-after-iterations", "23"));
        assertEquals(1, stopped.exitCode(), stopped.err());
        assertTrue(stopped.err().contains("stopped after iteration 23") && stopped.err().contains("--resume"),
                stopped.err());
        assertFalse(Files.exists(interrupted.resolve("model.zip")), "no model from an interrupted run");
        Path checkpoint = interrupted.resolve("checkpoint/checkpoint.zip");
        assertEquals(20, Checkpoints.position(checkpoint).iteration(), "the last checkpoint: every 5 iterations");

        CliHarness.Run resumed = CliHarness.run(run(interrupted, "--resume", "--json"));
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertTrue(resumed.out().contains("Resuming from") && resumed.out().contains("iteration 20 (epoch 1, batch 4)"),
                resumed.out());
        assertEquals(20, new ObjectMapper().readTree(resumed.lastLine()).get("resumed_from_iteration").asInt());
        assertFalse(Files.exists(checkpoint), "the checkpoint is removed once the run completes");

        MultiLayerNetwork expected = ModelSerializer.restoreMultiLayerNetwork(through.resolve("model.zip").toFile());
        MultiLayerNetwork actual = ModelSerializer.restoreMultiLayerNetwork(interrupted.resolve("model.zip").toFile());
        assertArrayEquals(expected.params().toFloatVector(), actual.params().toFloatVector(), 0f,
                "same parameters, Hebbian state (theta) included");
        assertTrue(actual.getLayer(0).getParam("theta").amaxNumber().doubleValue() > 0, "theta has moved");
    }

    /**
     * The main job's own settings (unit-norm weights on, the default rule, competition and activation),
     * only smaller: the resumed model is the uninterrupted one, bit for bit (issue 16, item 10).
     */
    @Test
    void withTheMainJobsDefaultsTheResumedRunEqualsTheUninterruptedOne(@TempDir Path tmp) throws Exception {
        Path through = tmp.resolve("through");
        Path interrupted = tmp.resolve("interrupted");
        java.util.function.BiFunction<Path, String[], String[]> defaults = (out, more) -> {
            java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("train", "--embedded-data",
                    "--train-limit", "1000", "--test-limit", "200", "--epochs", "2", "--checkpoint-every", "5",
                    "--classifier-epochs", "1", "--no-control", "--out", out.toString()));
            args.addAll(java.util.List.of(more));
            return args.toArray(String[]::new);
        };
        CliHarness.Run reference = CliHarness.run(defaults.apply(through, new String[0]));
        assertEquals(0, reference.exitCode(), reference.err());
        CliHarness.Run stopped = CliHarness.run(defaults.apply(interrupted, new String[]{"--stop-after-iterations", "13"}));
        assertEquals(1, stopped.exitCode(), stopped.err());
        CliHarness.Run resumed = CliHarness.run(defaults.apply(interrupted, new String[]{"--resume"}));
        assertEquals(0, resumed.exitCode(), resumed.err());

        MultiLayerNetwork expected = ModelSerializer.restoreMultiLayerNetwork(through.resolve("model.zip").toFile());
        MultiLayerNetwork actual = ModelSerializer.restoreMultiLayerNetwork(interrupted.resolve("model.zip").toFile());
        assertTrue(expected.getLayer(0).conf().getLayer() instanceof org.hebbian4j.conf.HebbianDenseLayer h
                && h.isNormalizeWeights(), "the default configuration normalizes the weights");
        assertArrayEquals(expected.params().toFloatVector(), actual.params().toFloatVector(), 0f,
                "same parameters with unit-norm weights");
    }

    @Test
    void anUnfinishedRunsCheckpointIsNeitherIgnoredNorResumedWithOtherSettings(@TempDir Path out) throws Exception {
        CliHarness.Run stopped = CliHarness.run(run(out, "--stop-after-iterations", "7"));
        assertEquals(1, stopped.exitCode(), stopped.err());
        Path checkpoint = out.resolve("checkpoint/checkpoint.zip");
        byte[] saved = Files.readAllBytes(checkpoint);

        CliHarness.Run fresh = CliHarness.run(run(out));
        assertEquals(1, fresh.exitCode());
        assertTrue(fresh.err().contains("unfinished run") && fresh.err().contains("--resume")
                && fresh.err().contains("--restart") && fresh.err().contains("iteration 5"), fresh.err());

        CliHarness.Run otherSeed = CliHarness.run(run(out, "--resume", "--seed", "7"));
        assertEquals(1, otherSeed.exitCode());
        assertTrue(otherSeed.err().contains("other settings") && otherSeed.err().contains("seed was 42, now 7"),
                otherSeed.err());
        assertArrayEquals(saved, Files.readAllBytes(checkpoint), "the refused runs left the checkpoint alone");

        CliHarness.Run restarted = CliHarness.run(run(out, "--restart"));
        assertEquals(0, restarted.exitCode(), restarted.err());
        assertEquals(0, new ObjectMapper().readTree(Files.readString(out.resolve("results.json")))
                .get("resumed_from_iteration").asInt());
    }

    @Test
    void resumeWithoutACheckpointSaysSo(@TempDir Path out) {
        CliHarness.Run run = CliHarness.run(run(out, "--resume"));
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("no checkpoint"), run.err());
    }
}
