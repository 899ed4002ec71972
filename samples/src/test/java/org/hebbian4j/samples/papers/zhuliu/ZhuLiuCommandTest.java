package org.hebbian4j.samples.papers.zhuliu;

import org.hebbian4j.samples.cli.CliHarness;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.hebbian4j.activations.LateralInhibitionActivation;
import org.hebbian4j.conf.HebbianDenseLayer;
import org.hebbian4j.conf.HebbianOutputLayer;
import org.hebbian4j.rules.SupervisedHebbRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
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
    void networkIsSangerSelectorsOutputtingHUnderTheirNormalizedHebbianClassifier() {
        MultiLayerNetwork net = ZhuLiuNetwork.build(new ZhuLiuNetwork.Setup(10, 8, 0.01, 0.01, 0.99, true,
                "uniform01", "uniform01", 1), 12, 3);
        HebbianDenseLayer selectors = assertInstanceOf(HebbianDenseLayer.class, net.getLayerWiseConfigurations().getConf(0).getLayer());
        assertEquals(new LateralInhibitionActivation(10), selectors.getActivationFn());
        HebbianOutputLayer classifier = assertInstanceOf(HebbianOutputLayer.class, net.getLayerWiseConfigurations().getConf(1).getLayer());
        assertEquals(new SupervisedHebbRule(), classifier.getRule());
        assertTrue(classifier.isNormalizeByLargestWeight());
        assertEquals(1, classifier.getZeroedLeadingInputs());
        assertEquals(8L * 3, net.getLayer(1).numParams(), "no classifier bias");
        double smallest = net.getLayer(0).getParam("W").minNumber().doubleValue();
        assertTrue(smallest >= 0, "uniform01 selectors start non-negative: " + smallest);

        // One step: the classifier's first selector weight is 0 and each class's largest weight is 1.
        Nd4j.getRandom().setSeed(12);
        INDArray x = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 4, 12);
        INDArray labels = Nd4j.eye(3).getRows(0, 1, 2, 0).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT);
        net.fit(x, labels);
        INDArray s = net.getLayer(1).getParam("W");
        assertEquals(0.0, s.getRow(0).amaxNumber().doubleValue(), 0.0);
        assertEquals(1.0, s.max(0).minNumber().doubleValue(), 1e-6);
        assertEquals(1.0, s.max(0).maxNumber().doubleValue(), 1e-6);
    }

    @Test
    void lowWeightShareIsTheShareOfPositiveWeightsAtOrBelowBeta() {
        // Classes in columns; positive weights: 1.0, 0.05, 0.2 | 1.0, 0.1, 0.5 -> 6 positive.
        // beta 0.1: 0.05 and 0.1 are low -> 2/6; beta 0.2: also 0.2 -> 3/6. Negative and zero ones do not count.
        INDArray w = Nd4j.createFromArray(new double[][]{{1.0, 1.0}, {0.05, 0.1}, {0.2, 0.5}, {-0.3, 0.0}});
        assertEquals(2.0 / 6, ZhuLiuNetwork.lowWeightShare(w, 0.1), 1e-12);
        assertEquals(3.0 / 6, ZhuLiuNetwork.lowWeightShare(w, 0.2), 1e-12);
        // Above beta = 0: 6 of 8 entries; above 0.1: 1.0, 0.2, 1.0, 0.5 -> 4 of 8.
        assertEquals(6.0 / 8, ZhuLiuNetwork.shareAbove(w, 0.0), 1e-12);
        assertEquals(4.0 / 8, ZhuLiuNetwork.shareAbove(w, 0.1), 1e-12);
    }

    @Test
    void accuracyCountsRowsWhoseLargestOutputIsTheLabel() {
        INDArray outputs = Nd4j.createFromArray(new double[][]{{0.1, 0.9}, {0.8, 0.2}, {0.3, 0.7}});
        INDArray labels = Nd4j.createFromArray(new double[][]{{0, 1}, {0, 1}, {0, 1}});
        assertEquals(2.0 / 3, ZhuLiuCommand.accuracy(outputs, labels), 1e-12);
    }
}
