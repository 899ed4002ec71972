package org.hebbian4j.samples.support;

import picocli.CommandLine.Option;

/** The {@code --seed} option of the commands that train (default 42); the run record shows its value. */
public final class SeedOption {

    @Option(names = "--seed", defaultValue = "42", paramLabel = "SEED",
            description = "Random seed of the initial weights, the data order and any split or search. Default: ${DEFAULT-VALUE}.")
    public long value;
}
