package org.hebbian4j.conf;

import lombok.AccessLevel;
import lombok.Data;
import lombok.EqualsAndHashCode;
import lombok.Getter;
import lombok.NoArgsConstructor;
import lombok.Setter;
import lombok.ToString;
import lombok.val;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.api.layers.LayerConstraint;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.constraint.UnitNormConstraint;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.hebbian4j.competition.SoftWta;
import org.hebbian4j.layers.HebbianParamInitializer;
import org.hebbian4j.rules.SoftHebbRule;
import org.hebbian4j.rules.StatefulRule;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.shade.jackson.annotation.JsonIgnore;

import java.util.Collection;
import java.util.Collections;
import java.util.List;

/**
 * A fully connected layer whose weights learn by a local Hebbian rule instead of backpropagation.
 *
 * <p>Forward: {@code y = activation(x W + b)}, W {@code [nIn, nOut]} as in DL4J's DenseLayer. In
 * training, the layer ignores the error arriving from above; it computes the pre-activations
 * {@code u = x W + b}, the competition's activity {@code r = competition(u)} and the rule's
 * update dW (batch mean, neuron-major {@code [nOut, nIn]}), and
 * <ul>
 *   <li>default mode: hands {@code -dW} to DL4J's updater as W's gradient, so that with
 *       {@code Sgd(lr)} one fit step is exactly {@code W += lr * dW}; schedules, Adam, l2 and
 *       constraints apply as for any layer;</li>
 *   <li>direct mode ({@link HebbianLearningBuilder#directStep(double)}, {@link LearningStep.Direct}): the rule applies {@code W += lr * dW}
 *       itself, whatever the network's updater, regularization or minibatch division (NoOp updater,
 *       as DL4J's BatchNormalization does for its running statistics).</li>
 * </ul>
 * It returns a zero error to the layer below, so no gradient crosses it. The bias b is not learned
 * (it keeps its initial value, {@code biasInit}, default 0). With homeostasis, the competition sees
 * {@code u - theta} and theta, a non-trainable parameter, adapts after every batch. A
 * {@link StatefulRule} (e.g. HebbNet's running average) keeps each of its state vectors as one more
 * non-trainable parameter, named after the state.
 *
 * <p>Example:
 * <pre>{@code
 * new HebbianDenseLayer.Builder().nIn(784).nOut(2000)
 *         .rule(new SoftHebbRule()).competition(new SoftWta(1.0))
 *         .activation(Activation.RELU).build();
 * }</pre>
 */
@Data
@NoArgsConstructor
@ToString(callSuper = true)
@EqualsAndHashCode(callSuper = true)
public class HebbianDenseLayer extends FeedForwardLayer implements HebbianLearning {

    @JsonIgnore   // saved flat, through HebbianLearning's properties
    private LearningSettings learning = LearningSettings.hiddenDefaults();
    /** Whether the builder was given nIn (see {@link #setNIn(InputType, boolean)}); not configuration. */
    @JsonIgnore @Getter(AccessLevel.NONE) @Setter(AccessLevel.NONE) @ToString.Exclude
    private transient boolean nInExplicit;   // transient: Lombok's equals and hashCode leave it out

    protected HebbianDenseLayer(Builder builder, LearningSettings learning) {
        super(builder);
        this.nInExplicit = getNIn() > 0;   // the builder's nIn, set by super
        this.learning = learning;
        initializeConstraints(builder);
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> trainingListeners,
                             int layerIndex, INDArray layerParamsView, boolean initializeParams,
                             DataType networkDataType) {
        LayerValidation.assertNInNOutSet("HebbianDenseLayer", getLayerName(), layerIndex, getNIn(), getNOut());
        HebbianValidation.checkAtInstantiation(describe(layerIndex), this, getIUpdater(), getActivationFn());
        return LayerInstances.wire(new org.hebbian4j.layers.HebbianDenseLayer(conf, networkDataType), conf, trainingListeners, layerIndex,
                layerParamsView, initializeParams, initializer());
    }

    @Override
    public String describe(int layerIndex) {
        return HebbianValidation.byIndex("HebbianDenseLayer", layerIndex, getLayerName());
    }

    /** As DL4J's, except that an explicit nIn that disagrees with the input fails ({@link HebbianValidation#checkNIn}). */
    @Override
    public void setNIn(InputType inputType, boolean override) {
        HebbianValidation.checkFeedForwardNIn(HebbianValidation.byName("HebbianDenseLayer", getLayerName()), getNIn(),
                nInExplicit, inputType, override);
        super.setNIn(inputType, override);
    }

    /** The constraint of {@code normalizeWeights(true)}: W is [nIn, nOut], one norm per neuron (column). */
    private static UnitNormConstraint unitNorm() {
        return new UnitNormConstraint(0);
    }

    /** As DL4J's, except that with normalizeWeights the unit-norm constraint on W stays ({@link HebbianValidation#keepingUnitNorm}). */
    @Override
    public void setConstraints(List<LayerConstraint> constraints) {
        super.setConstraints(HebbianValidation.keepingUnitNorm(constraints, learning, unitNorm()));
    }

    @Override
    public ParamInitializer initializer() {
        return HebbianParamInitializer.getInstance();
    }

    @Override
    public IUpdater getUpdaterByParam(String paramName) {
        return updatedByNetwork(paramName) ? super.getUpdaterByParam(paramName) : new NoOp();
    }

    @Override
    public List<Regularization> getRegularizationByParam(String paramName) {
        return updatedByNetwork(paramName) ? super.getRegularizationByParam(paramName) : Collections.emptyList();
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        InputType outputType = getOutputType(-1, inputType);
        val numParams = initializer().numParams(this);
        val updaterStateSize = (int) getIUpdater().stateSize(numParams);
        // Training: u (nOut), the copy of u kept from the forward pass for the backward pass (nOut),
        // the competition's activity (nOut) and a zero epsilon (nIn) per example.
        long trainVariable = 3 * outputType.arrayElementsPerExample() + inputType.arrayElementsPerExample();
        return new LayerMemoryReport.Builder(layerName, HebbianDenseLayer.class, inputType, outputType)
                .standardMemory(numParams, updaterStateSize)
                .workingMemory(0, 0, 0, trainVariable)
                .cacheMemory(MemoryReport.CACHE_MODE_ALL_ZEROS, MemoryReport.CACHE_MODE_ALL_ZEROS)
                .build();
    }

    @Override
    public long ruleInputWidth() {
        return getNIn();
    }

    /** Builder in DL4J's style; the learning settings as in {@link HebbianLearningBuilder}. */
    public static class Builder extends FeedForwardLayer.Builder<Builder> implements HebbianLearningBuilder<Builder> {
        private final LearningSettings.Builder learning = LearningSettings.builder(new SoftHebbRule(), new SoftWta(1.0));

        @Override
        public LearningSettings.Builder learningSettings() {
            return learning;
        }

        @Override
        @SuppressWarnings("unchecked")
        public HebbianDenseLayer build() {
            String where = HebbianValidation.byName("HebbianDenseLayer", layerName);
            HebbianValidation.checkSizes(where, nIn, nOut);
            LearningSettings settings = learning.buildHidden(where, nOut, iupdater);
            HebbianValidation.checkActivation(where, activationFn, nOut);
            // The layer reads weightConstraints; the user's list is restored after (see withConstraint).
            List<LayerConstraint> userConstraints = weightConstraints;
            if (settings.normalizeWeights()) {
                weightConstraints = HebbianValidation.withConstraint(userConstraints, unitNorm());
            }
            try {
                return new HebbianDenseLayer(this, settings);
            } finally {
                weightConstraints = userConstraints;
            }
        }
    }
}
