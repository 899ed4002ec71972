package org.hebbian4j.samples.bench;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What {@code hebbian4j bench} times is the update of {@code torch_hebbian_reference.py}: one layer
 * step of each workload, as the bench configures it (rule, competition, step mode), moves the
 * weights exactly as the script's formula, written out here by hand in double precision:
 * <pre>
 * dense-softhebb: u = x W^T; y = softmax(u); dW = y^T x - diag(sum_b y*u) W;            W += lr dW / B
 * dense-krotov:   u = x W^T; g = +1 at the top unit, -0.4 at the 2nd; dW = g^T x - diag(sum_b g*u) W;
 *                                                                                        W += lr dW / max|dW|
 * dense-wta:      u = x W^T; r = one-hot argmax; dW = r^T x - diag(sum_b r) W;          W += lr dW / B
 * conv-softwta:   P = unfold(x) (rows: sample, position; columns: channel, kernel row, kernel column);
 *                 u = P W^T; r = softmax over channels; dW = r^T P - diag(sum r) W;      W += lr dW / rows
 * </pre>
 * Dense layers narrow (5 neurons) and wide (600 neurons, where WTA and Krotov take the sparse path
 * the 2000-neuron benchmark takes); both step modes.
 */
public class BenchWorkloadsMatchReferenceTest {

    private static final double LR = LayerStepBench.LEARNING_RATE;
    /** float32 weights of magnitude ~0.1-0.5 after one step computed in float. */
    private static final double TOLERANCE = 1e-6;

    static Stream<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        for (BenchCommand.Workload w : BenchCommand.WORKLOADS) {
            if (w.kind() == BenchCommand.Kind.LAGANI) {
                continue;
            }
            for (LayerStepBench.Step step : LayerStepBench.Step.values()) {
                if (w.kind() == BenchCommand.Kind.DENSE) {
                    all.add(Arguments.of(w.name(), step, 5));
                    all.add(Arguments.of(w.name(), step, 600));
                } else {
                    all.add(Arguments.of(w.name(), step, 4));
                }
            }
        }
        return all.stream();
    }

    private static BenchCommand.Workload workload(String name) {
        return BenchCommand.WORKLOADS.stream().filter(w -> w.name().equals(name)).findFirst().orElseThrow();
    }

    @ParameterizedTest(name = "{0}, step {1}, {2} neurons")
    @MethodSource("cases")
    void oneLayerStepIsTheReferenceScriptsUpdate(String name, LayerStepBench.Step step, int neurons) {
        BenchCommand.Workload w = workload(name);
        boolean dense = w.kind() == BenchCommand.Kind.DENSE;
        int batch = 8;
        LayerStepBench bench = dense
                ? LayerStepBench.dense(w.rule(), w.competition(), 6, neurons, batch, 1, 3, step, new BenchMemory())
                : LayerStepBench.convolution(w.rule(), w.competition(), 2, 6, 3, neurons, batch, 1, 3, step, new BenchMemory());
        double[][] x = dense ? bench.batch(0).toDoubleMatrix() : unfold(bench.batch(0), 3);
        double[][] w0 = neuronMajor(bench.weights(), dense);

        bench.layerStep(bench.batch(0));

        double[][] expected = switch (name) {
            case "dense-softhebb" -> softHebb(x, w0);
            case "dense-krotov" -> krotov(x, w0);
            case "dense-wta" -> wta(x, w0);
            case "conv-softwta" -> convSoftWta(x, w0);
            default -> throw new IllegalStateException(name);
        };
        double[][] actual = neuronMajor(bench.weights(), dense);
        double step0 = 0;
        for (int i = 0; i < w0.length; i++) {
            for (int j = 0; j < w0[0].length; j++) {
                assertEquals(expected[i][j], actual[i][j], TOLERANCE, name + " W[" + i + "][" + j + "]");
                step0 = Math.max(step0, Math.abs(expected[i][j] - w0[i][j]));
            }
        }
        assertTrue(step0 > 20 * TOLERANCE, "the step is measurable: " + step0);
    }

    /** Dense W [nIn, nOut] or conv W [nOut, C, k, k] as neuron-major [nOut][fanIn]. */
    private static double[][] neuronMajor(INDArray w, boolean dense) {
        return dense ? w.transpose().toDoubleMatrix() : w.reshape('c', w.size(0), w.length() / w.size(0)).toDoubleMatrix();
    }

    /** F.unfold then transpose/reshape: rows (sample, i, j), columns (channel, kernel row, kernel column). */
    private static double[][] unfold(INDArray images, int k) {
        int b = (int) images.size(0);
        int c = (int) images.size(1);
        int h = (int) images.size(2);
        int out = h - k + 1;
        double[][] p = new double[b * out * out][c * k * k];
        for (int s = 0; s < b; s++) {
            for (int i = 0; i < out; i++) {
                for (int j = 0; j < out; j++) {
                    for (int ch = 0; ch < c; ch++) {
                        for (int ki = 0; ki < k; ki++) {
                            for (int kj = 0; kj < k; kj++) {
                                p[(s * out + i) * out + j][(ch * k + ki) * k + kj] = images.getDouble(s, ch, i + ki, j + kj);
                            }
                        }
                    }
                }
            }
        }
        return p;
    }

    private static double[][] project(double[][] x, double[][] w) {
        double[][] u = new double[x.length][w.length];
        for (int b = 0; b < x.length; b++) {
            for (int i = 0; i < w.length; i++) {
                for (int j = 0; j < x[0].length; j++) {
                    u[b][i] += x[b][j] * w[i][j];
                }
            }
        }
        return u;
    }

    private static double[][] softmaxRows(double[][] u) {
        double[][] y = new double[u.length][u[0].length];
        for (int b = 0; b < u.length; b++) {
            double max = Double.NEGATIVE_INFINITY;
            for (double v : u[b]) {
                max = Math.max(max, v);
            }
            double sum = 0;
            for (int i = 0; i < u[b].length; i++) {
                y[b][i] = Math.exp(u[b][i] - max);
                sum += y[b][i];
            }
            for (int i = 0; i < u[b].length; i++) {
                y[b][i] /= sum;
            }
        }
        return y;
    }

    /** dW = post^T x - diag(sum_b post * factor) W. */
    private static double[][] outerMinusDecay(double[][] post, double[][] factor, double[][] x, double[][] w) {
        double[][] d = new double[w.length][w[0].length];
        for (int i = 0; i < w.length; i++) {
            double decay = 0;
            for (int b = 0; b < x.length; b++) {
                decay += post[b][i] * factor[b][i];
                for (int j = 0; j < w[0].length; j++) {
                    d[i][j] += post[b][i] * x[b][j];
                }
            }
            for (int j = 0; j < w[0].length; j++) {
                d[i][j] -= decay * w[i][j];
            }
        }
        return d;
    }

    private static double[][] step(double[][] w, double[][] d, double factor) {
        double[][] out = new double[w.length][w[0].length];
        for (int i = 0; i < w.length; i++) {
            for (int j = 0; j < w[0].length; j++) {
                out[i][j] = w[i][j] + factor * d[i][j];
            }
        }
        return out;
    }

    private static double[][] ones(int rows, int cols) {
        double[][] m = new double[rows][cols];
        for (double[] r : m) {
            java.util.Arrays.fill(r, 1.0);
        }
        return m;
    }

    private static double[][] softHebb(double[][] x, double[][] w) {
        double[][] u = project(x, w);
        return step(w, outerMinusDecay(softmaxRows(u), u, x, w), LR / x.length);
    }

    private static double[][] krotov(double[][] x, double[][] w) {
        double[][] u = project(x, w);
        double[][] g = new double[u.length][u[0].length];
        for (int b = 0; b < u.length; b++) {
            int first = 0;
            for (int i = 1; i < u[b].length; i++) {
                first = u[b][i] > u[b][first] ? i : first;
            }
            int second = first == 0 ? 1 : 0;
            for (int i = 0; i < u[b].length; i++) {
                second = i != first && u[b][i] > u[b][second] ? i : second;
            }
            g[b][first] = 1;
            g[b][second] = -0.4;
        }
        double[][] d = outerMinusDecay(g, u, x, w);
        double largest = 0;
        for (double[] row : d) {
            for (double v : row) {
                largest = Math.max(largest, Math.abs(v));
            }
        }
        return step(w, d, LR / (largest + 1e-30));
    }

    private static double[][] wta(double[][] x, double[][] w) {
        double[][] u = project(x, w);
        double[][] r = new double[u.length][u[0].length];
        for (int b = 0; b < u.length; b++) {
            int best = 0;
            for (int i = 1; i < u[b].length; i++) {
                best = u[b][i] > u[b][best] ? i : best;
            }
            r[b][best] = 1;
        }
        return step(w, outerMinusDecay(r, ones(u.length, u[0].length), x, w), LR / x.length);
    }

    private static double[][] convSoftWta(double[][] patches, double[][] w) {
        double[][] r = softmaxRows(project(patches, w));
        return step(w, outerMinusDecay(r, ones(r.length, r[0].length), patches, w), LR / patches.length);
    }
}
