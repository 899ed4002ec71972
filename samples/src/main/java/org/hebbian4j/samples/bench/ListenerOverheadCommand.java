package org.hebbian4j.samples.bench;

import org.hebbian4j.samples.support.OutputOptions;
import org.hebbian4j.samples.support.RunRecord;

import org.hebbian4j.samples.support.HebbianOptions;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.hebbian4j.data.embedded.EmbeddedMnist;
import org.hebbian4j.metrics.HebbianStatisticsListener;
import org.hebbian4j.zoo.HybridMlp;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Sgd;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * What {@link HebbianStatisticsListener} costs: training steps of the hybrid MLP (a 784 -> hidden
 * Hebbian layer below a softmax classifier, the {@code train} command's network) on the embedded
 * MNIST images, timed without and with the listener in alternating blocks (A B B A ...) on the same
 * network, so that the machine's drifting load hits both alike. Prints the ratio of the times three
 * ways: wall-clock time, the process's CPU time (less sensitive to other processes on a shared
 * machine), the CPU time of the training thread (which is all of the work when ND4J and OpenBLAS
 * run single-threaded: {@code OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1}, the most robust figure on a
 * loaded machine), and the time spent inside the listener's callbacks over the step time without it.
 */
@Command(name = "listener-overhead", mixinStandardHelpOptions = true,
        description = "Measure the training-time overhead of the Hebbian statistics listener.")
public class ListenerOverheadCommand implements Callable<Integer> {

    @Mixin
    HebbianOptions hebbian = new HebbianOptions();

    @Option(names = "--hidden", defaultValue = "2000", description = "Hebbian units. Default: ${DEFAULT-VALUE}.")
    int hidden;

    @Option(names = "--batch", defaultValue = "64", description = "Minibatch size. Default: ${DEFAULT-VALUE}.")
    int batch;

    @Option(names = "--iterations", defaultValue = "20", description = "Training steps per timed block. Default: ${DEFAULT-VALUE}.")
    int iterations;

    @Option(names = "--rounds", defaultValue = "10",
            description = "Pairs of blocks (without, with listener; order alternating). Default: ${DEFAULT-VALUE}.")
    int rounds;

    @Option(names = "--snapshot-every", defaultValue = "50",
            description = "The listener's snapshotEvery (as 'train --pictures' uses it; 0 = epoch ends only). Default: ${DEFAULT-VALUE}.")
    int snapshotEvery;

    @Option(names = "--entropy-every", defaultValue = "1",
            description = "The listener's outputEntropyEvery (1 = every step, 0 = never). Default: ${DEFAULT-VALUE}.")
    int entropyEvery;

    @Mixin
    OutputOptions output = new OutputOptions();

    @Override
    public Integer call() throws Exception {
        RunRecord run = output.startRun();
        if (hidden < 1 || batch < 1 || iterations < 1 || rounds < 1 || snapshotEvery < 0) {
            throw new IllegalArgumentException("--hidden, --batch, --iterations and --rounds must be >= 1, --snapshot-every >= 0");
        }
        hebbian.checkSettings();
        DataSet images = EmbeddedMnist.all(0);
        List<DataSet> batches = new ArrayList<>();
        for (int start = 0; start + batch <= images.numExamples() && batches.size() < iterations; start += batch) {
            batches.add((DataSet) images.getRange(start, start + batch));
        }
        run = run.data("embedded MNIST test set, its first " + batches.size() * batch + " images");
        HybridMlp zoo = new HybridMlp().nIn(784).hidden(hidden).classes(10)
                .rule(hebbian.rule()).competition(hebbian.competition()).homeostasis(hebbian.homeostasis())
                .activation(hebbian.activation(hidden)).normalizeWeights(hebbian.normalize)
                .hebbianUpdater(new Sgd(hebbian.learningRate()));
        MultiLayerNetwork net = new MultiLayerNetwork(zoo.conf());
        net.init();
        HebbianStatisticsListener listener = HebbianStatisticsListener.builder().snapshotEvery(snapshotEvery)
                .outputEntropyEvery(entropyEvery).build();
        System.out.println("Network: " + zoo);
        System.out.printf(Locale.ROOT, "Blocks of %d steps at batch %d, %d rounds; listener snapshotEvery=%d, outputEntropyEvery=%d%n",
                batches.size(), batch, rounds, snapshotEvery, entropyEvery);

        TimedListener timed = new TimedListener(listener);
        time(net, batches); // warm-up: JIT, workspaces, OpenBLAS threads
        net.setListeners(timed);
        time(net, batches);
        net.setListeners(List.of());
        timed.nanos = 0;

        double[] without = new double[rounds];
        double[] with = new double[rounds];
        double cpuWithout = 0;
        double cpuWith = 0;
        double threadWithout = 0;
        double threadWith = 0;
        for (int r = 0; r < rounds; r++) {
            boolean listenerFirst = r % 2 == 1;
            for (int k = 0; k < 2; k++) {
                boolean on = (k == 0) == listenerFirst;
                net.setListeners(on ? List.of(timed) : List.of());
                double cpuStart = processCpuSeconds();
                double threadStart = threadCpuSeconds();
                double seconds = time(net, batches);
                double cpu = processCpuSeconds() - cpuStart;
                double thread = threadCpuSeconds() - threadStart;
                if (on) {
                    with[r] = seconds;
                    cpuWith += cpu;
                    threadWith += thread;
                } else {
                    without[r] = seconds;
                    cpuWithout += cpu;
                    threadWithout += thread;
                }
            }
            System.out.printf(Locale.ROOT, "round %d: without %.3f s, with %.3f s, ratio %.3f%n", r + 1, without[r], with[r],
                    with[r] / without[r]);
        }
        net.setListeners(List.of());
        double totalWithout = Arrays.stream(without).sum();
        double totalWith = Arrays.stream(with).sum();
        double[] ratios = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            ratios[r] = with[r] / without[r];
        }
        Arrays.sort(ratios);
        double median = rounds % 2 == 1 ? ratios[rounds / 2] : (ratios[rounds / 2 - 1] + ratios[rounds / 2]) / 2;
        double stepsPerBlock = batches.size();
        double callbackRatio = 1 + timed.nanos / 1e9 / totalWithout;
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("ratio", totalWith / totalWithout);
        results.put("median_round_ratio", median);
        results.put("cpu_ratio", cpuWith / cpuWithout);
        results.put("thread_cpu_ratio", threadWith / threadWithout);
        results.put("callback_ratio", callbackRatio);
        results.put("ms_per_step_in_listener", timed.nanos / 1e6 / (rounds * stepsPerBlock));
        results.put("ms_per_step_without", 1000 * totalWithout / (rounds * stepsPerBlock));
        results.put("ms_per_step_with", 1000 * totalWith / (rounds * stepsPerBlock));
        results.put("hidden", hidden);
        results.put("batch", batch);
        results.put("steps_per_block", batches.size());
        results.put("rounds", rounds);
        results.put("snapshot_every", snapshotEvery);
        results.put("entropy_every", entropyEvery);
        results.put("network", zoo.toString());
        System.out.printf(Locale.ROOT, "Time per step: %.2f ms without, %.2f ms with the listener%n",
                results.get("ms_per_step_without"), results.get("ms_per_step_with"));
        System.out.printf(Locale.ROOT, "Overhead ratio (with / without), wall clock: %.3f (median of rounds %.3f)%n",
                totalWith / totalWithout, median);
        System.out.printf(Locale.ROOT, "Overhead ratio, process CPU time: %.3f%n", cpuWith / cpuWithout);
        System.out.printf(Locale.ROOT, "Overhead ratio, CPU time of the training thread: %.3f "
                + "(all the work when run with OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1)%n", threadWith / threadWithout);
        System.out.printf(Locale.ROOT, "Overhead ratio, 1 + time inside the listener (%.2f ms/step) / step time without: %.3f%n",
                results.get("ms_per_step_in_listener"), callbackRatio);
        output.print(run.with(results));
        return 0;
    }

    private static double threadCpuSeconds() {
        return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() / 1e9;
    }

    private static double processCpuSeconds() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime() / 1e9;
        }
        return Double.NaN;
    }

    /** Delegates to a listener and adds up the time spent in its callbacks. */
    private static final class TimedListener implements TrainingListener {
        private final TrainingListener inner;
        long nanos;

        TimedListener(TrainingListener inner) {
            this.inner = inner;
        }

        private void timed(Runnable call) {
            long start = System.nanoTime();
            call.run();
            nanos += System.nanoTime() - start;
        }

        @Override
        public void iterationDone(Model model, int iteration, int epoch) {
            timed(() -> inner.iterationDone(model, iteration, epoch));
        }

        @Override
        public void onEpochStart(Model model) {
            timed(() -> inner.onEpochStart(model));
        }

        @Override
        public void onEpochEnd(Model model) {
            timed(() -> inner.onEpochEnd(model));
        }

        @Override
        public void onForwardPass(Model model, List<INDArray> activations) {
            timed(() -> inner.onForwardPass(model, activations));
        }

        @Override
        public void onForwardPass(Model model, Map<String, INDArray> activations) {
            timed(() -> inner.onForwardPass(model, activations));
        }

        @Override
        public void onGradientCalculation(Model model) {
            timed(() -> inner.onGradientCalculation(model));
        }

        @Override
        public void onBackwardPass(Model model) {
            timed(() -> inner.onBackwardPass(model));
        }
    }

    private static double time(MultiLayerNetwork net, List<DataSet> batches) {
        long start = System.nanoTime();
        for (DataSet b : batches) {
            net.fit(b);
        }
        return (System.nanoTime() - start) / 1e9;
    }
}
