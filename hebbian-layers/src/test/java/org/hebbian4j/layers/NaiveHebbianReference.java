package org.hebbian4j.layers;

import org.hebbian4j.competition.Competition;
import org.hebbian4j.competition.HardWta;
import org.hebbian4j.competition.KWta;
import org.hebbian4j.competition.NoCompetition;
import org.hebbian4j.competition.PowerSoftWta;
import org.hebbian4j.competition.SoftWta;
import org.hebbian4j.rules.HebbRule;
import org.hebbian4j.rules.InstarRule;
import org.hebbian4j.rules.LearningRule;
import org.hebbian4j.rules.OjaRule;
import org.hebbian4j.rules.SoftHebbRule;

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
        } else {
            throw new UnsupportedOperationException("no naive reference for " + competition);
        }
        return y;
    }

    /**
     * The rule's dW, batch mean of the per-sample update, neuron-major {@code [nOut][nIn]}:
     * <ul>
     *   <li>Hebb: {@code y_i x_j}</li>
     *   <li>Instar: {@code y_i (x_j - w_ij)}</li>
     *   <li>Oja: {@code y_i (x_j - y_i w_ij)}</li>
     *   <li>SoftHebb: {@code y_i (x_j - u_i w_ij)}</li>
     * </ul>
     * where {@code w_ij = W[j][i]} in DL4J's layout.
     */
    static double[][] ruleUpdate(LearningRule rule, double[][] x, double[][] u, double[][] y, double[][] w) {
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
                    } else {
                        throw new UnsupportedOperationException("no naive reference for " + rule);
                    }
                    dw[i][j] += perSample / batch;
                }
            }
        }
        return dw;
    }

    /** The full rule step of one layer: u, y, dW from input x, weights W and bias b. */
    static double[][] ruleUpdate(LearningRule rule, Competition competition, double[][] x, double[][] w, double[] b) {
        double[][] u = preActivation(x, w, b);
        double[][] y = activity(competition, u);
        return ruleUpdate(rule, x, u, y, w);
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
