package org.hebbian4j.arbiter;

import org.apache.commons.lang3.exception.ExceptionUtils;
import org.deeplearning4j.arbiter.DL4JConfiguration;
import org.deeplearning4j.arbiter.optimize.api.Candidate;
import org.deeplearning4j.arbiter.optimize.api.OptimizationResult;
import org.deeplearning4j.arbiter.optimize.api.TaskCreator;
import org.deeplearning4j.arbiter.optimize.api.data.DataProvider;
import org.deeplearning4j.arbiter.optimize.api.data.DataSource;
import org.deeplearning4j.arbiter.optimize.api.saving.ResultSaver;
import org.deeplearning4j.arbiter.optimize.api.score.ScoreFunction;
import org.deeplearning4j.arbiter.optimize.runner.CandidateInfo;
import org.deeplearning4j.arbiter.optimize.runner.CandidateStatus;
import org.deeplearning4j.arbiter.optimize.runner.IOptimizationRunner;
import org.deeplearning4j.arbiter.optimize.runner.listener.StatusListener;
import org.deeplearning4j.earlystopping.EarlyStoppingConfiguration;
import org.deeplearning4j.earlystopping.EarlyStoppingResult;
import org.deeplearning4j.earlystopping.trainer.EarlyStoppingTrainer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Trains and scores one MultiLayerNetwork candidate of an Arbiter search, like Arbiter's
 * {@code MultiLayerNetworkTaskCreator}, but keeps the reason when training fails.
 *
 * <p>DL4J M2.1's {@code EarlyStoppingTrainer} catches an exception thrown during training (e.g. a
 * {@link org.hebbian4j.layers.NonFiniteUpdateException} of a diverging Hebbian layer), logs it, and
 * then asks its model saver for the best model's score: before the first evaluation there is none, and
 * the trainer fails with a NullPointerException that has lost the original error (read in the
 * bytecode). This task gives the saver the untrained network first, so the trainer returns its
 * "Error" result with the original exception's text, and fails the candidate with that message.
 * Candidates come from a {@code MultiLayerSpace} (a {@link DL4JConfiguration}: early stopping if it
 * has a configuration, else {@code numEpochs} epochs of {@code fit}); data from a {@link DataProvider}.
 */
public class ErrorReportingTaskCreator implements TaskCreator {

    private final Consumer<CandidateInfo> onFinished;

    public ErrorReportingTaskCreator() {
        this(null);
    }

    /** @param onFinished told every candidate's final status (completed or failed), e.g. for progress; may be null */
    public ErrorReportingTaskCreator(Consumer<CandidateInfo> onFinished) {
        this.onFinished = onFinished;
    }

    /** Training ended with an error; the message is the original exception's {@code toString()}. */
    public static class CandidateTrainingException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public CandidateTrainingException(String message) {
            super(message);
        }
    }

    @Override
    public Callable<OptimizationResult> create(Candidate candidate, DataProvider dataProvider, ScoreFunction scoreFunction,
                                               List<StatusListener> statusListeners, IOptimizationRunner runner) {
        return () -> {
            OptimizationResult result = run(candidate, dataProvider, scoreFunction, runner);
            if (onFinished != null) {
                onFinished.accept(result.getCandidateInfo());
            }
            return result;
        };
    }

    @Override
    public Callable<OptimizationResult> create(Candidate candidate, Class<? extends DataSource> dataSource,
                                               Properties dataSourceProperties, ScoreFunction scoreFunction,
                                               List<StatusListener> statusListeners, IOptimizationRunner runner) {
        throw new UnsupportedOperationException("ErrorReportingTaskCreator takes its data from a DataProvider "
                + "(e.g. InMemoryDataProvider), not a DataSource class");
    }

    private static OptimizationResult run(Candidate candidate, DataProvider data, ScoreFunction scoreFunction,
                                          IOptimizationRunner runner) {
        long start = System.currentTimeMillis();
        int index = candidate.getIndex();
        try {
            if (candidate.getException() != null) {
                throw candidate.getException();
            }
            DL4JConfiguration conf = (DL4JConfiguration) candidate.getValue();
            MultiLayerNetwork net = new MultiLayerNetwork(conf.getMultiLayerConfiguration());
            net.init();
            DataSetIterator train = (DataSetIterator) data.trainData(candidate.getDataParameters());
            @SuppressWarnings("unchecked")
            EarlyStoppingConfiguration<MultiLayerNetwork> earlyStopping = conf.getEarlyStoppingConfiguration();
            if (earlyStopping != null) {
                // A best model to fall back on, so that an error before the first evaluation is reported
                // (the trainer's own best-score bookkeeping starts afresh, so this never wins over a real one).
                earlyStopping.getModelSaver().saveBestModel(net, Double.NaN);
                EarlyStoppingResult<MultiLayerNetwork> result = new EarlyStoppingTrainer(earlyStopping, net, train).fit();
                if (result.getTerminationReason() == EarlyStoppingResult.TerminationReason.Error) {
                    throw new CandidateTrainingException(result.getTerminationDetails());
                }
                net = result.getBestModel();
            } else {
                int epochs = conf.getNumEpochs() == null ? 1 : conf.getNumEpochs();
                for (int epoch = 0; epoch < epochs; epoch++) {
                    net.fit(train);
                }
            }
            double score = scoreFunction.score(net, data, candidate.getDataParameters());
            CandidateInfo info = new CandidateInfo(index, CandidateStatus.Complete, score, start, start,
                    System.currentTimeMillis(), candidate.getFlatParameters(), null);
            OptimizationResult result = new OptimizationResult(candidate, score, index, null, info, null);
            ResultSaver saver = runner.getConfiguration().getResultSaver();
            if (saver != null) {
                result.setResultReference(saver.saveModel(result, net));
            }
            return result;
        } catch (Throwable e) {
            CandidateInfo info = new CandidateInfo(index, CandidateStatus.Failed, null, start, start,
                    System.currentTimeMillis(), candidate.getFlatParameters(), ExceptionUtils.getStackTrace(e));
            return new OptimizationResult(candidate, null, index, null, info, null);
        } finally {
            Nd4j.getWorkspaceManager().destroyAllWorkspacesForCurrentThread();
        }
    }
}
