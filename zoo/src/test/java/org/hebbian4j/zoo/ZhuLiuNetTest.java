package org.hebbian4j.zoo;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.hebbian4j.activations.LateralInhibitionActivation;
import org.hebbian4j.conf.HebbianDenseLayer;
import org.hebbian4j.conf.HebbianOutputLayer;
import org.hebbian4j.rules.SangerRule;
import org.hebbian4j.rules.SupervisedHebbRule;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ZhuLiuNetTest {

    private static ZhuLiuNet small() {
        return new ZhuLiuNet().lambda(10).nIn(12).hidden(8).classes(3).seed(1);
    }

    @Test
    void isSangerSelectorsOutputtingHUnderTheirNormalizedHebbianClassifier() {
        MultiLayerConfiguration conf = small().conf();
        HebbianDenseLayer selectors = assertInstanceOf(HebbianDenseLayer.class,
                conf.getConf(ZhuLiuNet.SELECTOR_LAYER).getLayer());
        assertEquals(new SangerRule(), selectors.getRule());
        assertEquals(new LateralInhibitionActivation(10), selectors.getActivationFn());
        HebbianOutputLayer classifier = assertInstanceOf(HebbianOutputLayer.class,
                conf.getConf(ZhuLiuNet.CLASSIFIER_LAYER).getLayer());
        assertEquals(new SupervisedHebbRule(), classifier.getRule());
        assertTrue(classifier.isNormalizeByLargestWeight());
        assertEquals(1, classifier.getZeroedLeadingInputs());
        assertEquals(MultiLayerConfiguration.fromJson(conf.toJson()), conf);
    }

    @Test
    void oneStepZeroesTheFirstSelectorWeightAndScalesEachClassToLargestWeightOne() {
        MultiLayerNetwork net = new MultiLayerNetwork(small().conf());
        net.init();
        assertEquals(8L * 3, net.getLayer(ZhuLiuNet.CLASSIFIER_LAYER).numParams(), "no classifier bias");
        double smallest = net.getLayer(ZhuLiuNet.SELECTOR_LAYER).getParam("W").minNumber().doubleValue();
        assertTrue(smallest >= 0, "uniform01 selectors start non-negative: " + smallest);

        Nd4j.getRandom().setSeed(12);
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 12);
        INDArray labels = Nd4j.eye(3).getRows(0, 1, 2, 0).castTo(DataType.FLOAT);
        net.fit(x, labels);
        INDArray s = net.getLayer(ZhuLiuNet.CLASSIFIER_LAYER).getParam("W");
        assertEquals(0.0, s.getRow(0).amaxNumber().doubleValue(), 0.0);
        assertEquals(1.0, s.max(0).minNumber().doubleValue(), 1e-6);
        assertEquals(1.0, s.max(0).maxNumber().doubleValue(), 1e-6);
    }

    @Test
    void classifierAloneTakesTheSelectorsOutput() {
        MultiLayerConfiguration conf = small().classifierConf();
        assertEquals(1, conf.getConfs().size());
        HebbianOutputLayer classifier = assertInstanceOf(HebbianOutputLayer.class, conf.getConf(0).getLayer());
        assertEquals(8, classifier.getNIn());
        assertEquals(3, classifier.getNOut());
    }
}
