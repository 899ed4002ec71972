package org.hebbian4j.metrics;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.hebbian4j.competition.HardWta;
import org.hebbian4j.competition.SoftWta;
import org.hebbian4j.conf.HebbianConvolutionLayer;
import org.hebbian4j.conf.HebbianDenseLayer;
import org.hebbian4j.data.ShuffledDataSetIterator;
import org.hebbian4j.rules.InstarRule;
import org.hebbian4j.rules.SoftHebbRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The listener's per-neuron records equal a naive recomputation from the data and the weights
 * before and after each step, in MultiLayerNetwork and ComputationGraph, dense and convolution.
 */
class HebbianStatisticsListenerTest {

    private static final int N_IN = 6;
    private static final int N_OUT = 5;
    private static final int CLASSES = 3;
    private static final int BATCH = 8;
    private static final double LR = 0.1;
    private static final double BIAS = 0.02;

    private static HebbianDenseLayer.Builder hebbian() {
        return new HebbianDenseLayer.Builder().name("hebbian").nIn(N_IN).nOut(N_OUT).rule(new InstarRule())
                .competition(new HardWta()).activation(Activation.RELU).biasInit(BIAS);
    }

    private static OutputLayer output() {
        return new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(N_OUT).nOut(CLASSES)
                .activation(Activation.SOFTMAX).build();
    }

    private static MultiLayerNetwork mln(HebbianDenseLayer.Builder hebbian, NeuralNetConfiguration.Builder base) {
        MultiLayerNetwork net = new MultiLayerNetwork(base.list().layer(hebbian.build()).layer(output()).build());
        net.init();
        return net;
    }

    private static NeuralNetConfiguration.Builder base() {
        return new NeuralNetConfiguration.Builder().seed(5).dataType(DataType.DOUBLE).weightInit(WeightInit.XAVIER)
                .updater(new Sgd(LR));
    }

    private static DataSet batch(long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray x = Nd4j.rand(DataType.DOUBLE, BATCH, N_IN);
        INDArray y = Nd4j.zeros(DataType.DOUBLE, BATCH, CLASSES);
        for (int s = 0; s < BATCH; s++) {
            y.putScalar(s, s % CLASSES, 1.0);
        }
        return new DataSet(x, y);
    }

    /** Naive hard-WTA winners: per sample the neuron with the largest u = x W + b (lowest index on ties). */
    private static void addWins(double[] wins, double[][] x, double[][] w, double bias) {
        for (double[] sample : x) {
            int best = 0;
            double bestU = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < w[0].length; j++) {
                double u = bias;
                for (int i = 0; i < sample.length; i++) {
                    u += sample[i] * w[i][j];
                }
                if (u > bestU) {
                    bestU = u;
                    best = j;
                }
            }
            wins[best]++;
        }
    }

    /** Per neuron (column j of DL4J's [nIn, nOut] W) the L2 norm of a - b, divided by {@code scale}. */
    private static double[] columnDistances(double[][] a, double[][] b, double scale) {
        double[] out = new double[a[0].length];
        for (int j = 0; j < out.length; j++) {
            double sq = 0;
            for (int i = 0; i < a.length; i++) {
                sq += (a[i][j] - b[i][j]) * (a[i][j] - b[i][j]);
            }
            out[j] = Math.sqrt(sq) / scale;
        }
        return out;
    }

    /** Mean over samples of the output entropy of relu(x W + b). */
    private static double naiveEntropy(double[][] x, double[][] w, double bias) {
        double sum = 0;
        int counted = 0;
        for (double[] sample : x) {
            double[] out = new double[w[0].length];
            for (int j = 0; j < out.length; j++) {
                double u = bias;
                for (int i = 0; i < sample.length; i++) {
                    u += sample[i] * w[i][j];
                }
                out[j] = Math.max(0, u);
            }
            double h = OutputEntropy.of(out);
            if (!Double.isNaN(h)) {
                sum += h;
                counted++;
            }
        }
        return sum / counted;
    }

    @Test
    void winCountsUpdateSizesAndDistancesEqualANaiveRecomputationInAMultiLayerNetwork() {
        MultiLayerNetwork net = mln(hebbian(), base());
        HebbianStatisticsListener listener = new HebbianStatisticsListener();
        net.setListeners(listener);

        double[][] initial = net.getLayer(0).getParam("W").toDoubleMatrix();
        double[] wins = new double[N_OUT];
        double[] updateSum = new double[N_OUT];
        double firstBatchEntropy = Double.NaN;
        int steps = 6;
        for (int step = 0; step < steps; step++) {
            DataSet data = batch(100 + step);
            double[][] before = net.getLayer(0).getParam("W").toDoubleMatrix();
            addWins(wins, data.getFeatures().toDoubleMatrix(), before, BIAS);
            if (step == 0) {
                firstBatchEntropy = naiveEntropy(data.getFeatures().toDoubleMatrix(), before, BIAS);
            }
            net.fit(data);
            double[][] after = net.getLayer(0).getParam("W").toDoubleMatrix();
            // Instar under Sgd(lr) without normalization: W moves by exactly lr dW.
            double[] size = columnDistances(after, before, LR);
            for (int j = 0; j < N_OUT; j++) {
                updateSum[j] += size[j];
            }
        }

        LayerSnapshot snapshot = listener.snapshot(0);
        assertArrayEquals(wins, snapshot.wins(), 1e-12, "wins");
        assertEquals(steps * BATCH, snapshot.summary().totalActivity(), 1e-12);
        double[] average = new double[N_OUT];
        for (int j = 0; j < N_OUT; j++) {
            average[j] = updateSum[j] / steps;
        }
        assertArrayEquals(average, snapshot.averageUpdateSize(), 1e-10, "average update size");
        assertArrayEquals(columnDistances(net.getLayer(0).getParam("W").toDoubleMatrix(), initial, 1.0),
                snapshot.distanceFromInitial(), 1e-12, "distance from the initial weights");
        assertEquals(Gini.of(average), snapshot.summary().gini(), 1e-12);
        assertEquals(steps, snapshot.summary().steps());
        assertEquals(List.of(0), listener.layerIndices());

        // The first step is recorded on its own (Liuson's "start"), with the entropy of the first batch.
        LayerSummary first = listener.history(0).get(0);
        assertEquals(1, first.steps());
        assertEquals(firstBatchEntropy, first.outputEntropy(), 1e-12);
        assertTrue(sameValues(snapshot, listener.snapshot("hebbian")));
    }

    @Test
    void averageUpdateVectorsGiveTheGiniOfTheNormsOfTheMeanUpdatesAsANaiveRecomputation() {
        MultiLayerNetwork net = mln(hebbian(), base());
        HebbianStatisticsListener listener = new HebbianStatisticsListener.Builder().averageUpdateVectors(true).build();
        net.setListeners(listener);

        double[][] initial = net.getLayer(0).getParam("W").toDoubleMatrix();
        int steps = 5;
        for (int step = 0; step < steps; step++) {
            net.fit(batch(300 + step));
        }
        // Under Sgd(lr) without normalization W moves by exactly lr dW per step, so the sum of the
        // updates is (W_end - W_0) / lr and the average update of neuron j is its column / steps.
        double[] vectorAverage = columnDistances(net.getLayer(0).getParam("W").toDoubleMatrix(), initial, LR * steps);

        LayerSummary summary = listener.snapshot(0).summary();
        assertEquals(Gini.of(vectorAverage), summary.giniOfAverageUpdate(), 1e-6);
        assertTrue(Math.abs(summary.giniOfAverageUpdate() - summary.gini()) > 1e-3,
                "the two readings differ here: " + summary);
        // the start summary: after one step both readings are the same numbers
        LayerSummary first = listener.history(0).get(0);
        assertEquals(first.gini(), first.giniOfAverageUpdate(), 1e-6);
    }

    @Test
    void averageUpdateVectorsAreOffByDefault() {
        MultiLayerNetwork net = mln(hebbian(), base());
        HebbianStatisticsListener listener = new HebbianStatisticsListener();
        net.setListeners(listener);
        net.fit(batch(3));
        assertTrue(Double.isNaN(listener.snapshot(0).summary().giniOfAverageUpdate()));
    }

    private static boolean sameValues(LayerSnapshot a, LayerSnapshot b) {
        return java.util.Arrays.equals(a.wins(), b.wins()) && java.util.Arrays.equals(a.averageUpdateSize(), b.averageUpdateSize());
    }

    @Test
    void updateSizeIsTheRulesDwInDirectModeUnderAdam() {
        double directRate = 0.03;
        MultiLayerNetwork net = mln(hebbian().directStep(directRate), base().updater(new Adam(0.01)));
        HebbianStatisticsListener listener = new HebbianStatisticsListener();
        net.setListeners(listener);
        DataSet data = batch(7);
        double[][] before = net.getLayer(0).getParam("W").toDoubleMatrix();
        net.fit(data);
        double[][] after = net.getLayer(0).getParam("W").toDoubleMatrix();
        assertArrayEquals(columnDistances(after, before, directRate), listener.snapshot(0).averageUpdateSize(), 1e-10);
    }

    @Test
    void computationGraphRecordsTheSameAsANaiveRecomputation() {
        ComputationGraphConfiguration conf = base().graphBuilder().addInputs("in")
                .addLayer("hebbian", hebbian().build(), "in")
                .addLayer("out", output(), "hebbian")
                .setOutputs("out").build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        HebbianStatisticsListener listener = new HebbianStatisticsListener();
        graph.setListeners(listener);

        double[] wins = new double[N_OUT];
        double[] updateSum = new double[N_OUT];
        double entropy = Double.NaN;
        for (int step = 0; step < 3; step++) {
            DataSet data = batch(200 + step);
            double[][] before = graph.getLayer("hebbian").getParam("W").toDoubleMatrix();
            addWins(wins, data.getFeatures().toDoubleMatrix(), before, BIAS);
            if (step == 0) {
                entropy = naiveEntropy(data.getFeatures().toDoubleMatrix(), before, BIAS);
            }
            graph.fit(data);
            double[] size = columnDistances(graph.getLayer("hebbian").getParam("W").toDoubleMatrix(), before, LR);
            for (int j = 0; j < N_OUT; j++) {
                updateSum[j] += size[j] / 3;
            }
        }
        LayerSnapshot snapshot = listener.snapshot("hebbian");
        assertArrayEquals(wins, snapshot.wins(), 1e-12);
        assertArrayEquals(updateSum, snapshot.averageUpdateSize(), 1e-10);
        assertEquals(entropy, listener.history().get(0).outputEntropy(), 1e-12);
    }

    @Test
    void convolutionWinsCountOneWinnerPerSampleAndPosition() {
        int channels = 2;
        int size = 5;
        int batch = 3;
        MultiLayerNetwork net = new MultiLayerNetwork(base().list()
                .layer(new HebbianConvolutionLayer.Builder(3, 3).nOut(4).rule(new InstarRule()).competition(new HardWta())
                        .activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(CLASSES)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(size, size, channels)).build());
        net.init();
        HebbianStatisticsListener listener = new HebbianStatisticsListener();
        net.setListeners(listener);
        Nd4j.getRandom().setSeed(3);
        INDArray x = Nd4j.rand(DataType.DOUBLE, batch, channels, size, size);
        INDArray y = Nd4j.zeros(DataType.DOUBLE, batch, CLASSES);
        y.putScalar(0, 0, 1.0);
        y.putScalar(1, 1, 1.0);
        y.putScalar(2, 2, 1.0);
        INDArray before = net.getLayer(0).getParam("W").dup();
        net.fit(x, y);
        net.fit(x, y);

        LayerSnapshot snapshot = listener.snapshot(0);
        // 3x3 valid positions of a 5x5 image, one winner each, two steps.
        assertEquals(2 * batch * 9, snapshot.summary().totalActivity(), 1e-12);
        assertEquals(4, snapshot.wins().length);
        INDArray moved = net.getLayer(0).getParam("W").sub(before).reshape(4, channels * 9);
        assertArrayEquals(moved.norm2(1).toDoubleVector(), snapshot.distanceFromInitial(), 1e-12);
        assertTrue(snapshot.summary().outputEntropy() >= 0);
    }

    @Test
    void epochEndsRecordNeuronSnapshotsAndWriteBothCsvFiles(@TempDir Path dir) throws Exception {
        MultiLayerNetwork net = mln(new HebbianDenseLayer.Builder().name("hebbian").nIn(N_IN).nOut(N_OUT)
                .rule(new SoftHebbRule()).competition(new SoftWta(0.5)).activation(Activation.RELU), base());
        HebbianStatisticsListener listener = HebbianStatisticsListener.builder().snapshotEvery(2).csvDirectory(dir).build();
        net.setListeners(listener);
        DataSet all = DataSet.merge(List.of(batch(1), batch(2), batch(3), batch(4), batch(5)));
        net.fit(new ShuffledDataSetIterator(all, BATCH, 1), 2);

        // 5 steps per epoch: summaries after steps 1, 2, 4, 5 (epoch end), 6, 8, 10 (epoch end and periodic).
        List<LayerSummary> history = listener.history(0);
        assertEquals(List.of(1L, 2L, 4L, 5L, 6L, 8L, 10L), history.stream().map(LayerSummary::steps).toList());
        assertEquals(2, listener.epochSnapshots().size());
        // Soft-WTA activity sums to 1 per sample.
        assertEquals(2 * 40, listener.epochSnapshots().get(1).summary().totalActivity(), 1e-9);

        List<String> summaryCsv = Files.readAllLines(dir.resolve(HebbianStatisticsListener.SUMMARY_CSV));
        assertEquals(StatisticsCsv.SUMMARY_HEADER, summaryCsv.get(0));
        assertEquals(1 + history.size(), summaryCsv.size());
        List<String> neuronCsv = Files.readAllLines(dir.resolve(HebbianStatisticsListener.NEURON_CSV));
        assertEquals(StatisticsCsv.NEURON_HEADER, neuronCsv.get(0));
        assertEquals(1 + 2 * N_OUT, neuronCsv.size());
        assertTrue(neuronCsv.get(1).startsWith("0,"), neuronCsv.get(1));
        try (var files = Files.list(dir)) {
            assertEquals(2, files.count(), "no temporary files left behind");
        }
    }

    @Test
    void aDivergingLayerIsStoppedByTheGuardAndTheListenerStaysReadable() {
        // Plain Hebb with no competition and a huge learning rate: the weights overflow within a few
        // steps; the layers' non-finite guard stops training, and the statistics recorded so far are
        // still readable (a Gini of infinite update sizes is NaN, not an exception).
        MultiLayerNetwork net = mln(new HebbianDenseLayer.Builder().name("hebbian").nIn(N_IN).nOut(N_OUT)
                .rule(new org.hebbian4j.rules.HebbRule()).competition(new org.hebbian4j.competition.NoCompetition())
                .activation(Activation.IDENTITY), base().updater(new Sgd(1e30)).dataType(DataType.FLOAT));
        HebbianStatisticsListener listener = HebbianStatisticsListener.builder().snapshotEvery(1).build();
        net.setListeners(listener);
        DataSet data = batch(9);
        DataSet floats = new DataSet(data.getFeatures().castTo(DataType.FLOAT), data.getLabels().castTo(DataType.FLOAT));
        assertThrows(org.hebbian4j.layers.NonFiniteUpdateException.class, () -> {
            for (int step = 0; step < 6; step++) {
                net.fit(floats);
            }
        });
        double gini = listener.snapshot(0).summary().gini();
        assertTrue(Double.isNaN(gini) || gini >= 0 && gini <= 1, "Gini is NaN or a valid coefficient: " + gini);
    }

    @Test
    void oneListenerWatchesOneNetworkAndNamesUnknownLayers() {
        MultiLayerNetwork net = mln(hebbian(), base());
        HebbianStatisticsListener listener = new HebbianStatisticsListener();
        assertThrows(IllegalStateException.class, () -> listener.snapshot(0));
        listener.observe(net);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> listener.snapshot(1));
        assertTrue(e.getMessage().contains("'hebbian'"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> listener.observe(mln(hebbian(), base())));
        assertThrows(IllegalArgumentException.class, () -> HebbianStatisticsListener.builder().deadTolerance(0).build());
    }
}
