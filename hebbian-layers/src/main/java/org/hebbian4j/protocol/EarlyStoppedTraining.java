package org.hebbian4j.protocol;

import org.deeplearning4j.earlystopping.EarlyStoppingConfiguration;
import org.deeplearning4j.earlystopping.EarlyStoppingResult;
import org.deeplearning4j.earlystopping.listener.EarlyStoppingListener;
import org.deeplearning4j.earlystopping.saver.InMemoryModelSaver;
import org.deeplearning4j.earlystopping.scorecalc.ClassificationScoreCalculator;
import org.deeplearning4j.earlystopping.termination.MaxEpochsTerminationCondition;
import org.deeplearning4j.earlystopping.termination.ScoreImprovementEpochTerminationCondition;
import org.deeplearning4j.earlystopping.trainer.EarlyStoppingTrainer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntConsumer;

/**
 * Training with early stopping on validation accuracy, DL4J's {@link EarlyStoppingTrainer}: the model kept
 * is the state at the epoch with the highest validation accuracy (Lagani et al., section 5: "we chose as
 * final trained model the state of the network at the epoch when the highest validation accuracy was
 * recorded"). Training stops after {@code maxEpochs} epochs, or after {@code patience} epochs without a
 * better validation accuracy.
 *
 * <p>Two quirks of DL4J M2.1 handled here: the trainer's {@code getBestModelScore()} is 0 after the
 * reload (the accuracies come from {@code getScoreVsEpoch()}), and an exception during training is turned
 * by the trainer into an "Error" result whose best model is missing (the untrained network is given to
 * the saver first, and the error is rethrown with the original message).
 */
public final class EarlyStoppedTraining {

    private final int maxEpochs;
    private final int patience;

    /**
     * @param maxEpochs at most this many epochs, {@code >= 1}
     * @param patience  stop after this many epochs without improvement, {@code >= 1}
     */
    public EarlyStoppedTraining(int maxEpochs, int patience) {
        if (maxEpochs < 1) {
            throw new IllegalArgumentException("EarlyStoppedTraining: maxEpochs must be >= 1; got " + maxEpochs);
        }
        if (patience < 1) {
            throw new IllegalArgumentException("EarlyStoppedTraining: patience must be >= 1; got " + patience);
        }
        this.maxEpochs = maxEpochs;
        this.patience = patience;
    }

    /**
     * @param best                 the network at its best epoch
     * @param bestEpoch            that epoch, counted from 1 (the paper's "epochs to convergence")
     * @param epochsRun            epochs trained
     * @param validationAccuracy   validation accuracy after each epoch, in [0, 1]
     * @param terminationReason    why training stopped, as DL4J reports it
     */
    public record Result(MultiLayerNetwork best, int bestEpoch, int epochsRun, List<Double> validationAccuracy,
                         String terminationReason) {

        /** The best validation accuracy, in [0, 1]. */
        public double bestValidationAccuracy() {
            return validationAccuracy.get(bestEpoch - 1);
        }
    }

    /**
     * Trains {@code net} (initialized) on {@code train}, scoring every epoch on {@code validation}.
     *
     * @param onEpoch told each finished epoch (counted from 1); may be null
     * @throws IllegalStateException if training failed (the message is the original error's)
     */
    public Result fit(MultiLayerNetwork net, DataSetIterator train, DataSetIterator validation,
                      List<TrainingListener> listeners, IntConsumer onEpoch) {
        InMemoryModelSaver<MultiLayerNetwork> saver = new InMemoryModelSaver<>();
        try {
            saver.saveBestModel(net, Double.NaN);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        EarlyStoppingConfiguration<MultiLayerNetwork> conf = new EarlyStoppingConfiguration.Builder<MultiLayerNetwork>()
                .epochTerminationConditions(new MaxEpochsTerminationCondition(maxEpochs),
                        new ScoreImprovementEpochTerminationCondition(patience))
                .scoreCalculator(new ClassificationScoreCalculator(Evaluation.Metric.ACCURACY, validation))
                .evaluateEveryNEpochs(1)
                .modelSaver(saver)
                .build();
        if (listeners != null && !listeners.isEmpty()) {
            net.addListeners(listeners.toArray(new TrainingListener[0]));
        }
        EarlyStoppingTrainer trainer = new EarlyStoppingTrainer(conf, net, train);
        if (onEpoch != null) {
            trainer.setListener(new EpochReporter(onEpoch));
        }
        EarlyStoppingResult<MultiLayerNetwork> result = trainer.fit();
        if (result.getTerminationReason() == EarlyStoppingResult.TerminationReason.Error) {
            throw new IllegalStateException(result.getTerminationDetails());
        }
        Map<Integer, Double> scores = new TreeMap<>(result.getScoreVsEpoch());
        List<Double> accuracy = new ArrayList<>(scores.values());
        return new Result(result.getBestModel(), result.getBestModelEpoch() + 1, result.getTotalEpochs(), accuracy,
                result.getTerminationReason() + ": " + result.getTerminationDetails());
    }

    private record EpochReporter(IntConsumer onEpoch) implements EarlyStoppingListener<MultiLayerNetwork> {
        @Override
        public void onStart(EarlyStoppingConfiguration<MultiLayerNetwork> esConfig, MultiLayerNetwork net) {
        }

        @Override
        public void onEpoch(int epochNum, double score, EarlyStoppingConfiguration<MultiLayerNetwork> esConfig,
                            MultiLayerNetwork net) {
            onEpoch.accept(epochNum + 1);
        }

        @Override
        public void onCompletion(EarlyStoppingResult<MultiLayerNetwork> esResult) {
        }
    }
}
