package org.hebbian4j.samples.cli;

import org.hebbian4j.activations.KWinnersActivation;
import org.hebbian4j.activations.TriangleActivation;
import org.hebbian4j.competition.Competition;
import org.hebbian4j.homeostasis.Homeostasis;
import org.hebbian4j.registry.Components;
import org.hebbian4j.rules.LearningRule;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Command-line options that choose a Hebbian layer's rule, competition, homeostasis, activation and
 * learning rate. Components are named as in docs/rules.md; {@code --set key=value} sets any of
 * their hyperparameters (prefix the key with {@code rule.}, {@code competition.} or
 * {@code homeostasis.} when more than one of them has it).
 */
final class HebbianOptions {

    @Option(names = "--rule", defaultValue = "instar",
            description = "Learning rule (hebb, oja, sanger, instar, softhebb, softhebb-anti, krotov, hebbnet, liuson). Default: ${DEFAULT-VALUE}.")
    String rule;

    @Option(names = "--competition", defaultValue = "wta",
            description = "Competition (none, relu, triangle, wta, kwta, softmax, power, rank-k, lateral). Default: ${DEFAULT-VALUE}.")
    String competition;

    @Option(names = "--homeostasis", defaultValue = "threshold",
            description = "Homeostasis against dead neurons (none, threshold, growth). Default: ${DEFAULT-VALUE}.")
    String homeostasis;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "A hyperparameter of the rule, competition or homeostasis, e.g. --set temperature=0.02 "
                    + "--set winners=5 --set rate=20 (repeatable; see 'hebbian4j train --list').")
    Map<String, String> settings = new LinkedHashMap<>();

    @Option(names = "--activation", defaultValue = "kwinners:100",
            description = "Activation of the Hebbian layer's output: kwinners:K (the K best-matching units), "
                    + "triangle, relu, or any DL4J Activation name. Default: ${DEFAULT-VALUE}.")
    String activation;

    @Option(names = "--normalize", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Rescale each neuron's weights to unit L2 norm after every step (default: on; --no-normalize).")
    boolean normalize;

    @Option(names = "--lr", defaultValue = "0.5", description = "Hebbian learning rate (Sgd). Default: ${DEFAULT-VALUE}.")
    double learningRate;

    private Map<String, String> settingsFor(Components.Kind kind, String name) {
        Map<String, Object> known = Components.hyperparameters(Components.create(kind, name, Map.of()));
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : settings.entrySet()) {
            String key = e.getKey();
            String prefix = kind + ".";
            if (key.startsWith(prefix)) {
                out.put(key.substring(prefix.length()), e.getValue());
            } else if (!key.contains(".") && known.containsKey(key)) {
                out.put(key, e.getValue());
            }
        }
        return out;
    }

    private String chosen(Components.Kind kind) {
        return switch (kind) {
            case RULE -> rule;
            case COMPETITION -> competition;
            case HOMEOSTASIS -> homeostasis;
        };
    }

    /** Checks that every --set key names a hyperparameter of exactly one chosen component. */
    void checkSettings() {
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

    LearningRule rule() {
        return Components.rule(rule, settingsFor(Components.Kind.RULE, rule));
    }

    Competition competition() {
        return Components.competition(competition, settingsFor(Components.Kind.COMPETITION, competition));
    }

    Homeostasis homeostasis() {
        return Components.homeostasis(homeostasis, settingsFor(Components.Kind.HOMEOSTASIS, homeostasis));
    }

    IActivation activation() {
        String a = activation.toLowerCase(Locale.ROOT);
        if (a.equals("triangle")) {
            return new TriangleActivation();
        }
        if (a.startsWith("kwinners")) {
            String k = a.startsWith("kwinners:") ? a.substring("kwinners:".length()) : "";
            try {
                return new KWinnersActivation(Integer.parseInt(k));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--activation kwinners:K needs a whole number K, got '" + activation + "'");
            }
        }
        try {
            return Activation.fromString(activation).getActivationFunction();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("unknown --activation '" + activation + "' (kwinners:K, triangle, relu, tanh, ...)");
        }
    }

    double learningRate() {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("--lr must be > 0, got " + learningRate);
        }
        return learningRate;
    }
}
