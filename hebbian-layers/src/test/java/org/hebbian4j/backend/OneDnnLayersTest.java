package org.hebbian4j.backend;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * DL4J's own convolution, pooling and batch normalization layers on oneDNN (through DL4J's layer
 * helpers, which {@link NativeBackend} makes work on M2.1) compute what DL4J's built-in code computes:
 * the same output, parameter gradients and gradient at the input, to 1e-5 relative in float. Also: the
 * native build loaded is the one Maven put on the class path, and the helpers are really in use.
 */
class OneDnnLayersTest {

    private static final double TOLERANCE = 1e-5;

    @AfterEach
    void restoreProperty() {
        System.clearProperty(NativeBackend.HELPERS_DISABLE_PROPERTY);
    }

    /** The build chosen by the pom ({@code nd4j.native.classifier}, passed by surefire) is the one loaded. */
    @Test
    void loadsTheNativeBuildOfTheClassPath() {
        String expected = System.getProperty("hebbian4j.expectedNativeBuild");
        assumeTrue(expected != null && !expected.isEmpty(), "run by Maven's surefire, which names the build");
        assertEquals(expected, NativeBackend.nativeBuild());
        assertEquals(expected.contains("onednn"), NativeBackend.oneDnnAvailable(), NativeBackend.describe());
        assertTrue(NativeBackend.describe().startsWith("nd4j-native " + expected + ", oneDNN: "), NativeBackend.describe());
    }

    @Test
    void useOneDnnLayersSetsDl4jsPropertyOnlyWithOneDnnAndLeavesAUsersSettingAlone() {
        System.clearProperty(NativeBackend.HELPERS_DISABLE_PROPERTY);
        assertFalse(NativeBackend.oneDnnLayers());
        boolean on = NativeBackend.useOneDnnLayers();
        assertEquals(NativeBackend.oneDnnAvailable(), on);
        assertEquals(on ? "false" : null, System.getProperty(NativeBackend.HELPERS_DISABLE_PROPERTY));

        System.setProperty(NativeBackend.HELPERS_DISABLE_PROPERTY, "true");
        assertFalse(NativeBackend.useOneDnnLayers());
        assertEquals("true", System.getProperty(NativeBackend.HELPERS_DISABLE_PROPERTY));
    }

    @Test
    void withoutTheSwitchDl4jLayersHaveNoHelper() {
        MultiLayerNetwork net = network(conf(ConvolutionMode.Truncate, 1, 1, true, SubsamplingLayer.PoolingType.MAX,
                DataType.FLOAT), false);
        for (Layer layer : net.getLayers()) {
            assertNull(layer.getHelper(), layer.conf().getLayer().getLayerName());
        }
    }

    @ParameterizedTest(name = "{0}, stride {1}, dilation {2}, bias {3}, {4} pooling")
    @CsvSource({
            "Truncate, 1, 1, true, MAX",
            "Truncate, 2, 1, false, AVG",
            "Same, 1, 1, true, AVG",
            "Same, 2, 2, true, MAX",
            "Truncate, 1, 2, false, MAX",
    })
    void oneDnnLayersMatchDl4jsBuiltInCode(ConvolutionMode mode, int stride, int dilation, boolean bias,
                                           SubsamplingLayer.PoolingType pooling) {
        assumeTrue(NativeBackend.oneDnnAvailable(), "this native build has no oneDNN: " + NativeBackend.describe());
        MultiLayerConfiguration conf = conf(mode, stride, dilation, bias, pooling, DataType.FLOAT);
        MultiLayerNetwork reference = network(conf, false);
        MultiLayerNetwork oneDnn = network(conf, true);
        for (int i = 0; i < 4; i++) {
            assertNotNull(oneDnn.getLayer(i).getHelper(), "layer " + i + " (" + oneDnn.getLayer(i).conf().getLayer().getLayerName()
                    + ") runs without oneDNN: " + NativeBackend.describe());
        }
        assertSameComputation(reference, oneDnn, TOLERANCE);
    }

    /** oneDNN has no double convolution: DL4J's helpers step aside and the result is DL4J's own, exactly. */
    @Test
    void doubleNetworksKeepDl4jsOwnPath() {
        assumeTrue(NativeBackend.oneDnnAvailable(), "this native build has no oneDNN: " + NativeBackend.describe());
        MultiLayerConfiguration conf = conf(ConvolutionMode.Same, 1, 1, true, SubsamplingLayer.PoolingType.MAX, DataType.DOUBLE);
        assertSameComputation(network(conf, false), network(conf, true), 0.0);
    }

    /** A few training steps (Nesterov, batch norm's running statistics) stay together too. */
    @Test
    void trainingStepsStayTogether() {
        assumeTrue(NativeBackend.oneDnnAvailable(), "this native build has no oneDNN: " + NativeBackend.describe());
        MultiLayerConfiguration conf = conf(ConvolutionMode.Truncate, 1, 1, true, SubsamplingLayer.PoolingType.MAX, DataType.FLOAT);
        MultiLayerNetwork reference = network(conf, false);
        MultiLayerNetwork oneDnn = network(conf, true);
        for (int step = 0; step < 3; step++) {
            INDArray x = Nd4j.rand(DataType.FLOAT, 6, 3, 12, 12);
            INDArray y = Nd4j.eye(4).castTo(DataType.FLOAT).repeat(0, 2).getRows(0, 1, 2, 3, 4, 5);
            reference.fit(x, y);
            oneDnn.fit(x, y);
        }
        assertClose(reference.params(), oneDnn.params(), 1e-4, "parameters after 3 steps");
    }

    private static void assertSameComputation(MultiLayerNetwork reference, MultiLayerNetwork oneDnn, double tolerance) {
        DataType type = reference.params().dataType();
        INDArray x = Nd4j.rand(type, 6, 3, 12, 12);
        INDArray y = Nd4j.eye(4).castTo(type).repeat(0, 2).getRows(0, 1, 2, 3, 4, 5);
        assertClose(reference.output(x, false), oneDnn.output(x, false), tolerance, "inference output");
        assertClose(reference.output(x, true), oneDnn.output(x, true), tolerance, "training output");
        Pair<Gradient, INDArray> expected = reference.calculateGradients(x, y, null, null);
        Pair<Gradient, INDArray> actual = oneDnn.calculateGradients(x, y, null, null);
        assertClose(expected.getSecond(), actual.getSecond(), tolerance, "gradient at the input");
        for (Map.Entry<String, INDArray> e : expected.getFirst().gradientForVariable().entrySet()) {
            INDArray other = actual.getFirst().gradientForVariable().get(e.getKey());
            assertNotNull(other, "gradient of " + e.getKey());
            assertClose(e.getValue(), other, tolerance, "gradient of " + e.getKey());
        }
    }

    /** {@code max |a - b| <= tolerance * max(1, max |a|)}. */
    private static void assertClose(INDArray expected, INDArray actual, double tolerance, String what) {
        assertEquals(java.util.Arrays.toString(expected.shape()), java.util.Arrays.toString(actual.shape()), what);
        double scale = Math.max(1.0, expected.amaxNumber().doubleValue());
        double diff = expected.castTo(DataType.DOUBLE).sub(actual.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
        assertTrue(diff <= tolerance * scale, what + ": max difference " + diff + " (scale " + scale + ")");
    }

    private static MultiLayerNetwork network(MultiLayerConfiguration conf, boolean oneDnnLayers) {
        System.setProperty(NativeBackend.HELPERS_DISABLE_PROPERTY, Boolean.toString(!oneDnnLayers));
        try {
            MultiLayerNetwork net = new MultiLayerNetwork(conf.clone());
            net.init();
            return net;
        } finally {
            System.clearProperty(NativeBackend.HELPERS_DISABLE_PROPERTY);
        }
    }

    private static MultiLayerConfiguration conf(ConvolutionMode mode, int stride, int dilation, boolean bias,
                                                SubsamplingLayer.PoolingType pooling, DataType dataType) {
        return new NeuralNetConfiguration.Builder()
                .seed(7).dataType(dataType).weightInit(WeightInit.XAVIER)
                .updater(new Nesterovs(1e-2, 0.9)).l2(1e-3)
                .convolutionMode(mode)
                .list()
                .layer(new ConvolutionLayer.Builder(3, 3).name("conv").nOut(8).stride(stride, stride)
                        .dilation(dilation, dilation).hasBias(bias).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(pooling).name("pool").kernelSize(2, 2).stride(2, 2).build())
                .layer(new BatchNormalization.Builder().name("bn").build())
                .layer(new ConvolutionLayer.Builder(2, 2).name("conv2").nOut(5).activation(Activation.TANH).build())
                .layer(new DenseLayer.Builder().name("dense").nOut(7).activation(Activation.RELU).build())
                .layer(new BatchNormalization.Builder().name("bn-dense").build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).name("out").nOut(4)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(12, 12, 3))
                .build();
    }
}
