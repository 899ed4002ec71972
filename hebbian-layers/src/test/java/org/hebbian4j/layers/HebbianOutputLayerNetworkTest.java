package org.hebbian4j.layers;

import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.hebbian4j.conf.HebbianOutputLayer;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Sgd;

import static org.hebbian4j.layers.LayerTestSupport.allZero;
import static org.hebbian4j.layers.LayerTestSupport.linearlySeparableDataSet;
import static org.hebbian4j.layers.LayerTestSupport.randomDataSet;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A {@link HebbianOutputLayer} works as DL4J's output layers do (labels from {@code fit}, score,
 * probabilities from {@code output}, {@code evaluate}), learns a learnable problem, and lets no
 * gradient reach the layers below it.
 */
class HebbianOutputLayerNetworkTest {

    private static final int N_IN = 10;
    private static final int N_HIDDEN = 12;
    private static final int N_CLASSES = 3;

    private static NeuralNetConfiguration.Builder base() {
        return new NeuralNetConfiguration.Builder().seed(42).dataType(DataType.DOUBLE)
                .weightInit(WeightInit.XAVIER).updater(new Sgd(0.1));
    }

    private static DenseLayer denseBelow() {
        return new DenseLayer.Builder().nIn(N_IN).nOut(N_HIDDEN).activation(Activation.TANH).biasInit(0.1).build();
    }

    private static HebbianOutputLayer shc(int nIn) {
        return new HebbianOutputLayer.Builder().nIn(nIn).nOut(N_CLASSES).build();
    }

    @Test
    void layerBelowReceivesZeroGradientAndKeepsItsParametersInMultiLayerNetwork() {
        MultiLayerNetwork net = new MultiLayerNetwork(base().list().layer(denseBelow()).layer(shc(N_HIDDEN)).build());
        net.init();
        DataSet data = randomDataSet(DataType.DOUBLE, 16, N_IN, N_CLASSES, 3);
        double[] belowBefore = net.getLayer(0).params().toDoubleVector();
        double[] outputBefore = net.getLayer(1).params().toDoubleVector();

        net.fit(data);

        Gradient gradient = net.gradient();
        assertTrue(allZero(gradient.getGradientFor("0_W")), "gradient of W below");
        assertTrue(allZero(gradient.getGradientFor("0_b")), "gradient of b below");
        assertFalse(allZero(gradient.getGradientFor("1_W")), "the output layer's own update");
        assertArrayEquals(belowBefore, net.getLayer(0).params().toDoubleVector(), 0.0, "parameters below");
        assertFalse(java.util.Arrays.equals(outputBefore, net.getLayer(1).params().toDoubleVector()),
                "the output layer moves");
    }

    @Test
    void layerBelowReceivesZeroGradientAndKeepsItsParametersInComputationGraph() {
        ComputationGraph net = new ComputationGraph(base().graphBuilder().addInputs("in")
                .addLayer("below", denseBelow(), "in")
                .addLayer("out", shc(N_HIDDEN), "below")
                .setOutputs("out").build());
        net.init();
        DataSet data = randomDataSet(DataType.DOUBLE, 16, N_IN, N_CLASSES, 5);
        double[] belowBefore = net.getLayer("below").params().toDoubleVector();

        net.fit(data);

        assertTrue(allZero(net.gradient().getGradientFor("below_W")), "gradient of W below");
        assertFalse(allZero(net.gradient().getGradientFor("out_W")), "the output layer's own update");
        assertArrayEquals(belowBefore, net.getLayer("below").params().toDoubleVector(), 0.0, "parameters below");
    }

    @Test
    void backpropGradientReturnsAZeroErrorOfTheInputsShapeWhateverTheEpsilon() {
        MultiLayerNetwork net = new MultiLayerNetwork(base().list().layer(denseBelow()).layer(shc(N_HIDDEN)).build());
        net.init();
        net.initGradientsView();
        DataSet data = randomDataSet(DataType.DOUBLE, 16, N_IN, N_CLASSES, 7);
        Layer output = net.getLayer(1);
        INDArray input = net.getLayer(0).activate(data.getFeatures(), false, LayerWorkspaceMgr.noWorkspaces());
        output.activate(input, true, LayerWorkspaceMgr.noWorkspaces());
        ((org.deeplearning4j.nn.api.layers.IOutputLayer) output).setLabels(data.getLabels());

        Pair<Gradient, INDArray> result = output.backpropGradient(null, LayerWorkspaceMgr.noWorkspaces());

        assertArrayEquals(new long[]{16, N_HIDDEN}, result.getSecond().shape());
        assertTrue(allZero(result.getSecond()), "error handed to the layer below");
    }

    @Test
    void withoutLabelsTheBackwardPassSaysItNeedsThem() {
        MultiLayerNetwork net = new MultiLayerNetwork(base().list().layer(shc(N_IN)).build());
        net.init();
        net.initGradientsView();
        Layer output = net.getLayer(0);
        output.activate(randomDataSet(DataType.DOUBLE, 4, N_IN, N_CLASSES, 9).getFeatures(), true,
                LayerWorkspaceMgr.noWorkspaces());

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> output.backpropGradient(null, LayerWorkspaceMgr.noWorkspaces()));
        assertTrue(e.getMessage().contains("HebbianOutputLayer (index 0") && e.getMessage().contains("no labels"),
                e.getMessage());
    }

    @Test
    void computeGradientAndScoreOfTheLayerAloneGivesMinusTheRuleAndTheLoss() {
        MultiLayerNetwork net = new MultiLayerNetwork(base().list().layer(shc(N_IN)).build());
        net.init();
        net.initGradientsView();
        DataSet data = randomDataSet(DataType.DOUBLE, 8, N_IN, N_CLASSES, 43);
        double[][] x = data.getFeatures().toDoubleMatrix();
        double[][] t = data.getLabels().toDoubleMatrix();
        Layer layer = net.getLayer(0);
        double[][] y = NaiveSupervisedReference.softmax(NaiveHebbianReference.preActivation(x,
                layer.getParam("W").toDoubleMatrix(), layer.getParam("b").toDoubleVector()));
        double[][] minusUpdate = NaiveSupervisedReference.plus(new double[N_IN][N_CLASSES],
                NaiveSupervisedReference.supervisedHebbWeightUpdate(x, y, t), -1.0);
        double expectedScore = net.score(data);
        layer.setInput(data.getFeatures(), LayerWorkspaceMgr.noWorkspaces());
        ((org.deeplearning4j.nn.api.layers.IOutputLayer) layer).setLabels(data.getLabels());

        layer.computeGradientAndScore(LayerWorkspaceMgr.noWorkspaces());

        LayerTestSupport.assertMatrixEquals(minusUpdate, layer.gradient().getGradientFor("W"), 1e-12, "W gradient");
        assertEquals(expectedScore, layer.score(), 1e-12, "score");
    }

    @Test
    void labelMasksAreRefusedWithAClearMessage() {
        MultiLayerNetwork net = new MultiLayerNetwork(base().list().layer(shc(N_IN)).build());
        net.init();
        DataSet data = randomDataSet(DataType.DOUBLE, 4, N_IN, N_CLASSES, 47);
        data.setLabelsMaskArray(org.nd4j.linalg.factory.Nd4j.ones(DataType.DOUBLE, 4, 1));

        Exception thrown = assertThrows(Exception.class, () -> net.fit(data));

        UnsupportedOperationException e = LayerTestSupport.causeOfType(thrown, UnsupportedOperationException.class);
        assertTrue(e.getMessage().contains("label masks are not supported"), e.getMessage());
    }

    @Test
    void outputsAreProbabilitiesAndScoreIsTheMeanCrossEntropy() {
        MultiLayerNetwork net = new MultiLayerNetwork(base().list().layer(denseBelow()).layer(shc(N_HIDDEN)).build());
        net.init();
        DataSet data = randomDataSet(DataType.DOUBLE, 16, N_IN, N_CLASSES, 11);

        double[][] probabilities = net.output(data.getFeatures()).toDoubleMatrix();
        double[][] labels = data.getLabels().toDoubleMatrix();
        double crossEntropy = 0;
        for (int s = 0; s < probabilities.length; s++) {
            double sum = 0;
            for (int c = 0; c < N_CLASSES; c++) {
                assertTrue(probabilities[s][c] > 0 && probabilities[s][c] < 1, "probability " + probabilities[s][c]);
                sum += probabilities[s][c];
                crossEntropy -= labels[s][c] * Math.log(probabilities[s][c]) / probabilities.length;
            }
            assertEquals(1.0, sum, 1e-12, "probabilities of sample " + s);
        }

        assertEquals(crossEntropy, net.score(data), 1e-10, "score() is the MCXENT loss of the outputs");
    }

    @Test
    void learnsALinearlySeparableProblemToHighAccuracyInMultiLayerNetwork() {
        MultiLayerNetwork net = new MultiLayerNetwork(base().updater(new Sgd(0.5)).list().layer(shc(N_IN)).build());
        net.init();
        DataSet train = linearlySeparableDataSet(DataType.DOUBLE, 512, N_IN, N_CLASSES, 13);
        ListDataSetIterator<DataSet> batches = new ListDataSetIterator<>(train.asList(), 32);
        double initialScore = net.score(train);

        for (int epoch = 0; epoch < 30; epoch++) {
            batches.reset();
            net.fit(batches);
        }

        batches.reset();
        Evaluation evaluation = net.evaluate(batches);
        assertTrue(evaluation.accuracy() > 0.93, "training accuracy " + evaluation.accuracy());
        assertTrue(net.score(train) < 0.5 * initialScore, "score " + initialScore + " -> " + net.score(train));
    }

    @Test
    void learnsTheSameProblemAboveAFrozenFeatureLayerInComputationGraph() {
        // "B ... SHC": the backprop layer below receives no gradient, so it acts as a fixed random
        // feature map; the supervised Hebbian classifier learns on top of it.
        ComputationGraph net = new ComputationGraph(base().updater(new Sgd(0.5)).graphBuilder().addInputs("in")
                .addLayer("features", new DenseLayer.Builder().nIn(N_IN).nOut(64).activation(Activation.TANH).build(), "in")
                .addLayer("out", shc(64), "features")
                .setOutputs("out").build());
        net.init();
        DataSet train = linearlySeparableDataSet(DataType.DOUBLE, 512, N_IN, N_CLASSES, 13);
        ListDataSetIterator<DataSet> batches = new ListDataSetIterator<>(train.asList(), 32);

        for (int epoch = 0; epoch < 30; epoch++) {
            batches.reset();
            net.fit(batches);
        }

        batches.reset();
        Evaluation evaluation = net.evaluate(batches);
        assertTrue(evaluation.accuracy() > 0.9, "training accuracy " + evaluation.accuracy());
    }
}
