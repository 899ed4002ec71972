package org.hebbian4j.data;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs short Python snippets with NumPy for the .npy tests; tests skip when python3 or NumPy is missing. */
final class PythonNumpy {

    private static Boolean available;

    private PythonNumpy() {
    }

    /** Skips the calling test unless {@code python3 -c "import numpy"} succeeds. */
    static synchronized void assumeAvailable() {
        if (available == null) {
            try {
                available = run("import numpy").exitCode == 0;
            } catch (IOException e) {
                available = false;
            }
        }
        Assumptions.assumeTrue(available, "python3 with numpy not available");
    }

    /** Runs {@code python3 -c code args...}; fails the test on a non-zero exit, showing Python's output. */
    static String exec(String code, String... args) throws IOException {
        Result r = run(code, args);
        if (r.exitCode != 0) {
            throw new AssertionError("python3 failed (exit " + r.exitCode + "):\n" + r.output);
        }
        return r.output;
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(String code, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("python3", "-c", code));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("python3 timed out");
            }
            return new Result(p.exitValue(), output);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
