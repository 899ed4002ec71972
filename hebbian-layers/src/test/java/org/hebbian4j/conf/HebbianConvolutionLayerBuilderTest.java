package org.hebbian4j.conf;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.constraint.UnitNormConstraint;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.hebbian4j.competition.KWta;
import org.hebbian4j.homeostasis.GrowthFactor;
import org.hebbian4j.rules.HebbNetRule;
import org.hebbian4j.rules.LearningRule;
import org.hebbian4j.rules.LocalSignals;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Invalid settings of a {@link HebbianConvolutionLayer} fail early, with a message naming the field. */
class HebbianConvolutionLayerBuilderTest {

    /** A stand-in for a supervised rule (none exists yet for hidden layers). */
    record SupervisedRule() implements LearningRule {
        @Override
        public void update(LocalSignals signals, INDArray out, double scale) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean requiresTargets() {
            return true;
        }

        @Override
        public String name() {
            return "supervised-test";
        }
    }

    private static void assertMentions(Throwable e, String... words) {
        for (String word : words) {
            assertTrue(e.getMessage().contains(word), "message should mention \"" + word + "\": " + e.getMessage());
        }
    }

    private static HebbianConvolutionLayer.Builder valid() {
        return new HebbianConvolutionLayer.Builder(3, 3).name("c1").nIn(3).nOut(4);
    }

    @Test
    void validSettingsBuildWithDl4jConvolutionDefaults() {
        HebbianConvolutionLayer layer = new HebbianConvolutionLayer.Builder().nIn(3).nOut(4).build();

        assertArrayEquals(new int[]{5, 5}, layer.getKernelSize());
        assertArrayEquals(new int[]{1, 1}, layer.getStride());
        assertArrayEquals(new int[]{0, 0}, layer.getPadding());
        assertArrayEquals(new int[]{1, 1}, layer.getDilation());
        assertTrue(layer.hasBias());
        assertEquals(3L * 5 * 5, layer.getFanIn());
    }

    @ParameterizedTest(name = "kernel size {0}")
    @ValueSource(ints = {0, -1})
    void nonPositiveKernelSizeFailsNamingKernelSize(int size) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> valid().kernelSize(3, size).build());

        assertMentions(e, "kernelSize", "HebbianConvolutionLayer", "\"c1\"");
    }

    @ParameterizedTest(name = "stride {0}")
    @ValueSource(ints = {0, -2})
    void nonPositiveStrideFailsNamingStride(int stride) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> valid().stride(stride, 1).build());

        assertMentions(e, "stride");
    }

    @Test
    void negativePaddingFailsNamingPadding() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> valid().padding(0, -1).build());

        assertMentions(e, "padding");
    }

    @Test
    void zeroDilationFailsNamingDilation() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> valid().dilation(0, 1).build());

        assertMentions(e, "dilation");
    }

    @Test
    void kWtaWithMoreWinnersThanOutputChannelsFailsAtBuild() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> valid().competition(new KWta(5)).build());

        assertMentions(e, "winners", "nOut", "5", "4");
    }

    @Test
    void supervisedRuleIsRejectedWithAClearMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> valid().rule(new SupervisedRule()).build());

        assertMentions(e, "supervised-test", "supervised", "labels", "\"c1\"");
    }

    @Test
    void missingNOutFailsNamingNOut() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new HebbianConvolutionLayer.Builder(3, 3).nIn(3).build());

        assertMentions(e, "nOut");
    }

    @Test
    void nullRuleCompetitionOrHomeostasisFailsNamingIt() {
        assertMentions(assertThrows(IllegalArgumentException.class, () -> valid().rule(null).build()), "rule");
        assertMentions(assertThrows(IllegalArgumentException.class, () -> valid().competition(null).build()), "competition");
        assertMentions(assertThrows(IllegalArgumentException.class, () -> valid().homeostasis(null).build()), "homeostasis");
    }

    @Test
    void negativeDirectStepFailsNamingDirectStep() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> valid().directStep(-0.1).build());

        assertMentions(e, "directStep");
    }

    @Test
    void causalConvolutionModeIsRejected() {
        assertThrows(RuntimeException.class, () -> valid().convolutionMode(ConvolutionMode.Causal).build());
    }

    @Test
    void buildingTwiceWithNormalizedWeightsGivesEqualLayersWithOneKernelNormConstraint() {
        HebbianConvolutionLayer.Builder builder = valid().normalizeWeights(true);

        HebbianConvolutionLayer first = builder.build();
        HebbianConvolutionLayer second = builder.build();

        assertEquals(first, second);
        assertEquals(1, second.getConstraints().size(), "one unit-norm constraint: " + second.getConstraints());
        UnitNormConstraint constraint = assertInstanceOf(UnitNormConstraint.class, second.getConstraints().get(0));
        assertArrayEquals(new int[]{1, 2, 3}, constraint.getDimensions(), "one norm per output channel's whole kernel");
    }

    @Test
    void channelsLastInputTypeFailsAtInitNamingTheFormat() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().list()
                .layer(new HebbianConvolutionLayer.Builder(3, 3).name("c1").nOut(4).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(2).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(8, 8, 3, CNN2DFormat.NHWC)).build());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, net::init);

        assertMentions(e, "NHWC", "NCHW", "\"c1\"");
    }

    @Test
    void channelsFirstInputTypeInitializes() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().list()
                .layer(new HebbianConvolutionLayer.Builder(3, 3).nOut(4).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(2).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(8, 8, 3)).build());

        assertDoesNotThrow(() -> net.init());
    }

    @Test
    void statefulRuleIsAcceptedItsStateBecomesAParameter() {
        // Behaviour of the state in training: layers.HebbianConvolutionLayerRuleStateTest.
        assertEquals(new HebbNetRule(), valid().rule(new HebbNetRule()).build().getRule());
    }

    @Test
    void ruleThatNeedsUnitNormWeightsIsRejectedWithoutNormalizeWeights() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> valid().rule(new NormalizedOnlyRule()).build());

        assertMentions(e, "normalized-only", "normalizeWeights", "\"c1\"");
        assertDoesNotThrow(() -> valid().rule(new NormalizedOnlyRule()).normalizeWeights(true).build());
    }

    /** A stateless rule defined with unit-norm weights only. */
    record NormalizedOnlyRule() implements LearningRule {
        @Override
        public void update(LocalSignals signals, INDArray out, double scale) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean requiresNormalizedWeights() {
            return true;
        }

        @Override
        public String name() {
            return "normalized-only";
        }
    }

    @Test
    void zeroDirectStepFailsNamingDirectStep() {
        assertMentions(assertThrows(IllegalArgumentException.class, () -> valid().directStep(0).build()),
                "directStep", "> 0");
    }

    @Test
    void nonPositiveLearningRateOfTheLayersUpdaterFailsAtBuild() {
        assertMentions(assertThrows(IllegalArgumentException.class,
                () -> valid().updater(new Sgd(-1)).build()), "learning rate", "\"c1\"");
    }

    @Test
    void growthFactorWithNormalizedWeightsFails() {
        assertMentions(assertThrows(IllegalArgumentException.class,
                () -> valid().homeostasis(new GrowthFactor()).normalizeWeights(true).build()),
                "growth", "normalizeWeights");
    }

    @Test
    void explicitNInThatDisagreesWithTheInputChannelsFailsWhenDl4jKeepsExplicitSizes() {
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder().list()
                .layer(valid().build())   // nIn 3
                .layer(new OutputLayer.Builder().nOut(2).build())
                .setInputType(InputType.convolutional(8, 8, 1))
                .overrideNinUponBuild(false);

        assertMentions(assertThrows(IllegalArgumentException.class, list::build), "nIn = 3", "1 channels", "\"c1\"");
    }
}
