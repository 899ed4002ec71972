package org.hebbian4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class ShuffledDataSetIteratorTest {

    /** N examples; feature column 0 is the example's id, column 1 is 10 * id; label = one-hot of id % 3. */
    private static DataSet withIds(int n) {
        INDArray ids = Nd4j.arange(0, n).castTo(DataType.FLOAT).reshape(n, 1);
        INDArray features = Nd4j.hstack(ids, ids.mul(10));
        float[] oneHot = new float[n * 3];
        for (int i = 0; i < n; i++) {
            oneHot[i * 3 + i % 3] = 1f;
        }
        return new DataSet(features, Nd4j.create(oneHot, new long[] {n, 3}, DataType.FLOAT));
    }

    /** The ids of one whole epoch, in visiting order; checks each batch's labels against its ids. */
    private static List<Integer> epochIds(ShuffledDataSetIterator iterator, List<Integer> batchSizes) {
        List<Integer> ids = new ArrayList<>();
        while (iterator.hasNext()) {
            DataSet batch = iterator.next();
            batchSizes.add(batch.numExamples());
            int[] batchIds = batch.getFeatures().getColumn(0).toIntVector();
            int[] classes = batch.getLabels().argMax(1).toIntVector();
            float[] tens = batch.getFeatures().getColumn(1).toFloatVector();
            for (int i = 0; i < batchIds.length; i++) {
                assertEquals(batchIds[i] % 3, classes[i], "labels must follow their features");
                assertEquals(10f * batchIds[i], tens[i], "a row must stay whole");
                ids.add(batchIds[i]);
            }
        }
        return ids;
    }

    private static List<Integer> epochIds(ShuffledDataSetIterator iterator) {
        return epochIds(iterator, new ArrayList<>());
    }

    private static List<Integer> range(int n) {
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(i);
        }
        return ids;
    }

    @Test
    void oneEpochVisitsEveryExampleOnceWithASmallerLastBatch() {
        ShuffledDataSetIterator iterator = new ShuffledDataSetIterator(withIds(10), 3, 42);
        List<Integer> sizes = new ArrayList<>();
        List<Integer> ids = epochIds(iterator, sizes);
        assertEquals(List.of(3, 3, 3, 1), sizes);
        List<Integer> sorted = new ArrayList<>(ids);
        sorted.sort(null);
        assertEquals(range(10), sorted);
        assertNotEquals(range(10), ids, "the order should be shuffled");
        assertThrows(NoSuchElementException.class, iterator::next);
    }

    @Test
    void batchSizeDividingTheDataGivesFullBatches() {
        List<Integer> sizes = new ArrayList<>();
        epochIds(new ShuffledDataSetIterator(withIds(12), 4, 1), sizes);
        assertEquals(List.of(4, 4, 4), sizes);
    }

    @Test
    void sameSeedGivesTheSameOrderInEveryEpoch() {
        ShuffledDataSetIterator a = new ShuffledDataSetIterator(withIds(50), 8, 7);
        ShuffledDataSetIterator b = new ShuffledDataSetIterator(withIds(50), 8, 7);
        for (int epoch = 0; epoch < 3; epoch++) {
            assertEquals(epochIds(a), epochIds(b), "epoch " + epoch);
            a.reset();
            b.reset();
        }
        assertNotEquals(epochIds(new ShuffledDataSetIterator(withIds(50), 8, 8)),
                epochIds(new ShuffledDataSetIterator(withIds(50), 8, 7)), "another seed, another order");
    }

    @Test
    void resetStartsANewPermutationThatDependsOnlyOnSeedAndEpoch() {
        ShuffledDataSetIterator iterator = new ShuffledDataSetIterator(withIds(50), 8, 3);
        List<Integer> first = epochIds(iterator);
        iterator.reset();
        assertEquals(1, iterator.epoch());
        List<Integer> second = epochIds(iterator);
        assertNotEquals(first, second);
        List<Integer> sorted = new ArrayList<>(second);
        sorted.sort(null);
        assertEquals(range(50), sorted);

        // a reset in the middle of an epoch also starts the next epoch; its order is the same
        ShuffledDataSetIterator interrupted = new ShuffledDataSetIterator(withIds(50), 8, 3);
        interrupted.next();
        interrupted.reset();
        assertEquals(second, epochIds(interrupted));
    }

    @Test
    void withoutShuffleEveryEpochKeepsTheStoredOrder() {
        ShuffledDataSetIterator iterator = new ShuffledDataSetIterator(withIds(7), 2, 5, false);
        assertEquals(range(7), epochIds(iterator));
        iterator.reset();
        assertEquals(range(7), epochIds(iterator));
    }

    @Test
    void preprocessorIsAppliedToFreshBatchesOnly() {
        DataSet data = withIds(6);
        INDArray original = data.getFeatures().dup();
        ShuffledDataSetIterator iterator = new ShuffledDataSetIterator(data, 4, 9);
        iterator.setPreProcessor(batch -> batch.getFeatures().addi(1000));
        assertTrue(iterator.getPreProcessor() != null);
        DataSet batch = iterator.next();
        assertTrue(batch.getFeatures().getColumn(0).minNumber().doubleValue() >= 1000.0);
        batch.getFeatures().assign(-1);
        assertEquals(original, data.getFeatures(), "batches must not be views of the stored data");
    }

    @Test
    void imageFeaturesKeepTheirShapeAndRows() {
        int n = 5;
        INDArray images = Nd4j.rand(DataType.FLOAT, n, 3, 4, 4);
        DataSet data = new DataSet(images, Nd4j.eye(n).castTo(DataType.FLOAT));
        ShuffledDataSetIterator iterator = new ShuffledDataSetIterator(data, 2, 11);
        assertEquals(48, iterator.inputColumns());
        assertEquals(5, iterator.totalOutcomes());
        int seen = 0;
        while (iterator.hasNext()) {
            DataSet batch = iterator.next();
            long b = batch.numExamples();
            assertArrayEquals(new long[] {b, 3, 4, 4}, batch.getFeatures().shape());
            int[] ids = batch.getLabels().argMax(1).toIntVector();
            for (int i = 0; i < ids.length; i++) {
                assertEquals(images.get(NDArrayIndex.point(ids[i])),
                        batch.getFeatures().get(NDArrayIndex.point(i)));
            }
            seen += ids.length;
        }
        assertEquals(n, seen);
    }

    @Test
    void reportsItsSizesAndCapabilities() {
        ShuffledDataSetIterator iterator = new ShuffledDataSetIterator(withIds(10), 4, 0);
        assertEquals(10, iterator.numExamples());
        assertEquals(4, iterator.batch());
        assertEquals(2, iterator.inputColumns());
        assertEquals(3, iterator.totalOutcomes());
        assertTrue(iterator.resetSupported());
        assertTrue(iterator.asyncSupported());
        assertNull(iterator.getLabels());
        assertEquals(2, iterator.next(2).numExamples());
        assertEquals(4, iterator.next().numExamples());
    }

    @Test
    void invalidArgumentsAreRejectedWithTheirName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ShuffledDataSetIterator(withIds(3), 0, 1));
        assertTrue(e.getMessage().contains("batchSize"), e.getMessage());
        DataSet mismatched = new DataSet(Nd4j.zeros(DataType.FLOAT, 4, 2), Nd4j.zeros(DataType.FLOAT, 3, 2));
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> new ShuffledDataSetIterator(mismatched, 2, 1));
        assertTrue(shape.getMessage().contains("labels"), shape.getMessage());
    }

    @Test
    void startAtGivesTheBatchesAnUninterruptedTraversalWouldHaveGiven() {
        DataSet data = withIds(23);
        ShuffledDataSetIterator through = new ShuffledDataSetIterator(data, 5, 9);
        epochIds(through);
        through.reset();
        epochIds(through);
        through.reset();                        // epoch 2
        through.next();
        through.next();
        List<Integer> restOfEpoch2 = epochIds(through);
        through.reset();
        List<Integer> epoch3 = epochIds(through);

        ShuffledDataSetIterator resumed = new ShuffledDataSetIterator(data, 5, 9);
        resumed.startAt(2, 2);
        assertEquals(2, resumed.epoch());
        assertEquals(restOfEpoch2, epochIds(resumed));
        resumed.reset();
        assertEquals(epoch3, epochIds(resumed), "the epochs after follow as usual");

        resumed.startAt(2, 5);
        assertFalse(resumed.hasNext(), "5 of 5 batches done: the epoch is over");
        assertEquals(5, resumed.batchesPerEpoch());
    }

    @Test
    void startAtRejectsPositionsOutsideTheData() {
        ShuffledDataSetIterator iterator = new ShuffledDataSetIterator(withIds(10), 4, 1);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> iterator.startAt(-1, 0))
                .getMessage().contains("epoch"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> iterator.startAt(0, 4))
                .getMessage().contains("0..3"));
    }

    @Test
    void drivesMultiLayerNetworkFitOverSeveralEpochs() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(1).updater(new Sgd(0.1)).dataType(DataType.FLOAT)
                .list()
                .layer(new DenseLayer.Builder().nIn(2).nOut(4).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(4).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        DataSet data = withIds(20);
        data.getFeatures().divi(200);
        ShuffledDataSetIterator iterator = new ShuffledDataSetIterator(data, 6, 2);
        net.fit(iterator, 3);
        assertEquals(3 * 4, net.getIterationCount(), "3 epochs of 4 batches");
        assertFalse(Double.isNaN(net.score()));
    }
}
