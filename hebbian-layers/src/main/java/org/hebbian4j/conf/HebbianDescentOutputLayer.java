package org.hebbian4j.conf;

import lombok.EqualsAndHashCode;
import lombok.NoArgsConstructor;
import lombok.ToString;
import org.hebbian4j.rules.HebbianDescentRule;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;

/**
 * A {@link HebbianOutputLayer} learning by {@link HebbianDescentRule} on the layer's own loss: the
 * layer type of Hebbian descent before it became a rule, kept so that configurations and models
 * saved with it load and train as before, and so that its builder still works.
 *
 * @deprecated Use {@code new HebbianOutputLayer.Builder(LossFunction.MSE).rule(new HebbianDescentRule())
 *             .activation(Activation.SIGMOID)} (and {@code centering(m)} for centered Hebbian descent),
 *             which is what this builder makes.
 */
@Deprecated
@NoArgsConstructor
@ToString(callSuper = true)
@EqualsAndHashCode(callSuper = true)
public class HebbianDescentOutputLayer extends HebbianOutputLayer {

    protected HebbianDescentOutputLayer(Builder builder, LearningSettings learning) {
        super(builder, learning);
    }

    /** The settings with Hebbian descent on the layer's loss as the rule (saved configurations of this type name no rule). */
    @Override
    public LearningSettings getLearning() {
        return getLossFn() == null ? super.getLearning() : super.getLearning().withRule(new HebbianDescentRule(getLossFn()));
    }

    @Override
    protected String typeName() {
        return "HebbianDescentOutputLayer";
    }

    /**
     * Builder as before: defaults sigmoid activation, MSE loss, no centering; the loss also drives
     * learning.
     *
     * @deprecated see {@link HebbianDescentOutputLayer}
     */
    @Deprecated
    public static class Builder extends HebbianOutputLayer.Builder {

        public Builder() {
            activation(new ActivationSigmoid());
            lossFunction(new LossMSE());
        }

        /** A builder with the given loss, whose {@code dL/dh} drives learning. */
        public Builder(LossFunctions.LossFunction lossFunction) {
            this();
            lossFunction(lossFunction);
        }

        /** A builder with the given loss, whose {@code dL/dh} drives learning. */
        public Builder(ILossFunction lossFunction) {
            this();
            lossFunction(lossFunction);
        }

        @Override
        public HebbianDescentOutputLayer build() {
            if (lossFn != null) {
                rule(new HebbianDescentRule(lossFn));
            }
            return (HebbianDescentOutputLayer) super.build();
        }

        @Override
        protected String typeName() {
            return "HebbianDescentOutputLayer";
        }

        @Override
        protected HebbianOutputLayer create(LearningSettings settings) {
            return new HebbianDescentOutputLayer(this, settings);
        }
    }
}
