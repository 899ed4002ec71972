package org.hebbian4j.registry;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.hebbian4j.competition.Competition;
import org.hebbian4j.competition.KWta;
import org.hebbian4j.homeostasis.Homeostasis;
import org.hebbian4j.rules.HebbNetRule;
import org.hebbian4j.rules.KrotovRule;
import org.hebbian4j.rules.LearningRule;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ComponentsTest {

    @Test
    void everyRegisteredComponentIsKnownByItsOwnNameAndRoundTripsThroughJson() throws Exception {
        var mapper = NeuralNetConfiguration.mapper();
        for (Components.Kind kind : Components.Kind.values()) {
            Class<?> type = switch (kind) {
                case RULE -> LearningRule.class;
                case COMPETITION -> Competition.class;
                case HOMEOSTASIS -> Homeostasis.class;
            };
            for (Map.Entry<String, ?> e : Components.defaults(kind).entrySet()) {
                assertEquals(e.getValue(), Components.create(kind, e.getKey(), Map.of()), e.getKey());
                String json = mapper.writerFor(type).writeValueAsString(e.getValue());
                assertEquals(e.getValue(), mapper.readValue(json, type), e.getKey());
            }
        }
        assertTrue(Components.defaults(Components.Kind.RULE).keySet()
                .containsAll(java.util.List.of("hebb", "oja", "sanger", "instar", "softhebb", "krotov", "hebbnet", "liuson")));
    }

    @Test
    void settingsOverrideDefaultsByHyperparameterName() {
        assertEquals(new KrotovRule(4.5, 7, 0.4), Components.rule("krotov", Map.of("lebesgueP", "4.5")));
        assertEquals(new KWta(3), Components.competition("KWTA", Map.of("winners", "3")));
        assertEquals(Map.of("winners", 3), Components.hyperparameters(new KWta(3)));
        assertEquals("kwta(winners=3)", Components.describe("kwta", new KWta(3)));
    }

    @Test
    void enumHyperparametersTakeTheConstantsNameInAnyCase() {
        assertEquals(new HebbNetRule(0.8, 0.99, HebbNetRule.Level.NEURON), Components.rule("hebbnet", Map.of()));
        assertEquals(new HebbNetRule(0.5, 0.99, HebbNetRule.Level.ENTRY),
                Components.rule("hebbnet", Map.of("level", "entry", "sparsity", "0.5")));
        assertEquals(HebbNetRule.Level.NEURON, ((HebbNetRule) Components.rule("hebbnet", Map.of("level", "Neuron"))).level());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Components.rule("hebbnet", Map.of("level", "layer")));
        assertTrue(e.getMessage().contains("level must be one of neuron, entry, activation, got 'layer'"), e.getMessage());
    }

    @Test
    void unknownNamesKeysAndBadValuesAreErrorsThatSayWhatIsValid() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Components.rule("krotoff", Map.of()));
        assertTrue(e.getMessage().contains("unknown rule 'krotoff'") && e.getMessage().contains("krotov"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Components.rule("krotov", Map.of("p", "3")));
        assertTrue(e.getMessage().contains("no hyperparameter 'p'") && e.getMessage().contains("lebesgueP"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Components.competition("kwta", Map.of("winners", "two")));
        assertTrue(e.getMessage().contains("winners must be a int"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Components.competition("softmax", Map.of("temperature", "-1")));
        assertTrue(e.getMessage().contains("temperature"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Components.rule("oja", Map.of("x", "1")));
        assertTrue(e.getMessage().contains("it has none"), e.getMessage());
    }
}
