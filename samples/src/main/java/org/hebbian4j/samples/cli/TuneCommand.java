package org.hebbian4j.samples.cli;

import org.hebbian4j.samples.support.DataOptions;
import org.hebbian4j.samples.support.HebbianOptions;
import org.hebbian4j.samples.support.JsonLine;
import org.hebbian4j.samples.support.OutputOptions;
import org.hebbian4j.samples.support.RunRecord;
import org.hebbian4j.samples.support.SeedOption;

import org.deeplearning4j.arbiter.MultiLayerSpace;
import org.deeplearning4j.arbiter.layers.OutputLayerSpace;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.optimize.api.termination.MaxCandidatesCondition;
import org.deeplearning4j.arbiter.optimize.config.OptimizationConfiguration;
import org.deeplearning4j.arbiter.optimize.distribution.LogUniformDistribution;
import org.deeplearning4j.arbiter.optimize.generator.RandomSearchGenerator;
import org.deeplearning4j.arbiter.optimize.parameter.FixedValue;
import org.deeplearning4j.arbiter.optimize.parameter.continuous.ContinuousParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.discrete.DiscreteParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.integer.IntegerParameterSpace;
import org.deeplearning4j.arbiter.scoring.impl.EvaluationScoreFunction;
import org.deeplearning4j.earlystopping.EarlyStoppingConfiguration;
import org.deeplearning4j.earlystopping.saver.InMemoryModelSaver;
import org.deeplearning4j.earlystopping.scorecalc.ClassificationScoreCalculator;
import org.deeplearning4j.earlystopping.termination.MaxEpochsTerminationCondition;
import org.deeplearning4j.earlystopping.termination.ScoreImprovementEpochTerminationCondition;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.hebbian4j.arbiter.HebbianDenseLayerSpace;
import org.hebbian4j.arbiter.HyperparameterSearch;
import org.hebbian4j.arbiter.InMemoryDataProvider;
import org.hebbian4j.registry.Components;
import org.hebbian4j.util.AtomicFiles;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.SplitTestAndTrain;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * Random search over a Hebbian layer's hyperparameters with Arbiter: each candidate is the hybrid
 * MLP (a {@code HebbianDenseLayer} below a softmax classifier), trained with {@code fit} on a part of
 * the training set (Hebbian layer by its rule, classifier by backprop, jointly) under early stopping
 * on the accuracy on the rest of the training set (the validation split); the test set is not used.
 * Prints and saves a table of all candidates, best validation accuracy first.
 *
 * <p>Searched settings: {@code --search KEY=SPEC}, with KEY one of {@code rule}, {@code competition},
 * {@code homeostasis}, {@code lr} (the Hebbian Sgd learning rate) or any hyperparameter of the
 * components (as for {@code --set}), and SPEC {@code a,b,c} (a choice), {@code lo:hi} (uniform; whole
 * numbers for integer hyperparameters) or {@code lo:hi:log} (log-uniform). Everything else is fixed by
 * the same options as {@code train}.
 */
@Command(name = "tune", mixinStandardHelpOptions = true,
        description = "Random search over Hebbian hyperparameters (Arbiter) with a validation split and early stopping.")
public class TuneCommand implements Callable<Integer> {

    /** Searched when no --search is given: three Hebbian hyperparameters. */
    static Map<String, String> defaultSearch() {
        Map<String, String> search = new LinkedHashMap<>();
        search.put("competition", "wta,kwta");
        search.put("winners", "2:20");
        search.put("lr", "0.02:1:log");
        return search;
    }

    @Mixin
    DataOptions data = new DataOptions();

    @Mixin
    HebbianOptions hebbian = new HebbianOptions();

    @Option(names = "--search", paramLabel = "KEY=SPEC",
            description = "A searched setting: rule|competition|homeostasis=a,b,...; lr=LO:HI[:log]; any "
                    + "hyperparameter=LO:HI[:log] or a,b,... (repeatable). Default: competition=wta,kwta, "
                    + "winners=2:20, lr=0.02:1:log.")
    Map<String, String> search = new LinkedHashMap<>();

    @Option(names = "--candidates", defaultValue = "8", description = "Candidates to train. Default: ${DEFAULT-VALUE}.")
    int candidates;

    @Option(names = "--epochs", defaultValue = "3",
            description = "Most epochs per candidate. Default: ${DEFAULT-VALUE}.")
    int epochs;

    @Option(names = "--patience", defaultValue = "1",
            description = "Early stopping: epochs without a better validation accuracy. Default: ${DEFAULT-VALUE}.")
    int patience;

    @Option(names = "--validation-fraction", defaultValue = "0.2",
            description = "Share of the training examples held out for validation. Default: ${DEFAULT-VALUE}.")
    double validationFraction;

    @Option(names = "--hidden", defaultValue = "500", description = "Hebbian units. Default: ${DEFAULT-VALUE}.")
    int hidden;

    @Option(names = "--batch", defaultValue = "64", description = "Minibatch size. Default: ${DEFAULT-VALUE}.")
    int batch;

    @Option(names = "--classifier-lr", defaultValue = "0.01",
            description = "Adam learning rate of the softmax classifier, trained along. Default: ${DEFAULT-VALUE}.")
    double classifierLearningRate;

    @Mixin
    SeedOption seed = new SeedOption();

    @Option(names = "--out", defaultValue = "hebbian4j-tune",
            description = "Directory for tune-results.csv and tune-results.json. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Mixin
    OutputOptions output = new OutputOptions();

    @Override
    public Integer call() throws Exception {
        RunRecord run = output.startRun();
        validate();
        long start = System.nanoTime();
        Map<String, String> searched = search.isEmpty() ? defaultSearch() : search;
        DataOptions.Loaded loaded = data.load();
        run = run.data(loaded.source());
        DataSet all = loaded.train();
        int validationCount = (int) Math.round(validationFraction * all.numExamples());
        if (validationCount < 1 || validationCount >= all.numExamples()) {
            throw new IllegalArgumentException("--validation-fraction " + validationFraction + " of "
                    + all.numExamples() + " training examples leaves no training or no validation examples");
        }
        SplitTestAndTrain split = all.copy().splitTestAndTrain(all.numExamples() - validationCount, new Random(seed.value));
        DataSet train = split.getTrain();
        DataSet validation = split.getTest();
        int nIn = (int) train.getFeatures().size(1);
        int classes = (int) train.getLabels().size(1);
        System.out.printf(Locale.ROOT, "Data: %s (%d train, %d validation; the test set is not used)%n",
                loaded.source(), train.numExamples(), validation.numExamples());

        HebbianDenseLayerSpace layerSpace = layerSpace(nIn, searched);
        InMemoryDataProvider provider = new InMemoryDataProvider(train, validation, batch, seed.value);
        EarlyStoppingConfiguration<MultiLayerNetwork> earlyStopping = new EarlyStoppingConfiguration.Builder<MultiLayerNetwork>()
                .epochTerminationConditions(new MaxEpochsTerminationCondition(epochs),
                        new ScoreImprovementEpochTerminationCondition(patience))
                .scoreCalculator(new ClassificationScoreCalculator(Evaluation.Metric.ACCURACY, provider.validationIterator()))
                .modelSaver(new InMemoryModelSaver<>())
                .build();
        MultiLayerSpace space = new MultiLayerSpace.Builder()
                .seed(seed.value).weightInit(WeightInit.XAVIER).updater(new Adam(classifierLearningRate))
                .addLayer(layerSpace)
                .addLayer(new OutputLayerSpace.Builder().nIn(hidden).nOut(classes).activation(Activation.SOFTMAX)
                        .lossFunction(LossFunctions.LossFunction.MCXENT).build())
                .earlyStoppingConfiguration(earlyStopping)
                .build();
        OptimizationConfiguration configuration = new OptimizationConfiguration.Builder()
                .candidateGenerator(new RandomSearchGenerator(space, null))
                .dataProvider(provider)
                .scoreFunction(new EvaluationScoreFunction(Evaluation.Metric.ACCURACY))
                .terminationConditions(new MaxCandidatesCondition(candidates))
                .rngSeed(seed.value)
                .build();
        System.out.println("Search: " + candidates + " candidates, random search over " + searched
                + "; up to " + epochs + " epoch(s) each, early stopping after " + patience
                + " epoch(s) without a better validation accuracy");

        List<HyperparameterSearch.Row> rows = HyperparameterSearch.run(configuration, layerSpace::describe,
                row -> System.err.println("candidate " + row.candidate() + ": " + (row.completed()
                        ? String.format(Locale.ROOT, "%.2f%%", 100 * row.score()) : "failed") + " "
                        + row.hyperparameters() + String.format(Locale.ROOT, " (%.1f s)", row.seconds())));
        double seconds = (System.nanoTime() - start) / 1e9;

        List<Map<String, Object>> table = table(rows);
        printTable(table);
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("train_examples", train.numExamples());
        results.put("validation_examples", validation.numExamples());
        results.put("search", searched);
        results.put("fixed", fixedSettings(searched));
        results.put("candidates", candidates);
        results.put("epochs", epochs);
        results.put("patience", patience);
        results.put("seconds", seconds);
        results.put("results", table);
        long completed = rows.stream().filter(HyperparameterSearch.Row::completed).count();
        if (completed > 0) {
            results.put("best", table.get(0));
        }
        AtomicFiles.write(out.resolve("tune-results.csv"), stream -> stream.write(csv(table).getBytes(StandardCharsets.UTF_8)));
        Map<String, Object> report = run.with(results);
        JsonLine.write(out.resolve("tune-results.json"), report);
        System.out.printf(Locale.ROOT, "Time: %.1f s. Results: %s%n", seconds, out.resolve("tune-results.csv"));
        output.print(report);
        if (completed == 0) {
            throw new IllegalStateException("all " + rows.size() + " candidates failed; the first: " + rows.get(0).error());
        }
        return 0;
    }

    /** The Hebbian layer's space: fixed settings from the train options, searched ones from --search. */
    private HebbianDenseLayerSpace layerSpace(int nIn, Map<String, String> searched) {
        HebbianDenseLayerSpace.Builder builder = new HebbianDenseLayerSpace.Builder().nIn(nIn).nOut(hidden)
                .rule(names("rule", hebbian.rule, searched))
                .competition(names("competition", hebbian.competitionName(), searched))
                .homeostasis(names("homeostasis", hebbian.homeostasisName(), searched))
                .normalizeWeights(hebbian.normalize);
        builder.activation(hebbian.activation(hidden));
        if (searched.containsKey("lr")) {
            @SuppressWarnings("unchecked")   // not integer: a choice of doubles or a continuous range
            ParameterSpace<Double> lr = (ParameterSpace<Double>) numbers("lr", searched.get("lr"), false);
            builder.learningRate(lr);
        } else {
            builder.updater(new Sgd(hebbian.learningRate()));
        }
        for (Map.Entry<String, String> e : hebbian.settings.entrySet()) {
            if (!searched.containsKey(e.getKey())) {
                builder.hyperparameter(e.getKey(), new FixedValue<>(number("--set " + e.getKey(), e.getValue())));
            }
        }
        for (Map.Entry<String, String> e : searched.entrySet()) {
            String key = e.getKey();
            if (!List.of("rule", "competition", "homeostasis", "lr").contains(key)) {
                builder.hyperparameter(key, numbers(key, e.getValue(), isInteger(key)));
            }
        }
        return builder.build();
    }

    /** The settings every candidate shares, for the results file. */
    private Map<String, Object> fixedSettings(Map<String, String> searched) {
        Map<String, Object> fixed = new LinkedHashMap<>();
        for (String kind : List.of("rule", "competition", "homeostasis")) {
            if (!searched.containsKey(kind)) {
                fixed.put(kind, kind.equals("rule") ? hebbian.rule : kind.equals("competition") ? hebbian.competitionName()
                        : hebbian.homeostasisName());
            }
        }
        Map<String, String> set = new LinkedHashMap<>(hebbian.settings);
        set.keySet().removeAll(searched.keySet());
        fixed.put("set", set);
        if (!searched.containsKey("lr")) {
            fixed.put("lr", hebbian.learningRate);
        }
        fixed.put("activation", hebbian.activation);
        fixed.put("normalize", hebbian.normalize);
        fixed.put("hidden", hidden);
        fixed.put("batch", batch);
        fixed.put("classifier_lr", classifierLearningRate);
        return fixed;
    }

    /** A component's name, or a choice of names from --search (each checked against the registry). */
    private static ParameterSpace<String> names(String kind, String fixed, Map<String, String> searched) {
        String spec = searched.get(kind);
        if (spec == null) {
            return new FixedValue<>(fixed);
        }
        List<String> names = Arrays.stream(spec.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        Components.Kind k = Components.Kind.valueOf(kind.toUpperCase(Locale.ROOT));
        for (String name : names) {
            Components.create(k, name, Map.of());     // fails naming the unknown name and the known ones
        }
        if (names.isEmpty()) {
            throw new IllegalArgumentException("--search " + kind + "=" + spec + ": no names");
        }
        return names.size() == 1 ? new FixedValue<>(names.get(0)) : new DiscreteParameterSpace<>(names);
    }

    /** {@code a,b,c}, {@code lo:hi} or {@code lo:hi:log}. */
    static ParameterSpace<?> numbers(String key, String spec, boolean integer) {
        String where = "--search " + key + "=" + spec;
        if (spec.contains(",")) {
            List<Double> values = new ArrayList<>();
            for (String v : spec.split(",")) {
                values.add(number(where, v));
            }
            return new DiscreteParameterSpace<>(values);
        }
        String[] parts = spec.split(":");
        if (parts.length < 2 || parts.length > 3 || parts.length == 3 && !parts[2].trim().equals("log")) {
            throw new IllegalArgumentException(where + ": expected LO:HI, LO:HI:log or a,b,c");
        }
        double lo = number(where, parts[0]);
        double hi = number(where, parts[1]);
        if (!(lo < hi)) {
            throw new IllegalArgumentException(where + ": LO must be below HI");
        }
        if (parts.length == 3) {
            if (!(lo > 0)) {
                throw new IllegalArgumentException(where + ": a log-uniform range needs LO > 0");
            }
            return new ContinuousParameterSpace(new LogUniformDistribution(lo, hi));
        }
        if (integer) {
            if (lo != Math.rint(lo) || hi != Math.rint(hi)) {
                throw new IllegalArgumentException(where + ": " + key + " is a whole number; give whole bounds");
            }
            return new IntegerParameterSpace((int) lo, (int) hi);
        }
        return new ContinuousParameterSpace(lo, hi);
    }

    private static double number(String where, String text) {
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + ": '" + text.trim() + "' is not a number");
        }
    }

    /** Whether some registered component has an int hyperparameter named by {@code key}. */
    private static boolean isInteger(String key) {
        String bare = key.contains(".") ? key.substring(key.indexOf('.') + 1) : key;
        for (Components.Kind kind : Components.Kind.values()) {
            for (Object component : Components.defaults(kind).values()) {
                if (Components.hyperparameters(component).get(bare) instanceof Integer) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Rows of the results table, best first: rank, candidate, hyperparameters, accuracy, time, status. */
    private static List<Map<String, Object>> table(List<HyperparameterSearch.Row> rows) {
        List<Map<String, Object>> table = new ArrayList<>();
        int rank = 0;
        for (HyperparameterSearch.Row row : rows) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("rank", row.completed() ? ++rank : null);
            line.put("candidate", row.candidate());
            line.put("hyperparameters", row.hyperparameters());
            line.put("validation_accuracy", row.completed() ? row.score() : null);
            line.put("seconds", row.seconds());
            line.put("status", row.status().toString());
            line.put("error", row.error());
            table.add(line);
        }
        return table;
    }

    @SuppressWarnings("unchecked")
    private static Set<String> hyperparameterKeys(List<Map<String, Object>> table) {
        Set<String> keys = new LinkedHashSet<>();
        for (Map<String, Object> line : table) {
            keys.addAll(((Map<String, Object>) line.get("hyperparameters")).keySet());
        }
        return keys;
    }

    @SuppressWarnings("unchecked")
    private static void printTable(List<Map<String, Object>> table) {
        Set<String> keys = hyperparameterKeys(table);
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-5s %-9s", "rank", "candidate"));
        for (String key : keys) {
            header.append(String.format(Locale.ROOT, " %-12s", key));
        }
        header.append(String.format(Locale.ROOT, " %-19s %8s", "validation accuracy", "seconds"));
        System.out.println(header);
        for (Map<String, Object> line : table) {
            Map<String, Object> h = (Map<String, Object>) line.get("hyperparameters");
            StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%-5s %-9s",
                    line.get("rank") == null ? "-" : line.get("rank"), line.get("candidate")));
            for (String key : keys) {
                text.append(String.format(Locale.ROOT, " %-12s", cell(h.get(key))));
            }
            Object accuracy = line.get("validation_accuracy");
            text.append(String.format(Locale.ROOT, " %-19s %8.1f", accuracy == null ? "failed"
                    : String.format(Locale.ROOT, "%.2f%%", 100 * (double) accuracy), (double) line.get("seconds")));
            if (line.get("error") != null) {
                text.append("  ").append(line.get("error"));
            }
            System.out.println(text);
        }
    }

    private static String cell(Object value) {
        if (value == null) {
            return "-";
        }
        if (value instanceof Double d) {
            return String.format(Locale.ROOT, "%.4g", d);
        }
        return String.valueOf(value);
    }

    @SuppressWarnings("unchecked")
    private static String csv(List<Map<String, Object>> table) {
        Set<String> keys = hyperparameterKeys(table);
        StringBuilder out = new StringBuilder("rank,candidate");
        keys.forEach(k -> out.append(',').append(k));
        out.append(",validation_accuracy,seconds,status,error\n");
        for (Map<String, Object> line : table) {
            Map<String, Object> h = (Map<String, Object>) line.get("hyperparameters");
            out.append(line.get("rank") == null ? "" : line.get("rank")).append(',').append(line.get("candidate"));
            for (String key : keys) {
                out.append(',').append(h.get(key) == null ? "" : h.get(key));
            }
            out.append(',').append(line.get("validation_accuracy") == null ? "" : line.get("validation_accuracy"))
                    .append(',').append(String.format(Locale.ROOT, "%.3f", (double) line.get("seconds")))
                    .append(',').append(line.get("status"))
                    .append(',').append(line.get("error") == null ? "" : '"' + line.get("error").toString().replace("\"", "\"\"") + '"')
                    .append('\n');
        }
        return out.toString();
    }

    private void validate() {
        if (candidates < 1) {
            throw new IllegalArgumentException("--candidates must be >= 1, got " + candidates);
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("--epochs must be >= 1, got " + epochs);
        }
        if (patience < 1) {
            throw new IllegalArgumentException("--patience must be >= 1, got " + patience);
        }
        if (!(validationFraction > 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("--validation-fraction must be in (0, 1), got " + validationFraction);
        }
        if (hidden < 1) {
            throw new IllegalArgumentException("--hidden must be >= 1, got " + hidden);
        }
        if (batch < 1) {
            throw new IllegalArgumentException("--batch must be >= 1, got " + batch);
        }
        if (!(classifierLearningRate > 0) || Double.isInfinite(classifierLearningRate)) {
            throw new IllegalArgumentException("--classifier-lr must be > 0, got " + classifierLearningRate);
        }
    }
}
