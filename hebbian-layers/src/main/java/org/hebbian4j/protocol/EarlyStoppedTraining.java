package org.hebbian4j.protocol;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.hebbian4j.data.ShuffledDataSetIterator;
import org.hebbian4j.training.Checkpoints;
import org.hebbian4j.training.TrainingPosition;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntConsumer;

/**
 * Training with early stopping on validation accuracy: the model kept is the state at the epoch with the
 * highest validation accuracy (Lagani et al., section 5: "we chose as final trained model the state of the
 * network at the epoch when the highest validation accuracy was recorded"). Training stops after
 * {@code maxEpochs} epochs, or once {@code patience} epochs have passed without a better validation accuracy
 * (as DL4J's {@code ScoreImprovementEpochTerminationCondition}: a better accuracy is a strictly higher one).
 *
 * <p>Every epoch starts with {@code train.reset()} (a {@link ShuffledDataSetIterator} then shuffles anew) and
 * is one {@code net.fit(train)}, which counts the network's epochs, so epoch schedules of the updater apply.
 *
 * <p>{@link #checkpointingTo(Path) Resumable}: after every epoch the network (with its updater state and
 * counters), the accuracies so far and the best epoch's network are written atomically to a directory; a
 * later {@code fit} with the same directory continues after the last finished epoch, so an interrupted run
 * loses at most one epoch. With a {@link ShuffledDataSetIterator} the resumed epochs see the batches an
 * uninterrupted run would; randomness inside training (dropout) is not saved, so the resumed run is an
 * equally valid run, not the same bits.
 */
public final class EarlyStoppedTraining {

    static final String LATEST = "latest.zip";
    static final String BEST = "best.zip";

    private final int maxEpochs;
    private final int patience;
    /** Where each epoch is checkpointed; null: not resumable. */
    private final Path checkpoints;

    /**
     * @param maxEpochs at most this many epochs, {@code >= 1}
     * @param patience  stop after this many epochs without improvement, {@code >= 1}
     */
    public EarlyStoppedTraining(int maxEpochs, int patience) {
        this(maxEpochs, patience, null);
    }

    private EarlyStoppedTraining(int maxEpochs, int patience, Path checkpoints) {
        if (maxEpochs < 1) {
            throw new IllegalArgumentException("EarlyStoppedTraining: maxEpochs must be >= 1; got " + maxEpochs);
        }
        if (patience < 1) {
            throw new IllegalArgumentException("EarlyStoppedTraining: patience must be >= 1; got " + patience);
        }
        this.maxEpochs = maxEpochs;
        this.patience = patience;
        this.checkpoints = checkpoints;
    }

    /**
     * This training, checkpointed to {@code dir} after every epoch ({@code latest.zip}, {@code best.zip}) and
     * resumed from there by {@link #fit} when {@code dir} holds a checkpoint.
     */
    public EarlyStoppedTraining checkpointingTo(Path dir) {
        return new EarlyStoppedTraining(maxEpochs, patience, Objects.requireNonNull(dir, "dir"));
    }

    /** Whether {@link #fit} will continue from a checkpoint (then the network given to it is not used). */
    public boolean canResume() {
        return checkpoints != null && Files.isRegularFile(checkpoints.resolve(LATEST));
    }

    /**
     * @param best                 the network at its best epoch
     * @param bestEpoch            that epoch, counted from 1 (the paper's "epochs to convergence")
     * @param epochsRun            epochs trained
     * @param validationAccuracy   validation accuracy after each epoch, in [0, 1]
     * @param terminationReason    why training stopped
     */
    public record Result(MultiLayerNetwork best, int bestEpoch, int epochsRun, List<Double> validationAccuracy,
                         String terminationReason) {

        /** The best validation accuracy, in [0, 1]. */
        public double bestValidationAccuracy() {
            return validationAccuracy.get(bestEpoch - 1);
        }
    }

    /**
     * Trains {@code net} (initialized) on {@code train}, scoring every epoch on {@code validation}. When
     * {@link #canResume()}, training continues from the checkpoint instead, and {@code net} may be null.
     *
     * @param listeners added to the network trained; may be null
     * @param onEpoch   told each finished epoch (counted from 1), resumed ones included; may be null
     * @throws IllegalStateException if training failed, or the checkpoint cannot be read or written
     */
    public Result fit(MultiLayerNetwork net, DataSetIterator train, DataSetIterator validation,
                      List<TrainingListener> listeners, IntConsumer onEpoch) {
        List<Double> accuracy = new ArrayList<>();
        int bestEpoch = 0;
        MultiLayerNetwork best = null;
        if (canResume()) {
            Checkpoints.Restored<MultiLayerNetwork> latest = restore(checkpoints.resolve(LATEST));
            net = latest.model();
            bestEpoch = Integer.parseInt(latest.metadata().get("bestEpoch"));
            for (String a : latest.metadata().get("validationAccuracy").split(",")) {
                accuracy.add(Double.parseDouble(a));
            }
            best = restore(checkpoints.resolve(BEST)).model();
        } else {
            Objects.requireNonNull(net, "net");
        }
        if (listeners != null && !listeners.isEmpty()) {
            net.addListeners(listeners.toArray(new TrainingListener[0]));
        }
        for (int epoch = 1; epoch <= accuracy.size(); epoch++) {
            if (onEpoch != null) {
                onEpoch.accept(epoch);
            }
        }
        String reason = stopReason(accuracy.size(), bestEpoch);
        while (reason == null) {
            int epoch = accuracy.size() + 1;
            if (train instanceof ShuffledDataSetIterator shuffled) {
                shuffled.startAt(epoch, 0);   // what `epoch` resets from a fresh iterator give
            } else {
                train.reset();
            }
            try {
                net.fit(train);
            } catch (RuntimeException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
            validation.reset();
            double a = net.evaluate(validation).accuracy();
            accuracy.add(a);
            if (best == null || a > accuracy.get(bestEpoch - 1)) {
                bestEpoch = epoch;
                best = net.clone();
            }
            if (checkpoints != null) {
                save(net, best, epoch, bestEpoch, accuracy);
            }
            if (onEpoch != null) {
                onEpoch.accept(epoch);
            }
            reason = stopReason(accuracy.size(), bestEpoch);
        }
        return new Result(best, bestEpoch, accuracy.size(), List.copyOf(accuracy), reason);
    }

    /** Why training stops after {@code epochs} epochs, or null if it goes on. */
    private String stopReason(int epochs, int bestEpoch) {
        if (epochs >= maxEpochs) {
            return "MaxEpochs: " + maxEpochs + " epochs";
        }
        if (epochs > 0 && epochs >= bestEpoch + patience) {
            return "Patience: no better validation accuracy in the " + patience + " epochs after epoch " + bestEpoch;
        }
        return null;
    }

    private void save(MultiLayerNetwork net, MultiLayerNetwork best, int epoch, int bestEpoch, List<Double> accuracy) {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("bestEpoch", Integer.toString(bestEpoch));
        metadata.put("validationAccuracy", String.join(",", accuracy.stream().map(a -> Double.toString(a)).toList()));
        metadata.put("maxEpochs", Integer.toString(maxEpochs));
        metadata.put("patience", Integer.toString(patience));
        try {
            Files.createDirectories(checkpoints);
            if (bestEpoch == epoch) {
                Checkpoints.save(best, new TrainingPosition(epoch, 0, net.getIterationCount()), metadata,
                        checkpoints.resolve(BEST));
            }
            // latest last: a checkpoint whose best.zip is older than its best epoch never exists
            Checkpoints.save(net, new TrainingPosition(epoch, 0, net.getIterationCount()), metadata,
                    checkpoints.resolve(LATEST));
        } catch (IOException e) {
            throw new UncheckedIOException("EarlyStoppedTraining: cannot write the checkpoint in " + checkpoints
                    + ": " + e.getMessage(), e);
        }
    }

    private static Checkpoints.Restored<MultiLayerNetwork> restore(Path file) {
        try {
            return Checkpoints.restoreMultiLayerNetwork(file);
        } catch (IOException e) {
            throw new IllegalStateException("EarlyStoppedTraining: cannot resume from " + file + ": " + e.getMessage(), e);
        }
    }
}
