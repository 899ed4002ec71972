package org.hebbian4j.spark;

/**
 * An averaging round of {@link ParameterAveraging} failed: a worker threw (its message names the partition, the
 * round, the epoch and the minibatch, and the cause), the Spark job failed otherwise, or the average was not
 * finite. The driver's model is left as it was after the last successful round.
 */
public class RoundFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int epoch;
    private final int round;

    RoundFailedException(String message, int epoch, int round, Throwable cause) {
        super(message, cause);
        this.epoch = epoch;
        this.round = round;
    }

    /** The failed round's epoch, 1-based. */
    public int epoch() {
        return epoch;
    }

    /** The failed round within its epoch, 1-based. */
    public int round() {
        return round;
    }
}
