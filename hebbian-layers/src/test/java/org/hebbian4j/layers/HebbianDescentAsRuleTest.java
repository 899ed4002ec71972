package org.hebbian4j.layers;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.hebbian4j.activations.StepActivation;
import org.hebbian4j.conf.HebbianDescentOutputLayer;
import org.hebbian4j.conf.HebbianOutputLayer;
import org.hebbian4j.rules.HebbianDescentRule;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.lossfunctions.impl.LossL1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * Hebbian descent as a rule of {@link HebbianOutputLayer} (with centering) trains exactly as the
 * deprecated {@link HebbianDescentOutputLayer} type, which is now a preset of it.
 */
class HebbianDescentAsRuleTest {

    private static MultiLayerNetwork network(Layer output) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).weightInit(WeightInit.XAVIER)
                .updater(new Sgd(0.2)).dataType(DataType.DOUBLE).list().layer(output).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    @ParameterizedTest(name = "centering={0}")
    @ValueSource(booleans = {false, true})
    void ruleInAnOutputLayerTrainsAsTheOldLayerType(boolean centering) {
        HebbianOutputLayer.Builder recommended = new HebbianOutputLayer.Builder(LossFunctions.LossFunction.L1)
                .rule(new HebbianDescentRule(new LossL1())).activation(new StepActivation()).nIn(6).nOut(3);
        HebbianOutputLayer.Builder old = new HebbianDescentOutputLayer.Builder(LossFunctions.LossFunction.L1)
                .activation(new StepActivation()).nIn(6).nOut(3);
        if (centering) {
            recommended.centering(0.5);
            old.centering(0.5);
        }
        MultiLayerNetwork a = network(recommended.build());
        MultiLayerNetwork b = network(old.build());
        assertEquals(a.params(), b.params());
        Nd4j.getRandom().setSeed(11);
        INDArray initial = a.params().dup();
        for (int step = 0; step < 4; step++) {
            INDArray x = Nd4j.rand(DataType.DOUBLE, 8, 6).subi(0.3);
            INDArray t = Nd4j.zeros(DataType.DOUBLE, 8, 3);
            for (int i = 0; i < 8; i++) {
                t.putScalar(i, (i + step) % 3, 1.0);
            }
            a.fit(new DataSet(x, t));
            b.fit(new DataSet(x, t));
        }
        assertNotEquals(initial, a.params(), "the layer learns");
        assertEquals(b.params(), a.params());
        assertEquals(centering ? 6 * 3 + 3 + 6 : 6 * 3 + 3, a.numParams(), "W, b and, with centering, mu");
    }
}
