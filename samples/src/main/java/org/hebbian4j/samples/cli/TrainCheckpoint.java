package org.hebbian4j.samples.cli;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.hebbian4j.training.Checkpoints;
import org.hebbian4j.training.PeriodicCheckpointListener;
import org.hebbian4j.training.TrainingPosition;
import org.hebbian4j.zoo.HybridMlp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The checkpoint of a {@code train} run, {@code <out>/checkpoint/checkpoint.zip}: where the Hebbian phase
 * starts (a fresh network, or the checkpoint of an interrupted run with the same settings), the listener
 * that writes it, and its removal once the run is complete.
 */
final class TrainCheckpoint {

    private final Path out;
    private final Path file;
    private final Map<String, String> settings;
    private final long iterationsPerEpoch;

    /**
     * @param out                the run's output directory
     * @param settings           what must be the same for a run to continue this checkpoint (its metadata)
     * @param iterationsPerEpoch batches per epoch
     */
    TrainCheckpoint(Path out, Map<String, String> settings, long iterationsPerEpoch) {
        this.out = out;
        this.file = out.resolve("checkpoint").resolve("checkpoint.zip");
        this.settings = settings;
        this.iterationsPerEpoch = iterationsPerEpoch;
    }

    /**
     * The network and position the Hebbian phase starts from: with {@code resume} the checkpoint's, else a
     * fresh network of {@code zoo} (refusing to overwrite an unfinished run's checkpoint unless {@code restart}).
     */
    Checkpoints.Restored<MultiLayerNetwork> begin(HybridMlp zoo, boolean resume, boolean restart, int epochs)
            throws IOException {
        removeStaleTemporaryFiles();
        if (resume) {
            Checkpoints.Restored<MultiLayerNetwork> restored = restore(epochs);
            System.out.println("Resuming from " + file + " at " + restored.position());
            return restored;
        }
        if (Files.exists(file)) {
            if (!restart) {
                throw new IllegalStateException(out + " holds the checkpoint of an unfinished run (at "
                        + Checkpoints.position(file) + "): pass --resume to continue it, or --restart to"
                        + " discard it and start over");
            }
            Files.delete(file);
        }
        MultiLayerNetwork net = new MultiLayerNetwork(zoo.conf());
        net.init();
        return new Checkpoints.Restored<>(net, TrainingPosition.START, settings);
    }

    /** Writes the checkpoint every {@code every} iterations and at epoch ends; with {@code verbose} says so. */
    PeriodicCheckpointListener listener(long every, TrainingPosition start, boolean verbose) {
        return new PeriodicCheckpointListener(file, every, iterationsPerEpoch, start, settings,
                verbose ? position -> System.err.println("checkpoint: " + position + " -> " + file) : null);
    }

    /** The run is complete: its checkpoint is no longer needed (and must not be resumed). */
    void finish() throws IOException {
        Files.deleteIfExists(file);
        removeIfEmpty(file.getParent());
    }

    private Checkpoints.Restored<MultiLayerNetwork> restore(int epochs) throws IOException {
        if (!Files.exists(file)) {
            throw new IllegalStateException("--resume: no checkpoint in " + file.getParent()
                    + " (the run finished, or never wrote one); run without --resume");
        }
        Map<String, String> saved = Checkpoints.metadata(file);
        List<String> differences = new ArrayList<>();
        for (Map.Entry<String, String> e : settings.entrySet()) {
            String before = saved.get(e.getKey());
            if (!e.getValue().equals(before)) {
                differences.add(e.getKey() + " was " + before + ", now " + e.getValue());
            }
        }
        if (!differences.isEmpty()) {
            throw new IllegalStateException("--resume: the checkpoint in " + file.getParent()
                    + " was written by a run with other settings (" + String.join("; ", differences)
                    + "); give the same options, or --restart to start over");
        }
        Checkpoints.Restored<MultiLayerNetwork> restored = Checkpoints.restoreMultiLayerNetwork(file);
        if (restored.position().iteration() > iterationsPerEpoch * epochs) {
            throw new IllegalStateException("--resume: the checkpoint is at " + restored.position() + ", beyond the "
                    + epochs + " epoch(s) of --epochs; give at least --epochs " + (restored.position().epoch()
                    + (restored.position().batch() > 0 ? 1 : 0)));
        }
        return restored;
    }

    /** Removes {@code dir} if it exists and holds nothing (a finished run's checkpoint directory). */
    private static void removeIfEmpty(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            try (var entries = Files.list(dir)) {
                if (entries.findAny().isEmpty()) {
                    Files.delete(dir);
                }
            }
        }
    }

    /** Temporary files of checkpoint writes cut short by a killed process (see AtomicFiles). */
    private void removeStaleTemporaryFiles() throws IOException {
        Path dir = file.getParent();
        if (!Files.isDirectory(dir)) {
            return;
        }
        String prefix = "." + file.getFileName() + ".";
        try (var files = Files.list(dir)) {
            for (Path stale : files.toList()) {
                String name = stale.getFileName().toString();
                if (name.startsWith(prefix) && name.endsWith(".tmp")) {
                    Files.deleteIfExists(stale);
                }
            }
        }
    }
}
