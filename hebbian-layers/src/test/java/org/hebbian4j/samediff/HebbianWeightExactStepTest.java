package org.hebbian4j.samediff;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.hebbian4j.competition.Competition;
import org.hebbian4j.competition.HardWta;
import org.hebbian4j.competition.NoCompetition;
import org.hebbian4j.competition.Rectified;
import org.hebbian4j.competition.SoftWta;
import org.hebbian4j.homeostasis.AdaptiveThreshold;
import org.hebbian4j.homeostasis.Homeostasis;
import org.hebbian4j.homeostasis.NoHomeostasis;
import org.hebbian4j.rules.HebbNetRule;
import org.hebbian4j.rules.InstarRule;
import org.hebbian4j.rules.LearningRule;
import org.hebbian4j.rules.OjaRule;
import org.hebbian4j.rules.SoftHebbRule;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.hebbian4j.conf.HebbianDenseLayer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.Map;
import java.util.stream.Stream;

import static org.hebbian4j.samediff.SameDiffGraphs.data;
import static org.hebbian4j.samediff.SameDiffGraphs.graph;
import static org.hebbian4j.samediff.SameDiffGraphs.reference;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One {@code sd.fit} step moves a Hebbian weight by exactly {@code lr * dW} of the same rule, competition
 * and homeostasis as a {@link org.hebbian4j.conf.HebbianDenseLayer} on the same data, and a stateful rule
 * carries its state into the next step as the layer does.
 */
class HebbianWeightExactStepTest {

    private static final double LEARNING_RATE = 0.05;

    static Stream<Arguments> cases() {
        Stream.Builder<Arguments> cases = Stream.builder();
        for (DataType type : new DataType[]{DataType.DOUBLE, DataType.FLOAT}) {
            cases.add(Arguments.of("instar + WTA", type, new InstarRule(), new HardWta(), new NoHomeostasis()));
            cases.add(Arguments.of("SoftHebb + softmax", type, new SoftHebbRule(), new SoftWta(1.0), new NoHomeostasis()));
            cases.add(Arguments.of("Oja", type, new OjaRule(), new NoCompetition(), new NoHomeostasis()));
            cases.add(Arguments.of("HebbNet (stateful) + adaptive threshold", type, new HebbNetRule(0.5, 0.6),
                    new Rectified(), new AdaptiveThreshold(0.5)));
        }
        return cases.build();
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("cases")
    void twoFitStepsMoveTheWeightAndStateExactlyAsHebbianDenseLayer(String name, DataType type, LearningRule rule,
                                                                   Competition competition, Homeostasis homeostasis) {
        double tolerance = type == DataType.DOUBLE ? 1e-10 : 1e-6;
        MultiLayerNetwork net = reference(type, new Sgd(LEARNING_RATE), rule, competition, homeostasis);
        INDArray w0 = net.getLayer(0).getParam("W").dup();
        SameDiff sd = graph(w0, new Sgd(LEARNING_RATE));
        HebbianTraining training = HebbianTraining.attach(sd, HebbianWeight.dense("W1", "in", "u1").rule(rule)
                .competition(competition).homeostasis(homeostasis).normalizeWeights(rule.requiresNormalizedWeights()).build());
        Map<String, String> state = training.stateVariables("W1");
        assertEquals(net.getLayer(0).paramTable().size() - 2, state.size(), "one SameDiff variable per state parameter");

        for (long seed : new long[]{11, 13}) {
            DataSet batch = data(type, 16, seed);
            net.fit(batch);
            sd.fit(batch);
            INDArray expected = net.getLayer(0).getParam("W");
            INDArray actual = sd.getArrForVarName("W1");
            assertTrue(expected.sub(w0).amaxNumber().doubleValue() > 1000 * tolerance, "the step must be measurable");
            assertEquals(0, expected.sub(actual).amaxNumber().doubleValue(), tolerance, name + ": W after seed " + seed);
            for (Map.Entry<String, String> s : state.entrySet()) {
                INDArray layerState = net.getLayer(0).getParam(s.getKey());
                assertEquals(0, layerState.sub(sd.getArrForVarName(s.getValue())).amaxNumber().doubleValue(), tolerance,
                        name + ": state " + s.getKey() + " after seed " + seed);
            }
            w0 = expected.dup();
        }
    }

    @Test
    void aDirectStepUnderAdamEqualsHebbianDenseLayersDirectStep() {
        HebbianDenseLayer hebbian = new HebbianDenseLayer.Builder().nIn(SameDiffGraphs.N_IN).nOut(SameDiffGraphs.N_OUT)
                .rule(new SoftHebbRule()).competition(new SoftWta(1.0)).directStep(LEARNING_RATE)
                .activation(Activation.RELU).build();
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(42).dataType(DataType.DOUBLE)
                .weightInit(WeightInit.XAVIER).updater(new Adam(0.3)).list().layer(hebbian)
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(SameDiffGraphs.N_OUT)
                        .nOut(SameDiffGraphs.N_CLASSES).activation(Activation.SOFTMAX).build()).build());
        net.init();
        SameDiff sd = graph(net.getLayer(0).getParam("W").dup(), new Adam(0.3));
        HebbianTraining.attach(sd, HebbianWeight.dense("W1", "in", "u1").rule(new SoftHebbRule())
                .competition(new SoftWta(1.0)).directStep(LEARNING_RATE).build());
        DataSet batch = data(DataType.DOUBLE, 16, 17);

        net.fit(batch);
        sd.fit(batch);

        assertEquals(0, net.getLayer(0).getParam("W").sub(sd.getArrForVarName("W1")).amaxNumber().doubleValue(), 1e-10);
    }
}
