package org.hebbian4j.samples.cli;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.hebbian4j.training.Checkpoints;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tool, run in a child JVM, is killed with SIGKILL in the middle of training; {@code --resume}
 * continues from its last checkpoint (losing at most one checkpoint interval) and the final model loads.
 * About 10 s (two JVMs), so it runs by default.
 */
public class TrainKilledAndResumedTest {

    private static final Pattern CHECKPOINT = Pattern.compile("checkpoint: iteration (\\d+) ");
    private static final int EVERY = 10;

    private static List<String> args(Path out) {
        // 8000 examples in batches of 64: 125 iterations per epoch, 250 in all.
        return List.of("train", "--embedded-data", "--hidden", "64", "--activation", "relu", "--epochs", "2",
                "--classifier-epochs", "1", "--test-limit", "500", "--no-control", "--checkpoint-every",
                String.valueOf(EVERY), "--verbose", "--out", out.toString());
    }

    @Test
    void killedRunResumesFromItsLastCheckpointAndEndsWithALoadableModel(@TempDir Path out) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx2g", "-cp", System.getProperty("java.class.path"), Hebbian4jCli.class.getName()));
        command.addAll(args(out));
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("OMP_WAIT_POLICY", "PASSIVE");
        Process child = builder.start();
        AtomicLong lastCheckpoint = new AtomicLong(-1);
        StringBuilder stderr = new StringBuilder();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getErrorStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    synchronized (stderr) {
                        stderr.append(line).append('\n');
                    }
                    Matcher m = CHECKPOINT.matcher(line);
                    if (m.find()) {
                        lastCheckpoint.set(Long.parseLong(m.group(1)));
                    }
                }
            } catch (Exception ignored) {
                // the child was killed
            }
        });
        reader.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        while (lastCheckpoint.get() < 3 * EVERY && child.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(child.isAlive(), "the child must still be training: " + stderr);
        assertTrue(lastCheckpoint.get() >= 3 * EVERY, "no checkpoint in time: " + stderr);
        child.destroyForcibly();                           // SIGKILL
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        reader.join(5000);
        long seenBeforeKill = lastCheckpoint.get();

        assertFalse(Files.exists(out.resolve("model.zip")), "a killed run writes no model");
        Path checkpoint = out.resolve("checkpoint/checkpoint.zip");
        long saved = Checkpoints.position(checkpoint).iteration();
        assertTrue(saved >= seenBeforeKill && saved % EVERY == 0 && saved < 250, "checkpoint at " + saved);

        CliHarness.Run resumed = CliHarness.run(withResume(args(out)));

        assertEquals(0, resumed.exitCode(), resumed.err());
        assertTrue(resumed.out().contains("Resuming from") && resumed.out().contains("at iteration " + saved + " "),
                resumed.out());
        MultiLayerNetwork model = ModelSerializer.restoreMultiLayerNetwork(out.resolve("model.zip").toFile());
        assertTrue(Double.isFinite(model.params().sumNumber().doubleValue()));
        assertFalse(Files.exists(checkpoint));
    }

    private static String[] withResume(List<String> args) {
        List<String> all = new ArrayList<>(args);
        all.add("--resume");
        return all.toArray(String[]::new);
    }
}
