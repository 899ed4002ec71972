package org.hebbian4j.samples.papers.lagani;

import org.hebbian4j.samples.cli.CliHarness;

import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Smoke tests of {@code hebbian4j lagani} at tiny sizes (the CI's reduced-epoch run of the reproduction): every
 * kind of row runs end to end and the outputs carry the paper's numbers beside ours.
 */
public class LaganiCommandTest {

    private static final String[] TINY = {"--train-limit", "128", "--validation-limit", "64", "--test-limit", "64",
            "--epochs", "1", "--patience", "1"};

    private static String[] args(Path out, String... extra) {
        List<String> a = new ArrayList<>(List.of("lagani", "--out", out.toString(), "--json"));
        a.addAll(List.of(TINY));
        a.addAll(List.of(extra));
        return a.toArray(new String[0]);
    }

    @Test
    void mnistSmokeRunsBaselineHybridRetrainingAndProbeRowsAndReusesTheBaseline(@TempDir Path out) throws Exception {
        CliHarness.Run run = CliHarness.run(args(out, "--pattern", "BBBBBG,HBBBBG,BBBBHH", "--competition", "wta",
                "--probe-layer", "1", "--results-md", out.toString()));
        assertEquals(0, run.exitCode(), run.err());
        JsonNode result = new ObjectMapper().readTree(run.lastLine());
        assertTrue(result.get("complete").asBoolean());
        JsonNode rows = result.get("rows");
        assertEquals(5, rows.size(), rows.toString());   // baseline, HBBBBG, BBBBHH, probe BP, probe WTA
        assertEquals("BBBBBG", rows.get(0).get("pattern").asText());
        assertEquals(99.59, rows.get(0).get("paper_accuracy").asDouble(), 1e-9);
        assertEquals(99.48, rows.get(1).get("paper_accuracy").asDouble(), 1e-9);
        assertEquals("WTA", rows.get(1).get("competition").asText());
        assertEquals(1, rows.get(1).get("hebbian_epochs").asInt());
        assertEquals(99.55, rows.get(2).get("paper_accuracy").asDouble(), 1e-9);
        assertEquals(95.80, rows.get(3).get("paper_accuracy").asDouble(), 1e-9);
        assertEquals(98.16, rows.get(4).get("paper_accuracy").asDouble(), 1e-9);
        for (JsonNode r : rows) {
            double acc = r.get("test_accuracy").asDouble();
            assertTrue(acc >= 0 && acc <= 100, r.toString());
            assertEquals(1, r.get("epochs_run").asInt(), r.toString());
        }
        assertEquals(128, result.get("splits").get("train").asInt());
        Path baseline = out.resolve("pretrained-BBBBBG.zip");
        assertTrue(Files.size(baseline) > 1_000_000, "baseline network saved");
        String md = Files.readString(out.resolve("lagani-mnist.md"));
        assertTrue(md.contains("REDUCED RUN"), md);
        assertTrue(md.contains("| 99.59 |") && md.contains("| 98.16 |"), md);
        assertTrue(run.err().contains("hebbian 1/1"), "progress shown: " + run.err());

        // a second run takes the frozen layers from the saved baseline instead of training it
        Path second = out.resolve("second");
        CliHarness.Run again = CliHarness.run(args(second, "--pattern", "BBBBHG", "--competition", "e-soft",
                "--pretrained", baseline.toString()));
        assertEquals(0, again.exitCode(), again.err());
        JsonNode rows2 = new ObjectMapper().readTree(again.lastLine()).get("rows");
        assertEquals(1, rows2.size());
        assertEquals(99.65, rows2.get(0).get("paper_accuracy").asDouble(), 1e-9);
        assertFalse(Files.exists(second.resolve("pretrained-BBBBBG.zip")));
    }

    @Test
    void patternNoneRunsOnlyTheHebbianProbeRowsWithoutABaseline(@TempDir Path out) throws Exception {
        CliHarness.Run run = CliHarness.run(args(out, "--pattern", "none", "--probe-layer", "1", "--no-bp-probe",
                "--competition", "e-soft"));
        assertEquals(0, run.exitCode(), run.err());
        JsonNode rows = new ObjectMapper().readTree(run.lastLine()).get("rows");
        assertEquals(1, rows.size(), rows.toString());
        assertEquals("probe", rows.get(0).get("kind").asText());
        assertEquals("e-soft-WTA", rows.get(0).get("competition").asText());
        assertEquals(98.15, rows.get(0).get("paper_accuracy").asDouble(), 1e-9);
        assertFalse(Files.exists(out.resolve("pretrained-BBBBBG.zip")), "no baseline trained");
    }

    /**
     * A probe row checkpoints its probe after every epoch in {@code <out>/checkpoints/probe-L1-WTA}: run again with
     * the same options it resumes from there (without training the Hebbian layer again) and gives the same row;
     * with other options it refuses, naming them.
     */
    @Test
    void aProbeRowResumesFromItsCheckpointOnlyWithTheSameSettings(@TempDir Path out) throws Exception {
        String[] options = {"lagani", "--out", out.toString(), "--json", "--train-limit", "128", "--validation-limit", "64",
                "--test-limit", "64", "--epochs", "2", "--patience", "2", "--pattern", "none", "--probe-layer", "1",
                "--no-bp-probe", "--competition", "wta"};
        CliHarness.Run first = CliHarness.run(options);
        assertEquals(0, first.exitCode(), first.err());
        Path checkpoint = out.resolve("checkpoints/probe-L1-WTA");
        assertTrue(Files.isRegularFile(checkpoint.resolve("latest.zip")) && Files.isRegularFile(checkpoint.resolve("run.json")),
                "checkpoint written");

        CliHarness.Run again = CliHarness.run(options);
        assertEquals(0, again.exitCode(), again.err());
        assertTrue(again.err().contains("probe L1 WTA: resuming from its checkpoint"), again.err());
        assertFalse(again.err().contains("hebbian phase"), "the Hebbian layer is not trained again: " + again.err());
        JsonNode before = new ObjectMapper().readTree(first.lastLine()).get("rows").get(0);
        JsonNode after = new ObjectMapper().readTree(again.lastLine()).get("rows").get(0);
        assertEquals(before.get("test_accuracy").asDouble(), after.get("test_accuracy").asDouble(), 0.0);
        assertEquals(before.get("validation_accuracy").asDouble(), after.get("validation_accuracy").asDouble(), 0.0);

        List<String> other = new ArrayList<>(List.of(options));
        other.addAll(List.of("--probe-dropout", "0.2"));
        CliHarness.Run refused = CliHarness.run(other.toArray(new String[0]));
        assertEquals(1, refused.exitCode());
        assertTrue(refused.err().contains("other settings") && refused.err().contains("--probe-dropout 0.0 (now 0.2)"),
                refused.err());
    }

    /**
     * A hybrid row checkpoints its top phase after every epoch in {@code <out>/checkpoints/<pattern>-<competition>}
     * (the baseline in {@code checkpoints/BBBBBG}): run again with the same options, the finished rows give their
     * results from their checkpoints, without training the Hebbian layer or the baseline again.
     */
    @Test
    void hybridRowsResumeFromTheirCheckpoints(@TempDir Path out) throws Exception {
        String[] options = {"lagani", "--out", out.toString(), "--json", "--train-limit", "128", "--validation-limit", "64",
                "--test-limit", "64", "--epochs", "2", "--patience", "2", "--pattern", "BBBBBG,HBBBBG", "--competition", "wta"};
        CliHarness.Run first = CliHarness.run(options);
        assertEquals(0, first.exitCode(), first.err());
        for (String row : new String[]{"BBBBBG", "HBBBBG-WTA"}) {
            Path checkpoint = out.resolve("checkpoints").resolve(row);
            assertTrue(Files.isRegularFile(checkpoint.resolve("latest.zip")) && Files.isRegularFile(checkpoint.resolve("run.json")),
                    "checkpoint of " + row + " written");
        }

        CliHarness.Run again = CliHarness.run(options);
        assertEquals(0, again.exitCode(), again.err());
        assertTrue(again.err().contains("BBBBBG: resuming from its checkpoint"), again.err());
        assertTrue(again.err().contains("HBBBBG WTA: resuming from its checkpoint"), again.err());
        assertFalse(again.err().contains("hebbian 1/1"), "the Hebbian layer is not trained again: " + again.err());
        JsonNode before = new ObjectMapper().readTree(first.lastLine()).get("rows");
        JsonNode after = new ObjectMapper().readTree(again.lastLine()).get("rows");
        assertEquals(before.size(), after.size());
        for (int i = 0; i < before.size(); i++) {
            assertEquals(before.get(i).get("test_accuracy").asDouble(), after.get(i).get("test_accuracy").asDouble(), 0.0,
                    before.get(i).toString());
        }
    }

    /** The authors' protocol for the backprop baseline: per-channel standardization instead of ZCA, the rate halved. */
    @Test
    void theBaselineRunsOnStandardizedInputsWithTheRateHalved(@TempDir Path out) throws Exception {
        CliHarness.Run run = CliHarness.run(args(out, "--pattern", "BBBBBG", "--standardize", "--halving-from", "1",
                "--results-md", out.toString()));
        assertEquals(0, run.exitCode(), run.err());
        JsonNode result = new ObjectMapper().readTree(run.lastLine());
        assertTrue(result.get("preprocessing").asText().startsWith("each channel standardized"), result.toString());
        assertEquals(1, result.get("halving_from").asInt());
        assertTrue(Files.readString(out.resolve("lagani-mnist.md")).contains("halved after every epoch from epoch 1"));

        CliHarness.Run refused = CliHarness.run(args(out.resolve("b"), "--pattern", "BBBBBG", "--standardize", "--no-whitening"));
        assertEquals(1, refused.exitCode());
        assertTrue(refused.err().contains("--standardize replaces the whitening"), refused.err());
    }

    @Test
    void cifarSubsetRunsEndToEnd(@TempDir Path out) throws Exception {
        String shared = System.getenv("HEBBIAN4J_SHARED_DATA");
        Assumptions.assumeTrue(shared != null && Files.isDirectory(Path.of(shared, "cifar-10-subset")),
                "../shared/data/cifar-10-subset not available");
        CliHarness.Run run = CliHarness.run(args(out, "--dataset", "cifar10", "--data-dir",
                Path.of(shared, "cifar-10-subset").toString(), "--pattern", "HBBBBG", "--competition", "p-soft-WTA"));
        assertEquals(0, run.exitCode(), run.err());
        JsonNode result = new ObjectMapper().readTree(run.lastLine());
        assertEquals("cifar10", result.get("dataset").asText());
        assertTrue(result.get("rows").get(0).get("paper_accuracy").isNull(), "no paper number for CIFAR-10");
        assertTrue(Files.readString(out.resolve("lagani-cifar10.md")).contains("No comparison"));
    }

    @Test
    void badOptionsEndWithAOneLineMessage(@TempDir Path out) {
        CliHarness.Run pattern = CliHarness.run("lagani", "--pattern", "HBHBBG", "--out", out.toString());
        assertEquals(1, pattern.exitCode());
        assertTrue(pattern.err().contains("between Hebbian blocks"), pattern.err());
        CliHarness.Run competition = CliHarness.run("lagani", "--competition", "best", "--out", out.toString());
        assertEquals(1, competition.exitCode());
        assertTrue(competition.err().contains("unknown 'best'"), competition.err());
        CliHarness.Run layer = CliHarness.run("lagani", "--probe-layer", "6", "--out", out.toString());
        assertEquals(1, layer.exitCode());
        assertTrue(layer.err().contains("1 to 5"), layer.err());
        CliHarness.Run nothing = CliHarness.run("lagani", "--pattern", "none", "--out", out.toString());
        assertEquals(1, nothing.exitCode());
        assertTrue(nothing.err().contains("--pattern none leaves nothing to run"), nothing.err());
        CliHarness.Run malformed = CliHarness.run("lagani", "--pattern", "HBBB", "--out", out.toString());
        assertEquals(1, malformed.exitCode());
        assertTrue(malformed.err().contains("pattern must be 5 letters"), malformed.err());
    }
}
