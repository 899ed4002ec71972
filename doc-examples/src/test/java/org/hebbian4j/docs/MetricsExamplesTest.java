package org.hebbian4j.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.hebbian4j.competition.HardWta;
import org.hebbian4j.conf.HebbianDenseLayer;
import org.hebbian4j.data.ShuffledDataSetIterator;
import org.hebbian4j.data.embedded.EmbeddedMnist;
import org.hebbian4j.metrics.HebbianStatisticsListener;
import org.hebbian4j.metrics.LayerSnapshot;
import org.hebbian4j.rules.InstarRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** The examples of docs/metrics.md. */
class MetricsExamplesTest {

    @TempDir
    Path outDirectory;

    @Test
    @DocExample("metrics-listener")
    void theStatisticsListenerRecordsEveryNeuronAndWritesItsCsvFiles() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(42).updater(new Adam(1e-3)).list()
                .layer(new HebbianDenseLayer.Builder().nIn(784).nOut(40).rule(new InstarRule())
                        .competition(new HardWta()).normalizeWeights(true).activation(Activation.RELU)
                        .updater(new Sgd(0.5)).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(40).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        DataSetIterator trainIterator = new ShuffledDataSetIterator(EmbeddedMnist.train(640), 64, 42);

        // doc:begin metrics-listener
        HebbianStatisticsListener statistics = HebbianStatisticsListener.builder()
                .snapshotEvery(50)                         // a summary every 50 steps (also after step 1 and at epoch ends)
                .csvDirectory(outDirectory)                // hebbian-statistics.csv, hebbian-neurons.csv, rewritten each epoch
                .build();
        net.setListeners(statistics);                      // or addListeners(...)
        net.fit(trainIterator, 3);

        LayerSnapshot s = statistics.snapshot(0);           // layer 0 now (or snapshot("layerName"))
        s.summary().gini();                                 // Gini coefficient of the per-neuron average update size
        s.summary().deadFraction();                         // fraction of dead neurons
        s.summary().outputEntropy();                        // mean entropy of the layer's outputs
        s.averageUpdateSize(); s.wins(); s.distanceFromInitial(); s.dead();   // per neuron
        statistics.history(0);                              // the recorded summaries, in order
        // doc:end metrics-listener

        assertEquals(40, s.averageUpdateSize().length);
        assertEquals(40, s.dead().length);
        assertTrue(s.summary().gini() >= 0 && s.summary().gini() <= 1, s.summary().toString());
        // 10 steps per epoch, 3 epochs: after step 1, at step 50 and at the three epoch ends.
        assertTrue(statistics.history(0).size() >= 4, statistics.history(0).toString());
        assertTrue(Files.isRegularFile(outDirectory.resolve(HebbianStatisticsListener.SUMMARY_CSV)));
        assertTrue(Files.isRegularFile(outDirectory.resolve(HebbianStatisticsListener.NEURON_CSV)));
    }
}
