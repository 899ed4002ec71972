package org.hebbian4j.data;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Random;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Mini-batches of an in-memory {@link DataSet}, in a new reproducible random order every epoch.
 *
 * <p>Each epoch visits every example exactly once; the last batch of an epoch holds the remainder
 * and may be smaller than {@link #batch()}. Epoch e (0 at construction, +1 per {@link #reset()})
 * visits the examples in a permutation drawn by a Fisher-Yates shuffle from a
 * {@link java.util.Random} seeded from {@code seed} and e only, so two iterators with the same seed
 * give the same batches in every epoch. With {@code shuffle = false} every epoch keeps the stored
 * order.
 *
 * <p>Batches are fresh arrays (rows gathered by {@link Nd4j#pullRows}), so a
 * {@link DataSetPreProcessor}, applied to every batch, may modify them in place without touching
 * the stored data. Features and labels of any rank (for example {@code [N, 784]} or
 * {@code [N, 3, 32, 32]}) and the optional masks are split along dimension 0. Not thread-safe: one
 * consumer at a time (DL4J's {@code AsyncDataSetIterator} is one).
 */
public class ShuffledDataSetIterator implements DataSetIterator {

    private static final long serialVersionUID = 1L;
    /** Spreads the seeds of consecutive epochs (the 64-bit golden ratio). */
    private static final long EPOCH_SEED_STRIDE = 0x9E3779B97F4A7C15L;

    private final Rows features;
    private final Rows labels;
    private final Rows featuresMask;
    private final Rows labelsMask;
    private final int numExamples;
    private final int batchSize;
    private final long seed;
    private final boolean shuffle;

    private int epoch;
    private int cursor;
    private int[] order;
    private DataSetPreProcessor preProcessor;

    /**
     * A shuffling iterator.
     *
     * @param data      the examples; features and labels with the same size of dimension 0
     * @param batchSize examples per batch (the last batch of an epoch may be smaller); {@code >= 1}
     * @param seed      seed of the epochs' permutations
     */
    public ShuffledDataSetIterator(DataSet data, int batchSize, long seed) {
        this(data, batchSize, seed, true);
    }

    /**
     * @param data      the examples; features and labels with the same size of dimension 0
     * @param batchSize examples per batch (the last batch of an epoch may be smaller); {@code >= 1}
     * @param seed      seed of the epochs' permutations
     * @param shuffle   {@code false}: every epoch in the stored order
     */
    public ShuffledDataSetIterator(DataSet data, int batchSize, long seed, boolean shuffle) {
        Objects.requireNonNull(data, "data");
        if (data.getFeatures() == null || data.getLabels() == null) {
            throw new IllegalArgumentException("ShuffledDataSetIterator: data must have features and labels");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("ShuffledDataSetIterator: batchSize must be >= 1, got " + batchSize);
        }
        long n = data.getFeatures().size(0);
        if (n < 1 || n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("ShuffledDataSetIterator: data must hold 1 to " + Integer.MAX_VALUE
                    + " examples, got " + n);
        }
        this.numExamples = (int) n;
        this.features = Rows.of(data.getFeatures(), n, "features");
        this.labels = Rows.of(data.getLabels(), n, "labels");
        this.featuresMask = Rows.of(data.getFeaturesMaskArray(), n, "features mask");
        this.labelsMask = Rows.of(data.getLabelsMaskArray(), n, "labels mask");
        this.batchSize = batchSize;
        this.seed = seed;
        this.shuffle = shuffle;
        this.epoch = 0;
        this.order = permutation(0);
    }

    /** Number of examples, visited once per epoch. */
    public int numExamples() {
        return numExamples;
    }

    /** The current epoch: 0 after construction, incremented by every {@link #reset()}. */
    public int epoch() {
        return epoch;
    }

    @Override
    public boolean hasNext() {
        return cursor < numExamples;
    }

    @Override
    public DataSet next() {
        return next(batchSize);
    }

    /** The next {@code min(num, remaining)} examples of this epoch, preprocessed if a preprocessor is set. */
    @Override
    public DataSet next(int num) {
        if (num < 1) {
            throw new IllegalArgumentException("ShuffledDataSetIterator: batch size must be >= 1, got " + num);
        }
        if (!hasNext()) {
            throw new NoSuchElementException("ShuffledDataSetIterator: epoch " + epoch
                    + " is exhausted; call reset() for the next one");
        }
        int end = (int) Math.min((long) cursor + num, numExamples);
        int[] rows = Arrays.copyOfRange(order, cursor, end);
        cursor = end;
        DataSet batch = new DataSet(features.pull(rows), labels.pull(rows),
                featuresMask == null ? null : featuresMask.pull(rows),
                labelsMask == null ? null : labelsMask.pull(rows));
        if (preProcessor != null) {
            preProcessor.preProcess(batch);
        }
        return batch;
    }

    /** Number of feature values per example (product of the feature dimensions after the first). */
    @Override
    public int inputColumns() {
        return (int) features.valuesPerRow;
    }

    /** Number of label columns (size of dimension 1 of the labels). */
    @Override
    public int totalOutcomes() {
        return labels.exampleShape.length == 0 ? 1 : (int) labels.exampleShape[0];
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    @Override
    public boolean asyncSupported() {
        return true;
    }

    /** Number of batches in every epoch: {@code ceil(numExamples / batch)}. */
    public int batchesPerEpoch() {
        return (numExamples + batchSize - 1) / batchSize;
    }

    /**
     * Positions the iterator at batch {@code batches} (0-based) of epoch {@code epoch}: the next
     * {@link #next()} returns what it would have returned after {@code epoch} calls of {@link #reset()}
     * and {@code batches} batches of that epoch. For continuing an interrupted run.
     *
     * @param epoch   {@code >= 0}
     * @param batches batches of that epoch already done, {@code 0 <= batches <= batchesPerEpoch()}
     */
    public void startAt(int epoch, int batches) {
        if (epoch < 0) {
            throw new IllegalArgumentException("ShuffledDataSetIterator: epoch must be >= 0, got " + epoch);
        }
        if (batches < 0 || batches > batchesPerEpoch()) {
            throw new IllegalArgumentException("ShuffledDataSetIterator: batches must be in 0.." + batchesPerEpoch()
                    + " (batches per epoch), got " + batches);
        }
        if (epoch != this.epoch) {
            this.epoch = epoch;
            this.order = permutation(epoch);
        }
        this.cursor = (int) Math.min((long) batches * batchSize, numExamples);
    }

    /** Starts the next epoch, with the next permutation. */
    @Override
    public void reset() {
        epoch++;
        order = permutation(epoch);
        cursor = 0;
    }

    @Override
    public int batch() {
        return batchSize;
    }

    @Override
    public void setPreProcessor(DataSetPreProcessor preProcessor) {
        this.preProcessor = preProcessor;
    }

    @Override
    public DataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }

    /** Always {@code null}: this iterator knows no class names. */
    @Override
    public List<String> getLabels() {
        return null;
    }

    @Override
    public String toString() {
        return "ShuffledDataSetIterator(numExamples=" + numExamples + ", batchSize=" + batchSize + ", seed=" + seed
                + ", shuffle=" + shuffle + ", epoch=" + epoch + ")";
    }

    private int[] permutation(int epochIndex) {
        int[] permutation = new int[numExamples];
        for (int i = 0; i < numExamples; i++) {
            permutation[i] = i;
        }
        if (shuffle) {
            Random random = new Random(seed + epochIndex * EPOCH_SEED_STRIDE);
            for (int i = numExamples - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int swap = permutation[i];
                permutation[i] = permutation[j];
                permutation[j] = swap;
            }
        }
        return permutation;
    }

    /** An array seen as a 'c'-ordered matrix of one row per example, to gather rows in one op. */
    private static final class Rows implements Serializable {
        private static final long serialVersionUID = 1L;
        final INDArray matrix;
        final long[] exampleShape;
        final long valuesPerRow;

        private Rows(INDArray matrix, long[] exampleShape, long valuesPerRow) {
            this.matrix = matrix;
            this.exampleShape = exampleShape;
            this.valuesPerRow = valuesPerRow;
        }

        static Rows of(INDArray array, long n, String what) {
            if (array == null) {
                return null;
            }
            if (array.rank() < 1 || array.size(0) != n) {
                throw new IllegalArgumentException("ShuffledDataSetIterator: " + what + " have shape "
                        + Arrays.toString(array.shape()) + ", expected " + n + " examples along dimension 0");
            }
            long[] exampleShape = Arrays.copyOfRange(array.shape(), 1, array.rank());
            long valuesPerRow = 1;
            for (long size : exampleShape) {
                valuesPerRow *= size;
            }
            // reshape is a view for a contiguous 'c' array and copies only otherwise
            return new Rows(array.reshape('c', n, valuesPerRow), exampleShape, valuesPerRow);
        }

        INDArray pull(int[] rows) {
            INDArray pulled = Nd4j.pullRows(matrix, 1, rows, 'c');
            long[] shape = new long[exampleShape.length + 1];
            shape[0] = rows.length;
            System.arraycopy(exampleShape, 0, shape, 1, exampleShape.length);
            return exampleShape.length == 1 ? pulled : pulled.reshape('c', shape);
        }
    }
}
