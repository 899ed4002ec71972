package org.hebbian4j.zoo;

import org.hebbian4j.activations.PowerReluActivation;
import org.hebbian4j.competition.NoCompetition;
import org.hebbian4j.rules.KrotovRule;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * A Krotov-Hopfield MLP: 784 inputs, 2000 hidden units that learn by the Krotov-Hopfield rule
 * ({@link KrotovRule}: Lebesgue p = 3, rank k = 7, anti-Hebbian strength delta = 0.4, each step moving the
 * largest weight by the learning rate 0.02), rectified-power activations {@code max(0, u)^4.5}
 * ({@link PowerReluActivation}), and a softmax classifier trained by backprop (Adam 1e-3) on top.
 *
 * <p>Differences from the paper, documented: Krotov and Hopfield decay the Hebbian learning rate linearly to 0
 * over their epochs (use a schedule in the Hebbian updater) and train their top layer with a power loss
 * {@code sum |c - t|^m} (m = 6) on {@code tanh(beta h)} outputs; here the top layer is the usual softmax with
 * cross-entropy.
 *
 * <p>D. Krotov, J. J. Hopfield, "Unsupervised learning by competing hidden units", PNAS 116(16), 7723-7731, 2019.
 */
public final class KrotovMlp {

    /** Hidden units of the paper's MNIST network. */
    public static final int HIDDEN = 2000;

    private KrotovMlp() {
    }

    /** The network as a {@link HybridMlp} (layer 0 Hebbian, layer 1 classifier); change any setting before {@code conf()}. */
    public static HybridMlp create() {
        return new HybridMlp()
                .nIn(784)
                .hidden(HIDDEN)
                .classes(10)
                .rule(new KrotovRule())
                .competition(new NoCompetition())
                .activation(new PowerReluActivation(4.5))
                .hebbianUpdater(new Sgd(0.02))
                .classifierUpdater(new Adam(1e-3));
    }
}
