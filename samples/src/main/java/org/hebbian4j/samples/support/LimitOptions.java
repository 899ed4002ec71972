package org.hebbian4j.samples.support;

import picocli.CommandLine.Option;

/** {@code --train-limit} and {@code --test-limit}: a reduced run on the first examples of each set. */
public final class LimitOptions {

    @Option(names = "--train-limit", defaultValue = "0", paramLabel = "N", description = "Use at most this many training examples (0 = all).")
    public int train;

    @Option(names = "--test-limit", defaultValue = "0", paramLabel = "N", description = "Use at most this many test examples (0 = all).")
    public int test;
}
