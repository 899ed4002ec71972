package org.hebbian4j.samediff;

import org.hebbian4j.competition.SoftWta;
import org.hebbian4j.rules.SoftHebbRule;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No error crosses a Hebbian weight: the variables below it receive no update from the loss, while the
 * variables above it train and the loss falls.
 */
class HebbianWeightGradientTest {

    private static final int N_IN = 10;
    private static final int N_BELOW = 8;
    private static final int N_HEBBIAN = 12;
    private static final int N_CLASSES = 3;

    /** Features in [0, 1), labels the argmax of a fixed random linear map of them. */
    private static DataSet learnable(int batch, long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray features = Nd4j.rand(DataType.DOUBLE, batch, N_IN);
        INDArray scores = features.sub(0.5).mmul(Nd4j.randn(DataType.DOUBLE, N_IN, N_CLASSES));
        INDArray labels = Nd4j.zeros(DataType.DOUBLE, batch, N_CLASSES);
        for (int s = 0; s < batch; s++) {
            labels.putScalar(s, scores.getRow(s).argMax().getInt(0), 1.0);
        }
        return new DataSet(features, labels);
    }

    /** in -> tanh(in W0) (autodiff, below) -> stopGradient -> x1 W1 (Hebbian) -> relu -> W2, b2 (autodiff, above). */
    private static SameDiff threeWeightGraph() {
        SameDiff sd = SameDiff.create();
        Nd4j.getRandom().setSeed(3);
        SDVariable in = sd.placeHolder("in", DataType.DOUBLE, -1, N_IN);
        SDVariable label = sd.placeHolder("label", DataType.DOUBLE, -1, N_CLASSES);
        SDVariable w0 = sd.var("W0", Nd4j.randn(DataType.DOUBLE, N_IN, N_BELOW).muli(0.3));
        SDVariable h0 = sd.math.tanh("h0", in.mmul(w0));
        SDVariable x1 = StopGradients.of("x1", h0);
        SDVariable w1 = sd.var("W1", Nd4j.rand(DataType.DOUBLE, N_BELOW, N_HEBBIAN).muli(0.3));
        SDVariable h1 = sd.nn.relu("h1", x1.mmul("u1", w1), 0);
        SDVariable w2 = sd.var("W2", Nd4j.randn(DataType.DOUBLE, N_HEBBIAN, N_CLASSES).muli(0.1));
        SDVariable b2 = sd.var("b2", Nd4j.zeros(DataType.DOUBLE, 1, N_CLASSES));
        sd.loss.softmaxCrossEntropy("loss", label, h1.mmul(w2).add(b2), null);
        sd.setTrainingConfig(TrainingConfig.builder().updater(new Sgd(0.1)).dataSetFeatureMapping("in")
                .dataSetLabelMapping("label").build());
        HebbianTraining.attach(sd, HebbianWeight.dense("W1", "x1", "u1").rule(new SoftHebbRule())
                .competition(new SoftWta(1.0)).directStep(0.01).build());
        return sd;
    }

    private static double loss(SameDiff sd, DataSet data) {
        return sd.output(Map.of("in", data.getFeatures(), "label", data.getLabels()), "loss").get("loss").getDouble(0);
    }

    @Test
    void variablesBelowAHebbianWeightGetNoUpdateWhileThoseAboveTrainAndTheLossFalls() {
        SameDiff sd = threeWeightGraph();
        DataSet data = learnable(64, 5);
        INDArray w0 = sd.getArrForVarName("W0").dup();
        INDArray w1 = sd.getArrForVarName("W1").dup();
        INDArray w2 = sd.getArrForVarName("W2").dup();
        double before = loss(sd, data);

        for (int step = 0; step < 40; step++) {
            sd.fit(data);
        }

        assertEquals(w0, sd.getArrForVarName("W0"), "the weight below the Hebbian weight must not move");
        assertTrue(w1.sub(sd.getArrForVarName("W1")).amaxNumber().doubleValue() > 1e-4, "the Hebbian weight learns");
        assertTrue(w2.sub(sd.getArrForVarName("W2")).amaxNumber().doubleValue() > 1e-3, "the weight above trains");
        double after = loss(sd, data);
        assertTrue(after < before - 0.05, "loss must fall: " + before + " -> " + after);
    }
}
