package org.hebbian4j.samples.bench;

import org.hebbian4j.samples.support.OutputOptions;
import org.hebbian4j.samples.support.RunRecord;

import org.hebbian4j.backend.NativeBackend;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.hebbian4j.competition.Competition;
import org.hebbian4j.competition.HardWta;
import org.hebbian4j.competition.NoCompetition;
import org.hebbian4j.competition.SoftWta;
import org.hebbian4j.rules.InstarRule;
import org.hebbian4j.rules.KrotovRule;
import org.hebbian4j.rules.LearningRule;
import org.hebbian4j.rules.SoftHebbRule;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Speed of Hebbian training next to the machine's GEMM rate and to backprop, measured in one run:
 * <ul>
 *   <li>the workloads of {@code torch_hebbian_reference.py} (dense SoftHebb, Krotov-Hopfield and WTA
 *       layers 784 -> 2000, a 3 -> 96 5x5 convolution with soft-WTA), each as images per second of
 *       the layer's training step and of {@code net.fit}, beside the step's two GEMMs done alone by
 *       {@link Nd4j#gemm} (the bound), with peak memory; {@code bench/compare.sh} runs the PyTorch
 *       script alternately with these and prints ours/PyTorch;</li>
 *   <li>{@code lagani-epoch}: one training epoch of {@link org.hebbian4j.zoo.LaganiNet} with five Hebbian
 *       layers (HHHHHG) beside five backprop layers (BBBBBG), and its four convolution layers'
 *       training steps alone, Hebbian beside backprop.</li>
 * </ul>
 * Each workload runs one warm-up pass of each kind, then {@code --reps} rounds of its passes,
 * interleaved so that all see the same machine load; each figure is the median over rounds.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Images/s of Hebbian layers' training steps beside ND4J's raw GEMM rate, and of a LaganiNet "
                + "epoch with Hebbian beside backprop layers.")
public class BenchCommand implements Callable<Integer> {

    /** The layer step may cost at most this many times its two GEMMs (the foundation's target). */
    static final double TARGET_RATIO = 1.5;
    /** A Hebbian LaganiNet epoch may cost at most this fraction of the backprop epoch (issue 13). */
    static final double LAGANI_TARGET_RATIO = 0.5;

    enum Kind { DENSE, CONVOLUTION, LAGANI }

    /** A workload: the reference script's rule and competition for a dense or convolutional layer, or LaganiNet. */
    record Workload(String name, Kind kind, LearningRule rule, Competition competition) {
    }

    /**
     * The reference script's workloads with our rule and competition for its formula: SoftHebb with
     * softmax (T = 1); Krotov-Hopfield with p = 2, k = 2, delta = 0.4 (it ranks u itself: the layer's
     * competition is unused, hence none); the Instar rule with WTA ({@code dW = r^T x - diag(sum_b r) W});
     * the convolution: the Instar rule with softmax (T = 1) over channels at each position
     * ({@code dW = r^T P - diag(sum r) W}).
     */
    static final List<Workload> WORKLOADS = List.of(
            new Workload("dense-softhebb", Kind.DENSE, new SoftHebbRule(), new SoftWta(1.0)),
            new Workload("dense-krotov", Kind.DENSE, new KrotovRule(2, 2, 0.4), new NoCompetition()),
            new Workload("dense-wta", Kind.DENSE, new InstarRule(), new HardWta()),
            new Workload("conv-softwta", Kind.CONVOLUTION, new InstarRule(), new SoftWta(1.0)),
            new Workload("lagani-epoch", Kind.LAGANI, null, null));

    @Option(names = "--workload", defaultValue = "all",
            description = "all, dense-softhebb, dense-krotov, dense-wta, conv-softwta, lagani-epoch. Default: ${DEFAULT-VALUE}.")
    String workload;

    @Option(names = "--batch", defaultValue = "64", description = "Minibatch size. Default: ${DEFAULT-VALUE}.")
    int batch;

    @Option(names = "--n-in", defaultValue = "784", description = "Inputs of the dense layer. Default: ${DEFAULT-VALUE}.")
    int nIn;

    @Option(names = "--n-out", defaultValue = "2000", description = "Neurons of the dense layer. Default: ${DEFAULT-VALUE}.")
    int nOut;

    @Option(names = "--samples", defaultValue = "10000",
            description = "Images per timed pass of the dense workloads, rounded down to whole batches; the "
                    + "convolution takes a tenth (as the reference script). Default: ${DEFAULT-VALUE}.")
    int samples;

    @Option(names = "--channels", defaultValue = "3", description = "Input channels of the convolution. Default: ${DEFAULT-VALUE}.")
    int channels;

    @Option(names = "--size", defaultValue = "32", description = "Image height and width of the convolution. Default: ${DEFAULT-VALUE}.")
    int size;

    @Option(names = "--kernel", defaultValue = "5", description = "Kernel size of the convolution. Default: ${DEFAULT-VALUE}.")
    int kernel;

    @Option(names = "--filters", defaultValue = "96", description = "Output channels of the convolution. Default: ${DEFAULT-VALUE}.")
    int filters;

    @Option(names = "--step", defaultValue = "direct",
            description = "How the step W += 0.02 dW is taken: direct (the layer applies it, directStep(0.02)) or "
                    + "updater (DL4J's Sgd(0.02) applies it). Default: ${DEFAULT-VALUE}.")
    String step;

    @Option(names = "--lagani-images", defaultValue = "1280",
            description = "Images of the LaganiNet epochs (MNIST has 60000; rounded down to whole batches). "
                    + "Default: ${DEFAULT-VALUE}.")
    int laganiImages;

    @Option(names = "--lagani-reps", defaultValue = "1",
            description = "Timed LaganiNet epochs per pattern (alternating, after a one-batch warm-up). Default: ${DEFAULT-VALUE}.")
    int laganiReps;

    @Option(names = "--lagani-layer-steps", defaultValue = "5",
            description = "Training steps per timed pass of the LaganiNet convolution layers alone. Default: ${DEFAULT-VALUE}.")
    int laganiLayerSteps;

    @Option(names = "--reps", defaultValue = "5",
            description = "Timed passes (after one warm-up); figures are medians. Default: ${DEFAULT-VALUE}.")
    int reps;

    @Option(names = "--threads", defaultValue = "0",
            description = "Informational: the thread count to record (0 = ND4J's). ND4J takes its threads from "
                    + "OMP_NUM_THREADS; this option does not change them.")
    int threads;

    @Option(names = "--seed", defaultValue = "0", description = "Random seed of data and weights. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Mixin
    OutputOptions output = new OutputOptions();

    @Override
    public Integer call() {
        RunRecord run = output.startRun().data("random inputs uniform in [0, 1) (--seed)");
        List<Workload> todo = selectWorkloads();
        LayerStepBench.Step stepMode = parseStep();
        validate();
        int ompThreads = Nd4j.getEnvironment().maxMasterThreads();
        int blasThreads = Nd4j.factory().blas().getMaxThreads();

        Map<String, Object> results = new LinkedHashMap<>();
        results.put("n_in", nIn);
        results.put("n_out", nOut);
        results.put("batch", batch);
        results.put("samples", samples);
        results.put("reps", reps);
        results.put("step", stepMode.name().toLowerCase(Locale.ROOT));
        results.put("threads", threads > 0 ? threads : ompThreads);
        results.put("nd4j_threads", ompThreads);
        results.put("blas_threads", blasThreads);
        results.put("blas_vendor", String.valueOf(Nd4j.factory().blas().getBlasVendor()));
        results.put("openblas_coretype", String.valueOf(System.getenv("OPENBLAS_CORETYPE")));
        results.put("cpu", cpuModel());
        results.put("cores", Runtime.getRuntime().availableProcessors());
        results.put("omp_wait_policy", String.valueOf(System.getenv("OMP_WAIT_POLICY")));
        results.put("load_average_start", loadAverage());
        results.put("data_type", "float32");
        results.put("target_ratio", TARGET_RATIO);

        System.out.printf(Locale.ROOT, "Hebbian training speed, float32, batch %d, median of %d passes after 1 warm-up; "
                + "step W += %.2f dW taken %s%n", batch, reps, LayerStepBench.LEARNING_RATE,
                stepMode == LayerStepBench.Step.DIRECT ? "by the layer (directStep)" : "by DL4J's Sgd updater");
        System.out.printf(Locale.ROOT, "CPU: %s, %d cores; threads: ND4J %d, %s %d%s; OMP_WAIT_POLICY=%s; "
                        + "OPENBLAS_CORETYPE=%s; load average %s%n",
                results.get("cpu"), results.get("cores"), ompThreads, results.get("blas_vendor"), blasThreads,
                threads > 0 && threads != ompThreads ? " (--threads " + threads + " is informational: set OMP_NUM_THREADS)" : "",
                results.get("omp_wait_policy"), results.get("openblas_coretype"), results.get("load_average_start"));
        System.out.println("Backend: " + NativeBackend.describe());
        printEnvironmentNotes();
        System.out.println();
        System.out.printf(Locale.ROOT, "%-15s %-46s %10s %9s %8s %8s %7s %8s%n", "workload", "what is timed", "images/s",
                "ms/batch", "GFLOP/s", "x GEMMs", "(best)", "of bound");

        Map<String, Object> perWorkload = new LinkedHashMap<>();
        for (Workload w : todo) {
            // Each workload's memory figures start from a clean slate: no workspaces from the previous one.
            Nd4j.getWorkspaceManager().destroyAllWorkspacesForCurrentThread();
            System.gc();
            Map<String, Object> r = w.kind() == Kind.LAGANI ? runLagani() : runLayer(w, stepMode);
            perWorkload.put(w.name(), r);
        }
        results.put("workloads", perWorkload);
        results.put("load_average_end", loadAverage());
        System.out.println();
        printLegend();
        System.out.printf(Locale.ROOT, "load average at start %s, at end %s%n", results.get("load_average_start"),
                results.get("load_average_end"));
        output.print(run.with(results));
        return 0;
    }

    private Map<String, Object> runLayer(Workload w, LayerStepBench.Step stepMode) {
        BenchMemory memory = new BenchMemory();
        memory.reset();
        long residentBefore = BenchMemory.residentBytes();
        boolean dense = w.kind() == Kind.DENSE;
        int images = dense ? samples : Math.max(batch, samples / 10);
        int batchCount = Math.max(1, images / batch);
        LayerStepBench bench = dense
                ? LayerStepBench.dense(w.rule(), w.competition(), nIn, nOut, batch, batchCount, seed, stepMode, memory)
                : LayerStepBench.convolution(w.rule(), w.competition(), channels, size, kernel, filters, batch, batchCount,
                seed, stepMode, memory);
        // The floor applies to a soft competition (a dense activity, one exp per entry); a winner-take-all
        // step does less work than two GEMMs (its update touches only the winners' rows).
        boolean floored = w.competition() instanceof SoftWta;
        LayerPassTimes times = LayerPassTimes.measure(bench, floored, reps, batchCount, batch);
        TrainingMemory training = TrainingMemory.of(bench.network(), dense ? (long) nIn * nOut
                : (long) filters * channels * kernel * kernel, activationsPerBatch(dense));
        Map<String, Object> r = layerFigures(w, dense, bench, times, floored, memory);
        r.put("resident_growth_bytes", memory.peakPhysicalBytes() - residentBefore);
        r.putAll(training.toMap());
        r.putAll(times.passSeconds());
        printLayer(w, times, floored);
        System.out.printf(Locale.ROOT, "%-15s memory: peak heap %s, peak resident %s (+%s in this workload)%s%n", "",
                megabytes(memory.peakHeapBytes()), megabytes(memory.peakPhysicalBytes()),
                megabytes(memory.peakPhysicalBytes() - residentBefore),
                bench.weightsFinite() ? "" : "; WARNING: weights not finite");
        System.out.printf(Locale.ROOT, "%-15s training memory (fit): %s%n", "", training.describe(dense));
        return r;
    }

    /** The JSON figures of a layer workload up to its peak memory: what it is, its speed, its floor. */
    private Map<String, Object> layerFigures(Workload w, boolean dense, LayerStepBench bench, LayerPassTimes times,
                                             boolean floored, BenchMemory memory) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("rule", w.rule().name());
        r.put("competition", w.competition().name());
        r.put("layer", dense ? nIn + " -> " + nOut : channels + "x" + size + "x" + size + " k" + kernel + " -> " + filters);
        r.put("images_per_pass", times.imagesPerPass());
        r.put("batches_per_pass", times.batchCount());
        r.put("gemm_shapes", bench.gemm().shapes());
        r.putAll(times.speedFigures());
        r.put("pass", times.layerRatio() <= TARGET_RATIO);
        if (floored) {
            r.putAll(times.floorFigures());
        }
        r.put("weights_finite", bench.weightsFinite());
        r.put("peak_heap_bytes", memory.peakHeapBytes());
        r.put("peak_physical_bytes", memory.peakPhysicalBytes());
        return r;
    }

    /** The workload's rows of the table: GEMM bound, floor, layer step, fit step. */
    private static void printLayer(Workload w, LayerPassTimes times, boolean floored) {
        long imagesPerPass = times.imagesPerPass();
        int batchCount = times.batchCount();
        double gemmSeconds = times.gemmSeconds();
        double layerSeconds = times.layerSeconds();
        double fitSeconds = times.fitSeconds();
        String what = w.rule().name() + " + " + w.competition().name();
        System.out.printf(Locale.ROOT, "%-15s %-46s %10.0f %9.3f %8.1f %8.2f %7s %8s%n", w.name(),
                "GEMM bound: two GEMMs (Nd4j.gemm)", imagesPerPass / gemmSeconds, 1e3 * gemmSeconds / batchCount,
                times.flops() / gemmSeconds / 1e9, 1.0, "", "");
        if (floored) {
            double floorSeconds = times.floorSeconds();
            System.out.printf(Locale.ROOT, "%-15s %-46s %10.0f %9.3f %8s %8.2f %7s %8s%n", "",
                    "floor: least work with ND4J ops (StepFloor)", imagesPerPass / floorSeconds,
                    1e3 * floorSeconds / batchCount, "-", floorSeconds / gemmSeconds, "", "");
        }
        System.out.printf(Locale.ROOT, "%-15s %-46s %10.0f %9.3f %8s %8.2f %7s %8.2f%n", "",
                "layer step (" + what + ")", imagesPerPass / layerSeconds, 1e3 * layerSeconds / batchCount, "-",
                times.layerRatio(), String.format(Locale.ROOT, "(%.2f)", times.layerRatioBest()), 1.0 / times.layerRatio());
        System.out.printf(Locale.ROOT, "%-15s %-46s %10.0f %9.3f %8s %8.2f %7s %8.2f%n", "",
                "network fit step (net.fit)", imagesPerPass / fitSeconds, 1e3 * fitSeconds / batchCount, "-",
                times.fitRatio(), String.format(Locale.ROOT, "(%.2f)", times.fitRatioBest()), 1.0 / times.fitRatio());
    }

    /** The layer's input and output for one batch, in bytes (float32). */
    private long activationsPerBatch(boolean dense) {
        if (dense) {
            return 4L * batch * (nIn + nOut);
        }
        long out = size - kernel + 1;
        return 4L * batch * ((long) channels * size * size + (long) filters * out * out);
    }

    private Map<String, Object> runLagani() {
        BenchMemory memory = new BenchMemory();
        memory.reset();
        LaganiBench bench = new LaganiBench(laganiImages, batch, seed, memory);
        Map<String, long[]> epochs = new LinkedHashMap<>();
        Map<String, long[]> epochsCpu = new LinkedHashMap<>();
        Map<String, long[]> layers = new LinkedHashMap<>();
        Map<String, long[]> layersCpu = new LinkedHashMap<>();
        for (String pattern : LaganiBench.PATTERNS) {
            bench.warmUp(pattern);
            bench.convLayerPass(pattern, 1);
            epochs.put(pattern, new long[laganiReps]);
            epochsCpu.put(pattern, new long[laganiReps]);
            layers.put(pattern, new long[reps]);
            layersCpu.put(pattern, new long[reps]);
        }
        for (int rep = 0; rep < Math.max(reps, laganiReps); rep++) {
            for (String pattern : LaganiBench.PATTERNS) {
                if (rep < reps) {
                    long[] t = bench.convLayerPass(pattern, laganiLayerSteps);
                    layers.get(pattern)[rep] = t[0];
                    layersCpu.get(pattern)[rep] = t[1];
                }
                if (rep < laganiReps) {
                    long[] t = bench.epoch(pattern);
                    epochs.get(pattern)[rep] = t[0];
                    epochsCpu.get(pattern)[rep] = t[1];
                }
            }
        }
        String hebbian = LaganiBench.PATTERNS.get(0);
        String backprop = LaganiBench.PATTERNS.get(1);
        double hebbianEpoch = median(epochs.get(hebbian)) / 1e9;
        double backpropEpoch = median(epochs.get(backprop)) / 1e9;
        double ratio = hebbianEpoch / backpropEpoch;
        double cpuRatio = (double) median(epochsCpu.get(hebbian)) / median(epochsCpu.get(backprop));
        long layerImages = (long) laganiLayerSteps * batch;
        double hebbianLayers = median(layers.get(hebbian)) / 1e9;
        double backpropLayers = median(layers.get(backprop)) / 1e9;
        boolean pass = ratio <= LAGANI_TARGET_RATIO;

        Map<String, Object> r = new LinkedHashMap<>();
        r.put("images_per_epoch", bench.images());
        r.put("fraction_of_mnist_epoch", bench.images() / 60000.0);
        r.put("epochs_per_pattern", laganiReps);
        for (String pattern : LaganiBench.PATTERNS) {
            double seconds = median(epochs.get(pattern)) / 1e9;
            r.put(pattern + "_epoch_seconds", seconds);
            r.put(pattern + "_images_per_second", bench.images() / seconds);
            r.put(pattern + "_mnist_epoch_seconds_estimate", seconds * 60000.0 / bench.images());
            r.put(pattern + "_conv_layers_images_per_second", layerImages / (median(layers.get(pattern)) / 1e9));
            r.put(pattern + "_epoch_cpu_seconds", median(epochsCpu.get(pattern)) / 1e9);
            r.put(pattern + "_conv_layers_cpu_images_per_second", layerImages / (median(layersCpu.get(pattern)) / 1e9));
            r.put(pattern + "_parameters_finite", bench.parametersFinite(pattern));
        }
        r.put("epoch_ratio", ratio);
        r.put("epoch_cpu_ratio", cpuRatio);
        r.put("target_ratio", LAGANI_TARGET_RATIO);
        r.put("pass", pass);
        r.put("conv_layers_ratio", hebbianLayers / backpropLayers);
        r.put("peak_heap_bytes", memory.peakHeapBytes());
        r.put("peak_physical_bytes", memory.peakPhysicalBytes());

        System.out.printf(Locale.ROOT, "%-15s %-46s %10.0f %9.3f%n", "lagani-epoch",
                "epoch " + hebbian + " (" + bench.images() + " images)", bench.images() / hebbianEpoch,
                1e3 * hebbianEpoch / bench.batchCount());
        System.out.printf(Locale.ROOT, "%-15s %-46s %10.0f %9.3f%n", "", "epoch " + backprop + " (" + bench.images() + " images)",
                bench.images() / backpropEpoch, 1e3 * backpropEpoch / bench.batchCount());
        System.out.printf(Locale.ROOT, "%-15s Hebbian epoch / backprop epoch = %.2f (CPU time: %.2f)  %s (target <= %.1f); "
                        + "full MNIST epoch (60000) estimated %.0f s vs %.0f s%n", "", ratio, cpuRatio, pass ? "PASS" : "FAIL",
                LAGANI_TARGET_RATIO, hebbianEpoch * 60000.0 / bench.images(), backpropEpoch * 60000.0 / bench.images());
        System.out.printf(Locale.ROOT, "%-15s %-46s %10.0f %9.3f%n", "", "conv layers 1-4, Hebbian training steps",
                layerImages / hebbianLayers, 1e3 * hebbianLayers / laganiLayerSteps);
        System.out.printf(Locale.ROOT, "%-15s %-46s %10.0f %9.3f%n", "", "conv layers 1-4, backprop training steps",
                layerImages / backpropLayers, 1e3 * backpropLayers / laganiLayerSteps);
        System.out.printf(Locale.ROOT, "%-15s Hebbian / backprop time of the conv layers = %.2f%n", "",
                hebbianLayers / backpropLayers);
        System.out.printf(Locale.ROOT, "%-15s memory: peak heap %s, peak resident %s%n", "",
                megabytes(memory.peakHeapBytes()), megabytes(memory.peakPhysicalBytes()));
        return r;
    }

    private void printEnvironmentNotes() {
        if (!"PASSIVE".equalsIgnoreCase(System.getenv("OMP_WAIT_POLICY"))) {
            System.out.println("Note: OMP_WAIT_POLICY is not PASSIVE; ND4J's busy-waiting threads may slow everything down.");
        }
        if (System.getenv("OPENBLAS_CORETYPE") == null && cpuFlags().contains("avx512f")) {
            System.out.println("Note: OPENBLAS_CORETYPE is not set. The OpenBLAS bundled with ND4J M2.1 (0.3.19) does not "
                    + "recognize some recent CPUs and falls back to its slowest (Prescott) kernels; on such a CPU with "
                    + "AVX-512, OPENBLAS_CORETYPE=SkylakeX makes GEMMs several times faster. The hebbian4j launcher "
                    + "sets it (see docs/benchmarks.md).");
        }
    }

    private void printLegend() {
        System.out.println("GEMM bound: the step's two products alone, u = x W and dW = u^T x (convolution: x = the "
                + "patches of a batch, one row per sample and position), Nd4j.gemm into preallocated arrays.");
        System.out.println("layer step: the Hebbian layer alone as fit runs it: activate(x, training) + backpropGradient "
                + "(competition, rule) + updater + params -= update, in one ND4J workspace.");
        System.out.println("floor (soft competitions): the least a step can do with ND4J's primitives inside fit, timed "
                + "alone: the unfolding (strided copies, convolution), the two GEMMs, the exp of every u, one pass over W for "
                + "the decay and params -= update; an estimate, not a proven bound (see StepFloor).");
        System.out.println("network fit step: net.fit(batch) of [Hebbian layer, output layer with 1 unit (MSE)].");
        System.out.println("x GEMMs: median pass time over the median GEMM-bound pass time; (best): fastest pass over "
                + "fastest GEMM pass; of bound: GEMM-bound time / step time.");
        System.out.println("training memory (fit): the network's parameters, gradients and updater state plus DL4J's "
                + "workspaces after fit, against 3 x the layer's weights + one batch of its input and output.");
    }

    private List<Workload> selectWorkloads() {
        if (workload.equalsIgnoreCase("all")) {
            return WORKLOADS;
        }
        for (Workload w : WORKLOADS) {
            if (w.name().equalsIgnoreCase(workload)) {
                return List.of(w);
            }
        }
        throw new IllegalArgumentException("unknown --workload '" + workload + "' (all, "
                + String.join(", ", WORKLOADS.stream().map(Workload::name).toList()) + ")");
    }

    private LayerStepBench.Step parseStep() {
        return switch (step.toLowerCase(Locale.ROOT)) {
            case "direct" -> LayerStepBench.Step.DIRECT;
            case "updater" -> LayerStepBench.Step.UPDATER;
            default -> throw new IllegalArgumentException("--step must be direct or updater, got '" + step + "'");
        };
    }

    private void validate() {
        if (batch < 1) {
            throw new IllegalArgumentException("--batch must be >= 1, got " + batch);
        }
        if (nIn < 1 || nOut < 1) {
            throw new IllegalArgumentException("--n-in and --n-out must be >= 1, got " + nIn + " and " + nOut);
        }
        if (samples < batch) {
            throw new IllegalArgumentException("--samples must be >= --batch (" + batch + "), got " + samples);
        }
        if (channels < 1 || filters < 1 || kernel < 1 || size < kernel) {
            throw new IllegalArgumentException("--channels, --filters and --kernel must be >= 1 and --size >= --kernel, got "
                    + channels + ", " + filters + ", " + kernel + " and " + size);
        }
        if (reps < 1 || laganiReps < 1 || laganiLayerSteps < 1) {
            throw new IllegalArgumentException("--reps, --lagani-reps and --lagani-layer-steps must be >= 1, got "
                    + reps + ", " + laganiReps + " and " + laganiLayerSteps);
        }
        if (laganiImages < batch) {
            throw new IllegalArgumentException("--lagani-images must be >= --batch (" + batch + "), got " + laganiImages);
        }
        if (threads < 0) {
            throw new IllegalArgumentException("--threads must be >= 0, got " + threads);
        }
    }

    /** The median as in the reference script: the element at index n/2 of the sorted values. */
    static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }

    /** The 1-minute load average from /proc/loadavg, or "unknown". */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** The CPU model from /proc/cpuinfo, or os.arch where there is none. */
    static String cpuModel() {
        String model = cpuInfoField("model name");
        return model == null ? System.getProperty("os.arch") : model;
    }

    private static String cpuFlags() {
        String flags = cpuInfoField("flags");
        return flags == null ? "" : flags;
    }

    private static String cpuInfoField(String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith(name)) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux: fall through.
        }
        return null;
    }

    /**
     * What training a network holds beyond the JVM and ND4J's runtime: its parameters, gradients and
     * updater state, and DL4J's workspaces (activations and working memory) after fit.
     */
    record TrainingMemory(long parameterBytes, long gradientBytes, long updaterStateBytes, long workspaceBytes,
                          long weightBytes, long activationBytes) {

        static TrainingMemory of(MultiLayerNetwork net, long weights, long activationBytes) {
            long updater = net.getUpdater() == null || net.getUpdater().getStateViewArray() == null ? 0
                    : net.getUpdater().getStateViewArray().length() * 4;
            long gradients = net.getGradientsViewArray() == null ? 0 : net.getGradientsViewArray().length() * 4;
            long workspaces = 0;
            for (MemoryWorkspace ws : Nd4j.getWorkspaceManager().getAllWorkspacesForCurrentThread()) {
                if (!ws.getId().startsWith("HEBBIAN4J_BENCH")) {
                    workspaces += ws.getCurrentSize();
                }
            }
            return new TrainingMemory(net.params().length() * 4, gradients, updater, workspaces, weights * 4, activationBytes);
        }

        long total() {
            return parameterBytes + gradientBytes + updaterStateBytes + workspaceBytes;
        }

        /** 3 x the weights plus one batch of activations. */
        long target() {
            return 3 * weightBytes + activationBytes;
        }

        /** The breakdown, and with {@code withTarget} the comparison with {@link #target()}. */
        String describe(boolean withTarget) {
            String breakdown = String.format(Locale.ROOT, "%s = parameters %s + gradients %s + updater state %s + DL4J "
                            + "workspaces %s", megabytes(total()), megabytes(parameterBytes), megabytes(gradientBytes),
                    megabytes(updaterStateBytes), megabytes(workspaceBytes));
            if (!withTarget) {
                return breakdown + "; one batch of activations " + megabytes(activationBytes);
            }
            return breakdown + String.format(Locale.ROOT, "; target 3 x weights (%s) + one batch of activations (%s) = %s: "
                            + "%s (%.2f x weights)", megabytes(weightBytes), megabytes(activationBytes), megabytes(target()),
                    total() <= target() ? "PASS" : "FAIL", (double) total() / weightBytes);
        }

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("training_memory_bytes", total());
            m.put("parameter_bytes", parameterBytes);
            m.put("gradient_bytes", gradientBytes);
            m.put("updater_state_bytes", updaterStateBytes);
            m.put("workspace_bytes", workspaceBytes);
            m.put("weight_bytes", weightBytes);
            m.put("activation_bytes", activationBytes);
            m.put("memory_target_bytes", target());
            m.put("memory_pass", total() <= target());
            return m;
        }
    }
}
