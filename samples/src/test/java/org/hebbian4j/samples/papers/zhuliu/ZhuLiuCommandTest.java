package org.hebbian4j.samples.papers.zhuliu;

import org.hebbian4j.samples.cli.CliHarness;

import org.deeplearning4j.nn.weights.WeightInit;
import org.hebbian4j.zoo.ZhuLiuNet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

public class ZhuLiuCommandTest {

    @Test
    void tinyRunReportsClassifierAccuracyEntropyAndLowWeightsPerLambdaAndWritesTheTable(@TempDir Path out) throws Exception {
        CliHarness.Run run = CliHarness.run("zhu-liu", "--lambdas", "1,10", "--hidden", "16", "--epochs", "1",
                "--batch", "2", "--lr", "0.025", "--probe-epochs", "1", "--train-limit", "1000", "--test-limit", "300",
                "--out", out.toString(), "--results-md", out.toString(), "--json");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode runs = new ObjectMapper().readTree(run.lastLine()).get("runs");
        assertEquals(2, runs.size());
        for (JsonNode r : runs) {
            assertTrue(r.get("diverged").isBoolean(), r.toString());
            assertEquals(r.get("lambda").asInt() == 10 ? 79.32 : 51.54, r.get("paper_accuracy_eq13_classifier").asDouble());
            if (!r.get("diverged").asBoolean()) {
                double accuracy = r.get("accuracy").asDouble();
                assertTrue(accuracy > 0.15 && accuracy <= 1, "the Hebbian classifier learns above chance (0.1): " + r);
                double h = r.get("output_entropy_h_test").asDouble();
                assertTrue(h >= 0 && h <= Math.log(16) + 1e-9, "entropy within [0, ln 16]: " + r);
                double y = r.get("output_entropy_classifier_test").asDouble();
                assertTrue(y >= 0 && y <= Math.log(10) + 1e-9, "entropy within [0, ln 10]: " + r);
                for (JsonNode low : r.get("low_weight_selectors")) {
                    assertTrue(low.asDouble() >= 0 && low.asDouble() <= 1, r.toString());
                }
                assertTrue(r.get("classifier_weights_above").get("0.0").asDouble() > 0, r.toString());
            }
        }
        String md = Files.readString(out.resolve("zhu-liu-mnist.md"));
        assertTrue(md.contains("| 79.32 [70.25] |") || md.contains("diverged"), md);
        assertTrue(md.contains("| 40.6 |") || md.contains("diverged"), md);
        assertTrue(Files.exists(out.resolve("zhu-liu-lambda-10-weights.png")) || md.contains("diverged"));
    }

    @Test
    void weightInitIsUniform01OrADl4jNameAndRejectsOthersNamingThem() {
        assertEquals(ZhuLiuNet.uniform01(), ZhuLiuCommand.weightInit("uniform01"));
        assertEquals(WeightInit.XAVIER.getWeightInitFunction(), ZhuLiuCommand.weightInit("xavier"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ZhuLiuCommand.weightInit("nope"));
        assertTrue(e.getMessage().contains("'nope'"), e.getMessage());
    }

    @Test
    void lowWeightShareIsTheShareOfPositiveWeightsAtOrBelowBeta() {
        // Classes in columns; positive weights: 1.0, 0.05, 0.2 | 1.0, 0.1, 0.5 -> 6 positive.
        // beta 0.1: 0.05 and 0.1 are low -> 2/6; beta 0.2: also 0.2 -> 3/6. Negative and zero ones do not count.
        INDArray w = Nd4j.createFromArray(new double[][]{{1.0, 1.0}, {0.05, 0.1}, {0.2, 0.5}, {-0.3, 0.0}});
        assertEquals(2.0 / 6, ClassifierWeights.lowWeightShare(w, 0.1), 1e-12);
        assertEquals(3.0 / 6, ClassifierWeights.lowWeightShare(w, 0.2), 1e-12);
        // Above beta = 0: 6 of 8 entries; above 0.1: 1.0, 0.2, 1.0, 0.5 -> 4 of 8.
        assertEquals(6.0 / 8, ClassifierWeights.shareAbove(w, 0.0), 1e-12);
        assertEquals(4.0 / 8, ClassifierWeights.shareAbove(w, 0.1), 1e-12);
    }

    @Test
    void accuracyCountsRowsWhoseLargestOutputIsTheLabel() {
        INDArray outputs = Nd4j.createFromArray(new double[][]{{0.1, 0.9}, {0.8, 0.2}, {0.3, 0.7}});
        INDArray labels = Nd4j.createFromArray(new double[][]{{0, 1}, {0, 1}, {0, 1}});
        assertEquals(2.0 / 3, ZhuLiuCommand.accuracy(outputs, labels), 1e-12);
    }
}
