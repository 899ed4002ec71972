package org.hebbian4j.training;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.hebbian4j.conf.HebbianDenseLayer;
import org.hebbian4j.data.ShuffledDataSetIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A run stopped after a checkpoint and resumed ends bit for bit where an uninterrupted run ends, also
 * with the unit-norm weight constraint on (the dense layer's default): DL4J calls the listeners
 * before it applies the constraints, so a checkpoint written from a listener must hold the weights
 * as they are after them (issue 16, item 10: the resumed run parted from the uninterrupted one).
 */
class ResumeWithConstraintsTest {

    private static final int BATCH = 10;
    private static final int EPOCHS = 2;

    @TempDir
    Path tmp;

    private static MultiLayerNetwork network(boolean normalizeWeights) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(5).dataType(DataType.FLOAT)
                .updater(new Adam(0.01)).list()
                .layer(new HebbianDenseLayer.Builder().nIn(12).nOut(7).normalizeWeights(normalizeWeights)
                        .build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(7).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    private static DataSet data() {
        Nd4j.getRandom().setSeed(11);
        INDArray x = Nd4j.rand(DataType.FLOAT, 60, 12);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 60, 3);
        for (int i = 0; i < 60; i++) {
            y.putScalar(i, i % 3, 1f);
        }
        return new DataSet(x, y);
    }

    private static final class Stop extends RuntimeException {
        Stop() {
            super("stopped by the test");
        }
    }

    /** Stops training right after the listener before it has written iteration {@code at}'s checkpoint. */
    private static final class StopAt extends BaseTrainingListener {
        private final long at;
        private long seen;

        StopAt(long at) {
            this.at = at;
        }

        @Override
        public void iterationDone(Model model, int iteration, int epoch) {
            if (++seen == at) {
                throw new Stop();
            }
        }
    }

    private float[] uninterrupted(boolean normalize, Path file) {
        MultiLayerNetwork net = network(normalize);
        ShuffledDataSetIterator it = new ShuffledDataSetIterator(data(), BATCH, 7);
        net.setListeners(new PeriodicCheckpointListener(file, 4, 6, TrainingPosition.START, Map.of(), null));
        ResumableTraining.fit(net, it, EPOCHS, TrainingPosition.START);
        return net.params().toFloatVector();
    }

    private float[] stoppedAndResumed(boolean normalize, Path file) throws IOException {
        MultiLayerNetwork net = network(normalize);
        ShuffledDataSetIterator it = new ShuffledDataSetIterator(data(), BATCH, 7);
        net.setListeners(new PeriodicCheckpointListener(file, 4, 6, TrainingPosition.START, Map.of(), null),
                new StopAt(4));
        assertThrows(Stop.class, () -> ResumableTraining.fit(net, it, EPOCHS, TrainingPosition.START));

        Checkpoints.Restored<MultiLayerNetwork> restored = Checkpoints.restoreMultiLayerNetwork(file);
        assertEquals(4, restored.position().iteration());
        MultiLayerNetwork resumed = restored.model();
        resumed.setListeners(new PeriodicCheckpointListener(file, 4, 6, restored.position(), Map.of(), null));
        ResumableTraining.fit(resumed, new ShuffledDataSetIterator(data(), BATCH, 7), EPOCHS, restored.position());
        return resumed.params().toFloatVector();
    }

    @Test
    void resumedRunWithUnitNormWeightsEqualsTheUninterruptedOne() throws IOException {
        float[] through = uninterrupted(true, tmp.resolve("a.zip"));
        float[] resumed = stoppedAndResumed(true, tmp.resolve("b.zip"));
        assertArrayEquals(through, resumed, 0f);
    }

    @Test
    void resumedRunWithoutConstraintsEqualsTheUninterruptedOne() throws IOException {
        float[] through = uninterrupted(false, tmp.resolve("a.zip"));
        float[] resumed = stoppedAndResumed(false, tmp.resolve("b.zip"));
        assertArrayEquals(through, resumed, 0f);
    }

    @Test
    void checkpointHoldsTheConstrainedWeightsAndWritingItLeavesTrainingAlone() throws IOException {
        // A run with checkpoints equals one without: the listener must not touch the model.
        MultiLayerNetwork plain = network(true);
        ResumableTraining.fit(plain, new ShuffledDataSetIterator(data(), BATCH, 7), EPOCHS, TrainingPosition.START);
        assertArrayEquals(plain.params().toFloatVector(), uninterrupted(true, tmp.resolve("c.zip")), 0f);
        // The saved weights have unit rows, as the model has after the step.
        INDArray w = Checkpoints.restoreMultiLayerNetwork(tmp.resolve("c.zip")).model().getLayer(0).getParam("W");
        INDArray norms = w.norm2(0);
        assertArrayEquals(Nd4j.ones(DataType.FLOAT, 7).toFloatVector(), norms.toFloatVector(), 1e-5f);
    }
}
