package org.hebbian4j.samples.papers.liuson;

import org.hebbian4j.samples.cli.CliHarness;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.hebbian4j.competition.RectifiedSoftWta;
import org.hebbian4j.conf.HebbianDenseLayer;
import org.hebbian4j.rules.AntiHebbianSoftHebbRule;
import org.hebbian4j.rules.HebbNetRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

public class LiusonCommandTest {

    @Test
    void tinyRunReportsProbeAccuracyAndGiniPerRuleAndWritesTablesBesideThePapersNumbers(@TempDir Path out) throws Exception {
        CliHarness.Run run = CliHarness.run("liuson", "--datasets", "mnist", "--units", "8,32",
                "--rules", "random,liuson,softhebb,hebbnet,liuson-triangle", "--train-limit", "320", "--test-limit", "200",
                "--probe-epochs", "1", "--out", out.toString(), "--results-md", out.toString(), "--json");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode json = new ObjectMapper().readTree(run.lastLine());
        JsonNode runs = json.get("runs");
        assertEquals(10, runs.size());
        for (JsonNode r : runs) {
            double accuracy = r.get("probe_max_accuracy").asDouble();
            assertTrue(accuracy >= 0 && accuracy <= 1, r.toString());
            if (r.get("rule").asText().equals("random")) {
                assertTrue(r.get("gini_start").isNull(), "no Gini without training: " + r);
            } else {
                double start = r.get("gini_start").asDouble();
                double end = r.get("gini_end").asDouble();
                double vectors = r.get("gini_of_average_update_end").asDouble();
                assertTrue(start >= 0 && start <= 1 && end >= 0 && end <= 1, r.toString());
                assertTrue(vectors >= 0 && vectors <= 1, r.toString());
                assertEquals(10, r.get("steps").asInt(), "320 examples in batches of 32");
            }
        }
        String md = Files.readString(out.resolve("liuson-mnist.md"));
        assertTrue(md.contains("| Liuson's rule (\"Ours\") | 8 | "), md);
        assertTrue(md.contains(" / 52.6 |"), "the paper's Table 1 figure for Ours, 32 units: " + md);
        assertTrue(md.contains(" / 0.61 |"), "the paper's Table 2 start figure for Ours, 32 units: " + md);
        assertTrue(md.contains("**reduced**"), md);
        assertTrue(md.contains("end, average update vectors (ours)"), md);
        BufferedImage tiles = ImageIO.read(out.resolve("mnist-liuson-32-weights.png").toFile());
        assertEquals(6 * 31 + 1, tiles.getWidth(), "32 tiles of 28x28 in 6 columns");
        assertTrue(Files.exists(out.resolve("results.json")));
    }

    @Test
    void resumeKeepsTheFinishedRunsAndRefusesOtherSettings(@TempDir Path out) throws Exception {
        String[] common = {"liuson", "--datasets", "mnist", "--units", "8", "--train-limit", "320", "--test-limit", "200",
                "--probe-epochs", "1", "--out", out.toString(), "--json"};
        CliHarness.Run first = CliHarness.run(concat(common, "--rules", "random"));
        assertEquals(0, first.exitCode(), first.err());
        assertTrue(first.err().contains("probe 8"), "progress of the probe on stderr: " + first.err());
        double randomAccuracy = new ObjectMapper().readTree(first.lastLine()).get("runs").get(0)
                .get("probe_max_accuracy").asDouble();

        CliHarness.Run resumed = CliHarness.run(concat(common, "--rules", "random,liuson", "--resume"));
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertTrue(resumed.out().contains("kept from"), resumed.out());
        assertTrue(resumed.err().contains("liuson 8"), "progress of the Hebbian epoch on stderr: " + resumed.err());
        JsonNode runs = new ObjectMapper().readTree(resumed.lastLine()).get("runs");
        assertEquals(2, runs.size());
        assertEquals(randomAccuracy, runs.get(0).get("probe_max_accuracy").asDouble(), 0.0);
        assertEquals(10, runs.get(1).get("steps").asInt());

        CliHarness.Run other = CliHarness.run(concat(common, "--rules", "random", "--seed", "7", "--resume"));
        assertEquals(1, other.exitCode());
        assertTrue(other.err().contains("--seed 42"), other.err());
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    void unknownRuleIsRejectedNamingIt(@TempDir Path out) {
        CliHarness.Run run = CliHarness.run("liuson", "--rules", "nope", "--out", out.toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("nope"), run.err());
    }

    @Test
    void paperTablesHoldTheirPublishedFigures() {
        assertEquals(93.6, LiusonPaper.accuracy("mnist", "liuson", 2048), 0.0);
        assertEquals(22.9, LiusonPaper.accuracy("cifar10", "liuson-triangle", 32), 0.0);
        assertTrue(Double.isNaN(LiusonPaper.accuracy("mnist", "liuson-triangle", 32)));
        assertEquals(0.40, LiusonPaper.gini("mnist", "softhebb", 2048)[0], 0.0);
        assertEquals(0.28, LiusonPaper.gini("cifar10", "liuson", 128)[1], 0.0);
    }

    @Test
    void antiHebbianSoftHebbIsComparedWithThePapersSoftHebbRowAndLearnsAtItsRates() {
        assertEquals(0.48, LiusonPaper.gini("mnist", "softhebb-anti", 2048)[1], 0.0);
        assertEquals(31.8, LiusonPaper.accuracy("cifar10", "softhebb-anti", 128), 0.0);
        assertEquals(0.01, LiusonCommand.learningRate("cifar10", "softhebb-anti"), 0.0);
        assertEquals(0.05, LiusonCommand.learningRate("mnist", "softhebb-anti"), 0.0);
    }

    @Test
    void antiHebbianSoftHebbNetworkUsesJourneRuleOnSoftmaxOfRectifiedPreActivation() {
        MultiLayerNetwork net = LiusonCommand.network("softhebb-anti", 4, 3, 2, 0.05, 1, HebbNetRule.Level.NEURON, 0.999);
        HebbianDenseLayer hidden = (HebbianDenseLayer) net.getLayerWiseConfigurations().getConf(0).getLayer();

        assertEquals(new AntiHebbianSoftHebbRule(), hidden.getRule());
        assertEquals(new RectifiedSoftWta(1.0), hidden.getCompetition());
        assertFalse(hidden.isNormalizeWeights());
    }
}
