package org.hebbian4j.samples.support;

import org.hebbian4j.data.MnistData;
import org.hebbian4j.data.embedded.EmbeddedMnist;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.SplitTestAndTrain;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a command's IDX data set comes from: {@code --data-dir}, else {@code $HEBBIAN4J_DATA/<dataset>},
 * else (MNIST only) the MNIST test set embedded in {@code hebbian-data} ({@link EmbeddedMnist}), split
 * 8,000 / 2,000.
 */
public final class DataOptions {

    @Option(names = "--dataset", defaultValue = "mnist",
            description = "Data set: an IDX data set's name (mnist, fashion-mnist, ...) or cifar10 (the binary batches in "
                    + "--data-dir, each image a row of 3,072 values). Default: ${DEFAULT-VALUE}.")
    public String dataset;

    @Option(names = "--data-dir", description = "Directory holding the data set's four IDX files "
            + "(.gz or raw). Default: $HEBBIAN4J_DATA/<dataset>, then the embedded MNIST test set.")
    public Path dataDir;

    @Option(names = "--embedded-data", description = "Use the MNIST test set embedded in the tool even when "
            + "HEBBIAN4J_DATA is set (8,000 train / 2,000 test).")
    public boolean embedded;

    @Mixin
    public LimitOptions limits = new LimitOptions();

    /** Training and test sets, and a description of where they came from. */
    public record Loaded(DataSet train, DataSet test, String source) {
    }

    private boolean isCifar10() {
        return dataset.replace("-", "").equalsIgnoreCase("cifar10");
    }

    /** Images {@code [N, 3, 32, 32]} as rows of 3,072 values (channel, row, column), for a dense network. */
    private static DataSet flat(DataSet images) {
        return new DataSet(images.getFeatures().reshape('c', images.numExamples(), -1), images.getLabels());
    }

    /** Loads the training and test sets as the options say. */
    public Loaded load() throws IOException {
        if (embedded && dataDir != null) {
            throw new IllegalArgumentException("--embedded-data and --data-dir exclude each other");
        }
        Path dir = embedded ? null : dataDir;
        if (dir == null && !embedded) {
            Path fromEnv = MnistData.locateDefaultDir(dataset);
            if (fromEnv != null && Files.isDirectory(fromEnv)) {
                dir = fromEnv;
            }
        }
        if (dir != null) {
            if (!Files.isDirectory(dir)) {
                throw new IOException("data directory " + dir + " does not exist (--data-dir)");
            }
            if (isCifar10()) {
                return new Loaded(flat(org.hebbian4j.data.Cifar10Data.load(dir, true, limits.train)),
                        flat(org.hebbian4j.data.Cifar10Data.load(dir, false, limits.test)), "CIFAR-10 from " + dir);
            }
            return new Loaded(MnistData.load(dir, true, limits.train), MnistData.load(dir, false, limits.test),
                    dataset + " from " + dir);
        }
        if (!dataset.equalsIgnoreCase("mnist")) {
            throw new IOException("no data for '" + dataset + "': pass --data-dir DIR or set HEBBIAN4J_DATA to a "
                    + "directory holding " + dataset + "/ with its four IDX files (only MNIST is embedded)");
        }
        SplitTestAndTrain split = EmbeddedMnist.split();
        DataSet train = DataSources.first(split.getTrain(), limits.train);
        DataSet test = DataSources.first(split.getTest(), limits.test);
        return new Loaded(train, test, "embedded MNIST test set (8,000 train / 2,000 test; set HEBBIAN4J_DATA "
                + "or --data-dir for the full data set)");
    }
}
