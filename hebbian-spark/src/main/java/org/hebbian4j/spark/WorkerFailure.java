package org.hebbian4j.spark;

/**
 * Thrown inside a Spark task when a worker's {@code fit} fails; its message names the partition, the round,
 * the epoch and the minibatch. The driver finds it in the cause chain of Spark's job failure and reports it in a
 * {@link RoundFailedException}.
 */
final class WorkerFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    WorkerFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
