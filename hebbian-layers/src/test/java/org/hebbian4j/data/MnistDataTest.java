package org.hebbian4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
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
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class MnistDataTest {

    private static final Path MNIST = TestFiles.sharedData("mnist");

    /** The full MNIST test set, loaded once (null without the shared data). */
    private static DataSet testSet;

    @TempDir
    Path tmp;

    @BeforeAll
    static void loadTestSet() throws IOException {
        if (Files.isDirectory(MNIST)) {
            testSet = MnistData.load(MNIST, false, 0);
        }
    }

    private static void assumeMnist() {
        Assumptions.assumeTrue(testSet != null, "shared MNIST data not found at " + MNIST);
    }

    private static void assertMessageContains(Throwable e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "message should contain \"" + part + "\": " + e.getMessage());
        }
    }

    @Test
    void realTestSetHas10000ScaledImagesAndOneHotLabelsStartingWith7() {
        assumeMnist();
        INDArray features = testSet.getFeatures();
        INDArray labels = testSet.getLabels();
        assertArrayEquals(new long[] {10_000, 784}, features.shape());
        assertArrayEquals(new long[] {10_000, MnistData.NUM_CLASSES}, labels.shape());
        assertEquals(DataType.FLOAT, features.dataType());
        assertEquals(DataType.FLOAT, labels.dataType());
        assertEquals(0.0, features.minNumber().doubleValue());
        assertEquals(1.0, features.maxNumber().doubleValue());
        // one-hot: every value 0 or 1, exactly one 1 per row
        assertEquals(10_000, labels.sumNumber().intValue());
        assertEquals(10_000, labels.eq(1.0).castTo(DataType.INT32).sumNumber().intValue());
        assertEquals(1.0, labels.sum(1).minNumber().doubleValue());
        assertEquals(7, labels.getRow(0).argMax().getInt(0));
        assertEquals(2, labels.getRow(1).argMax().getInt(0));
    }

    @Test
    void pixelsAreRawBytesDividedBy255() throws IOException {
        assumeMnist();
        byte[][] raw = IdxFile.readImages(MNIST.resolve("t10k-images-idx3-ubyte.gz"), 1);
        float[] row = testSet.getFeatures().getRow(0).toFloatVector();
        for (int i = 0; i < 784; i++) {
            assertEquals((raw[0][i] & 0xFF) / 255f, row[i], 0f, "pixel " + i);
        }
    }

    @Test
    void limitLoadsTheFirstExamples() throws IOException {
        assumeMnist();
        DataSet first = MnistData.load(MNIST, false, 100);
        assertEquals(100, first.numExamples());
        assertEquals(testSet.getFeatures().get(NDArrayIndex.interval(0, 100), NDArrayIndex.all()), first.getFeatures());
        assertEquals(testSet.getLabels().get(NDArrayIndex.interval(0, 100), NDArrayIndex.all()), first.getLabels());
    }

    @Test
    void trainingSetLoadsFromTrainFiles() throws IOException {
        assumeMnist();
        DataSet train = MnistData.load(MNIST, true, 500);
        assertArrayEquals(new long[] {500, 784}, train.getFeatures().shape());
        assertEquals(5, train.getLabels().getRow(0).argMax().getInt(0));   // the first training digit is a 5
        assertEquals(60_000, IdxFile.readHeader(MNIST.resolve("train-images-idx3-ubyte.gz")).count());
    }

    @Test
    void unzippedFilesLoadLikeGzipOnes() throws IOException {
        assumeMnist();
        int n = 100;
        byte[] pixels = TestFiles.gunzipPrefix(MNIST.resolve("t10k-images-idx3-ubyte.gz"), 16 + n * 784);
        byte[] labels = TestFiles.gunzipPrefix(MNIST.resolve("t10k-labels-idx1-ubyte.gz"), 8 + n);
        TestFiles.write(tmp, "t10k-images-idx3-ubyte", TestFiles.idx(IdxFile.IMAGES_MAGIC, new int[] {n, 28, 28},
                Arrays.copyOfRange(pixels, 16, pixels.length)));
        TestFiles.write(tmp, "t10k-labels-idx1-ubyte", TestFiles.idx(IdxFile.LABELS_MAGIC, new int[] {n},
                Arrays.copyOfRange(labels, 8, labels.length)));
        DataSet fromRaw = MnistData.load(tmp, false, 0);
        DataSet fromGzip = MnistData.load(MNIST, false, n);
        assertEquals(fromGzip.getFeatures(), fromRaw.getFeatures());
        assertEquals(fromGzip.getLabels(), fromRaw.getLabels());
    }

    @Test
    void dottedVariantFileNamesAreAccepted() throws IOException {
        TestFiles.write(tmp, "train-images.idx3-ubyte.gz", TestFiles.gzip(TestFiles.images(2, 2, 3)));
        TestFiles.write(tmp, "train-labels.idx1-ubyte", TestFiles.labels(4, 9));
        DataSet data = MnistData.load(tmp, true, 0);
        assertArrayEquals(new long[] {2, 6}, data.getFeatures().shape());
        assertEquals(9, data.getLabels().getRow(1).argMax().getInt(0));
    }

    @Test
    void imagesOfAnySizeAreFlattenedAndScaled() throws IOException {
        TestFiles.write(tmp, "t10k-images-idx3-ubyte", TestFiles.images(3, 2, 5));   // pixel i = i
        TestFiles.write(tmp, "t10k-labels-idx1-ubyte.gz", TestFiles.gzip(TestFiles.labels(0, 1, 2)));
        DataSet data = MnistData.load(tmp, false, 0);
        assertArrayEquals(new long[] {3, 10}, data.getFeatures().shape());
        assertEquals(Nd4j.arange(0, 30).castTo(DataType.FLOAT).divi(255f).reshape(3, 10), data.getFeatures());
        assertEquals(Nd4j.eye(3).castTo(DataType.FLOAT),
                data.getLabels().get(NDArrayIndex.all(), NDArrayIndex.interval(0, 3)));
    }

    @Test
    void missingDirectoryNamesDirectoryFilesAndWhereToGetThem() {
        Path dir = tmp.resolve("no-mnist-here");
        FileNotFoundException e = assertThrows(FileNotFoundException.class, () -> MnistData.load(dir, false, 0));
        assertMessageContains(e, dir.toString(), "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte",
                "does not exist", "MNIST", "Fashion-MNIST");
    }

    @Test
    void missingFilesAreNamedWithTheDirectorySearched() throws IOException {
        FileNotFoundException both = assertThrows(FileNotFoundException.class, () -> MnistData.load(tmp, true, 0));
        assertMessageContains(both, "train-images-idx3-ubyte", "train-labels-idx1-ubyte", tmp.toString(),
                "Fashion-MNIST");
        TestFiles.write(tmp, "train-images-idx3-ubyte.gz", TestFiles.gzip(TestFiles.images(2, 2, 2)));
        FileNotFoundException labels = assertThrows(FileNotFoundException.class, () -> MnistData.load(tmp, true, 0));
        assertMessageContains(labels, "train-labels-idx1-ubyte", tmp.toString());
        assertFalse(labels.getMessage().contains("train-images"), labels.getMessage());
    }

    @Test
    void imageAndLabelCountMismatchNamesBothFilesAndCounts() throws IOException {
        Path images = TestFiles.write(tmp, "t10k-images-idx3-ubyte", TestFiles.images(3, 2, 2));
        Path labels = TestFiles.write(tmp, "t10k-labels-idx1-ubyte", TestFiles.labels(1, 2));
        DataFormatException e = assertThrows(DataFormatException.class, () -> MnistData.load(tmp, false, 0));
        assertMessageContains(e, images.toString(), labels.toString(), "3 images", "2 labels");
        // also detected when only a prefix is requested
        assertThrows(DataFormatException.class, () -> MnistData.load(tmp, false, 1));
    }

    @Test
    void labelOutsideZeroToNineIsRejectedWithItsValueAndIndex() throws IOException {
        TestFiles.write(tmp, "t10k-images-idx3-ubyte", TestFiles.images(3, 2, 2));
        Path labels = TestFiles.write(tmp, "t10k-labels-idx1-ubyte", TestFiles.labels(1, 10, 2));
        DataFormatException e = assertThrows(DataFormatException.class, () -> MnistData.load(tmp, false, 0));
        assertMessageContains(e, labels.toString(), "label 10 of example 1", "0..9");
    }

    @Test
    void swappedFilesReportTheWrongMagic() throws IOException {
        Path images = TestFiles.write(tmp, "t10k-images-idx3-ubyte", TestFiles.labels(1, 2));
        TestFiles.write(tmp, "t10k-labels-idx1-ubyte", TestFiles.images(2, 2, 2));
        DataFormatException e = assertThrows(DataFormatException.class, () -> MnistData.load(tmp, false, 0));
        assertMessageContains(e, images.toString(), "2049", "expected 2051");
    }

    @Test
    void truncatedImagesFileInDirectoryIsReported() throws IOException {
        byte[] full = TestFiles.images(2, 2, 2);
        Path images = TestFiles.write(tmp, "t10k-images-idx3-ubyte", Arrays.copyOf(full, full.length - 1));
        TestFiles.write(tmp, "t10k-labels-idx1-ubyte", TestFiles.labels(1, 2));
        DataFormatException e = assertThrows(DataFormatException.class, () -> MnistData.load(tmp, false, 0));
        assertMessageContains(e, images.toString(), "truncated");
    }

    @Test
    void truncatedLabelsFileInDirectoryIsReportedWithDeclaredAndFoundLabels() throws IOException {
        TestFiles.write(tmp, "t10k-images-idx3-ubyte", TestFiles.images(3, 2, 2));
        byte[] full = TestFiles.labels(1, 2, 3);
        Path labels = TestFiles.write(tmp, "t10k-labels-idx1-ubyte", Arrays.copyOf(full, full.length - 1));
        DataFormatException e = assertThrows(DataFormatException.class, () -> MnistData.load(tmp, false, 0));
        assertMessageContains(e, labels.toString(), "truncated", "3");
    }

    @Test
    void cutGzipImagesFileInDirectoryIsReportedNamingTheFile() throws IOException {
        byte[] gz = TestFiles.gzip(TestFiles.images(50, 8, 8));
        Path images = TestFiles.write(tmp, "t10k-images-idx3-ubyte.gz", Arrays.copyOf(gz, gz.length / 2));
        TestFiles.write(tmp, "t10k-labels-idx1-ubyte", TestFiles.labels(new int[50]));
        DataFormatException e = assertThrows(DataFormatException.class, () -> MnistData.load(tmp, false, 0));
        assertMessageContains(e, images.toString());
    }

    @Test
    void filesWithNoExamplesAreRejectedNamingTheImagesFile() throws IOException {
        Path images = TestFiles.write(tmp, "t10k-images-idx3-ubyte", TestFiles.images(0, 2, 2));
        TestFiles.write(tmp, "t10k-labels-idx1-ubyte", TestFiles.labels());
        DataFormatException e = assertThrows(DataFormatException.class, () -> MnistData.load(tmp, false, 0));
        assertMessageContains(e, images.toString(), "no images");
    }

    @Test
    void loadsFromClasspathResources() throws IOException {
        Path root = tmp.resolve("classes");
        TestFiles.write(root, "org/example/mnist/t10k-images-idx3-ubyte.gz", TestFiles.gzip(TestFiles.images(4, 2, 2)));
        TestFiles.write(root, "org/example/mnist/t10k-labels-idx1-ubyte.gz", TestFiles.gzip(TestFiles.labels(3, 1, 4, 1)));
        try (URLClassLoader loader = new URLClassLoader(new URL[] {root.toUri().toURL()}, null)) {
            DataSet data = MnistData.loadFromClasspath(loader, "/org/example/mnist", false, 3);
            assertArrayEquals(new long[] {3, 4}, data.getFeatures().shape());
            assertEquals(4, data.getLabels().getRow(2).argMax().getInt(0));

            FileNotFoundException e = assertThrows(FileNotFoundException.class,
                    () -> MnistData.loadFromClasspath(loader, "/org/example/mnist", true, 0));
            assertMessageContains(e, "/org/example/mnist/train-images-idx3-ubyte.gz",
                    "/org/example/mnist/train-labels-idx1-ubyte.gz");
        }
        // the public entry point uses the library's class loader, which has no such resources
        FileNotFoundException e = assertThrows(FileNotFoundException.class,
                () -> MnistData.loadFromClasspath("/org/example/mnist", false, 0));
        assertMessageContains(e, "t10k-images-idx3-ubyte");
    }

    @Test
    void defaultDirectoryFollowsTheEnvironmentVariable() {
        String root = System.getenv(MnistData.DATA_DIR_ENV);
        Path dir = MnistData.locateDefaultDir("fashion-mnist");
        if (root == null || root.isBlank()) {
            assertNull(dir);
        } else {
            assertEquals(Path.of(root.trim(), "fashion-mnist"), dir);
        }
    }
}
