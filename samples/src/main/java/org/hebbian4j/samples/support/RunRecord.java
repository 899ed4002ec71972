package org.hebbian4j.samples.support;

import org.hebbian4j.backend.NativeBackend;
import org.nd4j.shade.jackson.databind.JsonNode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.io.IOException;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What made a run's results, written under {@code "run"} in every {@code --json} line and results file
 * of the tool (and as {@code run.json} where a command writes only other files).
 *
 * @param command the command line as the tool received it ({@code hebbian4j train ...}; with {@code train}
 *                added when the sub-command was left out)
 * @param version the Hebbian4j version ({@link Version})
 * @param seed    the value of {@code --seed}, or null for a command without one
 * @param data    where the data came from (embedded, a directory, files), or null before it is known
 * @param backend the native backend ({@link NativeBackend#describe()})
 * @param java    the Java version
 * @param started the start time, ISO-8601 with the local offset, to the second
 * @param options the value of every option, defaults included, as text (lists joined by commas)
 */
public record RunRecord(String command, String version, Long seed, String data, String backend, String java,
                        String started, Map<String, String> options) {

    /** Options that change what a run shows, not what it computes; {@link #differences} skips them. */
    static final Set<String> OUTPUT_ONLY = Set.of("--json", "--verbose", "--help", "--version");

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:=,+@%-]+");

    /** The record of the command {@code spec} (parsed), started now; its data is set later by {@link #data(String)}. */
    static RunRecord start(CommandSpec spec) {
        List<String> words = new ArrayList<>(List.of(spec.root().name()));
        words.addAll(spec.root().commandLine().getParseResult().originalArgs());
        Map<String, String> options = new LinkedHashMap<>();
        for (OptionSpec option : spec.options()) {
            if (!option.usageHelp() && !option.versionHelp() && !option.hidden()) {
                options.put(option.longestName(), text(option.getValue()));
            }
        }
        OptionSpec seedOption = spec.findOption("--seed");
        Long seed = seedOption == null ? null : ((Number) seedOption.getValue()).longValue();
        return new RunRecord(words.stream().map(RunRecord::quote).collect(Collectors.joining(" ")), Version.of(), seed,
                null, NativeBackend.describe(), System.getProperty("java.version"),
                OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS).toString(), options);
    }

    /** This record with its data source. */
    public RunRecord data(String source) {
        return new RunRecord(command, version, seed, source, backend, java, started, options);
    }

    /** The record as JSON fields. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("command", command);
        m.put("version", version);
        m.put("seed", seed);
        m.put("data", data);
        m.put("backend", backend);
        m.put("java", java);
        m.put("started", started);
        m.put("options", options);
        return m;
    }

    /** {@code results} with this record first, under {@code "run"}. */
    public Map<String, Object> with(Map<String, ?> results) {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("run", toMap());
        all.putAll(results);
        return all;
    }

    /** Writes the record alone to {@code dir/run.json}. */
    public void write(Path dir) throws IOException {
        JsonLine.write(dir.resolve("run.json"), toMap());
    }

    /**
     * The options whose values differ from those in the run record of {@code previousResults} (a results
     * file read back), as {@code "--seed 42 (now 7)"}; output-only options and {@code ignored} ones are not
     * compared. A file without a run record differs by that.
     */
    public List<String> differences(JsonNode previousResults, Set<String> ignored) {
        JsonNode before = previousResults.path("run").path("options");
        if (!before.isObject()) {
            return List.of("no run record (written by an older hebbian4j)");
        }
        Set<String> names = new LinkedHashSet<>(options.keySet());
        before.fieldNames().forEachRemaining(names::add);
        List<String> differences = new ArrayList<>();
        for (String name : names) {
            if (OUTPUT_ONLY.contains(name) || ignored.contains(name)) {
                continue;
            }
            JsonNode was = before.get(name);
            String then = was == null || was.isNull() ? null : was.asText();
            String now = options.get(name);
            if (!Objects.equals(then, now)) {
                differences.add(name + " " + (then == null ? "unset" : then) + " (now " + (now == null ? "unset" : now) + ")");
            }
        }
        return differences;
    }

    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Collection<?> c) {
            return c.stream().map(String::valueOf).collect(Collectors.joining(","));
        }
        if (value instanceof Map<?, ?> m) {
            return m.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
        }
        return String.valueOf(value);
    }

    /** A word of the command line, in single quotes unless the shell would read it as it is. */
    private static String quote(String word) {
        return PLAIN.matcher(word).matches() ? word : "'" + word.replace("'", "'\\''") + "'";
    }
}
