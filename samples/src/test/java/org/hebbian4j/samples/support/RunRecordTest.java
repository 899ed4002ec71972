package org.hebbian4j.samples.support;

import org.junit.jupiter.api.Test;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunRecordTest {

    @Command(name = "tool", subcommands = Job.class)
    static final class Tool {
    }

    /** A command as the tool's are: the output and seed mixins and an option of its own. */
    @Command(name = "job")
    static final class Job implements Callable<Integer> {
        @Mixin
        OutputOptions output = new OutputOptions();

        @Mixin
        SeedOption seed = new SeedOption();

        @Option(names = "--sizes", split = ",", defaultValue = "1,2")
        List<Integer> sizes;

        @Option(names = "--name")
        String name;

        RunRecord record;

        @Override
        public Integer call() {
            record = output.startRun();
            return 0;
        }
    }

    private static RunRecord run(String... args) {
        CommandLine cli = new CommandLine(new Tool());
        assertEquals(0, cli.execute(args));
        return ((Job) cli.getSubcommands().get("job").getCommand()).record;
    }

    private static JsonNode json(RunRecord record) {
        return new ObjectMapper().valueToTree(record.with(Map.of("figure", 1)));
    }

    @Test
    void recordsTheCommandLineTheSeedAndEveryOptionWithItsDefault() {
        RunRecord record = run("job", "--seed", "7", "--name", "two words", "--json");
        assertEquals("tool job --seed 7 --name 'two words' --json", record.command());
        assertEquals(7L, record.seed());
        assertEquals("1,2", record.options().get("--sizes"));
        assertEquals("two words", record.options().get("--name"));
        assertEquals("true", record.options().get("--json"));
        assertEquals("unknown", record.version(), "run from classes, not from the jar");
        assertNull(record.data());
        assertEquals("MNIST here", record.data("MNIST here").data());
        assertTrue(record.backend().startsWith("nd4j"), record.backend());
        assertEquals(System.getProperty("java.version"), record.java());
    }

    @Test
    void resultsCarryTheRecordFirstUnderRun() {
        JsonNode results = json(run("job"));
        assertEquals("run", results.fieldNames().next());
        assertEquals(42, results.get("run").get("seed").asInt());
        assertEquals(1, results.get("figure").asInt());
    }

    @Test
    void differencesNameTheChangedOptionsButNotOutputOnlyOrIgnoredOnes() {
        JsonNode before = json(run("job", "--seed", "7", "--sizes", "3"));
        assertEquals(List.of(), run("job", "--seed", "7", "--sizes", "3", "--json", "--verbose").differences(before, Set.of()));
        assertEquals(List.of("--seed 7 (now 42)"), run("job", "--sizes", "3").differences(before, Set.of()));
        assertEquals(List.of(), run("job", "--seed", "7").differences(before, Set.of("--sizes")));
        assertEquals(List.of("--name unset (now x)"), run("job", "--seed", "7", "--sizes", "3", "--name", "x")
                .differences(before, Set.of()));
        assertEquals(1, run("job").differences(new ObjectMapper().createObjectNode(), Set.of()).size(),
                "a file without a run record differs");
    }
}
