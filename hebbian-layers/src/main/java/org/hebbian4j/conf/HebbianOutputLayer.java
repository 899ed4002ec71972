package org.hebbian4j.conf;

import lombok.AccessLevel;
import lombok.Data;
import lombok.EqualsAndHashCode;
import lombok.Getter;
import lombok.NoArgsConstructor;
import lombok.Setter;
import lombok.ToString;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.constraint.MaxNormConstraint;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.hebbian4j.layers.HebbianOutputParamInitializer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.hebbian4j.competition.NoCompetition;
import org.hebbian4j.rules.LearningRule;
import org.hebbian4j.rules.SupervisedHebbRule;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.shade.jackson.annotation.JsonIgnore;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.Collection;
import java.util.Collections;
import java.util.List;

/**
 * An output layer trained by a supervised local rule, by default the supervised Hebbian classifier
 * {@code dw_ij = (t_i - y_i) x_j} ({@link SupervisedHebbRule}; Zhu and Liu eq. 13, Lagani et al.'s
 * "SHC"), instead of by the loss gradient.
 *
 * <p>Forward: {@code y = activation(x W + b)}, W {@code [nIn, nOut]} as in DL4J's OutputLayer
 * (default activation softmax, default loss MCXENT). The labels of an ordinary {@code fit} reach
 * the layer as the rule's targets t; the rule sees x (the layer's input), u = x W + b, y and W
 * neuron-major. Its update dW (batch mean) goes to DL4J as follows:
 * <ul>
 *   <li>default mode: {@code -dW} is handed to the network's updater as W's gradient, without
 *       minibatch division, so that {@code Sgd(lr)} gives exactly {@code W += lr * dW}; Adam, l2,
 *       schedules, clipping and constraints apply as to any gradient;</li>
 *   <li>direct mode ({@link Builder#directStep(double)}): {@code W += lr * dW} whatever the
 *       network's updater and regularization (NoOp updater for W and b).</li>
 * </ul>
 * The bias (present unless {@code hasBias(false)}) is the weight of a constant input
 * {@code x_0 = 1} and learns by the same rule: {@code db_i = mean_b (t_i - y_i)} for the default
 * rule. The loss function is not used for learning; it gives {@code score()} (and early stopping,
 * listeners) its value. The layer returns a zero error to the layer below, so no gradient reaches
 * any layer beneath it: it is the top of a hybrid network whose lower layers learn by their own
 * (Hebbian) rules, or a classifier on frozen features. {@link Builder#maxNorm(double)} clips each
 * class unit's weight vector to a maximum L2 norm after every step, as Zhu and Liu do "to account
 * for overflow". Zhu and Liu's own classifier ({@link Builder#normalizeByLargestWeight(boolean)},
 * {@link Builder#zeroLeadingInputs(int)}) divides each class unit's weight vector by its largest
 * entry and zeroes the weight of the first feature selector after every step. With
 * {@link Builder#centering(double)} the layer computes {@code a = (x - mu) W + b} and the rule learns
 * from {@code x - mu}, mu a running mean kept as the state parameter "mu" (Melchior and Wiskott's
 * centered Hebbian descent, {@link org.hebbian4j.rules.HebbianDescentRule}). Label masks are not
 * supported.
 *
 * <p>Example, Lagani et al.'s "H ... SHC" top of a hybrid network:
 * <pre>{@code
 * new HebbianOutputLayer.Builder().nIn(2000).nOut(10).maxNorm(1.0).build();   // softmax, MCXENT
 * }</pre>
 * Hebbian descent, centered, through a hard threshold:
 * <pre>{@code
 * new HebbianOutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(100).nOut(10)
 *         .rule(new HebbianDescentRule()).activation(new StepActivation()).centering(0.9).build();
 * }</pre>
 * and Zhu and Liu's classifier (eq. 13, section 3.2) on 64 feature selectors:
 * <pre>{@code
 * new HebbianOutputLayer.Builder().nIn(64).nOut(10).hasBias(false)
 *         .normalizeByLargestWeight(true).zeroLeadingInputs(1).updater(new Sgd(0.01)).build();
 * }</pre>
 */
@Data
@NoArgsConstructor
@ToString(callSuper = true)
@EqualsAndHashCode(callSuper = true)
public class HebbianOutputLayer extends BaseOutputLayer implements HebbianLearning {

    /** The supervised rule and the step; no competition, homeostasis or normalization. */
    @JsonIgnore   // saved flat, through HebbianLearning's properties
    private LearningSettings learning = LearningSettings.builder(new SupervisedHebbRule(), new NoCompetition()).buildOutput("");
    /** Maximum L2 norm of each class unit's weight vector; 0 means no constraint. */
    private double maxNorm = 0.0;
    /** Whether each class unit's weight vector is divided by its largest entry after every step. */
    private boolean normalizeByLargestWeight = false;
    /** Number of leading inputs (0, 1, ...) whose weights are set to 0 after every step. */
    private int zeroedLeadingInputs = 0;
    /** Whether the input is centered by its running mean mu (a state parameter "mu"). */
    private boolean centering = false;
    /** m of mu's running mean, in [0, 1]; 1 keeps mu fixed. Used only with centering. */
    private double centeringMomentum = 0.0;
    /** Whether the builder was given nIn (see {@link #setNIn(InputType, boolean)}); not configuration. */
    @JsonIgnore @Getter(AccessLevel.NONE) @Setter(AccessLevel.NONE) @ToString.Exclude
    private transient boolean nInExplicit;   // transient: Lombok's equals and hashCode leave it out

    protected HebbianOutputLayer(Builder builder, LearningSettings learning) {
        super(builder);
        this.nInExplicit = getNIn() > 0;   // the builder's nIn, set by super
        this.learning = learning;
        this.maxNorm = builder.maxNorm;
        this.normalizeByLargestWeight = builder.normalizeByLargestWeight;
        this.zeroedLeadingInputs = builder.zeroedLeadingInputs;
        this.centering = builder.centering;
        this.centeringMomentum = builder.centeringMomentum;
        initializeConstraints(builder);
    }

    @Override
    public long ruleInputWidth() {
        return getNIn();
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> trainingListeners,
                             int layerIndex, INDArray layerParamsView, boolean initializeParams,
                             DataType networkDataType) {
        LayerValidation.assertNInNOutSet(typeName(), getLayerName(), layerIndex, getNIn(), getNOut());
        checkZeroedLeadingInputs(describe(layerIndex), zeroedLeadingInputs, getNIn());
        return LayerInstances.wire(new org.hebbian4j.layers.HebbianOutputLayer(conf, networkDataType), conf, trainingListeners, layerIndex,
                layerParamsView, initializeParams, initializer());
    }

    /** {@code 0 <= count < nIn}; nIn = 0 means not known yet (inferred from the input type later). */
    private static void checkZeroedLeadingInputs(String where, int count, long nIn) {
        if (count < 0 || (nIn > 0 && count >= nIn)) {
            throw new IllegalArgumentException(where + ": zeroLeadingInputs must be >= 0 and < nIn ("
                    + (nIn > 0 ? nIn : "not set") + "), got " + count);
        }
    }

    @Override
    public String describe(int layerIndex) {
        return HebbianValidation.byIndex(typeName(), layerIndex, getLayerName());
    }

    /** The layer type's name in messages. */
    protected String typeName() {
        return "HebbianOutputLayer";
    }

    /** As DL4J's, except that an explicit nIn that disagrees with the input fails ({@link HebbianValidation#checkNIn}). */
    @Override
    public void setNIn(InputType inputType, boolean override) {
        HebbianValidation.checkFeedForwardNIn(HebbianValidation.byName(typeName(), getLayerName()), getNIn(),
                nInExplicit, inputType, override);
        super.setNIn(inputType, override);
    }

    @Override
    public ParamInitializer initializer() {
        return HebbianOutputParamInitializer.getInstance();
    }

    @Override
    public IUpdater getUpdaterByParam(String paramName) {
        return learnsByNetwork(paramName) ? super.getUpdaterByParam(paramName) : new NoOp();
    }

    @Override
    public List<Regularization> getRegularizationByParam(String paramName) {
        return learnsByNetwork(paramName) ? super.getRegularizationByParam(paramName) : Collections.emptyList();
    }

    /** W and b are stepped by the network's updater unless the step is direct; mu never is. */
    private boolean learnsByNetwork(String paramName) {
        return !isDirectStep() && !HebbianOutputParamInitializer.MEAN_KEY.equals(paramName);
    }

    /** Builder in DL4J's style. Defaults: softmax activation, MCXENT loss, {@link SupervisedHebbRule}. */
    public static class Builder extends BaseOutputLayer.Builder<Builder> {
        private final LearningSettings.Builder learning = LearningSettings.builder(new SupervisedHebbRule(), new NoCompetition());
        private double maxNorm = 0.0;
        private boolean normalizeByLargestWeight = false;
        private int zeroedLeadingInputs = 0;
        private boolean centering = false;
        private double centeringMomentum = 0.0;

        public Builder() {
            this.activationFn = new ActivationSoftmax();
        }

        /** A builder with the given loss (for {@code score()} only; learning is by the rule). */
        public Builder(LossFunctions.LossFunction lossFunction) {
            this();
            lossFunction(lossFunction);
        }

        /** A builder with the given loss (for {@code score()} only; learning is by the rule). */
        public Builder(ILossFunction lossFunction) {
            this();
            lossFunction(lossFunction);
        }

        /**
         * The supervised learning rule ({@link LearningRule#requiresTargets()} must be true).
         * Default: {@link SupervisedHebbRule}.
         */
        public Builder rule(LearningRule rule) {
            learning.rule(rule);
            return this;
        }

        /**
         * Clip each class unit's weight vector (a column of W) to at most this L2 norm after every
         * step: {@code w_i <- w_i min(1, maxNorm / |w_i|)}, after any constraints configured on the
         * layer. Vectors within the bound are left exactly as they are (unlike DL4J's
         * {@link MaxNormConstraint}, which scales every vector by {@code min(|w|, max) / (|w| + 1e-6)},
         * and in M2.1 applies each constraint twice per iteration). Default: 0, no clipping.
         */
        public Builder maxNorm(double maxNorm) {
            this.maxNorm = maxNorm;
            return this;
        }

        /**
         * Divide each class unit's weight vector (a column of W) by its largest entry after every
         * step, {@code w_i <- w_i / max_j w_ij}, so that each class's strongest weight is 1: Zhu and
         * Liu's "max norm on each classifier weight every iteration" (section 3.2), read as their
         * public code does it (a division by the signed largest entry, not an L2 clip; see
         * {@link #maxNorm(double)} for that). A vector whose largest entry is not positive is left
         * as it is. Applied after {@link #zeroLeadingInputs(int)}, so that applying both twice
         * changes nothing (DL4J may apply constraints more than once per step). Default: false.
         */
        public Builder normalizeByLargestWeight(boolean normalizeByLargestWeight) {
            this.normalizeByLargestWeight = normalizeByLargestWeight;
            return this;
        }

        /**
         * Set the weights from the first {@code count} inputs to 0 after every step (W's first
         * {@code count} rows). Zhu and Liu zero "the first element of each classifier weight" because
         * their first Sanger feature selector learns the mean of all inputs and carries no class
         * information (section 3.2): {@code zeroLeadingInputs(1)}. Default: 0, none.
         */
        public Builder zeroLeadingInputs(int count) {
            this.zeroedLeadingInputs = count;
            return this;
        }

        /**
         * Center the input by its running mean mu: the layer computes {@code a = (x - mu) W + b} and
         * the rule learns from {@code x - mu}; after each batch {@code mu <- m mu + (1 - m) mean_b x}
         * (mu starts at 0). mu is a non-trainable parameter "mu" (NoOp updater, no regularization),
         * saved and restored by ModelSerializer; with {@code momentum = 1} it stays as assigned (e.g.
         * the training set's mean, by {@code layer.setParam("mu", mean)}). The bias is not
         * reparameterized when mu moves. Melchior and Wiskott's centering for Hebbian descent
         * ({@link org.hebbian4j.rules.HebbianDescentRule}); it works with any supervised rule.
         * Default: no centering.
         *
         * @param momentum m in [0, 1]: the weight of the old mean
         */
        public Builder centering(double momentum) {
            this.centering = true;
            this.centeringMomentum = momentum;
            return this;
        }

        /**
         * Direct mode: the rule applies {@code W += learningRate * dW} (and the same step to b)
         * itself, independent of the network's updater, regularization and minibatch division.
         * Default: unset, the network's updater takes the step. The rate must be positive and finite
         * (0 is refused: leave it unset instead, as for the hidden Hebbian layers).
         */
        public Builder directStep(double learningRate) {
            learning.directStep(learningRate);
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public HebbianOutputLayer build() {
            String where = HebbianValidation.byName(typeName(), layerName);
            LearningSettings settings = learning.buildOutput(where);
            HebbianValidation.checkSizes(where, nIn, nOut);
            if (lossFn == null) {
                throw new IllegalArgumentException(where + ": lossFunction must not be null");
            }
            if (!(maxNorm >= 0) || Double.isInfinite(maxNorm)) {
                throw new IllegalArgumentException(where + ": maxNorm must be > 0 (or 0 for none), got " + maxNorm);
            }
            checkZeroedLeadingInputs(where, zeroedLeadingInputs, nIn);
            if (centering && !(centeringMomentum >= 0 && centeringMomentum <= 1)) {
                throw new IllegalArgumentException(where + ": centering momentum must be in [0, 1], got "
                        + centeringMomentum);
            }
            return create(settings);
        }

        /** The layer type's name in messages. */
        protected String typeName() {
            return "HebbianOutputLayer";
        }

        /** The layer of the checked settings (a subclass's builder makes its own type). */
        protected HebbianOutputLayer create(LearningSettings settings) {
            return new HebbianOutputLayer(this, settings);
        }
    }
}
