package org.hebbian4j.layers;

import org.hebbian4j.competition.Competition;
import org.hebbian4j.competition.HardWta;
import org.hebbian4j.competition.KWta;
import org.hebbian4j.competition.LateralInhibition;
import org.hebbian4j.competition.NoCompetition;
import org.hebbian4j.competition.PowerSoftWta;
import org.hebbian4j.competition.RankKAntiHebbian;
import org.hebbian4j.competition.Rectified;
import org.hebbian4j.competition.SoftWta;
import org.hebbian4j.homeostasis.GrowthFactor;
import org.hebbian4j.rules.AntiHebbianSoftHebbRule;
import org.hebbian4j.rules.HebbNetRule;
import org.hebbian4j.rules.HebbRule;
import org.hebbian4j.rules.InstarRule;
import org.hebbian4j.rules.KrotovRule;
import org.hebbian4j.rules.LearningRule;
import org.hebbian4j.rules.LiusonRule;
import org.hebbian4j.rules.MeanInstarRule;
import org.hebbian4j.rules.OjaRule;
import org.hebbian4j.rules.RuleState;
import org.hebbian4j.rules.SangerRule;
import org.hebbian4j.rules.SoftHebbRule;
import org.hebbian4j.rules.StatefulRule;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Plain-Java reference of a Hebbian dense layer's step, written per sample and per element so
 * that it shares no code (and no vectorization tricks) with the library.
 *
 * <p>Layouts follow DL4J: x {@code [B][nIn]}, W {@code [nIn][nOut]} (column i = neuron i), b
 * {@code [nOut]}. The rule's update is returned neuron-major, {@code dW[i][j]} for neuron i and
 * input j, as the rule contract defines it.
 */
final class NaiveHebbianReference {

    private NaiveHebbianReference() {
    }

    /** u = x W + b, per sample and per neuron. */
    static double[][] preActivation(double[][] x, double[][] w, double[] b) {
        int batch = x.length;
        int nIn = w.length;
        int nOut = w[0].length;
        double[][] u = new double[batch][nOut];
        for (int s = 0; s < batch; s++) {
            for (int i = 0; i < nOut; i++) {
                double sum = b[i];
                for (int j = 0; j < nIn; j++) {
                    sum += x[s][j] * w[j][i];
                }
                u[s][i] = sum;
            }
        }
        return u;
    }

    /** The competition's activity y for each sample (row of u). */
    static double[][] activity(Competition competition, double[][] u) {
        double[][] y = new double[u.length][];
        for (int s = 0; s < u.length; s++) {
            y[s] = activityOfSample(competition, u[s]);
        }
        return y;
    }

    private static double[] activityOfSample(Competition competition, double[] u) {
        int nOut = u.length;
        double[] y = new double[nOut];
        if (competition instanceof NoCompetition) {
            System.arraycopy(u, 0, y, 0, nOut);
        } else if (competition instanceof SoftWta softWta) {
            double max = Double.NEGATIVE_INFINITY;
            for (double v : u) {
                max = Math.max(max, v / softWta.temperature());
            }
            double sum = 0;
            for (int i = 0; i < nOut; i++) {
                y[i] = Math.exp(u[i] / softWta.temperature() - max);
                sum += y[i];
            }
            for (int i = 0; i < nOut; i++) {
                y[i] /= sum;
            }
        } else if (competition instanceof HardWta) {
            int winner = 0;
            for (int i = 1; i < nOut; i++) {
                if (u[i] > u[winner]) {
                    winner = i;
                }
            }
            y[winner] = 1.0;
        } else if (competition instanceof KWta kWta) {
            // k rounds of "largest not yet taken", ties to the lowest index.
            boolean[] taken = new boolean[nOut];
            for (int k = 0; k < kWta.winners(); k++) {
                int best = -1;
                for (int i = 0; i < nOut; i++) {
                    if (!taken[i] && (best < 0 || u[i] > u[best])) {
                        best = i;
                    }
                }
                taken[best] = true;
                y[best] = 1.0;
            }
        } else if (competition instanceof PowerSoftWta powerSoftWta) {
            // y_i = max(u_i, 0)^p / sum_j max(u_j, 0)^p; a sample with no positive u rewards nobody.
            double sum = 0;
            for (int i = 0; i < nOut; i++) {
                y[i] = Math.pow(Math.max(u[i], 0.0), powerSoftWta.power());
                sum += y[i];
            }
            for (int i = 0; i < nOut && sum > 0; i++) {
                y[i] /= sum;
            }
        } else if (competition instanceof RankKAntiHebbian rankK) {
            // +1 for the largest u, -delta for the k-th largest; selection by repeated maximum.
            boolean[] taken = new boolean[nOut];
            for (int rank = 1; rank <= rankK.rankK(); rank++) {
                int best = -1;
                for (int i = 0; i < nOut; i++) {
                    if (!taken[i] && (best < 0 || u[i] > u[best])) {
                        best = i;
                    }
                }
                taken[best] = true;
                if (rank == 1) {
                    y[best] = 1.0;
                } else if (rank == rankK.rankK()) {
                    y[best] = -rankK.antiHebbianStrength();
                }
            }
        } else if (competition instanceof LateralInhibition lateral) {
            // h_i = h~_i^lambda / max_k h~_k^lambda on the rectified u.
            double max = 0;
            for (double v : u) {
                max = Math.max(max, Math.pow(Math.max(v, 0.0), lateral.power()));
            }
            for (int i = 0; i < nOut && max > 0; i++) {
                y[i] = Math.pow(Math.max(u[i], 0.0), lateral.power()) / max;
            }
        } else if (competition instanceof Rectified) {
            for (int i = 0; i < nOut; i++) {
                y[i] = Math.max(u[i], 0.0);
            }
        } else {
            throw new UnsupportedOperationException("no naive reference for " + competition);
        }
        return y;
    }

    private static int argMax(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }

    /**
     * The rule's dW, batch mean of the per-sample update, neuron-major {@code [nOut][nIn]}:
     * <ul>
     *   <li>Hebb: {@code y_i x_j}</li>
     *   <li>Instar: {@code y_i (x_j - w_ij)}</li>
     *   <li>Oja: {@code y_i (x_j - y_i w_ij)}</li>
     *   <li>SoftHebb: {@code y_i (x_j - u_i w_ij)}</li>
     * </ul>
     * (mean instar is a mean over each neuron's rewards instead: {@link #meanInstarUpdate})
     * where {@code w_ij = W[j][i]} in DL4J's layout.
     */
    static double[][] ruleUpdate(LearningRule rule, double[][] x, double[][] u, double[][] y, double[][] w) {
        if (rule instanceof MeanInstarRule) {
            return meanInstarUpdate(x, y, w);
        }
        int batch = x.length;
        int nIn = w.length;
        int nOut = w[0].length;
        double[][] dw = new double[nOut][nIn];
        for (int s = 0; s < batch; s++) {
            for (int i = 0; i < nOut; i++) {
                for (int j = 0; j < nIn; j++) {
                    double perSample;
                    if (rule instanceof HebbRule) {
                        perSample = y[s][i] * x[s][j];
                    } else if (rule instanceof InstarRule) {
                        perSample = y[s][i] * (x[s][j] - w[j][i]);
                    } else if (rule instanceof OjaRule) {
                        perSample = y[s][i] * (x[s][j] - y[s][i] * w[j][i]);
                    } else if (rule instanceof SoftHebbRule) {
                        perSample = y[s][i] * (x[s][j] - u[s][i] * w[j][i]);
                    } else if (rule instanceof SangerRule) {
                        double reconstruction = 0;
                        for (int k = 0; k <= i; k++) {
                            reconstruction += w[j][k] * y[s][k];
                        }
                        perSample = y[s][i] * (x[s][j] - reconstruction);
                    } else if (rule instanceof AntiHebbianSoftHebbRule) {
                        double sign = i == argMax(y[s]) ? 1 : -1;
                        perSample = sign * y[s][i] * (x[s][j] - u[s][i] * w[j][i]);
                    } else {
                        throw new UnsupportedOperationException("no naive reference for " + rule);
                    }
                    dw[i][j] += perSample / batch;
                }
            }
        }
        return dw;
    }

    /** The full rule step of one layer from the rule's initial state: u, y, dW from input x, weights W and bias b. */
    static double[][] ruleUpdate(LearningRule rule, Competition competition, double[][] x, double[][] w, double[] b) {
        return ruleUpdate(rule, competition, x, w, b, initialState(rule, w.length, w[0].length));
    }

    /**
     * The full rule step of one layer: u, y, dW from input x, weights W, bias b and the rule's
     * state before the batch (each vector by name). Beyond {@link #ruleUpdate(LearningRule,
     * double[][], double[][], double[][], double[][])}:
     * <ul>
     *   <li>Krotov: u_i = sum_j sign(w_ij)|w_ij|^(p-1) x_j (no bias), g by rank, D_ij = sum_b g_i (x_j - u_i w_ij), D / max|D|;</li>
     *   <li>HebbNet: D_ij = mean_b (y_i - T_i) x_j; by neuron, rows whose norm is below the m-th largest row
 *       norm set to 0; by entry, entries below the m-th largest |D| set to 0;</li>
     *   <li>Liuson: y* = softmax((y - ema) / T), s = +1 winner / 0 below 1/n / -1, dw_ij = mean_b s_i y*_i x_j.</li>
     * </ul>
     */
    static double[][] ruleUpdate(LearningRule rule, Competition competition, double[][] x, double[][] w, double[] b,
                                 Map<String, double[]> state) {
        if (rule instanceof KrotovRule krotov) {
            return krotovUpdate(krotov, x, w);
        }
        double[][] u = preActivation(x, w, b);
        double[][] y = activity(competition, u);
        if (rule instanceof HebbNetRule hebbNet) {
            return org.hebbian4j.rules.NaiveHebbNet.update(hebbNet, x, y, state.get(HebbNetRule.AVERAGE_STATE), w.length);
        }
        if (rule instanceof LiusonRule liuson) {
            return liusonUpdate(liuson, x, y, state.get(LiusonRule.AVERAGE_STATE), w.length);
        }
        return ruleUpdate(rule, x, u, y, w);
    }

    /**
     * Mean instar: {@code dw_ij = sum_b y_bi (x_bj - w_ij) / sum_b y_bi} for a neuron whose rewards sum to
     * more than {@link MeanInstarRule#MIN_REWARD}, else 0.
     */
    private static double[][] meanInstarUpdate(double[][] x, double[][] y, double[][] w) {
        int nIn = w.length;
        int nOut = w[0].length;
        double[][] dw = new double[nOut][nIn];
        for (int i = 0; i < nOut; i++) {
            double rewardSum = 0;
            for (double[] row : y) {
                rewardSum += row[i];
            }
            if (!(rewardSum > MeanInstarRule.MIN_REWARD)) {
                continue;
            }
            for (int s = 0; s < x.length; s++) {
                for (int j = 0; j < nIn; j++) {
                    dw[i][j] += y[s][i] * (x[s][j] - w[j][i]) / rewardSum;
                }
            }
        }
        return dw;
    }

    private static double[][] krotovUpdate(KrotovRule rule, double[][] x, double[][] w) {
        int nIn = w.length;
        int nOut = w[0].length;
        double[][] d = new double[nOut][nIn];
        RankKAntiHebbian rankK = new RankKAntiHebbian(rule.rankK(), rule.antiHebbianStrength());
        for (double[] sample : x) {
            double[] u = new double[nOut];
            for (int i = 0; i < nOut; i++) {
                for (int j = 0; j < nIn; j++) {
                    u[i] += Math.signum(w[j][i]) * Math.pow(Math.abs(w[j][i]), rule.lebesgueP() - 1) * sample[j];
                }
            }
            double[] g = activityOfSample(rankK, u);
            for (int i = 0; i < nOut; i++) {
                for (int j = 0; j < nIn; j++) {
                    d[i][j] += g[i] * (sample[j] - u[i] * w[j][i]);
                }
            }
        }
        double largest = 0;
        for (double[] row : d) {
            for (double v : row) {
                largest = Math.max(largest, Math.abs(v));
            }
        }
        for (double[] row : d) {
            for (int j = 0; j < nIn; j++) {
                row[j] /= largest;
            }
        }
        return d;
    }

    private static double[][] liusonUpdate(LiusonRule rule, double[][] x, double[][] y, double[] ema, int nIn) {
        int nOut = ema.length;
        double[][] d = new double[nOut][nIn];
        for (int s = 0; s < x.length; s++) {
            double[] yStar = new double[nOut];
            double sum = 0;
            for (int i = 0; i < nOut; i++) {
                yStar[i] = Math.exp((y[s][i] - ema[i]) / rule.temperature());
                sum += yStar[i];
            }
            for (int i = 0; i < nOut; i++) {
                yStar[i] /= sum;
            }
            int winner = argMax(yStar);
            for (int i = 0; i < nOut; i++) {
                double mask = i == winner ? 1 : yStar[i] < 1.0 / nOut ? 0 : -1;
                for (int j = 0; j < nIn; j++) {
                    d[i][j] += mask * yStar[i] * x[s][j] / x.length;
                }
            }
        }
        return d;
    }

    /** The rule's state vectors at initialization: each filled with its initial value. */
    static Map<String, double[]> initialState(LearningRule rule, int nIn, int nOut) {
        Map<String, double[]> state = new LinkedHashMap<>();
        if (rule instanceof StatefulRule stateful) {
            for (RuleState declared : stateful.stateVariables()) {
                double[] values = new double[(int) declared.length(nIn, nOut)];
                Arrays.fill(values, declared.initialValue());
                state.put(declared.name(), values);
            }
        }
        return state;
    }

    /** The rule's state after the batch: {@code s <- m s + (1 - m) mean_b y} for every state (both rules' states are averages of y). */
    static Map<String, double[]> stateAfter(LearningRule rule, Competition competition, double[][] x, double[][] w,
                                            double[] b, Map<String, double[]> state) {
        double[][] y = activity(competition, preActivation(x, w, b));
        Map<String, double[]> after = new LinkedHashMap<>();
        for (RuleState declared : ((StatefulRule) rule).stateVariables()) {
            double[] old = state.get(declared.name());
            double[] updated = new double[old.length];
            for (int i = 0; i < old.length; i++) {
                double mean = 0;
                for (double[] sample : y) {
                    mean += sample[i] / y.length;
                }
                updated[i] = declared.momentum() * old[i] + (1 - declared.momentum()) * mean;
            }
            after.put(declared.name(), updated);
        }
        return after;
    }

    /**
     * Zhu and Liu's growth factor applied after a step from zero state: the average after the
     * batch {@code a = (1 - gamma) mean_b y}, {@code A = a / avg(a)},
     * {@code f = eps tanh(-(|A| - 1) / eps) + 1}; returns each neuron's column of {@code w} times f
     * (signed: its positive entries times f, its negative ones divided by f).
     */
    static double[][] grownFromZeroAverage(GrowthFactor growth, Competition competition, double[][] x,
                                           double[][] wBefore, double[] b, double[][] wAfterStep) {
        double[][] y = activity(competition, preActivation(x, wBefore, b));
        int nOut = wBefore[0].length;
        double[] average = new double[nOut];
        double layerMean = 0;
        for (int i = 0; i < nOut; i++) {
            for (double[] sample : y) {
                average[i] += (1 - growth.averageMomentum()) * sample[i] / y.length;
            }
            layerMean += average[i] / nOut;
        }
        double[][] out = new double[wAfterStep.length][nOut];
        for (int i = 0; i < nOut; i++) {
            double factor = layerMean == 0 ? 1
                    : growth.strength() * Math.tanh(-(Math.abs(average[i] / layerMean) - 1) / growth.strength()) + 1;
            for (int j = 0; j < wAfterStep.length; j++) {
                double v = wAfterStep[j][i];
                out[j][i] = growth.signed() && v < 0 ? v / factor : factor * v;
            }
        }
        return out;
    }

    /** Each neuron's column of {@code w} divided by its L2 norm. */
    static double[][] unitNormColumns(double[][] w) {
        double[][] out = new double[w.length][w[0].length];
        for (int i = 0; i < w[0].length; i++) {
            double sum = 0;
            for (double[] row : w) {
                sum += row[i] * row[i];
            }
            double norm = Math.sqrt(sum);
            for (int j = 0; j < w.length; j++) {
                out[j][i] = w[j][i] / norm;
            }
        }
        return out;
    }

    /** {@code W + lr * dW}, back in DL4J's {@code [nIn][nOut]} layout. */
    static double[][] stepped(double[][] w, double[][] dwNeuronMajor, double learningRate) {
        int nIn = w.length;
        int nOut = w[0].length;
        double[][] out = new double[nIn][nOut];
        for (int j = 0; j < nIn; j++) {
            for (int i = 0; i < nOut; i++) {
                out[j][i] = w[j][i] + learningRate * dwNeuronMajor[i][j];
            }
        }
        return out;
    }

    /** {@code max(v, 0)} element by element. */
    static double[][] relu(double[][] v) {
        double[][] out = new double[v.length][];
        for (int s = 0; s < v.length; s++) {
            out[s] = new double[v[s].length];
            for (int i = 0; i < v[s].length; i++) {
                out[s][i] = Math.max(v[s][i], 0.0);
            }
        }
        return out;
    }

    /** {@code tanh(v)} element by element. */
    static double[][] tanh(double[][] v) {
        double[][] out = new double[v.length][];
        for (int s = 0; s < v.length; s++) {
            out[s] = new double[v[s].length];
            for (int i = 0; i < v[s].length; i++) {
                out[s][i] = Math.tanh(v[s][i]);
            }
        }
        return out;
    }
}
