package org.hebbian4j.zoo;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.hebbian4j.competition.Rectified;
import org.hebbian4j.data.ShuffledDataSetIterator;
import org.hebbian4j.homeostasis.AdaptiveThreshold;
import org.hebbian4j.layers.HebbianParamInitializer;
import org.hebbian4j.rules.HebbNetRule;
import org.hebbian4j.training.Checkpoints;
import org.hebbian4j.training.PeriodicCheckpointListener;
import org.hebbian4j.training.ResumableTraining;
import org.hebbian4j.training.TrainingPosition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Sgd;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A HybridMlp run that is interrupted, restored from its last checkpoint into a fresh network and
 * continued ends with exactly the parameters, Hebbian state (homeostasis theta, HebbNet's running
 * average) and updater state of a run that went through.
 */
class HybridMlpCheckpointResumeTest {

    private static final int EXAMPLES = 100;
    private static final int BATCH = 8;          // 13 batches per epoch, the last of 4 examples
    private static final int EPOCHS = 3;         // 39 iterations
    private static final long SEED = 11;

    @TempDir
    Path tmp;

    private static DataSet data() {
        Nd4j.getRandom().setSeed(5);
        INDArray features = Nd4j.rand(DataType.FLOAT, EXAMPLES, 20);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, EXAMPLES, 3);
        for (int i = 0; i < EXAMPLES; i++) {
            labels.putScalar(i, i % 3, 1f);
        }
        return new DataSet(features, labels);
    }

    private static MultiLayerNetwork network() {
        MultiLayerNetwork net = new MultiLayerNetwork(new HybridMlp().nIn(20).hidden(12).classes(3).seed(SEED)
                .rule(new HebbNetRule(0.5, 0.9)).competition(new Rectified())
                .homeostasis(new AdaptiveThreshold(0.5)).activation(Activation.RELU.getActivationFunction())
                .hebbianUpdater(new Sgd(0.05)).classifierUpdater(new Adam(1e-2)).conf());
        net.init();
        return net;
    }

    /** Thrown by {@link StopAfter}: a simulated crash. */
    static final class Interrupted extends RuntimeException {
        Interrupted() {
            super("simulated interruption");
        }
    }

    /** Stops training after a number of iterations, like a killed process. */
    static final class StopAfter extends BaseTrainingListener {
        private final long limit;
        private long done;

        StopAfter(long limit) {
            this.limit = limit;
        }

        @Override
        public void iterationDone(Model model, int iteration, int epoch) {
            done++;
        }

        /**
         * Stops as the next step begins: the last step is complete (DL4J applies the layers' constraints, and
         * the Hebbian layers their state, after {@code iterationDone}).
         */
        @Override
        public void onForwardPass(Model model, List<org.nd4j.linalg.api.ndarray.INDArray> activations) {
            if (done == limit) {
                throw new Interrupted();
            }
        }

        @Override
        public void onForwardPass(Model model, Map<String, org.nd4j.linalg.api.ndarray.INDArray> activations) {
            if (done == limit) {
                throw new Interrupted();
            }
        }
    }

    private static MultiLayerNetwork uninterrupted(DataSet data) {
        MultiLayerNetwork net = network();
        net.fit(new ShuffledDataSetIterator(data, BATCH, SEED), EPOCHS);
        return net;
    }

    private static void assertSameTraining(MultiLayerNetwork expected, MultiLayerNetwork actual) {
        assertEquals(expected.getIterationCount(), actual.getIterationCount(), "iteration count");
        assertEquals(expected.getEpochCount(), actual.getEpochCount(), "epoch count");
        for (String key : List.of(HebbianParamInitializer.WEIGHT_KEY, HebbianParamInitializer.THRESHOLD_KEY,
                HebbNetRule.AVERAGE_STATE)) {
            INDArray state = expected.getLayer(HybridMlp.HEBBIAN_LAYER).getParam(key);
            assertTrue(state.amaxNumber().doubleValue() > 0, key + " must have moved away from 0");
            assertArrayEquals(state.ravel().toFloatVector(),
                    actual.getLayer(HybridMlp.HEBBIAN_LAYER).getParam(key).ravel().toFloatVector(), 0f, key);
        }
        assertArrayEquals(expected.params().toFloatVector(), actual.params().toFloatVector(), 0f, "all parameters");
        assertArrayEquals(expected.getUpdater().getStateViewArray().toFloatVector(),
                actual.getUpdater().getStateViewArray().toFloatVector(), 0f, "updater state");
    }

    @ParameterizedTest(name = "checkpoint every {0}, killed after {1}: resumes at {2}")
    @CsvSource({
            "5, 17, 15",     // mid-epoch 1; iterations 16 and 17 are lost and done again
            "7, 7, 7",       // mid-epoch 0, checkpoint at the stop
            "20, 13, 13",    // the end of epoch 0 (an epoch end always writes a checkpoint)
            "0, 30, 26",     // epoch ends only
    })
    void interruptedRunResumedFromItsCheckpointEndsExactlyAsAnUninterruptedOne(int every, int stopAfter,
                                                                                long resumeAt) throws Exception {
        DataSet data = data();
        MultiLayerNetwork reference = uninterrupted(data);

        Path checkpoint = tmp.resolve("checkpoint.zip");
        MultiLayerNetwork first = network();
        List<TrainingPosition> saved = new ArrayList<>();
        long perEpoch = new ShuffledDataSetIterator(data, BATCH, SEED).batchesPerEpoch();
        first.setListeners(new PeriodicCheckpointListener(checkpoint, every, perEpoch, TrainingPosition.START,
                Map.of("seed", String.valueOf(SEED)), saved::add), new StopAfter(stopAfter));
        assertThrows(Interrupted.class,
                () -> ResumableTraining.fit(first, new ShuffledDataSetIterator(data, BATCH, SEED), EPOCHS,
                        TrainingPosition.START));

        Checkpoints.Restored<MultiLayerNetwork> restored = Checkpoints.restoreMultiLayerNetwork(checkpoint);
        assertEquals(resumeAt, restored.position().iteration());
        assertEquals(saved.get(saved.size() - 1), restored.position());
        assertEquals(Map.of("seed", String.valueOf(SEED)), restored.metadata());
        MultiLayerNetwork resumed = restored.model();
        ResumableTraining.fit(resumed, new ShuffledDataSetIterator(data, BATCH, SEED), EPOCHS, restored.position());

        assertSameTraining(reference, resumed);
    }

    @Test
    void halfTheRunSavedAndRestoredIntoAFreshNetworkThenTheOtherHalfEqualsTheWholeRun() throws Exception {
        DataSet data = data();
        MultiLayerNetwork reference = uninterrupted(data);
        int perEpoch = new ShuffledDataSetIterator(data, BATCH, SEED).batchesPerEpoch();
        long half = (long) EPOCHS * perEpoch / 2;          // 19: epoch 1, batch 6

        MultiLayerNetwork first = network();
        first.setListeners(new StopAfter(half));
        assertThrows(Interrupted.class, () -> first.fit(new ShuffledDataSetIterator(data, BATCH, SEED), EPOCHS));
        Path file = tmp.resolve("half.zip");
        TrainingPosition position = TrainingPosition.after(half, perEpoch);
        Checkpoints.save(first, position, Map.of(), file);

        MultiLayerNetwork second = Checkpoints.restoreMultiLayerNetwork(file).model();
        ResumableTraining.fit(second, new ShuffledDataSetIterator(data, BATCH, SEED), EPOCHS, position);

        assertSameTraining(reference, second);
    }
}
