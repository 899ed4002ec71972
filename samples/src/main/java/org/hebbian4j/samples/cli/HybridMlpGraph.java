package org.hebbian4j.samples.cli;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.hebbian4j.activations.KWinnersActivation;
import org.hebbian4j.zoo.HybridMlp;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.activations.IActivation;
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
 * {@code [nIn, hidden]}; pre-activation {@value #PRE_ACTIVATION} {@code = in W1}; the classifier of the Hebbian
 * phase {@code W2, b2} on {@code relu(u1)}, {@value #OUTPUT} {@code = softmax(relu(u1) W2 + b2)} and the loss
 * {@value #LOSS} (softmax cross-entropy), which SameDiff needs so that W1 has a gradient and so an update for
 * {@link org.hebbian4j.samediff.HebbianTraining} to replace.
 *
 * <p>The features are the layer's activation ({@link KWinnersActivation}, ReLU, ...) applied to the graph's
 * u1, and the final classifier acts on them ({@link #features}, {@link #accuracy}), as in the DL4J network. The
 * k-winners code is not a SameDiff op: M2.1's {@code top_k}, the only op that finds the (k+1)-th largest value
 * of a row, took 2.6-3 s on a [64, 2000] array, returned a wrong (k+1)-th value there (checked against
 * {@code Nd4j.sort}), and has no gradient, which SameDiff asks of it even behind a {@code StopGradient}.
 * The Hebbian phase's classifier does not reach W1 (no error crosses a Hebbian weight, nor a Hebbian layer
 * in DL4J) and is replaced by the final one, so its activation (ReLU here, the layer's in DL4J) changes nothing
 * in the result.
 */
final class HybridMlpGraph {

    static final String INPUT = "in";
    static final String LABEL = "label";
    static final String HEBBIAN_WEIGHT = "W1";
    static final String PRE_ACTIVATION = "u1";
    static final String OUTPUT = "out";
    static final String LOSS = "loss";

    private final SameDiff sd;
    private final IActivation activation;

    private HybridMlpGraph(SameDiff sd, IActivation activation) {
        this.sd = sd;
        this.activation = activation;
    }

    /**
     * The graph with copies of {@code initialized}'s weights ({@link HybridMlp} layers); {@code activation}
     * makes the features of u1.
     */
    static HybridMlpGraph of(MultiLayerNetwork initialized, IActivation activation) {
        INDArray w1 = initialized.getLayer(HybridMlp.HEBBIAN_LAYER).getParam("W").castTo(DataType.FLOAT).dup();
        INDArray w2 = initialized.getLayer(HybridMlp.CLASSIFIER_LAYER).getParam("W").castTo(DataType.FLOAT).dup();
        INDArray b2 = initialized.getLayer(HybridMlp.CLASSIFIER_LAYER).getParam("b").castTo(DataType.FLOAT).dup();
        long nIn = w1.size(0);
        long classes = w2.size(1);

        SameDiff sd = SameDiff.create();
        SDVariable in = sd.placeHolder(INPUT, DataType.FLOAT, -1, nIn);
        SDVariable label = sd.placeHolder(LABEL, DataType.FLOAT, -1, classes);
        SDVariable u1 = in.mmul(PRE_ACTIVATION, sd.var(HEBBIAN_WEIGHT, w1));
        SDVariable logits = sd.nn.relu(u1, 0).mmul(sd.var("W2", w2)).add("logits", sd.var("b2", b2));
        sd.nn.softmax(OUTPUT, logits);
        sd.loss.softmaxCrossEntropy(LOSS, label, logits, null);
        return new HybridMlpGraph(sd, activation);
    }

    /** The graph itself (for training and saving). */
    SameDiff sameDiff() {
        return sd;
    }

    /** The Hebbian weight W1 {@code [nIn, hidden]} (the graph's array). */
    INDArray hebbianWeight() {
        return sd.getVariable(HEBBIAN_WEIGHT).getArr();
    }

    /**
     * The features of every example of {@code data}, with data's labels: the activation applied to the u1 the
     * graph computes, in batches.
     */
    DataSet features(DataSet data, int batchSize) {
        INDArray x = data.getFeatures();
        long n = x.size(0);
        INDArray out = null;
        for (long start = 0; start < n; start += batchSize) {
            long end = Math.min(n, start + batchSize);
            INDArray batch = x.get(NDArrayIndex.interval(start, end), NDArrayIndex.all()).castTo(DataType.FLOAT);
            INDArray u1 = sd.output(Map.of(INPUT, batch), PRE_ACTIVATION).get(PRE_ACTIVATION);
            INDArray h = activation.getActivation(u1.dup(), false);
            if (out == null) {
                out = Nd4j.create(h.dataType(), n, h.size(1));
            }
            out.get(NDArrayIndex.interval(start, end), NDArrayIndex.all()).assign(h);
        }
        return new DataSet(out, data.getLabels());
    }

    /**
     * The accuracy on {@code features} (from {@link #features}) of the classifier {@code softmax(h W + b)},
     * {@code weights [hidden, classes]}, {@code bias [1, classes]}: the argmax of {@code h W + b}.
     */
    static double accuracy(DataSet features, INDArray weights, INDArray bias) {
        INDArray logits = features.getFeatures().mmul(weights.castTo(features.getFeatures().dataType()))
                .addiRowVector(bias.castTo(features.getFeatures().dataType()));
        Evaluation evaluation = new Evaluation();
        evaluation.eval(features.getLabels(), logits);
        return evaluation.accuracy();
    }

    @Override
    public String toString() {
        long[] w1 = sd.getVariable(HEBBIAN_WEIGHT).getShape();
        long[] w2 = sd.getVariable("W2").getShape();
        return "SameDiff graph{in [N, " + w1[0] + "] -> u1 = in W1 [" + w1[0] + ", " + w1[1] + "] -> softmax(relu(u1) W2 + b2) ["
                + w2[1] + "] (the Hebbian phase's classifier); features " + activation + "(u1)}";
    }
}
