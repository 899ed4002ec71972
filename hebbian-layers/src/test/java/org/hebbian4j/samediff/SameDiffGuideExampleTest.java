package org.hebbian4j.samediff;

import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.hebbian4j.competition.SoftWta;
import org.hebbian4j.rules.SoftHebbRule;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.weightinit.impl.XavierInitScheme;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The user guide's SameDiff example (region "samediff"), compiled and run; doc-examples' DocExamplesInSyncTest checks the guide holds it. */
class SameDiffGuideExampleTest {

    // doc:begin samediff
    static double trainHebbianMlp(DataSetIterator train, DataSetIterator test, int epochs) {
        SameDiff sd = SameDiff.create();
        SDVariable in = sd.placeHolder("in", DataType.FLOAT, -1, 784);
        SDVariable label = sd.placeHolder("label", DataType.FLOAT, -1, 10);
        // The Hebbian layer: u1 = in W1, W1 [nIn, nOut] as in DL4J.
        SDVariable w1 = sd.var("W1", new XavierInitScheme('c', 784, 2000), DataType.FLOAT, 784, 2000);
        SDVariable h1 = sd.nn.relu("h1", in.mmul("u1", w1), 0);
        // The classifier above it, trained by autodiff.
        SDVariable w2 = sd.var("W2", new XavierInitScheme('c', 2000, 10), DataType.FLOAT, 2000, 10);
        SDVariable b2 = sd.zero("b2", DataType.FLOAT, 1, 10);
        SDVariable logits = h1.mmul(w2).add("logits", b2);
        sd.nn.softmax("out", logits);
        sd.loss.softmaxCrossEntropy("loss", label, logits, null);
        sd.setTrainingConfig(TrainingConfig.builder().updater(new Sgd(0.01))
                .dataSetFeatureMapping("in").dataSetLabelMapping("label").build());

        // W1 learns by SoftHebb with a softmax competition; sd.fit trains W2 and b2 by autodiff.
        HebbianTraining.attach(sd, HebbianWeight.dense("W1", "in", "u1")
                .rule(new SoftHebbRule()).competition(new SoftWta(1.0)).build());
        sd.fit(train, epochs);

        Evaluation evaluation = new Evaluation();
        sd.evaluate(test, "out", evaluation);
        return evaluation.accuracy();
    }
    // doc:end samediff

    /** 10 classes: each a prototype image plus noise. */
    private static DataSet prototypes(int examples, long seed) {
        Nd4j.getRandom().setSeed(99);
        INDArray prototypes = Nd4j.rand(DataType.FLOAT, 10, 784).gt(0.7).castTo(DataType.FLOAT);
        Nd4j.getRandom().setSeed(seed);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, examples, 10);
        INDArray features = Nd4j.rand(DataType.FLOAT, examples, 784).muli(0.5);
        for (int s = 0; s < examples; s++) {
            labels.putScalar(s, s % 10, 1.0);
            features.getRow(s).addi(prototypes.getRow(s % 10));
        }
        return new DataSet(features, labels);
    }

    @Test
    void theGuidesExampleTrainsAClassifierOnTopOfAHebbianLayer() {
        DataSet train = prototypes(512, 1);
        DataSet test = prototypes(200, 2);

        double accuracy = trainHebbianMlp(new ListDataSetIterator<>(train.asList(), 64),
                new ListDataSetIterator<>(test.asList(), 100), 2);

        assertTrue(accuracy > 0.9, "accuracy " + accuracy);
    }
}
