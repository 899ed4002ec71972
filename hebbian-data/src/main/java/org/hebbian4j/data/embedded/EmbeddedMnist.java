package org.hebbian4j.data.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.hebbian4j.data.MnistData;
import org.hebbian4j.data.ShuffledDataSetIterator;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.SplitTestAndTrain;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The official MNIST test set (Y. LeCun, C. Cortes, C. Burges: 10,000 handwritten digits, the files
 * {@code t10k-images-idx3-ubyte.gz} and {@code t10k-labels-idx1-ubyte.gz}, 1.6 MB) shipped inside this
 * jar, for examples, tests and quick experiments that must run without a download.
 *
 * <p>It is split by position into a training part, the first {@value #TRAIN_EXAMPLES} examples, and a
 * test part, the last {@value #TEST_EXAMPLES}: the split of {@code hebbian4j train} without other data.
 * For the real protocol (60,000 training / 10,000 test images) read the four official files with
 * {@link MnistData#load(java.nio.file.Path, boolean, int)}.
 *
 * <p>Every method reads the resources anew and returns arrays of its own (features FLOAT
 * {@code [N, 784]}, pixel / 255 in [0, 1]; labels FLOAT one-hot {@code [N, 10]}; see {@link MnistData}),
 * so callers may modify them. A missing or damaged resource means a broken jar, not a condition to
 * handle: it raises an {@link UncheckedIOException} naming the resource.
 */
public final class EmbeddedMnist {

    /** Classpath directory of the two IDX files, without a leading slash. */
    public static final String RESOURCE_DIRECTORY = "org/hebbian4j/data/embedded/mnist";
    /** Examples in the embedded set. */
    public static final int EXAMPLES = 10_000;
    /** Examples of the training part: the first ones. */
    public static final int TRAIN_EXAMPLES = 8_000;
    /** Examples of the test part: the last ones. */
    public static final int TEST_EXAMPLES = EXAMPLES - TRAIN_EXAMPLES;

    private EmbeddedMnist() {
    }

    /**
     * The embedded examples in file order.
     *
     * @param limit the maximum number of examples (the first ones); {@code <= 0} or above
     *              {@value #EXAMPLES}: all
     * @return features {@code [N, 784]} in [0, 1] and one-hot labels {@code [N, 10]}
     * @throws UncheckedIOException if the resources are missing or damaged (the message names them)
     */
    public static DataSet all(int limit) {
        try {
            return MnistData.loadFromClasspath(EmbeddedMnist.class.getClassLoader(), RESOURCE_DIRECTORY, false, limit);
        } catch (IOException e) {
            throw new UncheckedIOException("the MNIST test set embedded in hebbian-data is unreadable: " + e.getMessage(), e);
        }
    }

    /**
     * The embedded examples split into the training part (the first {@value #TRAIN_EXAMPLES}) and the test
     * part (the last {@value #TEST_EXAMPLES}).
     *
     * @return training and test sets, each with arrays of its own
     */
    public static SplitTestAndTrain split() {
        DataSet all = all(0);
        return new SplitTestAndTrain(rows(all, 0, TRAIN_EXAMPLES), rows(all, TRAIN_EXAMPLES, EXAMPLES));
    }

    /**
     * The training part.
     *
     * @param limit the maximum number of examples (the first ones of the part); {@code <= 0} or above
     *              {@value #TRAIN_EXAMPLES}: all {@value #TRAIN_EXAMPLES}
     * @return features {@code [N, 784]} in [0, 1] and one-hot labels {@code [N, 10]}
     */
    public static DataSet train(int limit) {
        return all(partSize(limit, TRAIN_EXAMPLES));
    }

    /**
     * The test part.
     *
     * @param limit the maximum number of examples (the first ones of the part); {@code <= 0} or above
     *              {@value #TEST_EXAMPLES}: all {@value #TEST_EXAMPLES}
     * @return features {@code [N, 784]} in [0, 1] and one-hot labels {@code [N, 10]}
     */
    public static DataSet test(int limit) {
        return rows(all(0), TRAIN_EXAMPLES, TRAIN_EXAMPLES + partSize(limit, TEST_EXAMPLES));
    }

    /**
     * Mini-batches of the whole training part, in a new reproducible random order every epoch (a
     * {@link ShuffledDataSetIterator}), for {@code fit(iterator, epochs)}.
     *
     * @param batchSize examples per batch; {@code >= 1}
     * @param seed      seed of the epochs' orders
     * @return an iterator over the {@value #TRAIN_EXAMPLES} training examples
     */
    public static DataSetIterator trainIterator(int batchSize, long seed) {
        return new ShuffledDataSetIterator(train(0), batchSize, seed);
    }

    /**
     * Mini-batches of the whole test part in file order, for {@code evaluate(iterator)}.
     *
     * @param batchSize examples per batch; {@code >= 1}
     * @return an iterator over the {@value #TEST_EXAMPLES} test examples
     */
    public static DataSetIterator testIterator(int batchSize) {
        return new ShuffledDataSetIterator(test(0), batchSize, 0, false);
    }

    private static int partSize(int limit, int size) {
        return limit <= 0 || limit > size ? size : limit;
    }

    private static DataSet rows(DataSet data, int from, int to) {
        return new DataSet(
                data.getFeatures().get(NDArrayIndex.interval(from, to), NDArrayIndex.all()).dup(),
                data.getLabels().get(NDArrayIndex.interval(from, to), NDArrayIndex.all()).dup());
    }
}
