package org.hebbian4j.conf;

import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.hebbian4j.rules.SoftHebbRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Defaults and build-time validation of {@link HebbianOutputLayer} and {@link HebbianDescentOutputLayer}. */
class SupervisedOutputLayerBuilderTest {

    private static void assertMentions(Throwable e, String... words) {
        for (String word : words) {
            assertTrue(e.getMessage().contains(word), "message should mention \"" + word + "\": " + e.getMessage());
        }
    }

    @Test
    void hebbianOutputLayerDefaultsToSoftmaxCrossEntropyAndTheSupervisedHebbRule() {
        HebbianOutputLayer l = new HebbianOutputLayer.Builder().nIn(4).nOut(3).build();
        assertInstanceOf(ActivationSoftmax.class, l.getActivationFn());
        assertInstanceOf(LossMCXENT.class, l.getLossFn());
        assertEquals("supervised-hebb", l.getRule().name());
        assertEquals(0.0, l.getMaxNorm());
        assertTrue(l.hasBias());
        assertEquals(false, l.isDirectStep());
    }

    @Test
    void hebbianOutputLayerRejectsAnUnsupervisedRule() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new HebbianOutputLayer.Builder().nIn(4).nOut(3).rule(new SoftHebbRule()).build());
        assertMentions(e, "HebbianOutputLayer", "softhebb", "unsupervised", "HebbianDenseLayer");
    }

    @ParameterizedTest
    @ValueSource(doubles = {-1.0, Double.NaN, Double.POSITIVE_INFINITY})
    void hebbianOutputLayerRejectsBadMaxNormAndDirectStep(double value) {
        assertMentions(assertThrows(IllegalArgumentException.class,
                () -> new HebbianOutputLayer.Builder().nIn(4).nOut(3).maxNorm(value).build()), "maxNorm");
        assertMentions(assertThrows(IllegalArgumentException.class,
                () -> new HebbianOutputLayer.Builder().nIn(4).nOut(3).directStep(value).build()), "directStep");
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 4, 5})
    void hebbianOutputLayerRejectsZeroedInputsOutsideTheFanIn(int count) {
        assertMentions(assertThrows(IllegalArgumentException.class,
                () -> new HebbianOutputLayer.Builder().nIn(4).nOut(3).zeroLeadingInputs(count).build()),
                "zeroLeadingInputs", "nIn");
    }

    @Test
    void missingNOutOrRuleFailsNamingTheField() {
        assertMentions(assertThrows(IllegalArgumentException.class,
                () -> new HebbianOutputLayer.Builder().nIn(4).build()), "nOut", "HebbianOutputLayer");
        assertMentions(assertThrows(IllegalArgumentException.class,
                () -> new HebbianOutputLayer.Builder().nIn(4).nOut(3).rule(null).build()), "rule");
        assertMentions(assertThrows(IllegalArgumentException.class,
                () -> new HebbianDescentOutputLayer.Builder().name("hd").nIn(4).build()), "nOut",
                "HebbianDescentOutputLayer \"hd\"");
    }

    @Test
    void hebbianDescentOutputLayerDefaultsToSigmoidMseWithoutCentering() {
        HebbianOutputLayer l = new HebbianDescentOutputLayer.Builder().nIn(4).nOut(3).build();
        assertInstanceOf(ActivationSigmoid.class, l.getActivationFn());
        assertInstanceOf(LossMSE.class, l.getLossFn());
        assertEquals(false, l.isCentering());
        assertEquals(false, l.isDirectStep());
    }

    @Test
    void memoryReportsCountEveryParameterIncludingTheCenteringMean() {
        InputType in = InputType.feedForward(4);
        // A layer outside a network has no updater unless given one (as DL4J's OutputLayer).
        LayerMemoryReport shc = new HebbianOutputLayer.Builder().nIn(4).nOut(3).updater(new Sgd(0.1)).build()
                .getMemoryReport(in);
        LayerMemoryReport hd = new HebbianDescentOutputLayer.Builder().nIn(4).nOut(3).centering(0.9)
                .updater(new Sgd(0.1)).build().getMemoryReport(in);
        assertEquals(4 * 3 + 3, shc.getParameterSize());
        assertEquals(4 * 3 + 3 + 4, hd.getParameterSize());
        assertEquals(InputType.feedForward(3), hd.getOutputType());
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.1, 1.5, Double.NaN})
    void hebbianDescentOutputLayerRejectsACenteringMomentumOutsideZeroToOne(double momentum) {
        assertMentions(assertThrows(IllegalArgumentException.class,
                () -> new HebbianDescentOutputLayer.Builder().nIn(4).nOut(3).centering(momentum).build()),
                "centering momentum");
    }

    @Test
    void directStepZeroIsRefusedByBothOutputLayersAsByTheHiddenLayers() {
        // Unset means "the network's updater takes the step"; 0 is not a way to say it.
        assertMentions(assertThrows(IllegalArgumentException.class,
                () -> new HebbianOutputLayer.Builder().nIn(4).nOut(3).directStep(0).build()), "directStep", "unset");
        assertMentions(assertThrows(IllegalArgumentException.class,
                () -> new HebbianDescentOutputLayer.Builder().nIn(4).nOut(3).directStep(0).build()), "directStep", "unset");
        assertFalse(new HebbianOutputLayer.Builder().nIn(4).nOut(3).build().isDirectStep());
        assertFalse(new HebbianDescentOutputLayer.Builder().nIn(4).nOut(3).build().isDirectStep());
        assertEquals(0.25, new HebbianDescentOutputLayer.Builder().nIn(4).nOut(3).directStep(0.25).build()
                .getDirectStepLearningRate());
    }

    @Test
    void hebbianDescentOutputLayerRejectsANegativeDirectStep() {
        assertMentions(assertThrows(IllegalArgumentException.class,
                () -> new HebbianDescentOutputLayer.Builder().nIn(4).nOut(3).directStep(-0.1).build()), "directStep");
    }
}
