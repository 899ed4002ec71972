package org.hebbian4j.protocol;

import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.Objects;

/**
 * Training, validation and test sets, with the validation set held out of the official training
 * set, as in Lagani et al. (section 5): MNIST 50,000 / 10,000 / 10,000 and CIFAR-10 40,000 / 10,000 /
 * 10,000. The paper does not say which training examples it held out; here they are the LAST
 * {@code validation} examples of the official training set, so the split is the same on every run.
 *
 * @param train      examples to train on
 * @param validation examples to choose the best epoch on (early stopping)
 * @param test       examples to report
 */
public record DataSplits(DataSet train, DataSet validation, DataSet test) {

    public DataSplits {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(validation, "validation");
        Objects.requireNonNull(test, "test");
    }

    /**
     * Holds the last {@code validation} examples of {@code officialTrain} out for validation.
     *
     * @param officialTrain the official training set
     * @param test          the official test set
     * @param validation    how many examples to hold out, {@code 1 <= validation < officialTrain} examples
     * @throws IllegalArgumentException if {@code validation} leaves no training example or is below 1
     */
    public static DataSplits holdOut(DataSet officialTrain, DataSet test, int validation) {
        int n = officialTrain.numExamples();
        if (validation < 1 || validation >= n) {
            throw new IllegalArgumentException("DataSplits: validation must be in 1.." + (n - 1) + " (the training set holds "
                    + n + " examples); got " + validation);
        }
        return new DataSplits(rows(officialTrain, 0, n - validation), rows(officialTrain, n - validation, n), test);
    }

    /**
     * The first {@code train}, {@code validation} and {@code test} examples of each split (a reduced run);
     * {@code <= 0} keeps a split whole.
     */
    public DataSplits limit(int train, int validation, int test) {
        return new DataSplits(first(this.train, train), first(this.validation, validation), first(this.test, test));
    }

    private static DataSet first(DataSet data, int count) {
        return count <= 0 || count >= data.numExamples() ? data : rows(data, 0, count);
    }

    static DataSet rows(DataSet data, long from, long to) {
        return new DataSet(data.getFeatures().get(NDArrayIndex.interval(from, to)).dup(),
                data.getLabels().get(NDArrayIndex.interval(from, to), NDArrayIndex.all()).dup());
    }

    @Override
    public String toString() {
        return train.numExamples() + " / " + validation.numExamples() + " / " + test.numExamples();
    }
}
