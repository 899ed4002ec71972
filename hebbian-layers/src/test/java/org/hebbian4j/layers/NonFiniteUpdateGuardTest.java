package org.hebbian4j.layers;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.hebbian4j.competition.SoftWta;
import org.hebbian4j.conf.HebbianConvolutionLayer;
import org.hebbian4j.conf.HebbianDenseLayer;
import org.hebbian4j.rules.SoftHebbRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.io.File;
import java.nio.file.Files;

import static org.hebbian4j.layers.LayerTestSupport.causeOfType;
import static org.hebbian4j.layers.LayerTestSupport.randomDataSet;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A training step whose Hebbian update or result is NaN or infinite stops training with a
 * {@link NonFiniteUpdateException} naming the layer, the iteration and the rule, and a model saved
 * before the divergence stays intact.
 */
class NonFiniteUpdateGuardTest {

    private static final int N_IN = 16;
    private static final int N_CLASSES = 3;

    @TempDir
    File tempDir;

    /** SoftHebb under Sgd(1000): on inputs scaled by 100 the weights blow up within a few steps. */
    private static MultiLayerConfiguration divergingDense(DataType dataType) {
        return new NeuralNetConfiguration.Builder().seed(7).dataType(dataType).weightInit(WeightInit.XAVIER)
                .updater(new Adam(1e-3))
                .list()
                .layer(new HebbianDenseLayer.Builder().name("hebbian").nIn(N_IN).nOut(8)
                        .rule(new SoftHebbRule()).competition(new SoftWta(1.0))
                        .activation(Activation.RELU).updater(new Sgd(1000)).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(8).nOut(N_CLASSES)
                        .activation(Activation.SOFTMAX).build())
                .build();
    }

    private static DataSet scaledBatch(DataType dataType, long seed) {
        DataSet batch = randomDataSet(dataType, 32, N_IN, N_CLASSES, seed);
        batch.getFeatures().muli(100);
        return batch;
    }

    @Test
    void divergingSoftHebbStopsNamingLayerIterationAndRuleAndLeavesTheLastGoodModelIntact() throws Exception {
        MultiLayerNetwork net = new MultiLayerNetwork(divergingDense(DataType.FLOAT));
        net.init();
        net.fit(scaledBatch(DataType.FLOAT, 1));
        assertTrue(FiniteGuard.allFinite(net.params()), "one step stays finite");
        File lastGood = new File(tempDir, "last-good.zip");
        ModelSerializer.writeModel(net, lastGood, true);
        byte[] savedBytes = Files.readAllBytes(lastGood.toPath());
        INDArray savedParams = net.params().dup();

        NonFiniteUpdateException e = null;
        int steps = 1;
        while (e == null && steps < 50) {
            long seed = ++steps;
            Throwable thrown = null;
            try {
                net.fit(scaledBatch(DataType.FLOAT, seed));
            } catch (Throwable t) {
                thrown = t;
            }
            if (thrown != null) {
                e = causeOfType(thrown, NonFiniteUpdateException.class);
            }
        }

        assertTrue(e != null, "training must stop within 50 steps");
        String message = e.getMessage();
        assertTrue(message.contains("HebbianDenseLayer (index 0, name \"hebbian\")"), message);
        assertTrue(message.contains("iteration " + (steps - 1)), "the failing step's iteration: " + message);
        assertTrue(message.contains("softhebb"), message);
        assertTrue(message.contains("NaN or infinity"), message);
        assertTrue(message.contains("Sgd"), "names the updater: " + message);
        assertEquals("softhebb", e.rule());
        assertEquals(steps - 1, e.iteration());
        assertEquals(0, e.epoch());
        assertTrue(e instanceof IllegalStateException);

        // The model saved before the divergence: same bytes, loads, finite and equal to what was saved.
        assertArrayEquals(savedBytes, Files.readAllBytes(lastGood.toPath()));
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(lastGood, true);
        assertTrue(FiniteGuard.allFinite(restored.params()));
        assertEquals(savedParams, restored.params());
    }

    @Test
    void nonFiniteInputStopsBeforeTheUpdateIsAppliedSoTheParametersStayAsTheyWere() {
        MultiLayerNetwork net = new MultiLayerNetwork(divergingDense(DataType.DOUBLE));
        net.init();
        INDArray before = net.params().dup();
        DataSet batch = randomDataSet(DataType.DOUBLE, 8, N_IN, N_CLASSES, 3);
        batch.getFeatures().putScalar(2, 5, Double.NaN);

        NonFiniteUpdateException e = causeOfType(assertThrows(Throwable.class, () -> net.fit(batch)),
                NonFiniteUpdateException.class);

        assertTrue(e.getMessage().contains("weight update dW") && e.getMessage().contains("iteration 0, epoch 0")
                && e.getMessage().contains("before applying it"), e.getMessage());
        assertEquals(before, net.params(), "the failing step changed nothing");
    }

    @Test
    void aFiniteUpdateThatOverflowsUnderTheUpdaterStopsTrainingAfterTheStep() {
        // dW is finite, but Sgd(1e38) turns it into steps beyond FLOAT's range: W becomes infinite.
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(7).dataType(DataType.FLOAT)
                .list()
                .layer(new HebbianDenseLayer.Builder().name("hebbian").nIn(N_IN).nOut(8)
                        .updater(new Sgd(1e38)).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(8).nOut(N_CLASSES)
                        .activation(Activation.SOFTMAX).updater(new Sgd(0.1)).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();

        NonFiniteUpdateException e = causeOfType(assertThrows(Throwable.class,
                () -> net.fit(scaledBatch(DataType.FLOAT, 1))), NonFiniteUpdateException.class);

        assertTrue(e.getMessage().contains("parameters became non-finite") && e.getMessage().contains("iteration 0,")
                && e.getMessage().contains("last saved model or checkpoint"), e.getMessage());
    }

    @Test
    void guardWorksInAComputationGraph() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(7).dataType(DataType.DOUBLE)
                .updater(new Sgd(0.1)).graphBuilder()
                .addInputs("in")
                .addLayer("hebbian", new HebbianDenseLayer.Builder().nIn(N_IN).nOut(8).build(), "in")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(8).nOut(N_CLASSES)
                        .activation(Activation.SOFTMAX).build(), "hebbian")
                .setOutputs("out")
                .build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        DataSet batch = randomDataSet(DataType.DOUBLE, 8, N_IN, N_CLASSES, 3);
        batch.getFeatures().putScalar(0, 0, Double.POSITIVE_INFINITY);

        NonFiniteUpdateException e = causeOfType(assertThrows(Throwable.class, () -> graph.fit(batch)),
                NonFiniteUpdateException.class);

        assertTrue(e.getMessage().contains("name \"hebbian\""), e.getMessage());
    }

    @Test
    void guardWorksInTheConvolutionLayer() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(7).dataType(DataType.DOUBLE)
                .updater(new Sgd(0.1)).list()
                .layer(new HebbianConvolutionLayer.Builder(3, 3).name("c1").nIn(1).nOut(4).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(N_CLASSES)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(6, 6, 1))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        INDArray features = Nd4j.rand(DataType.DOUBLE, 2, 1, 6, 6);
        features.putScalar(new long[]{1, 0, 2, 2}, Double.NaN);
        DataSet batch = new DataSet(features, Nd4j.eye(N_CLASSES).castTo(DataType.DOUBLE).getRows(0, 1));

        NonFiniteUpdateException e = causeOfType(assertThrows(Throwable.class, () -> net.fit(batch)),
                NonFiniteUpdateException.class);

        assertTrue(e.getMessage().contains("HebbianConvolutionLayer (index 0, name \"c1\")"), e.getMessage());
    }

    @Test
    void allFiniteToleratesHugeFiniteValuesWhoseSumOverflows() {
        INDArray huge = Nd4j.valueArrayOf(new long[]{4, 4}, 3e38f, DataType.FLOAT);
        assertTrue(FiniteGuard.allFinite(huge));
        huge.putScalar(1, 1, Float.NaN);
        assertTrue(!FiniteGuard.allFinite(huge));
    }
}
