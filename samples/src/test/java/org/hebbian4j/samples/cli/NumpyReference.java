package org.hebbian4j.samples.cli;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the NumPy reference implementation {@code reference_rules.py} (a test resource) with
 * python3; tests that need it skip when python3 or NumPy is missing.
 */
public final class NumpyReference {

    private static Boolean available;

    private NumpyReference() {
    }

    /** Skips the calling test unless {@code python3 -c "import numpy"} succeeds. */
    static synchronized void assumeAvailable() {
        if (available == null) {
            try {
                available = run(List.of("python3", "-c", "import numpy")).exitCode == 0;
            } catch (IOException e) {
                available = false;
            }
        }
        Assumptions.assumeTrue(available, "python3 with numpy not available");
    }

    /** Runs {@code python3 reference_rules.py args...} and returns its output; fails the test if it fails. */
    static String run(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("python3", script().toString()));
        command.addAll(List.of(args));
        Result r = run(command);
        if (r.exitCode != 0) {
            throw new AssertionError("reference_rules.py " + String.join(" ", args) + " failed (exit " + r.exitCode
                    + "):\n" + r.output);
        }
        return r.output;
    }

    static Path script() {
        try {
            return Path.of(NumpyReference.class.getResource("reference_rules.py").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("python3 timed out: " + command);
            }
            return new Result(p.exitValue(), output);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
