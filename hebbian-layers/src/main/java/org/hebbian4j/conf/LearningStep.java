package org.hebbian4j.conf;

import java.io.Serializable;

/**
 * How a Hebbian layer's update dW reaches its weights: through the network's updater, or as a
 * direct step of its own.
 * <ul>
 *   <li>{@link Updater}: the layer hands {@code -dW} to DL4J's updater as W's gradient (no
 *       minibatch division), so that {@code Sgd(lr)} gives exactly {@code W += lr * dW}; Adam,
 *       schedules, l2 and constraints apply as to any gradient.</li>
 *   <li>{@link Direct}: the layer applies {@code W += learningRate * dW} itself, whatever the
 *       network's updater and regularization (W gets a NoOp updater, as DL4J's BatchNormalization
 *       does for its running statistics).</li>
 * </ul>
 * In JSON a step is one number, {@code directStepLearningRate}: the direct step's rate, or 0 for
 * the updater.
 */
public sealed interface LearningStep extends Serializable permits LearningStep.Updater, LearningStep.Direct {

    /** The network's updater takes the step. */
    static LearningStep updater() {
        return Updater.INSTANCE;
    }

    /** The layer steps {@code W += learningRate * dW} itself; {@code learningRate > 0} and finite. */
    static LearningStep direct(double learningRate) {
        return new Direct(learningRate);
    }

    /** The step of a saved configuration's {@code directStepLearningRate}: 0 (or less) means the updater. */
    static LearningStep fromDirectStepLearningRate(double learningRate) {
        return learningRate > 0 ? direct(learningRate) : updater();
    }

    /**
     * The factor that multiplies dW as it is written into W's gradient view: {@code -1} (DL4J's
     * updater subtracts the "gradient") or {@code -learningRate} (NoOp updater: DL4J subtracts it
     * unchanged).
     */
    double updateScale();

    /** The rate of a direct step, 0 for the updater (the JSON form). */
    double directStepLearningRate();

    /** Whether the layer takes the step itself. */
    default boolean isDirect() {
        return this instanceof Direct;
    }

    /** The network's updater takes the step: {@code -dW} is W's gradient. */
    record Updater() implements LearningStep {
        static final Updater INSTANCE = new Updater();

        @Override
        public double updateScale() {
            return -1.0;
        }

        @Override
        public double directStepLearningRate() {
            return 0.0;
        }
    }

    /**
     * {@code W += learningRate * dW}, applied by the layer.
     *
     * @param learningRate the step's rate, {@code > 0} and finite
     */
    record Direct(double learningRate) implements LearningStep {
        public Direct {
            if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
                throw new IllegalArgumentException("directStep learning rate must be > 0 and finite, got " + learningRate
                        + " (leave directStep unset to let the network's updater take the step)");
            }
        }

        @Override
        public double updateScale() {
            return -learningRate;
        }

        @Override
        public double directStepLearningRate() {
            return learningRate;
        }
    }
}
