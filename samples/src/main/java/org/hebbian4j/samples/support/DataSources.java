package org.hebbian4j.samples.support;

import org.hebbian4j.data.MnistData;
import org.hebbian4j.data.embedded.EmbeddedMnist;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.SplitTestAndTrain;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the data sets of the commands with their own data options (the paper reproductions) are: the
 * directory an option names, else the one under {@code $HEBBIAN4J_DATA}, else (MNIST only) the copy
 * MNIST test set embedded in {@code hebbian-data} ({@link EmbeddedMnist}), split 8,000 / 2,000.
 */
public final class DataSources {

    /** How {@link #mnist} describes the embedded split. */
    public static final String EMBEDDED_MNIST = "embedded MNIST test set split 8,000 / 2,000 (no MNIST directory given)";

    private DataSources() {
    }

    /** MNIST from {@code dir} (an option's value; null: {@link #mnistDir}), each set cut to its limit (0 = all). */
    public static DataOptions.Loaded mnist(Path dir, LimitOptions limits) throws IOException {
        Path found = mnistDir(dir);
        if (found != null) {
            return new DataOptions.Loaded(MnistData.load(found, true, limits.train),
                    MnistData.load(found, false, limits.test), "MNIST from " + found);
        }
        SplitTestAndTrain split = EmbeddedMnist.split();
        return new DataOptions.Loaded(first(split.getTrain(), limits.train), first(split.getTest(), limits.test),
                EMBEDDED_MNIST);
    }

    /** {@code given}, else {@code $HEBBIAN4J_DATA/mnist} if it is a directory, else null (the embedded set). */
    public static Path mnistDir(Path given) {
        return given != null ? given : existing(MnistData.locateDefaultDir("mnist"));
    }

    /**
     * {@code given}, else {@code $HEBBIAN4J_DATA/cifar-10}, else {@code $HEBBIAN4J_DATA/cifar-10-subset}.
     *
     * @param option the option that names the directory, for the message when there is none
     * @throws IOException when there is no CIFAR-10 directory
     */
    public static Path cifar10Dir(Path given, String option) throws IOException {
        Path dir = given;
        if (dir == null) {
            dir = existing(MnistData.locateDefaultDir("cifar-10"));
        }
        if (dir == null) {
            dir = existing(MnistData.locateDefaultDir("cifar-10-subset"));
        }
        if (dir == null) {
            throw new IOException("no CIFAR-10 data: pass " + option + " DIR (the official binary batches data_batch_1..5.bin, "
                    + "test_batch.bin) or set HEBBIAN4J_DATA to a directory holding cifar-10/");
        }
        return dir;
    }

    /** The first {@code limit} examples of {@code data} (all for 0 or a limit beyond its size). */
    public static DataSet first(DataSet data, int limit) {
        return limit <= 0 || limit >= data.numExamples() ? data : (DataSet) data.getRange(0, limit);
    }

    private static Path existing(Path dir) {
        return dir != null && Files.isDirectory(dir) ? dir : null;
    }
}
