package org.hebbian4j.conf;

import org.hebbian4j.competition.KWta;
import org.hebbian4j.competition.PowerSoftWta;
import org.hebbian4j.competition.SoftWta;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Invalid settings of a {@link HebbianDenseLayer} fail early, with a message naming the field. */
class HebbianDenseLayerBuilderTest {

    private static void assertMentions(Throwable e, String... words) {
        for (String word : words) {
            assertTrue(e.getMessage().contains(word), "message should mention \"" + word + "\": " + e.getMessage());
        }
    }

    @Test
    void kWtaWithMoreWinnersThanNOutFailsAtBuild() {
        HebbianDenseLayer.Builder builder = new HebbianDenseLayer.Builder().nIn(8).nOut(4).competition(new KWta(5));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);

        assertMentions(e, "winners", "nOut", "5", "4");
    }

    @Test
    void kWtaWithAsManyWinnersAsNOutBuilds() {
        assertDoesNotThrow(() -> new HebbianDenseLayer.Builder().nIn(8).nOut(4).competition(new KWta(4)).build());
    }

    @ParameterizedTest(name = "temperature {0}")
    @ValueSource(doubles = {0.0, -1.0, Double.NaN, Double.POSITIVE_INFINITY})
    void softWtaWithNonPositiveOrNonFiniteTemperatureFails(double temperature) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new HebbianDenseLayer.Builder().nIn(8).nOut(4).competition(new SoftWta(temperature)).build());

        assertMentions(e, "temperature");
    }

    @ParameterizedTest(name = "power {0}")
    @ValueSource(doubles = {0.0, -2.0})
    void powerSoftWtaWithNonPositivePowerFails(double power) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new PowerSoftWta(power));

        assertMentions(e, "power");
    }

    @Test
    void missingNOutFailsAtBuildNamingNOut() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new HebbianDenseLayer.Builder().nIn(8).build());

        assertMentions(e, "nOut", "HebbianDenseLayer");
    }

    @Test
    void negativeDirectStepFailsNamingDirectStep() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new HebbianDenseLayer.Builder().nIn(8).nOut(4).directStep(-0.1).build());

        assertMentions(e, "directStep");
    }

    @Test
    void buildingTwiceFromOneBuilderGivesEqualLayers() {
        HebbianDenseLayer.Builder builder = new HebbianDenseLayer.Builder().nIn(8).nOut(4)
                .competition(new KWta(2)).normalizeWeights(true);

        HebbianDenseLayer first = builder.build();
        HebbianDenseLayer second = builder.build();

        assertEquals(first, second);
        assertEquals(1, second.getConstraints().size(), "one unit-norm constraint: " + second.getConstraints());
    }

    @Test
    void nullRuleOrCompetitionFailsNamingTheField() {
        assertMentions(assertThrows(IllegalArgumentException.class,
                () -> new HebbianDenseLayer.Builder().nIn(8).nOut(4).rule(null).build()), "rule");
        assertMentions(assertThrows(IllegalArgumentException.class,
                () -> new HebbianDenseLayer.Builder().nIn(8).nOut(4).competition(null).build()), "competition");
    }
}
