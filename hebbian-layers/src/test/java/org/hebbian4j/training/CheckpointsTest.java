package org.hebbian4j.training;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.hebbian4j.conf.HebbianDenseLayer;
import org.hebbian4j.homeostasis.AdaptiveThreshold;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CheckpointsTest {

    @TempDir
    Path tmp;

    private static MultiLayerNetwork network() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.FLOAT)
                .updater(new Adam(0.01)).list()
                .layer(new HebbianDenseLayer.Builder().nIn(6).nOut(5).homeostasis(new AdaptiveThreshold(1)).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(5).nOut(2)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    private static DataSet batch(long seed) {
        Nd4j.getRandom().setSeed(seed);
        return new DataSet(Nd4j.rand(DataType.FLOAT, 8, 6), Nd4j.eye(2).castTo(DataType.FLOAT).getRows(0, 1, 0, 1, 0, 1, 0, 1));
    }

    @Test
    void roundTripRestoresParametersUpdaterStatePositionMetadataAndCounters() throws IOException {
        MultiLayerNetwork net = network();
        net.fit(batch(1));
        net.fit(batch(2));
        Path file = tmp.resolve("checkpoint.zip");
        TrainingPosition position = new TrainingPosition(1, 3, 7);

        Checkpoints.save(net, position, Map.of("hidden", "5", "seed", "3"), file);
        Checkpoints.Restored<MultiLayerNetwork> restored = Checkpoints.restoreMultiLayerNetwork(file);

        assertEquals(position, restored.position());
        assertEquals(Map.of("hidden", "5", "seed", "3"), restored.metadata());
        assertEquals(position, Checkpoints.position(file));
        assertArrayEquals(net.params().toFloatVector(), restored.model().params().toFloatVector(), 0f);
        assertArrayEquals(net.getUpdater().getStateViewArray().toFloatVector(),
                restored.model().getUpdater().getStateViewArray().toFloatVector(), 0f);
        assertEquals(7, restored.model().getIterationCount());
        assertEquals(1, restored.model().getEpochCount());
        // a plain ModelSerializer restore reads it too (it is an ordinary model zip)
        assertEquals(2, ModelSerializer.restoreMultiLayerNetwork(file.toFile()).getnLayers());
        try (var files = Files.list(tmp)) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void nonFiniteParametersAreNotWrittenAndThePreviousCheckpointStays() throws IOException {
        MultiLayerNetwork net = network();
        Path file = tmp.resolve("checkpoint.zip");
        Checkpoints.save(net, TrainingPosition.START, Map.of(), file);
        byte[] good = Files.readAllBytes(file);

        net.getLayer(0).getParam("W").putScalar(0, 0, Float.NaN);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Checkpoints.save(net, new TrainingPosition(0, 1, 1), Map.of(), file));

        assertTrue(e.getMessage().contains("NaN") && e.getMessage().contains(file.toString()), e.getMessage());
        assertArrayEquals(good, Files.readAllBytes(file));
        try (var files = Files.list(tmp)) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void aPlainModelZipIsNotACheckpoint() throws IOException {
        Path file = tmp.resolve("model.zip");
        ModelSerializer.writeModel(network(), file.toFile(), true);

        IOException e = assertThrows(IOException.class, () -> Checkpoints.restoreMultiLayerNetwork(file));

        assertTrue(e.getMessage().contains("not a Hebbian4j checkpoint") && e.getMessage().contains(file.toString()),
                e.getMessage());
        assertThrows(NoSuchFileException.class, () -> Checkpoints.position(tmp.resolve("absent.zip")));
    }

    @Test
    void positionAfterSplitsIterationsIntoEpochsAndBatches() {
        assertEquals(new TrainingPosition(2, 3, 23), TrainingPosition.after(23, 10));
        assertEquals(new TrainingPosition(3, 0, 30), TrainingPosition.after(30, 10));
        assertEquals(TrainingPosition.START, TrainingPosition.after(0, 10));
    }
}
