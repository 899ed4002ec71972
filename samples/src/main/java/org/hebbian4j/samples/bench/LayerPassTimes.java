package org.hebbian4j.samples.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The timed passes of one layer workload of {@code bench}, one entry per round, in nanoseconds, and the
 * figures derived from them (medians over rounds, and the fastest pass). A GEMM pass is {total, forward
 * GEMM, update GEMM, CPU}; a floor pass {total, one time per {@link StepFloor#PARTS part}, CPU}; layer and fit
 * passes have their wall-clock and CPU times apart.
 */
record LayerPassTimes(List<long[]> gemm, List<long[]> floors, long[] layer, long[] layerCpu, long[] fit, long[] fitCpu,
                      int batchCount, long imagesPerPass, double flopsPerBatch) {

    /**
     * One warm-up pass of each kind, then {@code reps} rounds of them, interleaved so that all see the same
     * machine load; the floor only if {@code floored}.
     */
    static LayerPassTimes measure(LayerStepBench bench, boolean floored, int reps, int batchCount, int batch) {
        bench.gemmPass();
        if (floored) {
            bench.floor().pass();
        }
        bench.layerPass();
        bench.fitPass();
        List<long[]> floors = new ArrayList<>();
        List<long[]> gemm = new ArrayList<>();
        long[] layer = new long[reps];
        long[] fit = new long[reps];
        long[] layerCpu = new long[reps];
        long[] fitCpu = new long[reps];
        for (int rep = 0; rep < reps; rep++) {
            gemm.add(bench.gemmPass());
            if (floored) {
                floors.add(bench.floor().pass());
            }
            long[] l = bench.layerPass();
            long[] f = bench.fitPass();
            layer[rep] = l[0];
            layerCpu[rep] = l[1];
            fit[rep] = f[0];
            fitCpu[rep] = f[1];
        }
        return new LayerPassTimes(gemm, floors, layer, layerCpu, fit, fitCpu, batchCount, (long) batchCount * batch,
                bench.gemm().flopsPerBatch());
    }

    long[] gemmTotal() {
        return column(gemm, 0);
    }

    double gemmSeconds() {
        return BenchCommand.median(gemmTotal()) / 1e9;
    }

    double gemmCpuSeconds() {
        return BenchCommand.median(column(gemm, 3)) / 1e9;
    }

    double gemmBest() {
        return Arrays.stream(gemmTotal()).min().orElseThrow() / 1e9;
    }

    double layerSeconds() {
        return BenchCommand.median(layer) / 1e9;
    }

    double fitSeconds() {
        return BenchCommand.median(fit) / 1e9;
    }

    double layerRatio() {
        return layerSeconds() / gemmSeconds();
    }

    double fitRatio() {
        return fitSeconds() / gemmSeconds();
    }

    double layerRatioBest() {
        return Arrays.stream(layer).min().orElseThrow() / 1e9 / gemmBest();
    }

    double fitRatioBest() {
        return Arrays.stream(fit).min().orElseThrow() / 1e9 / gemmBest();
    }

    double flops() {
        return flopsPerBatch * batchCount;
    }

    double floorSeconds() {
        return BenchCommand.median(column(floors, 0)) / 1e9;
    }

    /** Speed of the GEMM bound, the layer step and the network's fit step, as bench's JSON gives them. */
    Map<String, Object> speedFigures() {
        double gemmSeconds = gemmSeconds();
        double gemmCpuSeconds = gemmCpuSeconds();
        double layerSeconds = layerSeconds();
        double fitSeconds = fitSeconds();
        double layerCpuSeconds = BenchCommand.median(layerCpu) / 1e9;
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("gemm_images_per_second", imagesPerPass / gemmSeconds);
        r.put("gemm_ms_per_batch", 1e3 * gemmSeconds / batchCount);
        r.put("gemm_gflops", flops() / gemmSeconds / 1e9);
        r.put("forward_gemm_ms_per_batch", BenchCommand.median(column(gemm, 1)) / 1e6 / batchCount);
        r.put("update_gemm_ms_per_batch", BenchCommand.median(column(gemm, 2)) / 1e6 / batchCount);
        r.put("layer_step_images_per_second", imagesPerPass / layerSeconds);
        r.put("layer_step_ms_per_batch", 1e3 * layerSeconds / batchCount);
        r.put("layer_step_ratio", layerRatio());
        r.put("layer_step_ratio_best", layerRatioBest());
        r.put("fraction_of_gemm_bound", 1.0 / layerRatio());
        // Per CPU second of the whole process: not inflated by waiting for a core on a loaded machine.
        r.put("gemm_cpu_images_per_second", imagesPerPass / gemmCpuSeconds);
        r.put("layer_step_cpu_images_per_second", imagesPerPass / layerCpuSeconds);
        r.put("fit_cpu_images_per_second", imagesPerPass / (BenchCommand.median(fitCpu) / 1e9));
        r.put("fraction_of_gemm_bound_cpu", gemmCpuSeconds / layerCpuSeconds);
        // Fastest pass: the least disturbed by other work on a shared machine.
        r.put("gemm_best_images_per_second", imagesPerPass / gemmBest());
        r.put("layer_step_best_images_per_second", imagesPerPass / (Arrays.stream(layer).min().orElseThrow() / 1e9));
        r.put("layer_step_best_cpu_images_per_second", imagesPerPass / (Arrays.stream(layerCpu).min().orElseThrow() / 1e9));
        r.put("fit_best_images_per_second", imagesPerPass / (Arrays.stream(fit).min().orElseThrow() / 1e9));
        r.put("fit_images_per_second", imagesPerPass / fitSeconds);
        r.put("fit_ms_per_batch", 1e3 * fitSeconds / batchCount);
        r.put("fit_ratio", fitRatio());
        r.put("fit_ratio_best", fitRatioBest());
        return r;
    }

    /** The floor of a soft competition's step: total, fastest, per CPU second, per part, against the layer step. */
    Map<String, Object> floorFigures() {
        long[] floorTotal = column(floors, 0);
        double floorSeconds = floorSeconds();
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("floor_images_per_second", imagesPerPass / floorSeconds);
        r.put("floor_ms_per_batch", 1e3 * floorSeconds / batchCount);
        r.put("floor_best_images_per_second", imagesPerPass / (Arrays.stream(floorTotal).min().orElseThrow() / 1e9));
        r.put("floor_cpu_images_per_second",
                imagesPerPass / (BenchCommand.median(column(floors, StepFloor.PARTS.length + 1)) / 1e9));
        for (int i = 0; i < StepFloor.PARTS.length; i++) {
            r.put("floor_" + StepFloor.PARTS[i] + "_ms_per_batch", BenchCommand.median(column(floors, i + 1)) / 1e6 / batchCount);
        }
        r.put("fraction_of_floor", floorSeconds / layerSeconds());
        return r;
    }

    /** Every pass's time in seconds, for the JSON. */
    Map<String, Object> passSeconds() {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("gemm_pass_seconds", Arrays.stream(gemmTotal()).mapToDouble(t -> t / 1e9).toArray());
        r.put("layer_pass_seconds", Arrays.stream(layer).mapToDouble(t -> t / 1e9).toArray());
        r.put("fit_pass_seconds", Arrays.stream(fit).mapToDouble(t -> t / 1e9).toArray());
        return r;
    }

    private static long[] column(List<long[]> passes, int index) {
        return passes.stream().mapToLong(t -> t[index]).toArray();
    }
}
