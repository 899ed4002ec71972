package org.hebbian4j.samples.cli;

import org.hebbian4j.samples.support.DataOptions;
import org.hebbian4j.samples.support.HebbianOptions;
import org.hebbian4j.samples.support.OutputOptions;
import org.hebbian4j.samples.support.RunRecord;
import org.hebbian4j.samples.support.SeedOption;
import org.hebbian4j.samples.support.ProgressBar;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.hebbian4j.data.ShuffledDataSetIterator;
import org.hebbian4j.homeostasis.Homeostasis;
import org.hebbian4j.homeostasis.NoHomeostasis;
import org.hebbian4j.metrics.HebbianStatisticsListener;
import org.hebbian4j.metrics.LayerSnapshot;
import org.hebbian4j.zoo.HybridMlp;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Sgd;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Does homeostasis keep neurons alive? Trains the same Hebbian layer (same initial weights, same
 * data order) for {@code --epochs} epochs twice, without and with the chosen homeostasis, and
 * prints the fraction of neurons that never won the competition (their summed activity is zero).
 */
@Command(name = "homeostasis", mixinStandardHelpOptions = true,
        description = "Fraction of never-winning neurons without and with homeostasis, same layer and data.")
public class HomeostasisCommand implements Callable<Integer> {

    @Mixin
    DataOptions data = new DataOptions();

    @Mixin
    HebbianOptions hebbian = new HebbianOptions();

    @Option(names = "--hidden", defaultValue = "400", description = "Hebbian units. Default: ${DEFAULT-VALUE}.")
    int hidden;

    @Option(names = "--epochs", defaultValue = "1", description = "Epochs of Hebbian learning. Default: ${DEFAULT-VALUE}.")
    int epochs;

    @Option(names = "--batch", defaultValue = "64", description = "Minibatch size. Default: ${DEFAULT-VALUE}.")
    int batch;

    @Mixin
    SeedOption seed = new SeedOption();

    @Mixin
    OutputOptions output = new OutputOptions();

    @Override
    public Integer call() throws Exception {
        RunRecord run = output.startRun();
        hebbian.checkSettings();
        if (hidden < 1 || epochs < 1 || batch < 1) {
            throw new IllegalArgumentException("--hidden, --epochs and --batch must be >= 1");
        }
        Homeostasis chosen = hebbian.homeostasis();
        if (!chosen.enabled()) {
            throw new IllegalArgumentException("--homeostasis none: choose a homeostasis to compare with (threshold, growth)");
        }
        DataOptions.Loaded loaded = data.load();
        DataSet train = loaded.train();
        System.out.printf(Locale.ROOT, "Data: %s (%d train)%n", loaded.source(), train.numExamples());
        run = run.data(loaded.source());
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("train_examples", train.numExamples());
        results.put("hidden", hidden);
        results.put("epochs", epochs);
        results.put("rule", hebbian.rule().name());
        results.put("competition", hebbian.competition().name());
        results.put("homeostasis", chosen.toString());
        double without = neverWinning("without", new NoHomeostasis(), train);
        double with = neverWinning("with " + chosen.name(), chosen, train);
        results.put("never_winning_without", without);
        results.put("never_winning_with", with);
        System.out.printf(Locale.ROOT, "Neurons that never won in %d epoch(s), %d units (%s + %s):%n", epochs, hidden,
                hebbian.rule().name(), hebbian.competition().name());
        System.out.printf(Locale.ROOT, "  without homeostasis: %.1f%%%n", 100 * without);
        System.out.printf(Locale.ROOT, "  with %s:      %.1f%%%n", chosen, 100 * with);
        output.print(run.with(results));
        return 0;
    }

    /** Trains one network and returns the fraction of its Hebbian neurons whose wins sum to zero. */
    private double neverWinning(String label, Homeostasis homeostasis, DataSet train) {
        HybridMlp zoo = new HybridMlp().nIn((int) train.getFeatures().size(1)).hidden(hidden)
                .classes((int) train.getLabels().size(1)).seed(seed.value)
                .rule(hebbian.rule()).competition(hebbian.competition()).homeostasis(homeostasis)
                .activation(hebbian.activation(hidden)).normalizeWeights(hebbian.normalize)
                .hebbianUpdater(new Sgd(hebbian.learningRate()));
        MultiLayerNetwork net = new MultiLayerNetwork(zoo.conf());
        net.init();
        HebbianStatisticsListener statistics = new HebbianStatisticsListener();
        long iterations = (long) epochs * ((train.numExamples() + batch - 1) / batch);
        net.setListeners(List.of(new ProgressBar(label, iterations, batch), statistics));
        net.fit(new ShuffledDataSetIterator(train, batch, seed.value), epochs);
        LayerSnapshot snapshot = statistics.snapshot(HybridMlp.HEBBIAN_LAYER);
        long never = java.util.Arrays.stream(snapshot.wins()).filter(w -> w == 0).count();
        return never / (double) snapshot.wins().length;
    }
}
