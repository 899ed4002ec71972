package org.hebbian4j.samediff;

import org.nd4j.autodiff.listeners.At;
import org.nd4j.autodiff.listeners.BaseListener;
import org.nd4j.autodiff.listeners.Loss;
import org.nd4j.autodiff.listeners.Operation;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.autodiff.samediff.internal.Variable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trains the {@link HebbianWeight}s of a SameDiff graph by their rules inside the ordinary
 * {@code sd.fit(...)}, while autodiff trains every other variable. Attach it once per graph
 * ({@link #attach}); after {@code SameDiff.load}, attach the same weights to the loaded graph.
 *
 * <p>How (SameDiff M2.1's training loop): SameDiff applies each variable's update as soon as its gradient
 * is computed, calling every listener's {@code preUpdate(sd, at, variable, update)} after the updater and
 * before {@code W -= update}. This listener keeps copies of the weight's input and pre-activation when the
 * forward pass produces them ({@code activationAvailable}; a placeholder input comes from the batch) and in
 * {@code preUpdate} overwrites W's update with {@code -lr * dW}, dW computed by
 * {@link org.hebbian4j.layers.LocalLearningStep} exactly as in a {@link org.hebbian4j.conf.HebbianDenseLayer}.
 * So each step is {@code W += lr * dW}, lr the {@code Sgd} updater's rate at that iteration (the step a
 * HebbianDenseLayer takes under Sgd), or the weight's own {@code directStep} rate under any updater. The
 * autodiff gradient of W is discarded, and the configuration's regularization does not reach W.
 * After the update ({@code iterationDone}) come the homeostasis' weight scale and unit norm, as a DL4J
 * layer's constraints.
 *
 * <p>State (homeostasis theta, a {@link org.hebbian4j.rules.StatefulRule}'s vectors) lives in SameDiff
 * variables named {@code <weight>_<key>} ({@code W1_theta}), {@code [1, n]}, which no loss reaches, so the
 * updater never touches them and {@code sd.save} / {@code SameDiff.load} keep them.
 */
public final class HebbianTraining extends BaseListener {

    private final Map<String, MarkedWeight> byWeight = new LinkedHashMap<>();
    /** Input or pre-activation name -> the weights that read it. */
    private final Map<String, List<MarkedWeight>> byActivation = new LinkedHashMap<>();

    private HebbianTraining() {
    }

    /**
     * Checks the weights against {@code sd}, creates their state variables (or finds them in a loaded graph)
     * and adds the listener to {@code sd}, so that {@code sd.fit} trains them.
     *
     * @throws IllegalArgumentException naming the weight: a variable that does not exist, a weight whose
     *                                  shape does not match its input, an input that passes the gradient,
     *                                  a rule that needs labels, a weight marked twice
     * @throws IllegalStateException    if {@code sd} already has a {@code HebbianTraining}
     */
    public static HebbianTraining attach(SameDiff sd, HebbianWeight... weights) {
        for (Object listener : sd.getListeners()) {
            if (listener instanceof HebbianTraining) {
                throw new IllegalStateException("HebbianTraining: the graph already has one; attach all Hebbian weights"
                        + " in one call");
            }
        }
        HebbianTraining training = new HebbianTraining();
        for (HebbianWeight weight : weights) {
            if (training.byWeight.containsKey(weight.weight())) {
                throw new IllegalArgumentException(weight.describe() + " is marked twice");
            }
            MarkedWeight marked = MarkedWeight.of(sd, weight);
            training.byWeight.put(weight.weight(), marked);
            training.byActivation.computeIfAbsent(weight.input(), k -> new ArrayList<>()).add(marked);
            training.byActivation.computeIfAbsent(weight.preActivation(), k -> new ArrayList<>()).add(marked);
        }
        sd.addListeners(training);
        return training;
    }

    /**
     * The names of the SameDiff variables holding {@code weight}'s state, by state key ({@code theta}, the
     * rule's state names); empty for a stateless rule without homeostasis.
     */
    public Map<String, String> stateVariables(String weight) {
        MarkedWeight marked = byWeight.get(weight);
        if (marked == null) {
            throw new IllegalArgumentException("HebbianTraining: \"" + weight + "\" is not a Hebbian weight (marked: "
                    + byWeight.keySet() + ")");
        }
        return Map.copyOf(marked.stateVariables());
    }

    @Override
    public boolean isActive(Operation operation) {
        return operation == Operation.TRAINING;
    }

    @Override
    public void iterationStart(SameDiff sd, At at, MultiDataSet data, long etlTimeMs) {
        TrainingConfig config = sd.getTrainingConfig();
        List<String> features = config.getDataSetFeatureMapping();
        for (MarkedWeight marked : byWeight.values()) {
            marked.checkUpdater(config);
            marked.startIteration();
            int index = features == null ? -1 : features.indexOf(marked.spec().input());
            if (index >= 0) {
                marked.record(marked.spec().input(), data.getFeatures(index));
            }
        }
    }

    @Override
    public void activationAvailable(SameDiff sd, At at, MultiDataSet batch, SameDiffOp op, String varName,
                                    INDArray activation) {
        List<MarkedWeight> readers = byActivation.get(varName);
        if (readers != null) {
            for (MarkedWeight marked : readers) {
                marked.record(varName, activation);
            }
        }
    }

    @Override
    public void preUpdate(SameDiff sd, At at, Variable v, INDArray update) {
        MarkedWeight marked = byWeight.get(v.getName());
        if (marked != null) {
            marked.step(sd, sd.getTrainingConfig(), at, update);
        }
    }

    @Override
    public void iterationDone(SameDiff sd, At at, MultiDataSet dataSet, Loss loss) {
        for (MarkedWeight marked : byWeight.values()) {
            marked.finishIteration(sd, at);
        }
    }
}
