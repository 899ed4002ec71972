package org.hebbian4j.samples.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code train} fails with one line and never replaces a good model with a broken one. */
public class TrainFailSafeTest {

    /** A small, quick run on the embedded data (SoftHebb, no normalization; add --homeostasis). */
    static String[] small(Path out, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("train", "--embedded-data", "--hidden", "32",
                "--activation", "relu", "--rule", "softhebb", "--competition", "softmax", "--no-normalize", "--train-limit", "1000", "--test-limit", "200", "--classifier-epochs", "1",
                "--no-control", "--out", out.toString()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    private static List<String> fileNames(Path dir) throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void divergingRunExitsWithOneLineNamingLayerIterationAndRuleAndKeepsThePreviousModelByteIdentical(
            @TempDir Path out) throws Exception {
        CliHarness.Run good = CliHarness.run(small(out, "--homeostasis", "none", "--lr", "0.05"));
        assertEquals(0, good.exitCode(), good.err());
        byte[] model = Files.readAllBytes(out.resolve("model.zip"));
        byte[] results = Files.readAllBytes(out.resolve("results.json"));
        List<String> filesBefore = fileNames(out);

        // Sgd(1e8) on SoftHebb without normalization: the weights blow up within the first epoch.
        CliHarness.Run diverged = CliHarness.run(small(out, "--homeostasis", "none", "--lr", "1e8"));

        assertEquals(1, diverged.exitCode(), diverged.out() + diverged.err());
        String err = diverged.err();
        assertTrue(err.contains("hebbian4j: error: ") && err.contains("non-finite")
                && err.contains("HebbianDenseLayer (index 0, name \"hebbian\")") && err.contains("iteration ")
                && err.contains("softhebb"), err);
        assertEquals(1, err.lines().filter(l -> l.startsWith("hebbian4j: error: ")).count(), err);
        assertFalse(err.contains("\tat "), "no stack trace without --verbose: " + err);
        assertArrayEquals(model, Files.readAllBytes(out.resolve("model.zip")), "model.zip untouched");
        assertArrayEquals(results, Files.readAllBytes(out.resolve("results.json")), "results.json untouched");
        assertEquals(filesBefore, fileNames(out), "no new, temporary or checkpoint files");
    }

    @Test
    void divergedRunWithVerboseShowsTheStackTrace(@TempDir Path out) {
        CliHarness.Run diverged = CliHarness.run(small(out, "--homeostasis", "none", "--lr", "1e8", "--verbose"));

        assertEquals(1, diverged.exitCode());
        assertTrue(diverged.err().contains("NonFiniteUpdateException") && diverged.err().contains("\tat "),
                diverged.err());
        assertFalse(Files.exists(out.resolve("model.zip")));
    }
}
