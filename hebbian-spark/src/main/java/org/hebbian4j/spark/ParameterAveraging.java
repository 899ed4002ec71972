package org.hebbian4j.spark;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * Trains a {@link org.deeplearning4j.nn.multilayer.MultiLayerNetwork} or a
 * {@link org.deeplearning4j.nn.graph.ComputationGraph}, with Hebbian layers or without, on Apache Spark by
 * synchronous parameter averaging: the scheme of DL4J's former {@code ParameterAveragingTrainingMaster}
 * (dl4j-spark, not published for DL4J 1.0.0-M2.1), written anew for this library.
 *
 * <p>The input is an RDD of minibatches (one {@link DataSet} each, e.g. from {@link SparkDataSets}) in as many
 * partitions as there are {@linkplain Builder#workers workers} (it is repartitioned otherwise); partition k
 * is worker k's share. An epoch is a sequence of averaging rounds; in round r:
 * <ol>
 *   <li>the driver broadcasts its model: configuration, parameters (weights, biases and the Hebbian layers'
 *       state parameters: homeostasis thresholds, the rules' running averages), updater state (e.g. Adam's
 *       moments) and iteration and epoch counters;</li>
 *   <li>each worker fits its partition's minibatches {@code r N ... r N + N - 1} (N =
 *       {@linkplain Builder#averagingFrequency averaging frequency}) one after another with the model's
 *       ordinary {@code fit}, so a Hebbian layer takes its own learning step and the other layers their
 *       backprop step;</li>
 *   <li>the workers' parameters and updater states are summed with {@code treeAggregate}, each weighted by the
 *       examples it fit, and divided by the examples: the example-weighted average;</li>
 *   <li>only then does the average replace the driver's parameters and updater state, the layers'
 *       constraints (e.g. unit-norm weights) are applied again, and the iteration counter moves on by the
 *       most minibatches any worker fit.</li>
 * </ol>
 * With N = 1 and rules whose step is a batch mean that is linear in the batch for a fixed competition
 * (Oja, instar with a winner-take-all competition, the adaptive threshold and the rules' running averages),
 * one round equals one step of the single-machine model on the concatenation of the workers' minibatches,
 * up to rounding. docs/spark.md says, state by state, what averaging does with a larger N.
 *
 * <p>Failures: if a worker throws, the round's Spark job fails and {@link #fit} throws a
 * {@link RoundFailedException} naming the round, the epoch, the partition, the minibatch and the cause; a
 * round whose average is not finite fails the same way. The driver's model is then as it was after the last
 * successful round: it is changed only once a round's aggregation has succeeded.
 */
public final class ParameterAveraging {

    private final int workers;
    private final int averagingFrequency;
    private final int aggregationDepth;
    private final boolean reapplyConstraints;
    private final RoundListener listener;

    private ParameterAveraging(Builder builder) {
        this.workers = builder.workers;
        this.averagingFrequency = builder.averagingFrequency;
        this.aggregationDepth = builder.aggregationDepth;
        this.reapplyConstraints = builder.reapplyConstraints;
        this.listener = builder.listener;
    }

    /** A builder for {@code workers} workers (the partitions of the data; Spark runs as many at once as it has cores). */
    public static Builder builder(int workers) {
        return new Builder(workers);
    }

    /** The number of workers (partitions of the training data). */
    public int workers() {
        return workers;
    }

    /** The minibatches each worker fits between two averagings. */
    public int averagingFrequency() {
        return averagingFrequency;
    }

    /** The averaging rounds of an epoch over partitions holding at most {@code largestPartition} minibatches each. */
    public long roundsPerEpoch(long largestPartition) {
        return (largestPartition + averagingFrequency - 1) / averagingFrequency;
    }

    /**
     * Trains {@code model} for {@code epochs} epochs over {@code minibatches}; the model is updated in place after
     * every successful round.
     *
     * @param model       a MultiLayerNetwork or ComputationGraph, initialized
     * @param minibatches the training minibatches, one DataSet each (cached by this call while it runs, unless
     *                    already persisted)
     * @throws RoundFailedException if a round fails; the model is then as after the last successful round
     */
    public void fit(Model model, JavaRDD<DataSet> minibatches, int epochs) {
        ModelKind kind = ModelKind.of(model);
        if (epochs < 0) {
            throw new IllegalArgumentException("ParameterAveraging: epochs must be >= 0, got " + epochs);
        }
        if (model.params() == null) {
            throw new IllegalArgumentException("ParameterAveraging: the model is not initialized (call init() first)");
        }
        JavaRDD<DataSet> data = minibatches.getNumPartitions() == workers ? minibatches : minibatches.repartition(workers);
        boolean persisted = data.getStorageLevel().equals(StorageLevel.NONE());
        if (persisted) {
            data.persist(StorageLevel.MEMORY_ONLY());
        }
        try {
            long largest = largestPartition(data);
            if (largest == 0) {
                throw new IllegalArgumentException("ParameterAveraging: the training RDD holds no minibatch");
            }
            int rounds = Math.toIntExact(roundsPerEpoch(largest));
            for (int e = 0; e < epochs; e++) {
                int epoch = kind.epochCount(model);
                for (int round = 0; round < rounds; round++) {
                    round(kind, model, data, epoch, round, rounds);
                }
                kind.setCounters(model, kind.iterationCount(model), epoch + 1);
            }
        } finally {
            if (persisted) {
                data.unpersist(false);
            }
        }
    }

    /** The most minibatches any partition of {@code data} holds. */
    private static long largestPartition(JavaRDD<DataSet> data) {
        List<Long> sizes = data.mapPartitions(ParameterAveraging::count).collect();
        return sizes.stream().mapToLong(Long::longValue).max().orElse(0);
    }

    private static Iterator<Long> count(Iterator<DataSet> minibatches) {
        long n = 0;
        while (minibatches.hasNext()) {
            minibatches.next();
            n++;
        }
        return List.of(n).iterator();
    }

    /** One averaging round: broadcast, fit on every worker, aggregate, replace the driver's model. */
    private void round(ModelKind kind, Model model, JavaRDD<DataSet> data, int epoch, int round, int rounds) {
        long start = System.nanoTime();
        ModelSnapshot snapshot = ModelSnapshot.of(model);
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(data.context());
        Broadcast<ModelSnapshot> broadcast = sc.broadcast(snapshot);
        RoundSum sum;
        try {
            sum = data.mapPartitionsWithIndex(new WorkerRound(broadcast, epoch, round, averagingFrequency), true)
                    .treeAggregate(RoundSum.empty(), RoundSum::add, RoundSum::add, aggregationDepth);
        } catch (Exception e) {
            // Spark's job failure (SparkException, a checked exception thrown from Scala) or any other.
            throw failure(e, epoch, round, rounds);
        } finally {
            broadcast.destroy();
        }
        if (sum.workers() == 0) {
            throw new RoundFailedException(where(epoch, round, rounds) + " fit no minibatch", epoch + 1, round + 1, null);
        }
        INDArray params = sum.averageParams();
        INDArray updaterState = sum.averageUpdaterState();
        if (!finite(params) || (updaterState != null && !finite(updaterState))) {
            throw new RoundFailedException(where(epoch, round, rounds) + ": the averaged "
                    + (finite(params) ? "updater state" : "parameters") + " are not finite (NaN or infinity)"
                    + kept(epoch, round), epoch + 1, round + 1, null);
        }
        model.setParams(params);
        if (updaterState != null) {
            kind.setUpdaterState(model, updaterState);
        }
        kind.setCounters(model, snapshot.iteration() + sum.mostMinibatches(), snapshot.epoch());
        if (reapplyConstraints) {
            kind.applyConstraints(model);
        }
        if (listener != null) {
            listener.roundDone(new RoundReport(epoch + 1, round + 1, rounds, sum.workers(), sum.minibatches(),
                    sum.examples(), (System.nanoTime() - start) / 1e9));
        }
    }

    private static boolean finite(INDArray array) {
        return Double.isFinite(array.sumNumber().doubleValue());
    }

    /** The exception for a failed round's Spark job: the worker's own message when a worker threw. */
    private static RoundFailedException failure(Exception e, int epoch, int round, int rounds) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof WorkerFailure worker) {
                return new RoundFailedException(where(epoch, round, rounds) + " failed: " + worker.getMessage()
                        + kept(epoch, round), epoch + 1, round + 1, worker.getCause() != null ? worker.getCause() : worker);
            }
        }
        return new RoundFailedException(where(epoch, round, rounds) + " failed: " + e + kept(epoch, round), epoch + 1,
                round + 1, e);
    }

    private static String where(int epoch, int round, int rounds) {
        return String.format(Locale.ROOT, "ParameterAveraging: averaging round %d/%d of epoch %d", round + 1, rounds,
                epoch + 1);
    }

    private static String kept(int epoch, int round) {
        return round == 0 ? "; the model is left as it was before this epoch"
                : "; the model is left as after round " + round + " of epoch " + (epoch + 1) + ", the last successful one";
    }

    /** Settings of {@link ParameterAveraging}. */
    public static final class Builder {
        private final int workers;
        private int averagingFrequency = 1;
        private int aggregationDepth = 2;
        private boolean reapplyConstraints = true;
        private RoundListener listener;

        private Builder(int workers) {
            if (workers < 1) {
                throw new IllegalArgumentException("ParameterAveraging: workers must be >= 1, got " + workers);
            }
            this.workers = workers;
        }

        /**
         * Minibatches each worker fits between two averagings, N &gt;= 1 (default 1: every minibatch). Larger N
         * costs fewer broadcasts and aggregations but lets the workers' models drift apart (docs/spark.md).
         */
        public Builder averagingFrequency(int minibatchesPerWorker) {
            if (minibatchesPerWorker < 1) {
                throw new IllegalArgumentException("ParameterAveraging: averagingFrequency must be >= 1, got "
                        + minibatchesPerWorker);
            }
            this.averagingFrequency = minibatchesPerWorker;
            return this;
        }

        /** Depth of Spark's {@code treeAggregate} of the workers' sums, &gt;= 1 (default 2). */
        public Builder aggregationDepth(int depth) {
            if (depth < 1) {
                throw new IllegalArgumentException("ParameterAveraging: aggregationDepth must be >= 1, got " + depth);
            }
            this.aggregationDepth = depth;
            return this;
        }

        /**
         * Whether the layers' constraints (e.g. the unit-norm weights of {@code normalizeWeights}) are applied to
         * the average (default true: the mean of unit vectors is shorter than 1).
         */
        public Builder reapplyConstraints(boolean reapply) {
            this.reapplyConstraints = reapply;
            return this;
        }

        /** Told after every successful round (default none). */
        public Builder listener(RoundListener roundListener) {
            this.listener = roundListener;
            return this;
        }

        public ParameterAveraging build() {
            return new ParameterAveraging(this);
        }
    }
}
