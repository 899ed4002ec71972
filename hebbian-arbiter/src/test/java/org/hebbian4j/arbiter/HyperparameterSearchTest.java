package org.hebbian4j.arbiter;

import org.deeplearning4j.arbiter.MultiLayerSpace;
import org.deeplearning4j.arbiter.layers.OutputLayerSpace;
import org.deeplearning4j.arbiter.optimize.config.OptimizationConfiguration;
import org.deeplearning4j.arbiter.optimize.generator.GridSearchCandidateGenerator;
import org.deeplearning4j.arbiter.optimize.generator.RandomSearchGenerator;
import org.deeplearning4j.arbiter.optimize.parameter.continuous.ContinuousParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.discrete.DiscreteParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.integer.IntegerParameterSpace;
import org.deeplearning4j.arbiter.optimize.runner.CandidateStatus;
import org.deeplearning4j.earlystopping.EarlyStoppingConfiguration;
import org.deeplearning4j.earlystopping.saver.InMemoryModelSaver;
import org.deeplearning4j.earlystopping.scorecalc.ClassificationScoreCalculator;
import org.deeplearning4j.earlystopping.termination.MaxEpochsTerminationCondition;
import org.deeplearning4j.earlystopping.termination.ScoreImprovementEpochTerminationCondition;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Arbiter searches over HybridMlp-like networks with a Hebbian layer, run end to end on small data. */
class HyperparameterSearchTest {

    /** Three classes, each a noisy prototype in [0, 1]^20. */
    private static DataSet prototypes(int n, long seed) {
        Nd4j.getRandom().setSeed(1);
        INDArray centers = Nd4j.rand(DataType.FLOAT, 3, 20);
        Nd4j.getRandom().setSeed(seed);
        INDArray features = Nd4j.zeros(DataType.FLOAT, n, 20);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, n, 3);
        for (int i = 0; i < n; i++) {
            features.putRow(i, centers.getRow(i % 3).add(Nd4j.randn(DataType.FLOAT, 1, 20).muli(0.1)).reshape(20));
            labels.putScalar(i, i % 3, 1f);
        }
        return new DataSet(features, labels);
    }

    private static MultiLayerSpace space(HebbianDenseLayerSpace hebbian, InMemoryDataProvider data) {
        EarlyStoppingConfiguration<MultiLayerNetwork> earlyStopping = new EarlyStoppingConfiguration.Builder<MultiLayerNetwork>()
                .epochTerminationConditions(new MaxEpochsTerminationCondition(4),
                        new ScoreImprovementEpochTerminationCondition(1))
                .scoreCalculator(new ClassificationScoreCalculator(Evaluation.Metric.ACCURACY, data.validationIterator()))
                .modelSaver(new InMemoryModelSaver<>())
                .build();
        return new MultiLayerSpace.Builder().seed(3).updater(new Adam(1e-2))
                .addLayer(hebbian)
                .addLayer(new OutputLayerSpace.Builder().nIn(12).nOut(3).activation(Activation.SOFTMAX)
                        .lossFunction(LossFunctions.LossFunction.MCXENT).build())
                .earlyStoppingConfiguration(earlyStopping)
                .build();
    }

    /** Both candidates of a two-point grid over {@code hebbian}'s searched setting, in grid order. */
    private static List<HyperparameterSearch.Row> twoCandidateGridSearch(HebbianDenseLayerSpace hebbian,
                                                                      InMemoryDataProvider data) {
        OptimizationConfiguration configuration = SpaceTestSupport.accuracySearch(new GridSearchCandidateGenerator(
                space(hebbian, data), 2, GridSearchCandidateGenerator.Mode.Sequential, null), data, 2);
        return HyperparameterSearch.run(configuration, hebbian::describe);
    }

    @Test
    void twoCandidateRandomSearchWithEarlyStoppingReportsBothBestFirst() {
        InMemoryDataProvider data = new InMemoryDataProvider(prototypes(240, 2), prototypes(60, 3), 16, 5);
        HebbianDenseLayerSpace hebbian = new HebbianDenseLayerSpace.Builder().nIn(20).nOut(12)
                .rule("instar").competition("kwta").hyperparameter("winners", new IntegerParameterSpace(1, 6))
                .homeostasis("threshold").hyperparameter("rate", new ContinuousParameterSpace(0.1, 2))
                .learningRate(new ContinuousParameterSpace(0.05, 0.5)).activation(Activation.RELU).build();
        OptimizationConfiguration configuration = SpaceTestSupport.accuracySearch(
                new RandomSearchGenerator(space(hebbian, data), null), data, 2);

        List<HyperparameterSearch.Row> rows = HyperparameterSearch.run(configuration, hebbian::describe);

        assertEquals(2, rows.size(), rows.toString());
        for (HyperparameterSearch.Row row : rows) {
            assertEquals(CandidateStatus.Complete, row.status(), row.toString());
            assertTrue(row.score() >= 0 && row.score() <= 1, "validation accuracy: " + row);
            assertTrue(row.seconds() >= 0, row.toString());
            assertEquals(List.of("winners", "rate", "learningRate"), List.copyOf(row.hyperparameters().keySet()));
            assertNull(row.error());
        }
        assertTrue(rows.get(0).score() >= rows.get(1).score(), "best first: " + rows);
        assertTrue(rows.get(0).score() > 0.5, "three noisy prototypes are easy: " + rows);
    }

    @Test
    void aDivergingCandidateIsReportedAsFailedWithItsReasonAndTheSearchGoesOn() {
        InMemoryDataProvider data = new InMemoryDataProvider(prototypes(240, 2), prototypes(60, 3), 16, 5);
        HebbianDenseLayerSpace hebbian = new HebbianDenseLayerSpace.Builder().nIn(20).nOut(12)
                .rule("softhebb").competition("softmax")
                .learningRate(new DiscreteParameterSpace<>(0.05, 1e12)).activation(Activation.RELU).build();

        List<HyperparameterSearch.Row> rows = twoCandidateGridSearch(hebbian, data);

        assertEquals(2, rows.size(), rows.toString());
        assertEquals(CandidateStatus.Complete, rows.get(0).status(), rows.toString());
        assertEquals(0.05, (double) rows.get(0).hyperparameters().get("learningRate"), 1e-12);
        HyperparameterSearch.Row failed = rows.get(1);
        assertEquals(CandidateStatus.Failed, failed.status(), rows.toString());
        assertNull(failed.score());
        assertTrue(failed.error().contains("non-finite") && failed.error().contains("NonFiniteUpdateException"),
                failed.error());
    }

    @Test
    void aCandidateWhoseLayerCannotBeBuiltFailsWithTheLayersMessageAndCountsTowardsTheMaximum() {
        // k-WTA with 50 winners among 12 neurons: HebbianDenseLayer's build() refuses the candidate while
        // Arbiter generates it. (Arbiter's runner alone would never count it and search forever.)
        InMemoryDataProvider data = new InMemoryDataProvider(prototypes(48, 2), prototypes(24, 3), 16, 5);
        HebbianDenseLayerSpace hebbian = new HebbianDenseLayerSpace.Builder().nIn(20).nOut(12)
                .rule("instar").competition("kwta").hyperparameter("winners", new DiscreteParameterSpace<>(2, 50))
                .updater(new Sgd(0.1)).activation(Activation.RELU).build();

        List<HyperparameterSearch.Row> rows = twoCandidateGridSearch(hebbian, data);

        assertEquals(2, rows.size(), rows.toString());
        assertEquals(CandidateStatus.Complete, rows.get(0).status(), rows.toString());
        assertEquals(2, rows.get(0).hyperparameters().get("winners"));
        HyperparameterSearch.Row failed = rows.get(1);
        assertEquals(CandidateStatus.Failed, failed.status(), rows.toString());
        assertEquals(50, failed.hyperparameters().get("winners"));
        assertTrue(failed.error().contains("winners") && failed.error().contains("HebbianDenseLayer"), failed.error());
    }

    @Test
    void reasonIsTheInnermostCauseOnOneLine() {
        String trace = "java.util.concurrent.ExecutionException: wrapper\n\tat a.b.C.d(C.java:1)\n"
                + "Caused by: org.hebbian4j.layers.NonFiniteUpdateException: layer X: NaN at iteration 3\n\tat x.y(Z.java:2)";
        assertEquals("layer X: NaN at iteration 3 (NonFiniteUpdateException)", HyperparameterSearch.reason(trace));
        assertEquals("failed (no reason recorded)", HyperparameterSearch.reason(null));
    }
}
