package org.hebbian4j.samples.cli;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.hebbian4j.activations.KWinnersActivation;
import org.hebbian4j.samediff.StopGradients;
import org.hebbian4j.zoo.HybridMlp;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.Map;

/**
 * The main job's network ({@link HybridMlp}: Hebbian dense layer below a softmax classifier) as a SameDiff
 * graph, with the weights of an initialized {@link HybridMlp} network, so that both start from the same
 * weights. Variables: placeholders {@value #INPUT} {@code [N, nIn]} and {@value #LABEL}; {@value #HEBBIAN_WEIGHT}
 * {@code [nIn, hidden]}; pre-activation {@value #PRE_ACTIVATION} {@code = in W1}; features {@value #FEATURES}
 * (the activation of u1); classifier {@code W2, b2}, {@value #OUTPUT} {@code = softmax(h1 W2 + b2)} and the
 * loss {@value #LOSS} (softmax cross-entropy).
 *
 * <p>The activation is built from SameDiff ops: ReLU, or k-winners
 * ({@link KWinnersActivation}'s {@code relu(u - tau)}, tau the (k+1)-th largest value of the row, found by
 * the index {@code top_k} returns, behind a stop-gradient, so the classifier's gradient reaches u1 only through
 * the active units).
 */
final class HybridMlpGraph {

    static final String INPUT = "in";
    static final String LABEL = "label";
    static final String HEBBIAN_WEIGHT = "W1";
    static final String PRE_ACTIVATION = "u1";
    static final String FEATURES = "h1";
    static final String OUTPUT = "out";
    static final String LOSS = "loss";

    private final SameDiff sd;
    private final String activationName;

    private HybridMlpGraph(SameDiff sd, String activationName) {
        this.sd = sd;
        this.activationName = activationName;
    }

    /**
     * The graph with copies of {@code initialized}'s weights ({@link HybridMlp} layers) and {@code activation}
     * on the Hebbian layer's output.
     *
     * @param activation a {@link KWinnersActivation} or ReLU; anything else is refused
     */
    static HybridMlpGraph of(MultiLayerNetwork initialized, IActivation activation) {
        INDArray w1 = initialized.getLayer(HybridMlp.HEBBIAN_LAYER).getParam("W").castTo(DataType.FLOAT).dup();
        INDArray w2 = initialized.getLayer(HybridMlp.CLASSIFIER_LAYER).getParam("W").castTo(DataType.FLOAT).dup();
        INDArray b2 = initialized.getLayer(HybridMlp.CLASSIFIER_LAYER).getParam("b").castTo(DataType.FLOAT).dup();
        long nIn = w1.size(0);
        long hidden = w1.size(1);
        long classes = w2.size(1);

        SameDiff sd = SameDiff.create();
        SDVariable in = sd.placeHolder(INPUT, DataType.FLOAT, -1, nIn);
        SDVariable label = sd.placeHolder(LABEL, DataType.FLOAT, -1, classes);
        SDVariable u1 = in.mmul(PRE_ACTIVATION, sd.var(HEBBIAN_WEIGHT, w1));
        SDVariable h1 = activation(sd, u1, activation, hidden);
        SDVariable logits = h1.mmul(sd.var("W2", w2)).add("logits", sd.var("b2", b2));
        sd.nn.softmax(OUTPUT, logits);
        sd.loss.softmaxCrossEntropy(LOSS, label, logits, null);
        return new HybridMlpGraph(sd, activation.toString());
    }

    private static SDVariable activation(SameDiff sd, SDVariable u1, IActivation activation, long hidden) {
        if (activation instanceof ActivationReLU) {
            return sd.nn.relu(FEATURES, u1, 0);
        }
        if (activation instanceof KWinnersActivation kWinners) {
            int k = kWinners.getWinners();
            if (k >= hidden) {
                return sd.identity(FEATURES, u1);   // every unit a winner, as KWinnersActivation
            }
            // tau: the (k+1)-th largest pre-activation of each row, [N, 1]; a threshold, not a path for the gradient.
            // SameDiff M2.1's top_k has no gradient, and SameDiff differentiates every floating-point path from a
            // variable to the loss, even behind a StopGradient; so only top_k's integer output (the indices) is used.
            SDVariable indices = new TopKOp(sd, u1, k + 1).outputVariables()[1];
            SDVariable rank = indices.get(SDIndex.all(), SDIndex.point(k));
            SDVariable atRank = sd.oneHot("u1_rank_k", rank, (int) hidden, -1, 1.0, 0.0, DataType.FLOAT);
            SDVariable tau = StopGradients.of("tau", u1.mul(atRank).sum(true, 1));
            return sd.nn.relu(FEATURES, u1.sub(tau), 0);
        }
        throw new IllegalArgumentException("samediff-train: the Hebbian layer's --activation must be kwinners:K, "
                + "kwinners:P% or relu in the SameDiff graph, got " + activation);
    }

    /** The graph itself (for training and saving). */
    SameDiff sameDiff() {
        return sd;
    }

    /** The Hebbian weight W1 {@code [nIn, hidden]} (the graph's array). */
    INDArray hebbianWeight() {
        return sd.getVariable(HEBBIAN_WEIGHT).getArr();
    }

    /** The features h1 of every example of {@code data}, computed by the graph in batches, with data's labels. */
    DataSet features(DataSet data, int batchSize) {
        INDArray x = data.getFeatures();
        long n = x.size(0);
        INDArray out = null;
        for (long start = 0; start < n; start += batchSize) {
            long end = Math.min(n, start + batchSize);
            INDArray batch = x.get(NDArrayIndex.interval(start, end), NDArrayIndex.all()).castTo(DataType.FLOAT);
            INDArray h = sd.output(Map.of(INPUT, batch), FEATURES).get(FEATURES);
            if (out == null) {
                out = Nd4j.create(h.dataType(), n, h.size(1));
            }
            out.get(NDArrayIndex.interval(start, end), NDArrayIndex.all()).assign(h);
        }
        return new DataSet(out, data.getLabels());
    }

    /** Sets the classifier: {@code W2 [hidden, classes]}, {@code b2 [1, classes]}. */
    void classifier(INDArray weights, INDArray bias) {
        sd.getVariable("W2").setArray(weights.castTo(DataType.FLOAT).dup());
        sd.getVariable("b2").setArray(bias.castTo(DataType.FLOAT).reshape(1, bias.length()).dup());
    }

    /** The graph's classification accuracy on {@code data} (the argmax of {@value #OUTPUT}). */
    double accuracy(DataSet data, int batchSize) {
        Evaluation evaluation = new Evaluation();
        INDArray x = data.getFeatures();
        long n = x.size(0);
        for (long start = 0; start < n; start += batchSize) {
            long end = Math.min(n, start + batchSize);
            INDArray batch = x.get(NDArrayIndex.interval(start, end), NDArrayIndex.all()).castTo(DataType.FLOAT);
            INDArray labels = data.getLabels().get(NDArrayIndex.interval(start, end), NDArrayIndex.all());
            evaluation.eval(labels, sd.output(Map.of(INPUT, batch), OUTPUT).get(OUTPUT));
        }
        return evaluation.accuracy();
    }

    @Override
    public String toString() {
        long[] w1 = sd.getVariable(HEBBIAN_WEIGHT).getShape();
        long[] w2 = sd.getVariable("W2").getShape();
        return "SameDiff graph{in [N, " + w1[0] + "] -> u1 = in W1 [" + w1[0] + ", " + w1[1] + "] -> h1 = "
                + activationName + "(u1) -> softmax(h1 W2 + b2) [" + w2[1] + "]}";
    }
}
