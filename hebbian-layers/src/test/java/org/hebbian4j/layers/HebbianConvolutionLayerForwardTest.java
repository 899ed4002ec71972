package org.hebbian4j.layers;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.hebbian4j.competition.SoftWta;
import org.hebbian4j.conf.HebbianConvolutionLayer;
import org.hebbian4j.rules.InstarRule;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Hebbian convolution's own forward pass (patches and one GEMM, not DL4J's) gives DL4J's
 * ConvolutionLayer's output for the same kernels and bias, in inference and in training, for
 * strides, padding, dilation and Same mode; and the update it computes from the patches kept by a
 * training forward pass equals the one it computes from scratch without them.
 */
class HebbianConvolutionLayerForwardTest {

    private static final int BATCH = 3;
    private static final int CHANNELS = 2;
    private static final int N_OUT = 4;

    /** kernel, stride, padding, dilation, Same mode. */
    static Stream<Arguments> geometries() {
        return Stream.of(
                Arguments.of(new int[]{3, 3}, new int[]{1, 1}, new int[]{1, 1}, new int[]{1, 1}, false),
                Arguments.of(new int[]{3, 3}, new int[]{2, 2}, new int[]{0, 0}, new int[]{1, 1}, false),
                Arguments.of(new int[]{2, 3}, new int[]{2, 1}, new int[]{1, 0}, new int[]{2, 1}, false),
                Arguments.of(new int[]{3, 2}, new int[]{2, 2}, new int[]{0, 0}, new int[]{1, 1}, true),
                Arguments.of(new int[]{5, 5}, new int[]{1, 1}, new int[]{0, 0}, new int[]{1, 1}, false));
    }

    private static MultiLayerNetwork net(org.deeplearning4j.nn.conf.layers.Layer layer) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(3)
                .dataType(DataType.DOUBLE).weightInit(WeightInit.XAVIER).list()
                .layer(layer).setInputType(InputType.convolutional(9, 8, CHANNELS)).build());
        net.init();
        return net;
    }

    @ParameterizedTest(name = "kernel {0} stride {1} padding {2} dilation {3} same {4}")
    @MethodSource("geometries")
    void outputEqualsDl4jConvolutionWithTheSameParameters(int[] kernel, int[] stride, int[] padding, int[] dilation,
                                                          boolean same) {
        ConvolutionMode mode = same ? ConvolutionMode.Same : ConvolutionMode.Truncate;
        MultiLayerNetwork hebbian = net(new HebbianConvolutionLayer.Builder(kernel).stride(stride).padding(padding)
                .dilation(dilation).convolutionMode(mode).nOut(N_OUT).biasInit(0.1).activation(Activation.TANH)
                .rule(new InstarRule()).competition(new SoftWta(1.0)).build());
        MultiLayerNetwork dl4j = net(new ConvolutionLayer.Builder(kernel).stride(stride).padding(padding)
                .dilation(dilation).convolutionMode(mode).nOut(N_OUT).biasInit(0.1).activation(Activation.TANH).build());
        dl4j.getLayer(0).setParam("W", hebbian.getLayer(0).getParam("W"));
        dl4j.getLayer(0).setParam("b", hebbian.getLayer(0).getParam("b"));
        Nd4j.getRandom().setSeed(17);
        INDArray x = Nd4j.rand(DataType.DOUBLE, BATCH, CHANNELS, 9, 8).subi(0.5);

        INDArray expected = dl4j.output(x);
        INDArray inference = hebbian.output(x);
        List<INDArray> training = hebbian.feedForward(x, true);

        assertArrayEquals(expected.shape(), inference.shape());
        assertTrue(expected.equalsWithEps(inference, 1e-12), "inference output");
        assertTrue(expected.equalsWithEps(training.get(1), 1e-12), "training output");
    }

    @ParameterizedTest(name = "kernel {0} stride {1} padding {2} dilation {3} same {4}")
    @MethodSource("geometries")
    void updateFromTheForwardPassesPatchesEqualsTheUpdateFromScratch(int[] kernel, int[] stride, int[] padding,
                                                                      int[] dilation, boolean same) {
        MultiLayerNetwork net = net(new HebbianConvolutionLayer.Builder(kernel).stride(stride).padding(padding)
                .dilation(dilation).convolutionMode(same ? ConvolutionMode.Same : ConvolutionMode.Truncate).nOut(N_OUT)
                .biasInit(0.1).activation(Activation.RELU).rule(new InstarRule()).competition(new SoftWta(0.5)).build());
        net.initGradientsView();
        Layer layer = net.getLayer(0);
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        Nd4j.getRandom().setSeed(23);
        INDArray x = Nd4j.rand(DataType.DOUBLE, BATCH, CHANNELS, 9, 8);

        layer.setInput(x, mgr);
        INDArray fromScratch = layer.backpropGradient(null, mgr).getFirst().getGradientFor("W").dup();
        layer.setInput(x, mgr);
        layer.activate(true, mgr);
        INDArray fromForward = layer.backpropGradient(null, mgr).getFirst().getGradientFor("W").dup();

        assertTrue(fromScratch.amaxNumber().doubleValue() > 1e-3, "a measurable update");
        assertEquals(0.0, fromScratch.sub(fromForward).amaxNumber().doubleValue(), 1e-12);
    }
}
