package org.hebbian4j.layers;

import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.function.Supplier;

/**
 * What a hidden Hebbian layer hands DL4J when DL4J's layer-wise pretraining steps the layer on its own
 * ({@code MultiLayerNetwork.pretrainLayer}, {@code ComputationGraph.pretrainLayer}, which call
 * {@code Layer.fit(input, workspaceMgr)}): the step's gradient on the layer's flat gradient view, and
 * the error for an input that does not fit the layer.
 */
final class PretrainStep {

    private PretrainStep() {
    }

    /**
     * The learning step of a pretraining step ({@code learningStep} writes it into the gradient views), with
     * the guard reporting DL4J's pretraining counters, on the layer's flat gradient view ({@link #onFlatView}).
     */
    static Gradient take(StepGuard guard, Supplier<Gradient> learningStep, INDArray flatGradientView) {
        guard.pretraining(true);
        try {
            return onFlatView(learningStep.get(), flatGradientView);
        } finally {
            guard.pretraining(false);
        }
    }

    /**
     * {@code step}'s per-parameter gradients (views of {@code flatGradientView}, as the learning step
     * writes them), backed by the layer's flat gradient view: DL4J's {@code LayerUpdater} then updates that
     * view in place and subtracts it from the layer's parameters, as the network's updater does in
     * {@code fit}. Without it the updater would take the gradient for an external one and work on a copy.
     */
    private static Gradient onFlatView(Gradient step, INDArray flatGradientView) {
        Gradient gradient = new DefaultGradient(flatGradientView);
        gradient.gradientForVariable().putAll(step.gradientForVariable());
        return gradient;
    }

    /**
     * The error for a pretraining input that does not fit the layer ({@code mismatch} says how); above
     * layer 0 it names the likely cause, DL4J's defect.
     */
    static IllegalArgumentException wrongInput(String mismatch, int layerIndex) {
        String cause = layerIndex == 0 ? "" : "; if this came from MultiLayerNetwork.pretrain or pretrainLayer: DL4J "
                + "1.0.0-M2.1 feeds the network's features to every layer above layer 0 instead of the output of the"
                + " layers below, use org.hebbian4j.training.LayerwisePretraining.pretrain(net, data, epochs) or"
                + " pretrainLayer(net, layerIndex, data, epochs)";
        return new IllegalArgumentException(mismatch + cause);
    }
}
