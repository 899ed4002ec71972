package org.hebbian4j.samples.support;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.hebbian4j.spark.ParameterAveraging;
import org.hebbian4j.spark.RoundListener;
import picocli.CommandLine.Option;

/**
 * The options of training on Apache Spark by parameter averaging (module hebbian-spark): the master, the
 * workers and the averaging frequency. See docs/spark.md.
 */
public final class SparkOptions {

    /** The value of a bare {@code --spark}: the master that spark-submit gives. */
    static final String FROM_SUBMIT = "submit";

    @Option(names = "--spark", arity = "0..1", fallbackValue = FROM_SUBMIT, paramLabel = "MASTER",
            description = "Train on Apache Spark by synchronous parameter averaging: MASTER is a Spark master URL "
                    + "(local[2], spark://host:7077, yarn, ...); a bare --spark takes the one spark-submit sets. "
                    + "Both phases (Hebbian and classifier) run on the workers. Default: this machine alone.")
    public String master;

    @Option(names = "--workers", defaultValue = "0", paramLabel = "K",
            description = "With --spark: workers (partitions of the training data); 0: Spark's default parallelism "
                    + "(local[N]: N). Default: ${DEFAULT-VALUE}.")
    public int workers;

    @Option(names = "--averaging-frequency", defaultValue = "1", paramLabel = "N",
            description = "With --spark: minibatches each worker fits between two averagings. Default: ${DEFAULT-VALUE}.")
    public int averagingFrequency;

    @Option(names = "--data-uri", paramLabel = "URI",
            description = "With --spark: a directory on a Hadoop file system (hdfs://..., s3a://..., file://...) "
                    + "holding the data set's files, copied to the driver and read as --data-dir.")
    public String dataUri;

    /** Whether --spark was given. */
    public boolean enabled() {
        return master != null;
    }

    /** Throws on settings that cannot work, naming the option. */
    public void validate() {
        if (!enabled() && (workers != 0 || averagingFrequency != 1 || dataUri != null)) {
            throw new IllegalArgumentException("--workers, --averaging-frequency and --data-uri need --spark");
        }
        if (workers < 0) {
            throw new IllegalArgumentException("--workers must be >= 0, got " + workers);
        }
        if (averagingFrequency < 1) {
            throw new IllegalArgumentException("--averaging-frequency must be >= 1, got " + averagingFrequency);
        }
    }

    /** A Spark context for --spark (the caller stops it). */
    public JavaSparkContext start(String appName) {
        SparkConf conf = new SparkConf().setAppName(appName);
        if (!master.equals(FROM_SUBMIT)) {
            conf.setMaster(master);
        } else if (!conf.contains("spark.master")) {
            throw new IllegalArgumentException("a bare --spark takes the master from spark-submit, but none is set: "
                    + "give one, e.g. --spark local[2], or run the tool with spark-submit --master ...");
        }
        return new JavaSparkContext(conf);
    }

    /** The workers for {@code sc}: --workers, or Spark's default parallelism. */
    public int workers(JavaSparkContext sc) {
        return workers > 0 ? workers : Math.max(1, sc.defaultParallelism());
    }

    /** The parameter averaging of these options over {@code workers} workers, telling {@code listener} of each round. */
    public ParameterAveraging averaging(int workerCount, RoundListener listener) {
        return ParameterAveraging.builder(workerCount).averagingFrequency(averagingFrequency).listener(listener).build();
    }
}
