package org.hebbian4j.training;

import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.hebbian4j.conf.HebbianDenseLayer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A {@link PeriodicCheckpointListener} on a network that is pretrained: DL4J reports each pretraining step
 * to the network's listeners with the layer as the model. Those steps are no position of {@code fit}, so
 * the listener neither counts them nor writes a checkpoint; {@code fit} afterwards checkpoints as usual.
 */
class CheckpointListenerDuringPretrainingTest {

    @TempDir
    Path tmp;

    @Test
    void pretrainingStepsAreNeitherCountedNorCheckpointed() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.FLOAT)
                .updater(new Sgd(0.1)).list()
                .layer(new HebbianDenseLayer.Builder().nIn(6).nOut(5).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(5).nOut(2)
                        .activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        Path file = tmp.resolve("checkpoint.zip");
        List<TrainingPosition> saved = new ArrayList<>();
        PeriodicCheckpointListener listener = new PeriodicCheckpointListener(file, 1, 2, TrainingPosition.START,
                Map.of(), saved::add);
        net.setListeners(listener);
        Nd4j.getRandom().setSeed(1);
        List<DataSet> batches = List.of(
                new DataSet(Nd4j.rand(DataType.FLOAT, 4, 6), Nd4j.eye(2).castTo(DataType.FLOAT).getRows(0, 1, 0, 1)),
                new DataSet(Nd4j.rand(DataType.FLOAT, 4, 6), Nd4j.eye(2).castTo(DataType.FLOAT).getRows(1, 0, 1, 0)));

        net.pretrain(new ListDataSetIterator<>(batches, 1));

        assertEquals(0, listener.iterations());
        assertTrue(saved.isEmpty());
        assertFalse(Files.exists(file));

        net.fit(new ListDataSetIterator<>(batches, 1));
        assertEquals(2, listener.iterations());
        assertEquals(2, saved.size());
        assertTrue(Files.exists(file));
    }
}
