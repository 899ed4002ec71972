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
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxFileTest {

    private static final Path MNIST = TestFiles.sharedData("mnist");

    @TempDir
    Path tmp;

    private static void assumeMnist() {
        Assumptions.assumeTrue(Files.isDirectory(MNIST), "shared MNIST data not found at " + MNIST);
    }

    private static void assertMessageContains(Throwable e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "message should contain \"" + part + "\": " + e.getMessage());
        }
    }

    @Test
    void headerOfRealTrainingFilesDeclares60000ImagesOf28x28() throws IOException {
        assumeMnist();
        IdxFile.Header images = IdxFile.readHeader(MNIST.resolve("train-images-idx3-ubyte.gz"));
        assertEquals(IdxFile.IMAGES_MAGIC, images.magic());
        assertEquals(List.of(60_000, 28, 28), images.dimensions());
        assertEquals(60_000, images.count());
        IdxFile.Header labels = IdxFile.readHeader(MNIST.resolve("train-labels-idx1-ubyte.gz"));
        assertEquals(IdxFile.LABELS_MAGIC, labels.magic());
        assertEquals(60_000, labels.count());
    }

    @Test
    void readsAllRealTestImagesAndTheKnownFirstLabels() throws IOException {
        assumeMnist();
        byte[][] images = IdxFile.readImages(MNIST.resolve("t10k-images-idx3-ubyte.gz"), 0);
        assertEquals(10_000, images.length);
        assertEquals(784, images[0].length);
        assertEquals(784, images[9_999].length);
        int[] labels = IdxFile.readLabels(MNIST.resolve("t10k-labels-idx1-ubyte.gz"), -1);
        assertEquals(10_000, labels.length);
        // the first ten test digits of MNIST
        assertArrayEquals(new int[] {7, 2, 1, 0, 4, 1, 4, 9, 5, 9}, Arrays.copyOf(labels, 10));
    }

    @Test
    void limitReadsThePrefix() throws IOException {
        assumeMnist();
        Path file = MNIST.resolve("t10k-images-idx3-ubyte.gz");
        byte[][] first = IdxFile.readImages(file, 5);
        assertEquals(5, first.length);
        byte[][] all = IdxFile.readImages(file, 0);
        for (int i = 0; i < 5; i++) {
            assertArrayEquals(all[i], first[i]);
        }
        assertEquals(3, IdxFile.readLabels(MNIST.resolve("t10k-labels-idx1-ubyte.gz"), 3).length);
    }

    @Test
    void rawAndGzipFilesReadTheSame() throws IOException {
        byte[] content = TestFiles.images(4, 3, 5);
        Path raw = TestFiles.write(tmp, "raw-images", content);
        Path gz = TestFiles.write(tmp, "compressed-images.bin", TestFiles.gzip(content));
        byte[][] fromRaw = IdxFile.readImages(raw, 0);
        byte[][] fromGz = IdxFile.readImages(gz, 0);
        assertEquals(4, fromRaw.length);
        assertEquals(15, fromRaw[0].length);
        assertEquals(15, (fromRaw[1][0] & 0xFF));
        for (int i = 0; i < 4; i++) {
            assertArrayEquals(fromRaw[i], fromGz[i]);
        }
        Path labelsRaw = TestFiles.write(tmp, "labels", TestFiles.labels(3, 255, 0));
        Path labelsGz = TestFiles.write(tmp, "labels.gz", TestFiles.gzip(TestFiles.labels(3, 255, 0)));
        assertArrayEquals(new int[] {3, 255, 0}, IdxFile.readLabels(labelsRaw, 0));
        assertArrayEquals(new int[] {3, 255, 0}, IdxFile.readLabels(labelsGz, 0));
    }

    @Test
    void labelsFileReadAsImagesNamesFileFoundAndExpectedMagic() throws IOException {
        Path labels = TestFiles.write(tmp, "t10k-labels-idx1-ubyte", TestFiles.labels(1, 2, 3));
        DataFormatException e = assertThrows(DataFormatException.class, () -> IdxFile.readImages(labels, 0));
        assertMessageContains(e, labels.toString(), "wrong IDX magic number 2049", "expected 2051");
    }

    @Test
    void imagesFileReadAsLabelsNamesFileFoundAndExpectedMagic() throws IOException {
        Path images = TestFiles.write(tmp, "imgs.gz", TestFiles.gzip(TestFiles.images(2, 2, 2)));
        DataFormatException e = assertThrows(DataFormatException.class, () -> IdxFile.readLabels(images, 0));
        assertMessageContains(e, images.toString(), "wrong IDX magic number 2051", "expected 2049");
    }

    @Test
    void fileThatIsNotIdxReportsTheMagicFound() throws IOException {
        Path html = TestFiles.write(tmp, "page.html", "<!DOCTYPE html><html></html>".getBytes());
        DataFormatException e = assertThrows(DataFormatException.class, () -> IdxFile.readImages(html, 0));
        assertMessageContains(e, html.toString(), "wrong IDX magic number", "0x3C21444F", "expected 2051");
        assertThrows(DataFormatException.class, () -> IdxFile.readHeader(html));
    }

    @Test
    void truncatedRawImagesFileSaysTruncatedWithExpectedAndFoundBytes() throws IOException {
        byte[] full = TestFiles.images(3, 2, 2);                       // 16-byte header + 12 pixel bytes
        Path file = TestFiles.write(tmp, "cut-images", Arrays.copyOf(full, full.length - 2));
        DataFormatException e = assertThrows(DataFormatException.class, () -> IdxFile.readImages(file, 0));
        assertMessageContains(e, file.toString(), "truncated", "3 images of 2x2", "12 bytes", "after 10 bytes",
                "2 complete images");
        // a raw file is checked in full even when only its first image is requested
        DataFormatException withLimit = assertThrows(DataFormatException.class, () -> IdxFile.readImages(file, 1));
        assertMessageContains(withLimit, file.toString(), "truncated");
    }

    @Test
    void truncatedImagesInsideCompleteGzipSaysTruncated() throws IOException {
        byte[] full = TestFiles.images(3, 2, 2);
        Path file = TestFiles.write(tmp, "cut-images.gz", TestFiles.gzip(Arrays.copyOf(full, full.length - 5)));
        DataFormatException e = assertThrows(DataFormatException.class, () -> IdxFile.readImages(file, 0));
        assertMessageContains(e, file.toString(), "truncated", "12 bytes", "after 7 bytes");
        // the images before the cut are readable
        assertEquals(1, IdxFile.readImages(file, 1).length);
    }

    @Test
    void truncatedLabelsFileSaysDeclaredAndFoundLabels() throws IOException {
        byte[] full = TestFiles.labels(1, 2, 3, 4, 5);
        Path file = TestFiles.write(tmp, "cut-labels", Arrays.copyOf(full, full.length - 2));
        DataFormatException e = assertThrows(DataFormatException.class, () -> IdxFile.readLabels(file, 0));
        assertMessageContains(e, file.toString(), "truncated", "declares 5 labels", "after 3 labels");
    }

    @Test
    void truncatedHeaderSaysHowManyBytesItNeeds() throws IOException {
        Path file = TestFiles.write(tmp, "short", Arrays.copyOf(TestFiles.images(1, 1, 1), 9));
        DataFormatException e = assertThrows(DataFormatException.class, () -> IdxFile.readImages(file, 0));
        assertMessageContains(e, file.toString(), "truncated", "needs 16 bytes", "only 9");
    }

    @Test
    void cutGzipStreamIsReportedAsUnreadableGzip() throws IOException {
        assumeMnist();
        byte[] gz = Files.readAllBytes(MNIST.resolve("t10k-labels-idx1-ubyte.gz"));
        Path file = TestFiles.write(tmp, "t10k-labels-idx1-ubyte.gz", Arrays.copyOf(gz, gz.length / 2));
        DataFormatException e = assertThrows(DataFormatException.class, () -> IdxFile.readLabels(file, 0));
        assertMessageContains(e, file.toString(), "unreadable gzip");
    }

    @Test
    void corruptGzipHeaderIsReportedAsUnreadableGzip() throws IOException {
        byte[] gz = TestFiles.gzip(TestFiles.labels(1, 2));
        gz[2] = 99;                                                      // compression method must be 8 (deflate)
        Path file = TestFiles.write(tmp, "bad.gz", gz);
        DataFormatException e = assertThrows(DataFormatException.class, () -> IdxFile.readLabels(file, 0));
        assertMessageContains(e, file.toString(), "unreadable gzip");
    }

    @Test
    void missingFileIsFileNotFoundNamingIt() {
        Path file = tmp.resolve("no-such-file");
        FileNotFoundException e = assertThrows(FileNotFoundException.class, () -> IdxFile.readImages(file, 0));
        assertMessageContains(e, file.toString());
    }
}
