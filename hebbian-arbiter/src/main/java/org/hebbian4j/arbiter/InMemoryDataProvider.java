package org.hebbian4j.arbiter;

import org.deeplearning4j.arbiter.optimize.api.data.DataProvider;
import org.hebbian4j.data.ShuffledDataSetIterator;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

import java.util.Map;
import java.util.Objects;

/**
 * Training and validation data held in memory, for Arbiter: every candidate trains on the same
 * training set, in the same seeded order ({@link ShuffledDataSetIterator}), and is scored on the
 * validation set (Arbiter's "test data"), which the search never trains on.
 */
public class InMemoryDataProvider implements DataProvider {

    private static final long serialVersionUID = 1L;

    private final DataSet train;
    private final DataSet validation;
    private final int batchSize;
    private final long seed;

    /**
     * @param train      the examples candidates train on
     * @param validation the examples candidates are scored on (and early stopping watches)
     * @param batchSize  minibatch size, {@code >= 1}
     * @param seed       seed of the training order
     */
    public InMemoryDataProvider(DataSet train, DataSet validation, int batchSize, long seed) {
        this.train = Objects.requireNonNull(train, "train");
        this.validation = Objects.requireNonNull(validation, "validation");
        if (batchSize < 1) {
            throw new IllegalArgumentException("InMemoryDataProvider: batchSize must be >= 1, got " + batchSize);
        }
        this.batchSize = batchSize;
        this.seed = seed;
    }

    @Override
    public DataSetIterator trainData(Map<String, Object> dataParameters) {
        return new ShuffledDataSetIterator(train, batchSize, seed);
    }

    @Override
    public DataSetIterator testData(Map<String, Object> dataParameters) {
        return validationIterator();
    }

    /** The validation set in its stored order (e.g. for an early-stopping score calculator). */
    public DataSetIterator validationIterator() {
        return new ShuffledDataSetIterator(validation, batchSize, seed, false);
    }

    @Override
    public Class<?> getDataType() {
        return DataSetIterator.class;
    }
}
