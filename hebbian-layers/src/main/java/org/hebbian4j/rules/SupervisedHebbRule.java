package org.hebbian4j.rules;

import org.hebbian4j.util.Gemm;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;

/**
 * Supervised Hebbian classifier rule: {@code dw_ij = (t_i - y_i) x_j}.
 *
 * <p>Zhu and Liu's eq. (13), {@code Delta S_ij = alpha (t - y_i) x_j}, read as follows: S is the
 * classifier's weight matrix, row i the weights of class unit i (neuron-major, as every rule here);
 * x_j its j-th input (the feature selectors' output); t the true label as a one-hot vector, so that
 * the "t" of unit i is its component t_i (1 for the true class, 0 otherwise); y_i the classifier's
 * output, which the paper puts "through a SoftMax operation to obtain probabilities", i.e. the
 * layer's activation ({@code activity}; {@code HebbianOutputLayer} hands the activation's output,
 * softmax by default); and alpha the learning rate, which is not part of the rule (the updater's
 * {@code Sgd(alpha)} or the layer's direct step applies it). The Hebbian term {@code t_i x_j} is
 * the teacher as postsynaptic activity; the anti-Hebbian term {@code -y_i x_j} stops learning where
 * the output already equals the label, "as we wish for the true label to be a stable point".
 *
 * <p>Batched: {@code dW = (1/B) (T - Y)^T X}, with T = targets {@code [B, nOut]}, Y = activity
 * {@code [B, nOut]}, X = input {@code [B, nIn]}. With softmax outputs this is exactly minus the
 * gradient of the mean multi-class cross-entropy with respect to the weights (softmax regression
 * trained by SGD); with identity outputs it is the Widrow-Hoff delta rule. The rule reads neither
 * the pre-activation nor the weights.
 *
 * <p>The paper also applies a "max norm" to each classifier weight vector after every step and
 * zeroes the weight of its first feature selector (whose Sanger features make the first one the
 * mean of all inputs): the output layer's {@code normalizeByLargestWeight} (each class's weights
 * divided by their largest, as the authors' public code does) and {@code zeroLeadingInputs(1)}; its
 * {@code maxNorm} is the L2-clip reading of the max norm.
 *
 * <p>Z. Zhu, S. Liu, "Feature Selectors that Fire Together Wire Together", section 3.2, eq. (13);
 * used as the "supervised Hebbian classifier" (SHC) of the final layer in G. Lagani, F. Falchi,
 * C. Gennaro, G. Amato, "Training Convolutional Neural Networks with Competitive Hebbian Learning
 * Approaches", LOD 2021, Tables 3, 6 and 9 (whose text does not restate the equation).
 */
public record SupervisedHebbRule() implements LearningRule {

    @Override
    public void update(LocalSignals s, INDArray out, double scale) {
        INDArray t = s.targets();
        INDArray y = s.activity();
        if (t == null) {
            throw new IllegalStateException("SupervisedHebbRule needs targets (labels) in LocalSignals;"
                    + " use it in a HebbianOutputLayer, which hands it the labels");
        }
        if (!Arrays.equals(t.shape(), y.shape())) {
            throw new IllegalArgumentException("SupervisedHebbRule: targets of shape " + Arrays.toString(t.shape())
                    + " do not match the activity's shape " + Arrays.toString(y.shape()));
        }
        INDArray error = t.castTo(y.dataType()).sub(y);
        Gemm.into(error, true, s.input(), false, out, scale / s.batchSize(), 0.0);
    }

    @Override
    public boolean requiresTargets() {
        return true;
    }

    @Override
    public String name() {
        return "supervised-hebb";
    }
}
