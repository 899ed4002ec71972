package org.hebbian4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.indexing.NDArrayIndex;

class Cifar10DataTest {

    private static final Path CIFAR = TestFiles.sharedData("cifar-10-subset");
    private static final int RECORD = Cifar10Data.RECORD_BYTES;

    /** The 4,000-record training subset, loaded once, and the raw bytes of its file. */
    private static DataSet train;
    private static byte[] trainBytes;

    @TempDir
    Path tmp;

    @BeforeAll
    static void loadTrainingSubset() throws IOException {
        if (Files.isDirectory(CIFAR)) {
            train = Cifar10Data.load(CIFAR, true, 0);
            trainBytes = Files.readAllBytes(CIFAR.resolve("data_batch_1.bin"));
        }
    }

    private static void assumeCifar() {
        Assumptions.assumeTrue(train != null, "shared CIFAR-10 subset not found at " + CIFAR);
    }

    private static void assertMessageContains(Throwable e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "message should contain \"" + part + "\": " + e.getMessage());
        }
    }

    /** Records whose label is {@code label} and whose pixel {@code p} of the 3072 has value {@code (r + p) % 256}. */
    private static byte[] records(int... labels) {
        byte[] bytes = new byte[labels.length * RECORD];
        for (int r = 0; r < labels.length; r++) {
            bytes[r * RECORD] = (byte) labels[r];
            for (int p = 0; p < RECORD - 1; p++) {
                bytes[r * RECORD + 1 + p] = (byte) (r + p);
            }
        }
        return bytes;
    }

    @Test
    void trainingSubsetHas4000ImagesInNchwAndUnitRange() {
        assumeCifar();
        INDArray features = train.getFeatures();
        assertArrayEquals(new long[] {4000, 3, 32, 32}, features.shape());
        assertArrayEquals(new long[] {4000, Cifar10Data.NUM_CLASSES}, train.getLabels().shape());
        assertEquals(DataType.FLOAT, features.dataType());
        assertTrue(features.minNumber().doubleValue() >= 0.0);
        assertTrue(features.maxNumber().doubleValue() <= 1.0);
        assertEquals(4000, train.getLabels().sumNumber().intValue());
    }

    @Test
    void channelsAreRedGreenBlueInTheFileOrder() {
        assumeCifar();
        INDArray features = train.getFeatures();
        // record 0: byte 0 label, bytes 1.. red, 1025.. green, 2049.. blue
        assertEquals(trainBytes[1] & 0xFF, Math.round(features.getFloat(0, 0, 0, 0) * 255));
        assertEquals(trainBytes[1025] & 0xFF, Math.round(features.getFloat(0, 1, 0, 0) * 255));
        assertEquals(trainBytes[2049] & 0xFF, Math.round(features.getFloat(0, 2, 0, 0) * 255));
        // every pixel of records on both sides of the loader's internal chunk boundary and the last one
        for (int r : new int[] {0, 1, 1023, 1024, 1025, 3999}) {
            float[] image = features.get(NDArrayIndex.point(r)).dup().data().asFloat();
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < 32; y++) {
                    for (int x = 0; x < 32; x++) {
                        int offset = c * 1024 + y * 32 + x;
                        assertEquals((trainBytes[r * RECORD + 1 + offset] & 0xFF) / 255f, image[offset], 0f,
                                "record " + r + " channel " + c + " pixel (" + y + "," + x + ")");
                    }
                }
            }
        }
    }

    @Test
    void labelsMatchTheFirstByteOfEveryRecord() {
        assumeCifar();
        int[] argMax = train.getLabels().argMax(1).toIntVector();
        for (int r = 0; r < 4000; r++) {
            assertEquals(trainBytes[r * RECORD], argMax[r], "record " + r);
        }
    }

    @Test
    void testSubsetHas1000Images() throws IOException {
        assumeCifar();
        DataSet test = Cifar10Data.load(CIFAR, false, 0);
        assertArrayEquals(new long[] {1000, 3, 32, 32}, test.getFeatures().shape());
        byte[] first = Arrays.copyOf(Files.readAllBytes(CIFAR.resolve("test_batch.bin")), RECORD);
        assertEquals(first[0], test.getLabels().getRow(0).argMax().getInt(0));
        assertEquals(first[3072] & 0xFF, Math.round(test.getFeatures().getFloat(0, 2, 31, 31) * 255));
        assertEquals(100, Cifar10Data.load(CIFAR, false, 100).numExamples());
    }

    @Test
    void trainingBatchesThatExistAreReadInOrderAndLimitSpansFiles() throws IOException {
        Files.write(tmp.resolve("data_batch_3.bin"), records(7, 8, 9));
        Files.write(tmp.resolve("data_batch_1.bin"), records(1, 2));
        DataSet all = Cifar10Data.load(tmp, true, 0);
        assertArrayEquals(new int[] {1, 2, 7, 8, 9}, all.getLabels().argMax(1).toIntVector());
        // the first record of data_batch_3 has pixel p = p % 256
        assertEquals(5 / 255f, all.getFeatures().getFloat(2, 0, 0, 5), 0f);
        assertEquals(1 / 255f, all.getFeatures().getFloat(1, 0, 0, 0), 0f);
        DataSet three = Cifar10Data.load(tmp, true, 3);
        assertArrayEquals(new int[] {1, 2, 7}, three.getLabels().argMax(1).toIntVector());
    }

    @Test
    void truncatedFileNamesFileSizeAndRecordSize() throws IOException {
        Path file = tmp.resolve("data_batch_1.bin");
        Files.write(file, Arrays.copyOf(records(1, 2, 3), 2 * RECORD + 100));
        DataFormatException e = assertThrows(DataFormatException.class, () -> Cifar10Data.load(tmp, true, 1));
        assertMessageContains(e, file.toString(), "truncated", String.valueOf(2 * RECORD + 100), "3073",
                "2 complete records");
    }

    @Test
    void truncatedSecondTrainingFileIsNamed() throws IOException {
        Files.write(tmp.resolve("data_batch_1.bin"), records(1, 2));
        Path second = tmp.resolve("data_batch_2.bin");
        Files.write(second, Arrays.copyOf(records(3, 4), RECORD + 7));
        DataFormatException e = assertThrows(DataFormatException.class, () -> Cifar10Data.load(tmp, true, 0));
        assertMessageContains(e, second.toString(), "truncated", "1 complete records", "7 bytes more");
    }

    @Test
    void emptyFileIsRejectedAsHoldingNoRecords() throws IOException {
        Path file = tmp.resolve("test_batch.bin");
        Files.write(file, new byte[0]);
        DataFormatException e = assertThrows(DataFormatException.class, () -> Cifar10Data.load(tmp, false, 0));
        assertMessageContains(e, file.toString(), "no records");
    }

    @Test
    void idxFileUnderACifarNameIsRejectedAsNotACifarFile() throws IOException {
        // An MNIST images file (16-byte header + 4 x 28 x 28 pixels) is not a whole number of records.
        Path file = tmp.resolve("test_batch.bin");
        Files.write(file, TestFiles.images(4, 28, 28));
        DataFormatException e = assertThrows(DataFormatException.class, () -> Cifar10Data.load(tmp, false, 0));
        assertMessageContains(e, file.toString(), "not a CIFAR-10 binary file");
    }

    @Test
    void labelAboveNineIsRejected() throws IOException {
        Path file = tmp.resolve("test_batch.bin");
        Files.write(file, records(3, 10));
        DataFormatException e = assertThrows(DataFormatException.class, () -> Cifar10Data.load(tmp, false, 0));
        assertMessageContains(e, file.toString(), "label byte 10 of record 1");
    }

    @Test
    void missingFilesAreNamedWithTheDirectory() {
        FileNotFoundException trainMissing = assertThrows(FileNotFoundException.class,
                () -> Cifar10Data.load(tmp, true, 0));
        assertMessageContains(trainMissing, "data_batch_1.bin", "data_batch_5.bin", tmp.toString(), "cifar");
        FileNotFoundException testMissing = assertThrows(FileNotFoundException.class,
                () -> Cifar10Data.load(tmp.resolve("absent"), false, 0));
        assertMessageContains(testMissing, "test_batch.bin", tmp.resolve("absent").toString(), "does not exist");
    }

    @Test
    void classNamesAreInLabelOrder() {
        assertEquals(10, Cifar10Data.classNames().size());
        assertEquals("airplane", Cifar10Data.classNames().get(0));
        assertEquals("cat", Cifar10Data.classNames().get(3));
        assertEquals("truck", Cifar10Data.classNames().get(9));
    }
}
