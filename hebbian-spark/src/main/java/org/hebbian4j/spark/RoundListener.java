package org.hebbian4j.spark;

/** Told on the driver after every successful averaging round of {@link ParameterAveraging}, e.g. to show progress. */
@FunctionalInterface
public interface RoundListener {

    /** Called once the round's average has replaced the driver's model. */
    void roundDone(RoundReport report);
}
