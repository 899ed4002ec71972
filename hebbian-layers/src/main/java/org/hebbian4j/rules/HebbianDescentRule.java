package org.hebbian4j.rules;

import org.hebbian4j.util.Gemm;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;

import java.util.Arrays;

/**
 * Hebbian descent: gradient descent on a loss with the activation's derivative dropped,
 * {@code dw_ij = -g_i x_j}, {@code g = dL/dh}.
 *
 * <p>With h the layer's output (its activation phi applied to {@code a = x W + b}, the rule's
 * {@code activity}), t the targets and L the {@link #loss()}, gradient descent would step
 * {@code -(g (.) phi'(a)) x^T}; Hebbian descent steps {@code -g x^T} and so keeps learning where
 * {@code phi'(a) = 0}, e.g. through a step activation. g is the loss's own gradient with respect to
 * the output, asked of DL4J's {@link ILossFunction#computeGradient} with the <em>identity</em>
 * activation on the already-activated h, so any loss whose gradient is defined at h works (L2, MSE,
 * L1, MAE; cross-entropy only while h stays inside (0, 1)). For DL4J's MSE (the default)
 * {@code g = 2 (h - t) / nOut}; the paper's {@code L = 1/2 |h - t|^2} gives {@code g = h - t}
 * ({@code LossL2} with 1/2 absorbed into the rate), and then the rule is {@link SupervisedHebbRule}'s
 * {@code (t - h) x^T}: a supervised minus an unsupervised Hebb term.
 *
 * <p>Batched, neuron-major: {@code dW = -(1/B) G^T X}, G {@code [B, nOut]}, X {@code [B, nIn]}.
 * {@code HebbianOutputLayer} hands the rule its labels as t and, with centering
 * ({@code centering(m)}), the centered input {@code x - mu} as X, as the paper's centered Hebbian
 * descent does (mu in the forward pass and in the update); its bias learns by the same rule with
 * a constant input 1, {@code db = -mean_b g}.
 *
 * <p>J. Melchior, L. Wiskott, "Hebbian Descent: A Unified View on Log-Likelihood Learning"
 * (slides "Hebbian descent", "Hebbian descent with L2 loss", "Centering").
 *
 * @param loss L, whose gradient with respect to the output drives learning (not the layer's loss,
 *             which gives {@code score()}; usually the same). Default: DL4J's MSE.
 */
public record HebbianDescentRule(ILossFunction loss) implements LearningRule {

    public HebbianDescentRule {
        if (loss == null) {
            throw new IllegalArgumentException("HebbianDescentRule: loss must not be null");
        }
    }

    /** With DL4J's mean squared error. */
    public HebbianDescentRule() {
        this(new LossMSE());
    }

    @Override
    public void update(LocalSignals s, INDArray out, double scale) {
        INDArray t = s.targets();
        INDArray h = s.activity();
        if (t == null) {
            throw new IllegalStateException("HebbianDescentRule needs targets (labels) in LocalSignals;"
                    + " use it in a HebbianOutputLayer, which hands it the labels");
        }
        if (!Arrays.equals(t.shape(), h.shape())) {
            throw new IllegalArgumentException("HebbianDescentRule: targets of shape " + Arrays.toString(t.shape())
                    + " do not match the activity's shape " + Arrays.toString(h.shape()));
        }
        INDArray g = loss.computeGradient(t.castTo(h.dataType()), h, new ActivationIdentity(), null);
        g = g.dataType() == h.dataType() ? g : g.castTo(h.dataType());
        Gemm.into(g, true, s.input(), false, out, -scale / s.batchSize(), 0.0);
    }

    @Override
    public boolean requiresTargets() {
        return true;
    }

    @Override
    public String name() {
        return "hebbian-descent";
    }
}
