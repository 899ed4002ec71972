package org.hebbian4j.samediff;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.hebbian4j.competition.Competition;
import org.hebbian4j.competition.HardWta;
import org.hebbian4j.competition.SoftWta;
import org.hebbian4j.conf.HebbianConvolutionLayer;
import org.hebbian4j.rules.InstarRule;
import org.hebbian4j.rules.LearningRule;
import org.hebbian4j.rules.SoftHebbRule;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One {@code sd.fit} step moves a Hebbian {@code conv2d} weight (SameDiff's conv2d forward) by exactly the
 * step of a {@link HebbianConvolutionLayer} with the same rule, competition and geometry on the same data.
 */
class HebbianConvolutionWeightExactStepTest {

    private static final int BATCH = 4;
    private static final int CHANNELS = 2;
    private static final int HEIGHT = 8;
    private static final int WIDTH = 7;
    private static final int N_OUT = 5;
    private static final int N_CLASSES = 3;
    private static final double LEARNING_RATE = 0.05;

    static Stream<Arguments> cases() {
        Stream.Builder<Arguments> cases = Stream.builder();
        for (DataType type : new DataType[]{DataType.DOUBLE, DataType.FLOAT}) {
            for (int stride : new int[]{1, 2}) {
                cases.add(Arguments.of(new SoftHebbRule(), new SoftWta(0.5), stride, type));
                cases.add(Arguments.of(new InstarRule(), new HardWta(), stride, type));
            }
        }
        return cases.build();
    }

    @ParameterizedTest(name = "{0} + {1}, stride {2}, {3}")
    @MethodSource("cases")
    void oneFitStepMovesTheKernelsExactlyAsHebbianConvolutionLayer(LearningRule rule, Competition competition, int stride,
                                                                  DataType type) {
        double tolerance = type == DataType.DOUBLE ? 1e-10 : 1e-6;
        ConvolutionGeometry geometry = ConvolutionGeometry.square(3, stride, 1);
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(42).dataType(type)
                .weightInit(WeightInit.XAVIER).updater(new Sgd(LEARNING_RATE)).list()
                .layer(new HebbianConvolutionLayer.Builder(3, 3).stride(stride, stride).padding(1, 1).nOut(N_OUT)
                        .rule(rule).competition(competition).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(N_CLASSES)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(HEIGHT, WIDTH, CHANNELS)).build());
        net.init();
        INDArray before = net.getLayer(0).getParam("W").dup();   // [nOut, C, kH, kW]

        SameDiff sd = SameDiff.create();
        SDVariable in = sd.placeHolder("in", type, -1, CHANNELS, HEIGHT, WIDTH);
        SDVariable label = sd.placeHolder("label", type, -1, N_CLASSES);
        SDVariable w1 = sd.var("W1", before.permute(2, 3, 1, 0).dup('c'));   // [kH, kW, C, nOut]
        SDVariable h1 = sd.nn.relu(sd.cnn.conv2d("u1", in, w1, geometry.config()), 0);
        int outH = (HEIGHT + 2 - 3) / stride + 1;
        int outW = (WIDTH + 2 - 3) / stride + 1;
        Nd4j.getRandom().setSeed(5);
        SDVariable w2 = sd.var("W2", Nd4j.randn(type, (long) N_OUT * outH * outW, N_CLASSES).muli(0.1));
        SDVariable logits = h1.reshape(-1, N_OUT * outH * outW).mmul(w2);
        sd.loss.softmaxCrossEntropy("loss", label, logits, null);
        sd.setTrainingConfig(TrainingConfig.builder().updater(new Sgd(LEARNING_RATE)).dataSetFeatureMapping("in")
                .dataSetLabelMapping("label").build());
        HebbianTraining.attach(sd, HebbianWeight.convolution("W1", "in", "u1", geometry).rule(rule)
                .competition(competition).build());

        Nd4j.getRandom().setSeed(31);
        INDArray features = Nd4j.rand(type, BATCH, CHANNELS, HEIGHT, WIDTH);
        INDArray labels = Nd4j.zeros(type, BATCH, N_CLASSES);
        for (int s = 0; s < BATCH; s++) {
            labels.putScalar(s, s % N_CLASSES, 1.0);
        }
        DataSet batch = new DataSet(features, labels);
        net.fit(batch);
        sd.fit(batch);

        INDArray expected = net.getLayer(0).getParam("W");
        INDArray actual = sd.getArrForVarName("W1").permute(3, 2, 0, 1);
        assertTrue(expected.sub(before).amaxNumber().doubleValue() > 1000 * tolerance, "the step must be measurable");
        assertEquals(0, expected.sub(actual).amaxNumber().doubleValue(), tolerance);
    }
}
