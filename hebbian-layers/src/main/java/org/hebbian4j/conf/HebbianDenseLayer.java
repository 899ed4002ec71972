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
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.constraint.UnitNormConstraint;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.hebbian4j.competition.Competition;
import org.hebbian4j.competition.SoftWta;
import org.hebbian4j.homeostasis.Homeostasis;
import org.hebbian4j.homeostasis.NoHomeostasis;
import org.hebbian4j.layers.HebbianDenseLayerImpl;
import org.hebbian4j.layers.HebbianParamInitializer;
import org.hebbian4j.rules.LearningRule;
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
 *   <li>direct mode ({@link Builder#directStep(double)}): the rule applies {@code W += lr * dW}
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

    private LearningRule rule = new SoftHebbRule();
    private Competition competition = new SoftWta(1.0);
    private Homeostasis homeostasis = new NoHomeostasis();
    private boolean normalizeWeights = false;
    /** Learning rate of direct mode; 0 means default mode (the network's updater takes the step). */
    private double directStepLearningRate = 0.0;
    /**
     * Whether nIn was given to the builder, so that an input type that disagrees with it is an error
     * at build() instead of being silently replaced (see {@link #setNIn(InputType, boolean)}). Not part
     * of the configuration: not serialized, not compared, not printed.
     */
    @JsonIgnore
    @Getter(AccessLevel.NONE)
    @Setter(AccessLevel.NONE)
    @ToString.Exclude
    private transient boolean nInExplicit;   // transient: Lombok's equals and hashCode leave it out

    protected HebbianDenseLayer(Builder builder) {
        super(builder);
        this.nInExplicit = getNIn() > 0;   // the builder's nIn, set by super
        this.rule = builder.rule;
        this.competition = builder.competition;
        this.homeostasis = builder.homeostasis;
        this.normalizeWeights = builder.normalizeWeights;
        this.directStepLearningRate = builder.directStepLearningRate == null ? 0.0 : builder.directStepLearningRate;
        initializeConstraints(builder);
    }

    /** Whether the rule applies its own step (direct mode). */
    public boolean isDirectStep() {
        return directStepLearningRate > 0;
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> trainingListeners,
                             int layerIndex, INDArray layerParamsView, boolean initializeParams,
                             DataType networkDataType) {
        LayerValidation.assertNInNOutSet("HebbianDenseLayer", getLayerName(), layerIndex, getNIn(), getNOut());
        HebbianValidation.checkComponents(describe(layerIndex), rule, competition, homeostasis, normalizeWeights, getNOut());
        if (!isDirectStep()) {
            // The updater inherited from the network's configuration is known only now.
            HebbianValidation.checkLearningRate(describe(layerIndex), getIUpdater());
        }
        return LayerInstances.wire(new HebbianDenseLayerImpl(conf, networkDataType), conf, trainingListeners, layerIndex,
                layerParamsView, initializeParams, initializer());
    }

    /** "HebbianDenseLayer (index 0, name "h1")", for error messages. */
    public String describe(int layerIndex) {
        return "HebbianDenseLayer (index " + layerIndex + (getLayerName() == null ? "" : ", name \"" + getLayerName() + "\"") + ")";
    }

    /**
     * As DL4J's (nIn from the input type's size), except that an nIn that disagrees with the input
     * type fails, naming the layer, nIn and the input's size, when it was set explicitly on the builder
     * or when DL4J keeps set sizes ({@code overrideNinUponBuild(false)}); DL4J itself would silently
     * replace it (or keep the mismatch until the first forward pass).
     */
    @Override
    public void setNIn(InputType inputType, boolean override) {
        HebbianValidation.checkFeedForwardNIn(HebbianValidation.byName("HebbianDenseLayer", getLayerName()), getNIn(),
                nInExplicit, inputType, override);
        super.setNIn(inputType, override);
    }

    @Override
    public ParamInitializer initializer() {
        return HebbianParamInitializer.getInstance();
    }

    @Override
    public IUpdater getUpdaterByParam(String paramName) {
        if (!HebbianParamInitializer.WEIGHT_KEY.equals(paramName) || isDirectStep()) {
            return new NoOp();
        }
        return super.getUpdaterByParam(paramName);
    }

    @Override
    public List<Regularization> getRegularizationByParam(String paramName) {
        if (!HebbianParamInitializer.WEIGHT_KEY.equals(paramName) || isDirectStep()) {
            return Collections.emptyList();
        }
        return super.getRegularizationByParam(paramName);
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

    /** State names of a stateful rule must be unique and must not clash with the layer's other parameters. */
    @Override
    public long ruleInputWidth() {
        return getNIn();
    }

    /** Builder in DL4J's style. */
    public static class Builder extends FeedForwardLayer.Builder<Builder> implements HebbianLearningBuilder<Builder> {
        private LearningRule rule = new SoftHebbRule();
        private Competition competition = new SoftWta(1.0);
        private Homeostasis homeostasis = new NoHomeostasis();
        private boolean normalizeWeights = false;
        /** null: default mode. */
        private Double directStepLearningRate = null;

        /** The learning rule. Default: {@link SoftHebbRule}. */
        @Override
        public Builder rule(LearningRule rule) {
            this.rule = rule;
            return this;
        }

        /** The competition that turns pre-activations into the rule's activity. Default: {@code SoftWta(1.0)}. */
        @Override
        public Builder competition(Competition competition) {
            this.competition = competition;
            return this;
        }

        /**
         * Homeostasis against dead neurons (e.g. {@code new AdaptiveThreshold(0.5)}): shifts what the
         * competition sees by a per-neuron threshold kept as a non-trainable parameter "theta".
         * Default: {@link NoHomeostasis}.
         */
        @Override
        public Builder homeostasis(Homeostasis homeostasis) {
            this.homeostasis = homeostasis;
            return this;
        }

        /**
         * Rescale each neuron's weight vector to unit L2 norm after every step (a
         * {@link UnitNormConstraint} on W, applied by DL4J after each update). Default: false.
         */
        @Override
        public Builder normalizeWeights(boolean normalizeWeights) {
            this.normalizeWeights = normalizeWeights;
            return this;
        }

        /**
         * Direct mode: the rule applies {@code W += learningRate * dW} itself, independent of the
         * network's updater, regularization and minibatch division; {@code learningRate > 0}. Default:
         * off (not called), the network's updater takes the step.
         */
        @Override
        public Builder directStep(double learningRate) {
            this.directStepLearningRate = learningRate;
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public HebbianDenseLayer build() {
            String where = "HebbianDenseLayer" + (layerName == null ? "" : " \"" + layerName + "\"");
            HebbianValidation.checkSizes(where, nIn, nOut);
            HebbianValidation.checkComponents(where, rule, competition, homeostasis, normalizeWeights, nOut);
            HebbianValidation.checkDirectStep(where, directStepLearningRate);
            if (directStepLearningRate == null) {
                HebbianValidation.checkLearningRate(where, iupdater);
            }
            HebbianValidation.checkRuleState(where, rule);
            if (!normalizeWeights) {
                return new HebbianDenseLayer(this);
            }
            // The layer reads weightConstraints; the user's list is restored after (see withConstraint).
            List<org.deeplearning4j.nn.api.layers.LayerConstraint> userConstraints = weightConstraints;
            weightConstraints = HebbianValidation.withConstraint(userConstraints, new UnitNormConstraint(0));
            try {
                return new HebbianDenseLayer(this);
            } finally {
                weightConstraints = userConstraints;
            }
        }
    }
}
