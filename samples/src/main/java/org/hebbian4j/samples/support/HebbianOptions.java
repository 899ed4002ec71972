package org.hebbian4j.samples.support;

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
public final class HebbianOptions {

    @Option(names = "--rule", defaultValue = "instar",
            description = "Learning rule (hebb, oja, sanger, instar, softhebb, softhebb-anti, krotov, hebbnet, liuson). Default: ${DEFAULT-VALUE}.")
    public String rule;

    @Option(names = "--competition",
            description = "Competition (none, relu, triangle, wta, kwta, softmax, power, rank-k, lateral). Default: wta"
                    + " (none for krotov, which ranks the neurons itself).")
    public String competition;

    @Option(names = "--homeostasis",
            description = "Homeostasis against dead neurons (none, threshold, growth). Default: threshold (none for krotov).")
    public String homeostasis;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "A hyperparameter of the rule, competition or homeostasis, e.g. --set temperature=0.02 "
                    + "--set winners=5 --set rate=20 (repeatable; see 'hebbian4j rule-step --list').")
    public Map<String, String> settings = new LinkedHashMap<>();

    @Option(names = "--activation", defaultValue = "kwinners:10%",
            description = "Activation of the Hebbian layer's output: kwinners:K (the K best-matching units) or "
                    + "kwinners:P% (P percent of the units, at least 1; 10%: 200 of 2,000), "
                    + "triangle, relu, or any DL4J Activation name. Default: ${DEFAULT-VALUE}.")
    public String activation;

    @Option(names = "--normalize", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Rescale each neuron's weights to unit L2 norm after every step (default: on; --no-normalize).")
    public boolean normalize;

    @Option(names = "--lr", defaultValue = "4", description = "Hebbian learning rate (Sgd). Default: ${DEFAULT-VALUE}.")
    public double learningRate;

    private ComponentChoice choice() {
        return new ComponentChoice(rule, competitionName(), homeostasisName(), settings);
    }

    /** The chosen competition: --competition, else wta, or none for a rule that ranks the neurons itself. */
    public String competitionName() {
        return competition != null ? competition : ruleOwnsCompetition() ? "none" : "wta";
    }

    /** The chosen homeostasis: --homeostasis, else threshold, or none for a rule that ranks the neurons itself. */
    public String homeostasisName() {
        return homeostasis != null ? homeostasis : ruleOwnsCompetition() ? "none" : "threshold";
    }

    private boolean ruleOwnsCompetition() {
        return Components.create(Components.Kind.RULE, rule, Map.of()) instanceof LearningRule r && r.ownsCompetition();
    }

    /** Checks that every --set key names a hyperparameter of exactly one chosen component. */
    public void checkSettings() {
        choice().checkSettings();
    }

    public LearningRule rule() {
        return choice().createRule();
    }

    public Competition competition() {
        return choice().createCompetition();
    }

    public Homeostasis homeostasis() {
        return choice().createHomeostasis();
    }

    /** The activation for a Hebbian layer of {@code units} units (kwinners:P% is taken of them). */
    public IActivation activation(long units) {
        String a = activation.toLowerCase(Locale.ROOT);
        if (a.equals("triangle")) {
            return new TriangleActivation();
        }
        if (a.startsWith("kwinners")) {
            String k = a.startsWith("kwinners:") ? a.substring("kwinners:".length()) : "";
            try {
                if (k.endsWith("%")) {
                    double percent = Double.parseDouble(k.substring(0, k.length() - 1));
                    if (!(percent > 0 && percent < 100)) {
                        throw new IllegalArgumentException("--activation kwinners:P% needs 0 < P < 100, got '" + activation + "'");
                    }
                    return new KWinnersActivation((int) Math.max(1, Math.round(units * percent / 100)));
                }
                return new KWinnersActivation(Integer.parseInt(k));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--activation kwinners:K needs a whole number K or a percentage P%, got '"
                        + activation + "'");
            }
        }
        try {
            return Activation.fromString(activation).getActivationFunction();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("unknown --activation '" + activation + "' (kwinners:K, kwinners:P%, triangle, relu, tanh, ...)");
        }
    }

    public double learningRate() {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("--lr must be > 0, got " + learningRate);
        }
        return learningRate;
    }
}
