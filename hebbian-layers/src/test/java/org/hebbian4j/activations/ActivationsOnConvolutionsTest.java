package org.hebbian4j.activations;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.hebbian4j.conf.HebbianConvolutionLayer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The competitive activations work on a convolution's NCHW output (issue: they crashed with "Rank is
 * [4]; columns() call is not valid"), competing across the channels at each position.
 */
class ActivationsOnConvolutionsTest {

    static List<IActivation> activations() {
        return List.of(new KWinnersActivation(3), new TriangleActivation(), new LateralInhibitionActivation(2));
    }

    @ParameterizedTest
    @MethodSource("activations")
    void onNchwEachPositionIsTheRowActivationOfItsChannels(IActivation activation) {
        Nd4j.getRandom().setSeed(5);
        INDArray u = Nd4j.randn(DataType.DOUBLE, 2, 6, 3, 4);
        INDArray eps = Nd4j.randn(DataType.DOUBLE, 2, 6, 3, 4);
        INDArray out = activation.getActivation(u.dup(), true);
        INDArray grad = activation.backprop(u.dup(), eps.dup()).getFirst();
        for (int b = 0; b < 2; b++) {
            for (int h = 0; h < 3; h++) {
                for (int w = 0; w < 4; w++) {
                    org.nd4j.linalg.indexing.INDArrayIndex[] at = {NDArrayIndex.point(b), NDArrayIndex.all(), NDArrayIndex.point(h), NDArrayIndex.point(w)};
                    INDArray row = u.get(at).reshape(1, 6).dup();
                    INDArray epsRow = eps.get(at).reshape(1, 6).dup();
                    INDArray expected = activation.getActivation(row.dup(), true);
                    INDArray expectedGrad = activation.backprop(row.dup(), epsRow).getFirst();
                    assertTrue(expected.equalsWithEps(out.get(at).reshape(1, 6), 1e-12), activation + " at " + b + h + w);
                    assertTrue(expectedGrad.equalsWithEps(grad.get(at).reshape(1, 6), 1e-12), activation + " grad at " + b + h + w);
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("activations")
    void aHebbianConvolutionWithTheActivationTrainsAndPredicts(IActivation activation) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(1).updater(new Sgd(0.01)).list()
                .layer(new HebbianConvolutionLayer.Builder(5, 5).nOut(8).activation(activation).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(28, 28, 1)).build());
        net.init();
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 1, 28, 28);
        INDArray y = Nd4j.eye(10).get(NDArrayIndex.interval(0, 4), NDArrayIndex.all()).castTo(DataType.FLOAT);
        net.fit(new DataSet(x, y));
        assertEquals(4, net.output(x).rows());
    }

    @ParameterizedTest
    @MethodSource("activations")
    void otherRanksFailNamingTheActivationAndShape(IActivation activation) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> activation.getActivation(Nd4j.zeros(DataType.FLOAT, 2, 3, 4), false));
        assertTrue(e.getMessage().contains(activation.toString()) && e.getMessage().contains("[2, 3, 4]"), e.getMessage());
    }
}
