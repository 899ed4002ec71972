package org.hebbian4j.samples.cli;

import org.hebbian4j.activations.TriangleActivation;
import org.hebbian4j.competition.Competition;
import org.hebbian4j.competition.HardWta;
import org.hebbian4j.competition.KWta;
import org.hebbian4j.competition.NoCompetition;
import org.hebbian4j.competition.PowerSoftWta;
import org.hebbian4j.competition.SoftWta;
import org.hebbian4j.homeostasis.AdaptiveThreshold;
import org.hebbian4j.homeostasis.Homeostasis;
import org.hebbian4j.homeostasis.NoHomeostasis;
import org.hebbian4j.rules.HebbRule;
import org.hebbian4j.rules.InstarRule;
import org.hebbian4j.rules.LearningRule;
import org.hebbian4j.rules.OjaRule;
import org.hebbian4j.rules.SoftHebbRule;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import picocli.CommandLine.Option;

import java.util.Locale;

/** Command-line options that choose a Hebbian layer's rule, competition, homeostasis and activation. */
final class HebbianOptions {

    @Option(names = "--rule", defaultValue = "instar",
            description = "Learning rule: instar, softhebb, hebb, oja. Default: ${DEFAULT-VALUE}.")
    String rule;

    @Option(names = "--competition", defaultValue = "wta",
            description = "Competition: wta, kwta, softmax (e-soft-WTA), power (p-soft-WTA), none. Default: ${DEFAULT-VALUE}.")
    String competition;

    @Option(names = "--temperature", defaultValue = "1.0",
            description = "Softmax temperature T of --competition softmax. Default: ${DEFAULT-VALUE}.")
    double temperature;

    @Option(names = "--k", defaultValue = "5", description = "Winners of --competition kwta. Default: ${DEFAULT-VALUE}.")
    int winners;

    @Option(names = "--power", defaultValue = "20", description = "Power p of --competition power. Default: ${DEFAULT-VALUE}.")
    double power;

    @Option(names = "--homeostasis", defaultValue = "10",
            description = "Adaptive-threshold rate against dead neurons (0 = off). Default: ${DEFAULT-VALUE}.")
    double homeostasisRate;

    @Option(names = "--activation", defaultValue = "triangle",
            description = "Activation of the Hebbian layer: triangle, relu, or any DL4J Activation name. Default: ${DEFAULT-VALUE}.")
    String activation;

    @Option(names = "--no-normalize", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Rescale each neuron's weights to unit L2 norm after every step (default: on).")
    boolean normalize;

    @Option(names = "--lr", defaultValue = "0.5", description = "Hebbian learning rate (Sgd). Default: ${DEFAULT-VALUE}.")
    double learningRate;

    LearningRule rule() {
        return switch (rule.toLowerCase(Locale.ROOT)) {
            case "instar" -> new InstarRule();
            case "softhebb" -> new SoftHebbRule();
            case "hebb" -> new HebbRule();
            case "oja" -> new OjaRule();
            default -> throw new IllegalArgumentException("unknown --rule '" + rule + "' (instar, softhebb, hebb, oja)");
        };
    }

    Competition competition() {
        return switch (competition.toLowerCase(Locale.ROOT)) {
            case "wta" -> new HardWta();
            case "kwta" -> new KWta(winners);
            case "softmax", "soft-wta", "e-soft-wta" -> new SoftWta(temperature);
            case "power", "p-soft-wta" -> new PowerSoftWta(power);
            case "none" -> new NoCompetition();
            default -> throw new IllegalArgumentException("unknown --competition '" + competition
                    + "' (wta, kwta, softmax, power, none)");
        };
    }

    Homeostasis homeostasis() {
        if (homeostasisRate < 0) {
            throw new IllegalArgumentException("--homeostasis must be >= 0 (0 = off), got " + homeostasisRate);
        }
        return homeostasisRate == 0 ? new NoHomeostasis() : new AdaptiveThreshold(homeostasisRate);
    }

    IActivation activation() {
        if (activation.equalsIgnoreCase("triangle")) {
            return new TriangleActivation();
        }
        try {
            return Activation.fromString(activation).getActivationFunction();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("unknown --activation '" + activation + "' (triangle, relu, tanh, ...)");
        }
    }

    double learningRate() {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("--lr must be > 0, got " + learningRate);
        }
        return learningRate;
    }
}
