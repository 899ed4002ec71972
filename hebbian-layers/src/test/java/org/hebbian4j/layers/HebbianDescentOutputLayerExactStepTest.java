package org.hebbian4j.layers;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.hebbian4j.activations.StepActivation;
import org.hebbian4j.conf.HebbianDescentOutputLayer;
import org.hebbian4j.conf.HebbianOutputLayer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.hebbian4j.layers.LayerTestSupport.assertMatrixEquals;
import static org.hebbian4j.layers.LayerTestSupport.assertStepIsMeasurable;
import static org.hebbian4j.layers.LayerTestSupport.randomDataSet;
import static org.hebbian4j.layers.LayerTestSupport.tolerance;
import static org.hebbian4j.layers.NaiveHebbianReference.preActivation;
import static org.hebbian4j.layers.NaiveHebbianReference.tanh;
import static org.hebbian4j.layers.NaiveSupervisedReference.centered;
import static org.hebbian4j.layers.NaiveSupervisedReference.heaviside;
import static org.hebbian4j.layers.NaiveSupervisedReference.hebbianDescentBiasUpdate;
import static org.hebbian4j.layers.NaiveSupervisedReference.hebbianDescentWeightUpdate;
import static org.hebbian4j.layers.NaiveSupervisedReference.meanAfter;
import static org.hebbian4j.layers.NaiveSupervisedReference.mseOutputGradient;
import static org.hebbian4j.layers.NaiveSupervisedReference.plus;
import static org.hebbian4j.layers.NaiveSupervisedReference.sigmoid;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fit steps of a network topped by a {@link HebbianDescentOutputLayer} move W by exactly
 * {@code lr * dW} with {@code dW[j][i] = -mean_b (x_bj - mu_j) g_bi}, b by {@code -lr mean_b g_b},
 * and the centering mean mu by {@code (1 - m)(mean_b x - mu)}, where g = dL/dh of the loss and the
 * forward pass is {@code h = phi((x - mu) W + b)}; all computed by a naive per-sample loop
 * ({@link NaiveSupervisedReference}).
 */
class HebbianDescentOutputLayerExactStepTest {

    private static final int N_IN = 10;
    private static final int N_HIDDEN = 8;
    private static final int N_OUT = 4;
    private static final int BATCH = 16;
    private static final double LEARNING_RATE = 0.3;
    private static final double BIAS_INIT = 0.1;
    private static final double MOMENTUM = 0.6;

    /** An activation as the layer sees it and as the naive reference computes it. */
    enum Phi {
        SIGMOID(Activation.SIGMOID.getActivationFunction(), NaiveSupervisedReference::sigmoid),
        STEP(new StepActivation(), NaiveSupervisedReference::heaviside),
        IDENTITY(Activation.IDENTITY.getActivationFunction(), u -> u);

        final IActivation activation;
        final UnaryOperator<double[][]> naive;

        Phi(IActivation activation, UnaryOperator<double[][]> naive) {
            this.activation = activation;
            this.naive = naive;
        }
    }

    static Stream<Arguments> activationsCenteringAndDataTypes() {
        List<Arguments> all = new ArrayList<>();
        for (Phi phi : Phi.values()) {
            for (boolean centering : new boolean[]{false, true}) {
                for (DataType dataType : new DataType[]{DataType.DOUBLE, DataType.FLOAT}) {
                    all.add(Arguments.of(phi, centering, dataType));
                }
            }
        }
        return all.stream();
    }

    private static NeuralNetConfiguration.Builder base(DataType dataType) {
        return new NeuralNetConfiguration.Builder().seed(42).dataType(dataType).weightInit(WeightInit.XAVIER);
    }

    private static HebbianOutputLayer.Builder hebbianDescent(int nIn, Phi phi, boolean centering) {
        HebbianOutputLayer.Builder b = new HebbianDescentOutputLayer.Builder().nIn(nIn).nOut(N_OUT)
                .activation(phi.activation).biasInit(BIAS_INIT);
        return centering ? b.centering(MOMENTUM) : b;
    }

    /** The layer's parameters as the naive reference tracks them. */
    private record State(double[][] w, double[] b, double[] mu) {

        static State of(Layer layer, int nIn) {
            return new State(layer.getParam("W").toDoubleMatrix(), layer.getParam("b").toDoubleVector(),
                    layer.getParam("mu") == null ? new double[nIn] : layer.getParam("mu").toDoubleVector());
        }

        /** One naive step on input x and targets t with the MSE loss. */
        State stepped(double[][] x, double[][] t, Phi phi, boolean centering, double rate) {
            double[][] h = phi.naive.apply(preActivation(centered(x, mu), w, b));
            double[][] g = mseOutputGradient(h, t);
            return new State(plus(w, hebbianDescentWeightUpdate(x, mu, g), rate),
                    plus(b, hebbianDescentBiasUpdate(g), rate),
                    centering ? meanAfter(mu, x, MOMENTUM) : mu);
        }

        void assertMatches(Layer layer, double tolerance, String when) {
            assertMatrixEquals(w, layer.getParam("W"), tolerance, "W " + when);
            assertArrayEquals(b, layer.getParam("b").toDoubleVector(), tolerance, "b " + when);
            if (layer.getParam("mu") != null) {
                assertArrayEquals(mu, layer.getParam("mu").toDoubleVector(), tolerance, "mu " + when);
            }
        }
    }

    /**
     * Two steps, so that the second one runs with the mean the first one left (mu starts at 0):
     * centering then changes both the forward pass and the update.
     */
    @ParameterizedTest(name = "{0}, centering {1}, {2}")
    @MethodSource("activationsCenteringAndDataTypes")
    void twoFitStepsWithSgdMoveParametersByLearningRateTimesHebbianDescent(Phi phi, boolean centering,
                                                                          DataType dataType) {
        MultiLayerNetwork net = new MultiLayerNetwork(base(dataType).updater(new Sgd(LEARNING_RATE)).list()
                .layer(hebbianDescent(N_IN, phi, centering).build()).build());
        net.init();
        DataSet first = randomDataSet(dataType, BATCH, N_IN, N_OUT, 7);
        DataSet second = randomDataSet(dataType, BATCH, N_IN, N_OUT, 8);
        State initial = State.of(net.getLayer(0), N_IN);
        State afterFirst = initial.stepped(first.getFeatures().toDoubleMatrix(), first.getLabels().toDoubleMatrix(),
                phi, centering, LEARNING_RATE);
        State afterSecond = afterFirst.stepped(second.getFeatures().toDoubleMatrix(),
                second.getLabels().toDoubleMatrix(), phi, centering, LEARNING_RATE);
        assertStepIsMeasurable(initial.w(), afterFirst.w(), tolerance(dataType));
        assertStepIsMeasurable(afterFirst.w(), afterSecond.w(), tolerance(dataType));

        net.fit(first);
        afterFirst.assertMatches(net.getLayer(0), tolerance(dataType), "after the first step");
        net.fit(second);
        afterSecond.assertMatches(net.getLayer(0), tolerance(dataType), "after the second step");
    }

    @Test
    void aboveABackpropLayerInComputationGraphTheStepIsExactAndNothingReachesTheLayerBelow() {
        ComputationGraph net = new ComputationGraph(base(DataType.DOUBLE).updater(new Sgd(LEARNING_RATE))
                .graphBuilder().addInputs("in")
                .addLayer("below", new DenseLayer.Builder().nIn(N_IN).nOut(N_HIDDEN).activation(Activation.TANH)
                        .biasInit(0.05).build(), "in")
                .addLayer("out", hebbianDescent(N_HIDDEN, Phi.STEP, true).build(), "below")
                .setOutputs("out").build());
        net.init();
        net.getLayer("out").setParam("mu", Nd4j.rand(DataType.DOUBLE, 1, N_HIDDEN).subi(0.5));
        DataSet data = randomDataSet(DataType.DOUBLE, BATCH, N_IN, N_OUT, 11);
        double[] belowBefore = net.getLayer("below").params().toDoubleVector();
        double[][] x = tanh(preActivation(data.getFeatures().toDoubleMatrix(),
                net.getLayer("below").getParam("W").toDoubleMatrix(), net.getLayer("below").getParam("b").toDoubleVector()));
        State expected = State.of(net.getLayer("out"), N_HIDDEN)
                .stepped(x, data.getLabels().toDoubleMatrix(), Phi.STEP, true, LEARNING_RATE);

        net.fit(data);

        expected.assertMatches(net.getLayer("out"), 1e-10, "after one step");
        assertArrayEquals(belowBefore, net.getLayer("below").params().toDoubleVector(), 0.0, "parameters below");
        assertTrue(LayerTestSupport.allZero(net.gradient().getGradientFor("below_W")), "gradient below");
    }

    @Test
    void directStepIgnoresTheNetworksUpdaterAndL2AndCenteringMomentumOneKeepsAnAssignedMean() {
        double directRate = 0.2;
        MultiLayerNetwork net = new MultiLayerNetwork(base(DataType.DOUBLE).updater(new Adam(0.01)).l2(0.5).list()
                .layer(new HebbianDescentOutputLayer.Builder().nIn(N_IN).nOut(N_OUT).activation(Activation.SIGMOID)
                        .biasInit(BIAS_INIT).centering(1.0).directStep(directRate).build()).build());
        net.init();
        net.getLayer(0).setParam("mu", Nd4j.valueArrayOf(new long[]{1, N_IN}, 0.5, DataType.DOUBLE));
        DataSet data = randomDataSet(DataType.DOUBLE, BATCH, N_IN, N_OUT, 13);
        State initial = State.of(net.getLayer(0), N_IN);
        State afterStep = initial.stepped(data.getFeatures().toDoubleMatrix(), data.getLabels().toDoubleMatrix(),
                Phi.SIGMOID, false, directRate);

        net.fit(data);

        afterStep.assertMatches(net.getLayer(0), 1e-10, "after one direct step");
        assertArrayEquals(initial.mu(), net.getLayer(0).getParam("mu").toDoubleVector(), 0.0, "mu with momentum 1");
    }

    @Test
    void anyLossFunctionDrivesTheUpdateByItsOutputGradientHereL1() {
        // DL4J's L1 loss: L = sum |h - t|, dL/dh = sign(h - t).
        MultiLayerNetwork net = new MultiLayerNetwork(base(DataType.DOUBLE).updater(new Sgd(LEARNING_RATE)).list()
                .layer(new HebbianDescentOutputLayer.Builder(LossFunctions.LossFunction.L1).nIn(N_IN).nOut(N_OUT)
                        .activation(Activation.SIGMOID).biasInit(BIAS_INIT).build()).build());
        net.init();
        DataSet data = randomDataSet(DataType.DOUBLE, BATCH, N_IN, N_OUT, 17);
        double[][] x = data.getFeatures().toDoubleMatrix();
        double[][] t = data.getLabels().toDoubleMatrix();
        State s = State.of(net.getLayer(0), N_IN);
        double[][] h = sigmoid(preActivation(x, s.w(), s.b()));
        double[][] g = new double[BATCH][N_OUT];
        for (int b = 0; b < BATCH; b++) {
            for (int i = 0; i < N_OUT; i++) {
                g[b][i] = Math.signum(h[b][i] - t[b][i]);
            }
        }
        State expected = new State(plus(s.w(), hebbianDescentWeightUpdate(x, s.mu(), g), LEARNING_RATE),
                plus(s.b(), hebbianDescentBiasUpdate(g), LEARNING_RATE), s.mu());

        net.fit(data);

        expected.assertMatches(net.getLayer(0), 1e-10, "after one L1 step");
    }

    @Test
    void withL2LossAndNoCenteringTheStepIsSupervisedMinusUnsupervisedHebb() {
        // Melchior and Wiskott: with L = 1/2 |h - t|^2, dW = x t^T - x h^T. DL4J's L2 loss is
        // sum (h - t)^2, twice that: one step of rate lr equals the paper's step of rate 2 lr.
        MultiLayerNetwork net = new MultiLayerNetwork(base(DataType.DOUBLE).updater(new Sgd(LEARNING_RATE)).list()
                .layer(new HebbianDescentOutputLayer.Builder(LossFunctions.LossFunction.L2).nIn(N_IN).nOut(N_OUT)
                        .activation(new StepActivation()).biasInit(BIAS_INIT).build()).build());
        net.init();
        DataSet data = randomDataSet(DataType.DOUBLE, BATCH, N_IN, N_OUT, 19);
        double[][] x = data.getFeatures().toDoubleMatrix();
        double[][] t = data.getLabels().toDoubleMatrix();
        double[][] w = net.getLayer(0).getParam("W").toDoubleMatrix();
        double[][] h = heaviside(preActivation(x, w, net.getLayer(0).getParam("b").toDoubleVector()));
        double[][] expected = new double[N_IN][N_OUT];
        for (int j = 0; j < N_IN; j++) {
            for (int i = 0; i < N_OUT; i++) {
                double hebbMinusAntiHebb = 0;
                for (int b = 0; b < BATCH; b++) {
                    hebbMinusAntiHebb += (x[b][j] * t[b][i] - x[b][j] * h[b][i]) / BATCH;
                }
                expected[j][i] = w[j][i] + 2 * LEARNING_RATE * hebbMinusAntiHebb;
            }
        }

        net.fit(data);

        assertMatrixEquals(expected, net.getLayer(0).getParam("W"), 1e-10, "W after one L2 step");
    }

    @Test
    void parametersAreWeightsBiasAndWithCenteringOneMeanPerInput() {
        MultiLayerNetwork plain = new MultiLayerNetwork(base(DataType.DOUBLE).list()
                .layer(hebbianDescent(N_IN, Phi.SIGMOID, false).build()).build());
        plain.init();
        MultiLayerNetwork centred = new MultiLayerNetwork(base(DataType.DOUBLE).list()
                .layer(hebbianDescent(N_IN, Phi.SIGMOID, true).build()).build());
        centred.init();
        MultiLayerNetwork noBias = new MultiLayerNetwork(base(DataType.DOUBLE).list()
                .layer(hebbianDescent(N_IN, Phi.SIGMOID, true).hasBias(false).build()).build());
        noBias.init();

        assertEquals(List.of("W", "b"), List.copyOf(plain.getLayer(0).paramTable().keySet()));
        assertEquals((long) N_IN * N_OUT + N_OUT, plain.numParams());
        assertEquals(List.of("W", "b", "mu"), List.copyOf(centred.getLayer(0).paramTable().keySet()));
        assertEquals((long) N_IN * N_OUT + N_OUT + N_IN, centred.numParams());
        assertArrayEquals(new double[N_IN], centred.getLayer(0).getParam("mu").toDoubleVector(), 0.0, "mu starts at 0");
        assertEquals(List.of("W", "mu"), List.copyOf(noBias.getLayer(0).paramTable().keySet()));
    }
}
