package org.hebbian4j.parallel;

import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.parallelism.ParallelWrapper;
import org.hebbian4j.competition.HardWta;
import org.hebbian4j.conf.HebbianDenseLayer;
import org.hebbian4j.homeostasis.AdaptiveThreshold;
import org.hebbian4j.rules.InstarRule;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DL4J's {@code ParallelWrapper} in AVERAGING mode, its one-machine data parallelism, with a Hebbian layer:
 * two workers that each take one batch and are averaged take the same step as one network on the two
 * batches together (the instar's dW and the threshold's change are batch means, and the competition of a
 * row does not depend on the other rows), W, theta and the classifier above alike.
 */
class ParallelWrapperAveragingTest {

    private static final int BATCH = 16;

    private static MultiLayerNetwork network() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(5)
                .dataType(DataType.DOUBLE).weightInit(WeightInit.XAVIER).updater(new Sgd(0.1)).list()
                .layer(new HebbianDenseLayer.Builder().nOut(6).rule(new InstarRule()).competition(new HardWta())
                        .homeostasis(new AdaptiveThreshold(0.5)).activation(Activation.RELU).name("hebbian").build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.feedForward(5)).build());
        net.init();
        return net;
    }

    private static DataSet batch(long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray features = Nd4j.rand(DataType.DOUBLE, BATCH, 5);
        INDArray labels = Nd4j.zeros(DataType.DOUBLE, BATCH, 3);
        for (int i = 0; i < BATCH; i++) {
            labels.putScalar(i, (int) ((i + seed) % 3), 1.0);
        }
        return new DataSet(features, labels);
    }

    private static void fitInParallel(MultiLayerNetwork net, List<DataSet> batches) {
        DataSetIterator data = new ListDataSetIterator<>(batches, 1);
        // doc:begin parallel-wrapper
        try (ParallelWrapper wrapper = new ParallelWrapper.Builder<>(net).workers(2).prefetchBuffer(2)
                .averagingFrequency(1).trainingMode(ParallelWrapper.TrainingMode.AVERAGING).build()) {
            wrapper.fit(data);
        }
        // doc:end parallel-wrapper
        catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void twoAveragedWorkersTakeTheStepOfOneNetworkOnBothBatches() {
        List<DataSet> batches = List.of(batch(1), batch(2));
        MultiLayerNetwork alone = network();
        INDArray thetaBefore = alone.getLayer(0).getParam("theta").dup();
        alone.fit(DataSet.merge(batches));

        // DL4J 1.0.0-M2.1's start-up race (docs/dl4j-notes.md): worker 0 trains the original network while the
        // other workers' threads copy it; the first time in a JVM, loading their classes, they copy it late, after
        // worker 0's first step, and the first round is not a plain average. One round on another network first.
        fitInParallel(network(), batches);
        MultiLayerNetwork parallel = network();
        fitInParallel(parallel, batches);

        // The threshold moved (the state is not lost on the way), by the same step.
        INDArray theta = parallel.getLayer(0).getParam("theta");
        assertTrue(theta.sub(thetaBefore).amaxNumber().doubleValue() > 1e-3, "theta did not move: " + theta);
        assertArrayEquals(alone.getLayer(0).getParam("theta").toDoubleVector(), theta.toDoubleVector(), 1e-12, "theta");
        assertArrayEquals(alone.getLayer(0).getParam("W").dup().data().asDouble(),
                parallel.getLayer(0).getParam("W").dup().data().asDouble(), 1e-12, "Hebbian W");
        assertArrayEquals(alone.params().toDoubleVector(), parallel.params().toDoubleVector(), 1e-12, "all parameters");
    }
}
