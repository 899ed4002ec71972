package org.hebbian4j.data.embedded;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.hebbian4j.data.MnistData;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.SplitTestAndTrain;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class EmbeddedMnistTest {

    private static DataSet all;

    @BeforeAll
    static void load() {
        all = EmbeddedMnist.all(0);
    }

    @Test
    void allIsTheMnistTestSetOf10000ScaledImagesWithOneHotLabelsStartingWith7210() {
        assertArrayEquals(new long[] {10_000, 784}, all.getFeatures().shape());
        assertArrayEquals(new long[] {10_000, 10}, all.getLabels().shape());
        assertEquals(0.0, all.getFeatures().minNumber().doubleValue());
        assertEquals(1.0, all.getFeatures().maxNumber().doubleValue());
        assertEquals(10_000.0, all.getLabels().sumNumber().doubleValue());
        // The official t10k labels begin 7, 2, 1, 0, 4.
        INDArray firstLabels = all.getLabels().get(NDArrayIndex.interval(0, 5), NDArrayIndex.all()).argMax(1);
        assertArrayEquals(new long[] {7, 2, 1, 0, 4}, firstLabels.toLongVector());
    }

    @Test
    void embeddedFilesEqualTheOfficialTestSetWhenTheSharedCopyIsThere() throws IOException {
        String root = System.getenv("HEBBIAN4J_SHARED_DATA");
        Path mnist = root == null ? null : Path.of(root, "mnist");
        Assumptions.assumeTrue(mnist != null && Files.isDirectory(mnist), "shared MNIST not found");
        DataSet official = MnistData.load(mnist, false, 0);
        assertEquals(official.getFeatures(), all.getFeatures());
        assertEquals(official.getLabels(), all.getLabels());
    }

    @Test
    void splitIsTheFirst8000AndTheLast2000InFileOrderAsDl4jSplitsThem() {
        SplitTestAndTrain split = EmbeddedMnist.split();
        assertEquals(EmbeddedMnist.TRAIN_EXAMPLES, split.getTrain().numExamples());
        assertEquals(EmbeddedMnist.TEST_EXAMPLES, split.getTest().numExamples());
        // DataSet.splitTestAndTrain(8000) is what the tool used before this class: the same two parts.
        SplitTestAndTrain dl4j = EmbeddedMnist.all(0).splitTestAndTrain(EmbeddedMnist.TRAIN_EXAMPLES);
        assertEquals(dl4j.getTrain().getFeatures(), split.getTrain().getFeatures());
        assertEquals(dl4j.getTrain().getLabels(), split.getTrain().getLabels());
        assertEquals(dl4j.getTest().getFeatures(), split.getTest().getFeatures());
        assertEquals(dl4j.getTest().getLabels(), split.getTest().getLabels());
        assertEquals(rows(all.getFeatures(), 8000, 10_000), split.getTest().getFeatures());
    }

    @Test
    void trainAndTestTakeTheFirstExamplesOfTheirPartAndIgnoreLimitsBeyondIt() {
        assertEquals(rows(all.getFeatures(), 0, 100), EmbeddedMnist.train(100).getFeatures());
        assertEquals(rows(all.getLabels(), 8000, 8050), EmbeddedMnist.test(50).getLabels());
        assertEquals(rows(all.getFeatures(), 8000, 8050), EmbeddedMnist.test(50).getFeatures());
        assertEquals(8000, EmbeddedMnist.train(0).numExamples());
        assertEquals(8000, EmbeddedMnist.train(9000).numExamples());
        assertEquals(2000, EmbeddedMnist.test(-1).numExamples());
        assertEquals(2000, EmbeddedMnist.test(5000).numExamples());
    }

    @Test
    void partsHaveArraysOfTheirOwn() {
        SplitTestAndTrain split = EmbeddedMnist.split();
        split.getTrain().getFeatures().assign(-1);
        assertEquals(0.0, split.getTest().getFeatures().minNumber().doubleValue());
        assertEquals(0.0, EmbeddedMnist.train(10).getFeatures().minNumber().doubleValue());
    }

    @Test
    void trainIteratorVisitsEveryTrainingExampleOncePerEpochInASeededOrder() {
        DataSetIterator first = EmbeddedMnist.trainIterator(1000, 7);
        DataSetIterator same = EmbeddedMnist.trainIterator(1000, 7);
        DataSetIterator other = EmbeddedMnist.trainIterator(1000, 8);
        INDArray labelCounts = Nd4j.zeros(DataType.FLOAT, 10);
        INDArray pixelSum = Nd4j.zeros(DataType.DOUBLE, 784);
        int batches = 0;
        boolean differs = false;
        while (first.hasNext()) {
            DataSet batch = first.next();
            assertEquals(1000, batch.numExamples());
            assertEquals(batch.getFeatures(), same.next().getFeatures());
            differs |= !batch.getFeatures().equals(other.next().getFeatures());
            labelCounts.addi(batch.getLabels().sum(0));
            pixelSum.addi(batch.getFeatures().castTo(DataType.DOUBLE).sum(0));
            batches++;
        }
        assertEquals(8, batches);
        assertTrue(differs, "another seed gives another order");
        DataSet train = EmbeddedMnist.train(0);
        assertEquals(train.getLabels().sum(0), labelCounts);
        assertTrue(train.getFeatures().castTo(DataType.DOUBLE).sum(0)
                .equalsWithEps(pixelSum, 1e-6), "every training example once");
        assertNotEquals(rows(train.getFeatures(), 0, 1000), EmbeddedMnist.trainIterator(1000, 7).next().getFeatures());
    }

    @Test
    void testIteratorGivesTheTestPartInFileOrder() {
        DataSetIterator iterator = EmbeddedMnist.testIterator(500);
        DataSet test = EmbeddedMnist.test(0);
        for (int from = 0; from < 2000; from += 500) {
            assertTrue(iterator.hasNext());
            DataSet batch = iterator.next();
            assertEquals(rows(test.getFeatures(), from, from + 500), batch.getFeatures());
            assertEquals(rows(test.getLabels(), from, from + 500), batch.getLabels());
        }
        assertFalse(iterator.hasNext());
    }

    private static INDArray rows(INDArray array, int from, int to) {
        return array.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
    }
}
