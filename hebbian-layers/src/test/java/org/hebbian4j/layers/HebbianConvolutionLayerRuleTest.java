package org.hebbian4j.layers;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.hebbian4j.competition.Competition;
import org.hebbian4j.competition.HardWta;
import org.hebbian4j.competition.KWta;
import org.hebbian4j.competition.PowerSoftWta;
import org.hebbian4j.competition.SoftWta;
import org.hebbian4j.conf.HebbianConvolutionLayer;
import org.hebbian4j.layers.NaiveConvolutionReference.Geometry;
import org.hebbian4j.rules.InstarRule;
import org.hebbian4j.rules.LearningRule;
import org.hebbian4j.rules.OjaRule;
import org.hebbian4j.rules.SoftHebbRule;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.hebbian4j.layers.NaiveConvolutionReference.images;
import static org.hebbian4j.layers.NaiveConvolutionReference.kernelMatrix;
import static org.hebbian4j.layers.NaiveConvolutionReference.map;
import static org.hebbian4j.layers.NaiveConvolutionReference.maxAbsDifference;
import static org.hebbian4j.layers.NaiveConvolutionReference.patches;
import static org.hebbian4j.layers.NaiveConvolutionReference.preActivation;
import static org.hebbian4j.layers.NaiveConvolutionReference.ruleUpdate;
import static org.hebbian4j.layers.NaiveConvolutionReference.values4d;
import static org.hebbian4j.testutil.Matrices.assertMatrixEquals;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The update a {@link HebbianConvolutionLayer} hands DL4J is minus the dense rule applied to naively
 * extracted patches ({@link NaiveConvolutionReference}): one row per (sample, output position), the
 * competition across output channels in each row, the batch mean over all B*H'*W' rows. Checked for
 * strides 1 and 2, zero padding, a rectangular kernel on a non-square image, dilation, Same mode
 * (asymmetric padding) and no bias, in double precision to 1e-10; and the forward output equals the
 * naive convolution.
 */
class HebbianConvolutionLayerRuleTest {

    private static final int BATCH = 3;
    private static final int CHANNELS = 3;
    private static final int IN_H = 7;
    private static final int IN_W = 6;
    private static final int N_OUT = 5;
    private static final double BIAS = 0.05;
    private static final double TOLERANCE = 1e-10;

    /** A convolution geometry as configured on the layer. */
    record Case(String name, int[] kernel, int[] stride, int[] padding, int[] dilation, ConvolutionMode mode,
                boolean hasBias) {

        Geometry geometry() {
            return mode == ConvolutionMode.Same ? Geometry.same(IN_H, IN_W, kernel, stride, dilation)
                    : Geometry.truncate(IN_H, IN_W, kernel, stride, padding, dilation);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> geometries() {
        int[] one = {1, 1};
        return List.of(
                new Case("3x3 stride 1 no padding", new int[]{3, 3}, one, new int[]{0, 0}, one, ConvolutionMode.Truncate, true),
                new Case("3x3 stride 1 padding 1", new int[]{3, 3}, one, new int[]{1, 1}, one, ConvolutionMode.Truncate, true),
                new Case("3x3 stride 2 padding 1", new int[]{3, 3}, new int[]{2, 2}, new int[]{1, 1}, one, ConvolutionMode.Truncate, true),
                new Case("3x2 stride 2x1 padding 2x1", new int[]{3, 2}, new int[]{2, 1}, new int[]{2, 1}, one, ConvolutionMode.Truncate, true),
                new Case("2x2 stride 1 dilation 2 padding 1", new int[]{2, 2}, one, new int[]{1, 1}, new int[]{2, 2}, ConvolutionMode.Truncate, true),
                new Case("4x4 stride 2 Same mode", new int[]{4, 4}, new int[]{2, 2}, new int[]{0, 0}, one, ConvolutionMode.Same, true),
                new Case("3x3 stride 2 padding 1 no bias", new int[]{3, 3}, new int[]{2, 2}, new int[]{1, 1}, one, ConvolutionMode.Truncate, false));
    }

    static Stream<Arguments> rulesAndGeometries() {
        List<Arguments> all = new ArrayList<>();
        List<Arguments> rules = List.of(
                Arguments.of(new SoftHebbRule(), new SoftWta(0.5)),
                Arguments.of(new InstarRule(), new HardWta()));
        for (Arguments rc : rules) {
            for (Case c : geometries()) {
                all.add(Arguments.of(rc.get()[0], rc.get()[1], c));
            }
        }
        // Other rule/competition pairs on the hardest geometry.
        Case strided = geometries().get(3);
        all.add(Arguments.of(new InstarRule(), new KWta(2), strided));
        all.add(Arguments.of(new InstarRule(), new PowerSoftWta(20), strided));
        all.add(Arguments.of(new OjaRule(), new SoftWta(1.0), strided));
        return all.stream();
    }

    private static MultiLayerNetwork network(LearningRule rule, Competition competition, Case c) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(42)
                .dataType(DataType.DOUBLE).weightInit(WeightInit.XAVIER).updater(new Sgd(0.1))
                .convolutionMode(c.mode())
                .list()
                .layer(new HebbianConvolutionLayer.Builder(c.kernel()).stride(c.stride()).padding(c.padding())
                        .dilation(c.dilation()).hasBias(c.hasBias()).nOut(N_OUT).rule(rule).competition(competition)
                        .biasInit(BIAS).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(IN_H, IN_W, CHANNELS))
                .build());
        net.init();
        return net;
    }

    @ParameterizedTest(name = "{0} + {1}, {2}")
    @MethodSource("rulesAndGeometries")
    void updateEqualsDenseRuleOnNaivelyExtractedPatches(LearningRule rule, Competition competition, Case c) {
        MultiLayerNetwork net = network(rule, competition, c);
        net.initGradientsView();
        Layer layer = net.getLayer(0);
        Nd4j.getRandom().setSeed(17);
        INDArray x = Nd4j.rand(DataType.DOUBLE, BATCH, CHANNELS, IN_H, IN_W);
        Geometry g = c.geometry();
        double[][] kernels = kernelMatrix(layer.getParam("W"));
        double[] bias = c.hasBias() ? layer.getParam("b").toDoubleVector() : null;
        double[][] p = patches(values4d(x), g);
        double[][] expected = ruleUpdate(rule, competition, p, kernels, bias);
        assertTrue(maxAbs(expected) > 1e-4, "the update must be far from 0 to test anything");

        INDArray output = layer.activate(x, true, LayerWorkspaceMgr.noWorkspaces());
        INDArray epsilon = Nd4j.rand(DataType.DOUBLE, output.shape());
        Pair<Gradient, INDArray> result = layer.backpropGradient(epsilon, LayerWorkspaceMgr.noWorkspaces());

        INDArray gradient = result.getFirst().getGradientFor("W");
        assertArrayEquals(new long[]{N_OUT, CHANNELS, c.kernel()[0], c.kernel()[1]}, gradient.shape());
        assertMatrixEquals(map(expected, v -> -v), org.hebbian4j.testutil.Matrices.array(
                kernelMatrix(gradient), DataType.DOUBLE, 'c'), TOLERANCE);
        double[][][][] expectedOutput = images(map(preActivation(p, kernels, bias), v -> Math.max(v, 0.0)), BATCH, g);
        assertArrayEquals(new long[]{BATCH, N_OUT, g.outH(), g.outW()}, output.shape(), "output shape");
        double outputError = maxAbsDifference(expectedOutput, values4d(output));
        assertTrue(outputError <= TOLERANCE, "forward output differs from the naive convolution by " + outputError);
    }

    private static double maxAbs(double[][] m) {
        double max = 0;
        for (double[] row : m) {
            for (double v : row) {
                max = Math.max(max, Math.abs(v));
            }
        }
        return max;
    }
}
