package org.hebbian4j.layers;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.hebbian4j.competition.Rectified;
import org.hebbian4j.competition.SoftWta;
import org.hebbian4j.conf.HebbianConvolutionLayer;
import org.hebbian4j.homeostasis.GrowthFactor;
import org.hebbian4j.rules.HebbNetRule;
import org.hebbian4j.rules.LocalSignals;
import org.hebbian4j.rules.OjaRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.io.File;
import java.nio.file.Path;
import java.util.Map;

import static org.hebbian4j.layers.NaiveConvolutionReference.patches;
import static org.hebbian4j.layers.NaiveConvolutionReference.values4d;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rules with state and homeostasis that rescales weights, inside a Hebbian convolution layer. */
class HebbianConvolutionLayerRuleStateTest {

    private static final int N_OUT = 4;
    private static final double LR = 0.1;

    private static MultiLayerNetwork network(HebbianConvolutionLayer.Builder hebbian) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(3)
                .dataType(DataType.DOUBLE).weightInit(WeightInit.XAVIER).updater(new Sgd(LR)).list()
                .layer(hebbian.build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(2).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(6, 5, 2)).build());
        net.init();
        return net;
    }

    private static DataSet data(long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray labels = Nd4j.zeros(DataType.DOUBLE, 3, 2);
        for (int i = 0; i < 3; i++) {
            labels.putScalar(i, i % 2, 1.0);
        }
        return new DataSet(Nd4j.rand(DataType.DOUBLE, 3, 2, 6, 5), labels);
    }

    @Test
    void statefulRuleSeesAllPositionsAndItsStateMovesByTheRowMeanOfTheActivity() {
        HebbNetRule rule = new HebbNetRule(0.5, 0.9);
        MultiLayerNetwork net = network(new HebbianConvolutionLayer.Builder(3, 3).nOut(N_OUT).rule(rule)
                .competition(new Rectified()).activation(Activation.RELU));
        INDArray state = net.getLayer(0).getParam("hebbnetAverage");
        assertNotNull(state, "the rule's state is a parameter of the conv layer");
        assertEquals(N_OUT, state.length());
        state.assign(Nd4j.createFromArray(0.1, 0.2, 0.3, 0.4).reshape(1, N_OUT));

        DataSet batch = data(1);
        // Expected, from naively extracted patches: one row per (sample, position).
        NaiveConvolutionReference.Geometry g = NaiveConvolutionReference.Geometry.truncate(6, 5,
                new int[]{3, 3}, new int[]{1, 1}, new int[]{0, 0}, new int[]{1, 1});
        INDArray rows = Nd4j.createFromArray(patches(values4d(batch.getFeatures()), g));
        INDArray w = net.getLayer(0).getParam("W").reshape(N_OUT, 2 * 3 * 3).dup();
        INDArray u = rows.mmul(w.transpose()).addiRowVector(net.getLayer(0).getParam("b"));
        INDArray y = Transforms.relu(u, true);
        INDArray before = state.dup();
        INDArray dW = Nd4j.create(DataType.DOUBLE, N_OUT, 2 * 3 * 3);
        rule.update(new LocalSignals(rows, u, y, w, null).withState(Map.of("hebbnetAverage", before)), dW, 1.0);
        INDArray expectedState = before.mul(0.9).addi(y.mean(true, 0).muli(0.1));
        INDArray expectedW = w.add(dW.mul(LR));

        net.fit(batch);
        assertArrayEquals(expectedState.toDoubleVector(), net.getLayer(0).getParam("hebbnetAverage").toDoubleVector(), 1e-12);
        assertArrayEquals(expectedW.reshape(-1).toDoubleVector(),
                net.getLayer(0).getParam("W").reshape(-1).toDoubleVector(), 1e-12);
        assertTrue(dW.amaxNumber().doubleValue() > 1e-3, "the step must be measurable");
    }

    @Test
    void ruleStateIsSavedAndRestoredWithTheModel(@TempDir Path dir) throws Exception {
        MultiLayerNetwork net = network(new HebbianConvolutionLayer.Builder(3, 3).nOut(N_OUT)
                .rule(new HebbNetRule(0.5, 0.9)).competition(new Rectified()));
        net.fit(data(2));
        File file = dir.resolve("conv.zip").toFile();
        ModelSerializer.writeModel(net, file, true);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file, true);
        assertEquals(net.getLayer(0).getParam("hebbnetAverage"), restored.getLayer(0).getParam("hebbnetAverage"));
        net.fit(data(3));
        restored.fit(data(3));
        assertEquals(net.params(), restored.params());
    }

    @Test
    void growthFactorRescalesEachKernelAfterTheStep() {
        // The same network without homeostasis takes the plain Oja step; with the growth factor each
        // kernel i is that step's result times f_i (GrowthFactor does not shift the competition).
        MultiLayerNetwork plain = network(new HebbianConvolutionLayer.Builder(3, 3).nOut(N_OUT)
                .rule(new OjaRule()).competition(new SoftWta(0.5)));
        MultiLayerNetwork grown = network(new HebbianConvolutionLayer.Builder(3, 3).nOut(N_OUT)
                .rule(new OjaRule()).competition(new SoftWta(0.5)).homeostasis(new GrowthFactor(0.5, 0.2)));
        assertEquals(plain.getLayer(0).getParam("W"), grown.getLayer(0).getParam("W"), "same initial kernels");
        plain.fit(data(4));
        grown.fit(data(4));
        INDArray factors = new GrowthFactor(0.5, 0.2).weightScale(grown.getLayer(0).getParam("theta"));
        assertTrue(factors.sub(1).amaxNumber().doubleValue() > 1e-6, "factors differ from 1: " + factors);
        INDArray expected = plain.getLayer(0).getParam("W").reshape(N_OUT, 18).mulColumnVector(factors.reshape(N_OUT, 1));
        assertArrayEquals(expected.reshape(-1).toDoubleVector(),
                grown.getLayer(0).getParam("W").reshape(-1).toDoubleVector(), 1e-12);
    }
}
