package org.hebbian4j.spark;

import org.deeplearning4j.nn.api.Model;

/**
 * The model each worker thread trains, kept between rounds so that a round does not parse the configuration
 * and allocate a network again: one model per thread (Spark runs one task at a time on a thread), replaced when
 * a snapshot of another configuration arrives. Every round overwrites its parameters, updater state and counters
 * from the broadcast snapshot, so nothing but the allocation carries over.
 */
final class WorkerModels {

    private static final ThreadLocal<Cached> CACHE = new ThreadLocal<>();

    private record Cached(String configuration, Model model) {
    }

    private WorkerModels() {
    }

    /** This thread's model of the snapshot's configuration, holding the snapshot's parameters, state and counters. */
    static Model from(ModelSnapshot snapshot) {
        Cached cached = CACHE.get();
        if (cached == null || !cached.configuration().equals(snapshot.configuration())) {
            CACHE.remove();
            cached = new Cached(snapshot.configuration(), snapshot.kind().create(snapshot.configuration()));
            CACHE.set(cached);
        }
        snapshot.copyInto(cached.model());
        return cached.model();
    }
}
