package org.hebbian4j.data;

import java.io.BufferedInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Loads CIFAR-10 (A. Krizhevsky, "Learning Multiple Layers of Features from Tiny Images", 2009)
 * from its official binary files into one in-memory {@link DataSet}, without any download and
 * without OpenCV.
 *
 * <p>Files: {@code data_batch_1.bin} .. {@code data_batch_5.bin} (training set; those that exist
 * are read in order, at least one must) and {@code test_batch.bin} (test set), as in the folder
 * {@code cifar-10-batches-bin} of {@code cifar-10-binary.tar.gz}. Each file holds any number of
 * {@value #RECORD_BYTES}-byte records: 1 label byte (0-9), then the 1,024 red values of the 32x32
 * image in row-major order, the 1,024 green and the 1,024 blue.
 *
 * <p>Result: features FLOAT {@code [N, 3, 32, 32]} (NCHW, channel 0 red, 1 green, 2 blue),
 * pixel / 255 in [0, 1]; labels FLOAT one-hot {@code [N, 10]}. A file whose size is not a multiple
 * of the record size, or a label byte above 9, is a {@link DataFormatException} naming the file.
 */
public final class Cifar10Data {

    /** Number of classes. */
    public static final int NUM_CLASSES = 10;
    /** Colour channels (red, green, blue). */
    public static final int CHANNELS = 3;
    /** Height and width of an image. */
    public static final int IMAGE_SIZE = 32;
    /** Bytes of one record: 1 label byte and 3 x 32 x 32 pixel bytes. */
    public static final int RECORD_BYTES = 1 + CHANNELS * IMAGE_SIZE * IMAGE_SIZE;

    private static final int PIXEL_BYTES = RECORD_BYTES - 1;
    private static final int TRAIN_BATCHES = 5;
    private static final String TEST_FILE = "test_batch.bin";
    /** Records converted per chunk, bounding the temporary float[] next to the result array. */
    private static final int CHUNK_RECORDS = 1024;
    private static final List<String> CLASS_NAMES = List.of("airplane", "automobile", "bird", "cat", "deer",
            "dog", "frog", "horse", "ship", "truck");

    private Cifar10Data() {
    }

    /** The class names in label order 0..9: airplane, automobile, bird, cat, deer, dog, frog, horse, ship, truck. */
    public static List<String> classNames() {
        return CLASS_NAMES;
    }

    /**
     * Loads the training or test set from a directory.
     *
     * @param dir   directory holding the {@code .bin} files ({@code cifar-10-batches-bin})
     * @param train {@code true}: the {@code data_batch_<i>.bin} files that exist; {@code false}: {@code test_batch.bin}
     * @param limit the maximum number of examples (the first ones, across files in order); {@code <= 0} loads all
     * @return features {@code [N, 3, 32, 32]} in [0, 1] and one-hot labels {@code [N, 10]}, FLOAT
     * @throws FileNotFoundException if no file of the requested set exists (the message names the expected
     *                               files and the directory)
     * @throws IOException           if a file is unreadable, truncated or has a label above 9 (the message
     *                               names the file)
     */
    public static DataSet load(Path dir, boolean train, int limit) throws IOException {
        Objects.requireNonNull(dir, "dir");
        List<Path> files = new ArrayList<>();
        if (train) {
            for (int i = 1; i <= TRAIN_BATCHES; i++) {
                Path file = dir.resolve("data_batch_" + i + ".bin");
                if (Files.isRegularFile(file)) {
                    files.add(file);
                }
            }
        } else if (Files.isRegularFile(dir.resolve(TEST_FILE))) {
            files.add(dir.resolve(TEST_FILE));
        }
        if (files.isEmpty()) {
            String expected = train ? "data_batch_1.bin .. data_batch_" + TRAIN_BATCHES + ".bin (at least one)" : TEST_FILE;
            throw new FileNotFoundException("CIFAR-10 " + (train ? "training" : "test") + " file(s) " + expected
                    + " not found in directory " + dir.toAbsolutePath() + (Files.isDirectory(dir) ? "" : " (which does not exist)")
                    + ". Download the binary version cifar-10-binary.tar.gz from "
                    + "https://www.cs.toronto.edu/~kriz/cifar.html and extract the files of its folder "
                    + "cifar-10-batches-bin into that directory");
        }

        long[] records = new long[files.size()];
        long total = 0;
        for (int f = 0; f < files.size(); f++) {
            long size = Files.size(files.get(f));
            if (size % RECORD_BYTES != 0) {
                throw new DataFormatException(files.get(f) + " is truncated or not a CIFAR-10 binary file: its size "
                        + size + " bytes is not a multiple of the record size " + RECORD_BYTES
                        + " (1 label byte + " + PIXEL_BYTES + " pixel bytes); it holds " + size / RECORD_BYTES
                        + " complete records and " + size % RECORD_BYTES + " bytes more");
            }
            records[f] = size / RECORD_BYTES;
            total += records[f];
        }
        long wanted = limit > 0 ? Math.min(limit, total) : total;
        if (wanted == 0) {
            throw new DataFormatException("CIFAR-10 file(s) " + files + " hold no records");
        }
        if (wanted * PIXEL_BYTES > Integer.MAX_VALUE) {
            throw new DataFormatException("CIFAR-10 file(s) " + files + ": " + wanted
                    + " records do not fit in one array; load fewer with a limit");
        }
        int count = (int) wanted;

        INDArray features = Nd4j.create(DataType.FLOAT, count, CHANNELS, IMAGE_SIZE, IMAGE_SIZE);
        float[] oneHot = new float[count * NUM_CLASSES];
        byte[] record = new byte[RECORD_BYTES];
        float[] chunk = new float[Math.min(count, CHUNK_RECORDS) * PIXEL_BYTES];
        int done = 0;
        for (int f = 0; f < files.size() && done < count; f++) {
            Path file = files.get(f);
            int fromFile = (int) Math.min(records[f], count - done);
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
                int chunkStart = done;
                for (int r = 0; r < fromFile; r++) {
                    if (in.readNBytes(record, 0, RECORD_BYTES) < RECORD_BYTES) {
                        throw new DataFormatException(file + " is truncated: it ended inside record " + r
                                + " while being read (it changed after its size was checked?)");
                    }
                    int label = record[0] & 0xFF;
                    if (label >= NUM_CLASSES) {
                        throw new DataFormatException(file + ": label byte " + label + " of record " + r
                                + " is outside 0.." + (NUM_CLASSES - 1) + "; is this a CIFAR-10 binary file?"
                                + " (CIFAR-100 records have 2 label bytes)");
                    }
                    oneHot[done * NUM_CLASSES + label] = 1f;
                    int offset = (done - chunkStart) * PIXEL_BYTES;
                    for (int p = 0; p < PIXEL_BYTES; p++) {
                        chunk[offset + p] = (record[1 + p] & 0xFF) / 255f;
                    }
                    done++;
                    if (done - chunkStart == CHUNK_RECORDS || r == fromFile - 1) {
                        copyChunk(chunk, features, chunkStart, done);
                        chunkStart = done;
                    }
                }
            }
        }
        INDArray labels = Nd4j.create(oneHot, new long[] {count, NUM_CLASSES}, DataType.FLOAT);
        return new DataSet(features, labels);
    }

    /** Copies records {@code [from, to)} of the chunk buffer (from its start) into the features array. */
    private static void copyChunk(float[] chunk, INDArray features, int from, int to) {
        int n = to - from;
        float[] data = n * PIXEL_BYTES == chunk.length ? chunk : Arrays.copyOf(chunk, n * PIXEL_BYTES);
        INDArray block = Nd4j.create(data, new long[] {n, CHANNELS, IMAGE_SIZE, IMAGE_SIZE}, DataType.FLOAT);
        features.get(NDArrayIndex.interval(from, to), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all())
                .assign(block);
    }
}
