package org.hebbian4j.samples.support;

import org.hebbian4j.competition.Competition;
import org.hebbian4j.homeostasis.Homeostasis;
import org.hebbian4j.registry.Components;
import org.hebbian4j.rules.LearningRule;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A rule, a competition and a homeostasis mechanism chosen by name, with {@code --set key=value}
 * settings routed to whichever of the three has the hyperparameter {@code key} (or to the one
 * named by a {@code rule.}, {@code competition.} or {@code homeostasis.} prefix).
 *
 * @param rule        rule name (docs/rules.md)
 * @param competition competition name
 * @param homeostasis homeostasis name
 * @param settings    hyperparameter settings, key to value as text
 */
public record ComponentChoice(String rule, String competition, String homeostasis, Map<String, String> settings) {

    public ComponentChoice {
        settings = settings == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    private String chosen(Components.Kind kind) {
        return switch (kind) {
            case RULE -> rule;
            case COMPETITION -> competition;
            case HOMEOSTASIS -> homeostasis;
        };
    }

    private Map<String, String> settingsFor(Components.Kind kind) {
        String name = chosen(kind);
        Map<String, Object> known = Components.hyperparameters(Components.create(kind, name, Map.of()));
        Map<String, String> out = new LinkedHashMap<>();
        String prefix = kind + ".";
        for (Map.Entry<String, String> e : settings.entrySet()) {
            String key = e.getKey();
            if (key.startsWith(prefix)) {
                out.put(key.substring(prefix.length()), e.getValue());
            } else if (!key.contains(".") && known.containsKey(key)) {
                out.put(key, e.getValue());
            }
        }
        return out;
    }

    /**
     * Checks that every setting names a hyperparameter of exactly one chosen component.
     *
     * @throws IllegalArgumentException for an unknown component, a key no component has, or an
     *                                  ambiguous key
     */
    public void checkSettings() {
        for (String key : settings.keySet()) {
            int owners = 0;
            for (Components.Kind kind : Components.Kind.values()) {
                String prefix = kind + ".";
                String bare = key.startsWith(prefix) ? key.substring(prefix.length()) : key;
                boolean addressed = key.startsWith(prefix) || !key.contains(".");
                Object component = Components.create(kind, chosen(kind), Map.of());
                if (addressed && Components.hyperparameters(component).containsKey(bare)) {
                    owners++;
                }
            }
            if (owners == 0) {
                throw new IllegalArgumentException("--set " + key + ": none of rule '" + rule + "', competition '"
                        + competition + "', homeostasis '" + homeostasis + "' has this hyperparameter");
            }
            if (owners > 1) {
                throw new IllegalArgumentException("--set " + key
                        + " is ambiguous: prefix it with rule., competition. or homeostasis.");
            }
        }
    }

    public LearningRule createRule() {
        return Components.rule(rule, settingsFor(Components.Kind.RULE));
    }

    public Competition createCompetition() {
        return Components.competition(competition, settingsFor(Components.Kind.COMPETITION));
    }

    public Homeostasis createHomeostasis() {
        return Components.homeostasis(homeostasis, settingsFor(Components.Kind.HOMEOSTASIS));
    }
}
