package org.hebbian4j.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.deeplearning4j.arbiter.MultiLayerSpace;
import org.deeplearning4j.arbiter.layers.OutputLayerSpace;
import org.deeplearning4j.arbiter.optimize.api.termination.MaxCandidatesCondition;
import org.deeplearning4j.arbiter.optimize.config.OptimizationConfiguration;
import org.deeplearning4j.arbiter.optimize.distribution.LogUniformDistribution;
import org.deeplearning4j.arbiter.optimize.generator.RandomSearchGenerator;
import org.deeplearning4j.arbiter.optimize.parameter.continuous.ContinuousParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.discrete.DiscreteParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.integer.IntegerParameterSpace;
import org.deeplearning4j.arbiter.scoring.impl.EvaluationScoreFunction;
import org.deeplearning4j.earlystopping.EarlyStoppingConfiguration;
import org.deeplearning4j.earlystopping.saver.InMemoryModelSaver;
import org.deeplearning4j.earlystopping.scorecalc.ClassificationScoreCalculator;
import org.deeplearning4j.earlystopping.termination.MaxEpochsTerminationCondition;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.hebbian4j.arbiter.HebbianConvolutionLayerSpace;
import org.hebbian4j.arbiter.HebbianDenseLayerSpace;
import org.hebbian4j.arbiter.HebbianOutputLayerSpace;
import org.hebbian4j.arbiter.HyperparameterSearch;
import org.hebbian4j.arbiter.InMemoryDataProvider;
import org.hebbian4j.competition.SoftWta;
import org.hebbian4j.conf.HebbianDenseLayer;
import org.hebbian4j.data.ShuffledDataSetIterator;
import org.hebbian4j.data.embedded.EmbeddedMnist;
import org.hebbian4j.homeostasis.AdaptiveThreshold;
import org.hebbian4j.protocol.DataSplits;
import org.hebbian4j.protocol.EarlyStoppedTraining;
import org.hebbian4j.protocol.HybridTraining;
import org.hebbian4j.protocol.ImageInputs;
import org.hebbian4j.rules.HebbNetRule;
import org.hebbian4j.rules.MeanInstarRule;
import org.hebbian4j.training.Checkpoints;
import org.hebbian4j.training.PeriodicCheckpointListener;
import org.hebbian4j.training.ResumableTraining;
import org.hebbian4j.training.TrainingPosition;
import org.hebbian4j.zoo.LaganiNet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** The examples of docs/user-guide.md, each on a few hundred embedded MNIST digits. */
class UserGuideExamplesTest {

    @TempDir
    Path tmp;

    /** MNIST digits as LaganiNet's default input, {@code [N, 3, 32, 32]}. */
    private static DataSet asColorImages(DataSet digits) {
        return ImageInputs.grayToChannels(digits, 28, 28, 32, 3);
    }

    @Test
    @DocExample("user-guide-hybrid-training")
    void laganiHybridTrainingFreezesThePretrainedBlocksAndTrainsTheTop() {
        // 32 training, 8 validation and 16 test images; the "pretrained" network is left untrained: the
        // example shows the protocol, the accuracy does not matter here.
        DataSplits splits = DataSplits.holdOut(asColorImages(EmbeddedMnist.train(40)),
                asColorImages(EmbeddedMnist.test(16)), 8);
        MultiLayerNetwork pretrainedBBBBBG = new MultiLayerNetwork(new LaganiNet("BBBBBG").seed(1).conf());
        pretrainedBBBBBG.init();

        // doc:begin user-guide-hybrid-training
        LaganiNet zoo = new LaganiNet("BBBBHG").competition(new SoftWta(0.02)).rule(new MeanInstarRule());
        MultiLayerNetwork net = new MultiLayerNetwork(zoo.conf());
        net.init();
        HybridTraining.Result r = new HybridTraining(1, new EarlyStoppedTraining(20, 3), 64, 42)
                .run(net, pretrainedBBBBBG, zoo.pretrainedFrozenLayers(), splits, List.of(), null);
        System.out.println(r.testAccuracy() + " after " + r.top().bestEpoch() + " epochs");
        // doc:end user-guide-hybrid-training

        assertEquals(1, r.hebbianEpochs());
        assertTrue(r.testAccuracy() >= 0 && r.testAccuracy() <= 1, "accuracy " + r.testAccuracy());
        assertTrue(r.top().bestEpoch() >= 1 && r.top().epochsRun() <= 20, r.top().toString());
        for (int layer : zoo.pretrainedFrozenLayers()) {
            assertEquals(pretrainedBBBBBG.getLayer(layer).params(), r.network().getLayer(layer).params(),
                    "frozen layer " + layer + " keeps the pretrained parameters");
        }
    }

    /** The checkpoint example: trains {@code conf} on {@code train}, resuming from {@code runDirectory}'s checkpoint. */
    private static MultiLayerNetwork trainOrResume(Path runDirectory, DataSet train, MultiLayerConfiguration conf,
                                                   long seed, int epochs) throws IOException {
        // doc:begin user-guide-checkpoints
        Path file = runDirectory.resolve("checkpoint.zip");
        ShuffledDataSetIterator data = new ShuffledDataSetIterator(train, 64, seed);
        TrainingPosition start = TrainingPosition.START;
        MultiLayerNetwork net;
        if (Files.exists(file)) {
            Checkpoints.Restored<MultiLayerNetwork> restored = Checkpoints.restoreMultiLayerNetwork(file);
            net = restored.model();
            start = restored.position();
        } else {
            net = new MultiLayerNetwork(conf);
            net.init();
        }
        net.setListeners(new PeriodicCheckpointListener(file, 200, data.batchesPerEpoch(), start, Map.of(), null));
        ResumableTraining.fit(net, data, epochs, start);
        // doc:end user-guide-checkpoints
        return net;
    }

    /** A small hybrid network with Hebbian state (HebbNet's running average, homeostasis) and Adam's. */
    private static MultiLayerConfiguration smallHybridNetwork() {
        return new NeuralNetConfiguration.Builder().seed(3).updater(new Adam(1e-3)).list()
                .layer(new HebbianDenseLayer.Builder().nIn(784).nOut(64).rule(new HebbNetRule())
                        .homeostasis(new AdaptiveThreshold(5)).activation(Activation.RELU).updater(new Sgd(0.1)).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(64).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .build();
    }

    @Test
    @DocExample("user-guide-checkpoints")
    void aRunContinuedFromItsCheckpointEndsAsTheUninterruptedRun() throws IOException {
        DataSet train = EmbeddedMnist.train(640);
        // A configuration per network: DL4J counts a network's iterations and epochs in its configuration.
        Path interrupted = Files.createDirectory(tmp.resolve("interrupted"));
        trainOrResume(interrupted, train, smallHybridNetwork(), 7, 1);   // stopped after one epoch
        assertEquals(new TrainingPosition(1, 0, 10), Checkpoints.position(interrupted.resolve("checkpoint.zip")));
        MultiLayerNetwork resumed = trainOrResume(interrupted, train, smallHybridNetwork(), 7, 3);
        MultiLayerNetwork uninterrupted = trainOrResume(Files.createDirectory(tmp.resolve("through")), train,
                smallHybridNetwork(), 7, 3);
        assertEquals(3, resumed.getEpochCount());
        assertEquals(30, resumed.getIterationCount());
        assertEquals(uninterrupted.params(), resumed.params());
        assertEquals(uninterrupted.getUpdater().getStateViewArray(), resumed.getUpdater().getStateViewArray());
    }

    @Test
    @DocExample("user-guide-arbiter-dense")
    void aRandomSearchOverADenseHebbianLayerReportsEveryCandidateBestFirst() {
        DataSet train = EmbeddedMnist.train(400);
        DataSet validation = EmbeddedMnist.test(200);
        EarlyStoppingConfiguration<org.deeplearning4j.nn.multilayer.MultiLayerNetwork> earlyStopping =
                new EarlyStoppingConfiguration.Builder<org.deeplearning4j.nn.multilayer.MultiLayerNetwork>()
                        .epochTerminationConditions(new MaxEpochsTerminationCondition(1))
                        .scoreCalculator(new ClassificationScoreCalculator(Evaluation.Metric.ACCURACY,
                                new ShuffledDataSetIterator(validation, 100, 0, false)))
                        .modelSaver(new InMemoryModelSaver<>())
                        .build();

        // doc:begin user-guide-arbiter-dense
        HebbianDenseLayerSpace hebbian = new HebbianDenseLayerSpace.Builder().nIn(784).nOut(500)
                .rule("instar")
                .competition(new DiscreteParameterSpace<>("wta", "kwta"))
                .hyperparameter("winners", new IntegerParameterSpace(2, 20))
                .homeostasis("threshold")
                .learningRate(new ContinuousParameterSpace(new LogUniformDistribution(0.02, 1)))
                .activation(Activation.RELU).build();
        MultiLayerSpace space = new MultiLayerSpace.Builder().seed(42).updater(new Adam(1e-2))
                .addLayer(hebbian)
                .addLayer(new OutputLayerSpace.Builder().nIn(500).nOut(10).activation(Activation.SOFTMAX)
                        .lossFunction(LossFunctions.LossFunction.MCXENT).build())
                .earlyStoppingConfiguration(earlyStopping)          // scored on the validation set
                .build();
        InMemoryDataProvider data = new InMemoryDataProvider(train, validation, 64, 42);
        OptimizationConfiguration configuration = new OptimizationConfiguration.Builder()
                .candidateGenerator(new RandomSearchGenerator(space, null))   // or GridSearchCandidateGenerator
                .dataProvider(data)
                .scoreFunction(new EvaluationScoreFunction(Evaluation.Metric.ACCURACY))
                .terminationConditions(new MaxCandidatesCondition(8))
                .build();
        List<HyperparameterSearch.Row> rows = HyperparameterSearch.run(configuration, hebbian::describe);
        // doc:end user-guide-arbiter-dense

        assertEquals(8, rows.size(), rows.toString());
        assertSearched(rows, "competition", "learningRate");
    }

    @Test
    @DocExample("user-guide-arbiter-convolution")
    void aRandomSearchOverAnAllHebbianConvolutionalNetworkTakesItsSizesFromTheInputType() {
        DataSet train = asColorImages(EmbeddedMnist.train(128));
        DataSet validation = asColorImages(EmbeddedMnist.test(64));

        // doc:begin user-guide-arbiter-convolution
        HebbianConvolutionLayerSpace conv = new HebbianConvolutionLayerSpace.Builder()
                .nOut(new IntegerParameterSpace(32, 96))
                .kernelSize(new DiscreteParameterSpace<>(new int[]{3, 3}, new int[]{5, 5}))
                .rule("instar").competition(new DiscreteParameterSpace<>("wta", "softmax"))
                .hyperparameter("temperature", new ContinuousParameterSpace(0.05, 2))   // softmax only
                .learningRate(new ContinuousParameterSpace(1e-3, 1e-1))
                .activation(Activation.RELU).build();
        MultiLayerSpace space = new MultiLayerSpace.Builder().seed(42)
                .addLayer(conv)
                .addLayer(new HebbianOutputLayerSpace.Builder().nOut(10)
                        .maxNorm(new ContinuousParameterSpace(0.5, 4)).build())
                .setInputType(InputType.convolutional(32, 32, 3))
                .numEpochs(1)
                .build();
        OptimizationConfiguration configuration = new OptimizationConfiguration.Builder()
                .candidateGenerator(new RandomSearchGenerator(space, null))
                .dataProvider(new InMemoryDataProvider(train, validation, 64, 42))   // [N, 3, 32, 32] images
                .scoreFunction(new EvaluationScoreFunction(Evaluation.Metric.ACCURACY))
                .terminationConditions(new MaxCandidatesCondition(4))
                .build();
        List<HyperparameterSearch.Row> rows = HyperparameterSearch.run(configuration, conv::describe);
        // doc:end user-guide-arbiter-convolution

        assertEquals(4, rows.size(), rows.toString());
        assertSearched(rows, "nOut", "kernelSize", "competition", "learningRate");
    }

    /** Every candidate completed with a validation accuracy, best first, and reports the searched values. */
    private static void assertSearched(List<HyperparameterSearch.Row> rows, String... keys) {
        for (HyperparameterSearch.Row row : rows) {
            assertTrue(row.completed(), row.toString());
            assertTrue(row.score() >= 0 && row.score() <= 1, row.toString());
            for (String key : keys) {
                assertTrue(row.hyperparameters().containsKey(key), key + " in " + row);
            }
        }
        for (int i = 1; i < rows.size(); i++) {
            assertTrue(rows.get(i - 1).score() >= rows.get(i).score(), "best first: " + rows);
        }
    }
}
