package org.hebbian4j.spark;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.hebbian4j.competition.HardWta;
import org.hebbian4j.competition.KWta;
import org.hebbian4j.competition.NoCompetition;
import org.hebbian4j.conf.HebbianDenseLayer;
import org.hebbian4j.homeostasis.AdaptiveThreshold;
import org.hebbian4j.rules.HebbNetRule;
import org.hebbian4j.rules.InstarRule;
import org.hebbian4j.rules.OjaRule;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The acceptance criterion of exactness: with 2 workers averaging every minibatch, one round equals one
 * single-machine step on the concatenation of the two workers' minibatches, for rules whose step is a batch mean
 * linear in the batch under a fixed competition, in double precision, parameter by parameter (weights, bias,
 * homeostasis threshold theta, the rule's running average, the classifier above). Averaging wrongly (the plain
 * mean of the workers, not weighted by their examples) is shown to miss it.
 */
class OneRoundEqualsBigBatchTest {

    private static final double TOLERANCE = 1e-12;
    private static final int N_IN = 12;
    private static final int N_OUT = 9;
    private static final int CLASSES = 3;

    private static JavaSparkContext sc;

    @BeforeAll
    static void startSpark() {
        sc = LocalSpark.start("one-round-equals-big-batch");
    }

    @AfterAll
    static void stopSpark() {
        sc.stop();
    }

    /** Instar with a hard winner-take-all, adaptive threshold, Sgd classifier above: the main job's kind of network. */
    @Test
    void instarWithWtaAndThreshold() {
        assertOneRoundIsBigBatchStep(() -> network(new HebbianDenseLayer.Builder().rule(new InstarRule())
                .competition(new HardWta()).homeostasis(new AdaptiveThreshold(2.0))), 8, 8);
    }

    /** The main job's competition (k winners) and its threshold, with minibatches of unequal size (8 and 5). */
    @Test
    void instarWithKWinnersAndUnequalMinibatches() {
        assertOneRoundIsBigBatchStep(() -> network(new HebbianDenseLayer.Builder().rule(new InstarRule())
                .competition(new KWta(3)).homeostasis(new AdaptiveThreshold(2.0))), 8, 5);
    }

    @Test
    void oja() {
        assertOneRoundIsBigBatchStep(() -> network(new HebbianDenseLayer.Builder().rule(new OjaRule())
                .competition(new NoCompetition()).activation(Activation.IDENTITY)), 8, 8);
    }

    /** HebbNet without sparsity: its running average T of the activity is a rule state parameter. */
    @Test
    void hebbNetRunningAverage() {
        assertOneRoundIsBigBatchStep(() -> network(new HebbianDenseLayer.Builder().rule(new HebbNetRule(0.0, 0.9))
                .competition(new NoCompetition()).activation(Activation.RELU)), 7, 7);
    }

    @Test
    void computationGraph() {
        assertOneRoundIsBigBatchStep(OneRoundEqualsBigBatchTest::graph, 8, 6);
    }

    /** The test can fail: the plain mean of two workers with 8 and 5 examples is not the step on all 13. */
    @Test
    void plainMeanOfUnequalWorkersMissesTheBigBatchStep() {
        ModelFactory factory = () -> network(new HebbianDenseLayer.Builder().rule(new InstarRule())
                .competition(new KWta(3)).homeostasis(new AdaptiveThreshold(2.0)));
        DataSet a = minibatch(8, 1);
        DataSet b = minibatch(5, 2);
        Model big = factory.create();
        fit(big, DataSet.merge(List.of(a, b)));
        Model first = factory.create();
        fit(first, a);
        Model second = factory.create();
        fit(second, b);
        INDArray plainMean = first.params().add(second.params()).divi(2);
        double difference = plainMean.sub(big.params()).amaxNumber().doubleValue();
        assertTrue(difference > 1e3 * TOLERANCE, "the plain mean should differ from the big-batch step, differs by "
                + difference);
    }

    private interface ModelFactory {
        Model create();
    }

    private static void assertOneRoundIsBigBatchStep(ModelFactory factory, int firstSize, int secondSize) {
        DataSet a = minibatch(firstSize, 1);
        DataSet b = minibatch(secondSize, 2);

        Model single = factory.create();
        INDArray initial = single.params().dup();
        fit(single, DataSet.merge(List.of(a, b)));

        Model distributed = factory.create();
        JavaRDD<DataSet> minibatches = sc.parallelize(List.of(a, b), 2);
        ParameterAveraging.builder(2).averagingFrequency(1).build().fit(distributed, minibatches, 1);

        assertTrue(single.params().sub(initial).amaxNumber().doubleValue() > 1e-3, "the step should change the parameters");
        for (Map.Entry<String, INDArray> param : single.paramTable().entrySet()) {
            INDArray expected = param.getValue();
            INDArray actual = distributed.paramTable().get(param.getKey());
            double difference = actual.sub(expected).amaxNumber().doubleValue();
            assertTrue(difference <= TOLERANCE * Math.max(1, expected.amaxNumber().doubleValue()),
                    "parameter " + param.getKey() + ": one averaged round differs from the big-batch step by "
                            + difference);
        }
        assertEquals(1, ModelKind.of(distributed).iterationCount(distributed), "iterations after one round");
        assertEquals(1, ModelKind.of(distributed).epochCount(distributed), "epochs after one epoch");
    }

    private static void fit(Model model, DataSet data) {
        ModelKind.of(model).fit(model, data);
    }

    private static NeuralNetConfiguration.Builder base() {
        return new NeuralNetConfiguration.Builder().seed(11).dataType(DataType.DOUBLE).weightInit(WeightInit.XAVIER)
                .updater(new Sgd(0.3));
    }

    private static OutputLayer.Builder classifier() {
        return new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(N_OUT).nOut(CLASSES)
                .activation(Activation.SOFTMAX);
    }

    private static MultiLayerNetwork network(HebbianDenseLayer.Builder hebbian) {
        MultiLayerNetwork net = new MultiLayerNetwork(base().list()
                .layer(hebbian.nIn(N_IN).nOut(N_OUT).build())
                .layer(classifier().build())
                .build());
        net.init();
        return net;
    }

    private static ComputationGraph graph() {
        ComputationGraphConfiguration conf = base().graphBuilder().addInputs("in")
                .addLayer("hebbian", new HebbianDenseLayer.Builder().nIn(N_IN).nOut(N_OUT).rule(new InstarRule())
                        .competition(new HardWta()).homeostasis(new AdaptiveThreshold(2.0)).build(), "in")
                .addLayer("out", classifier().build(), "hebbian")
                .setOutputs("out").build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        return graph;
    }

    /** {@code rows} random inputs in [0, 1) with random one-hot labels. */
    private static DataSet minibatch(int rows, long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray x = Nd4j.rand(DataType.DOUBLE, rows, N_IN);
        INDArray labels = Nd4j.zeros(DataType.DOUBLE, rows, CLASSES);
        for (int i = 0; i < rows; i++) {
            labels.putScalar(i, (i * 7 + seed) % CLASSES, 1.0);
        }
        return new DataSet(x, labels);
    }
}
