package org.hebbian4j.layers;

/**
 * Plain-Java reference of one step of the supervised output layers, per sample and per element,
 * sharing no code with the library. Layouts follow DL4J: x {@code [B][nIn]}, W {@code [nIn][nOut]}
 * (column i = output unit i), b and the labels' rows {@code [nOut]}. Updates are returned in the
 * same layout as the parameter they update.
 */
final class NaiveSupervisedReference {

    private NaiveSupervisedReference() {
    }

    /** softmax of each row. */
    static double[][] softmax(double[][] u) {
        double[][] y = new double[u.length][];
        for (int s = 0; s < u.length; s++) {
            double max = Double.NEGATIVE_INFINITY;
            for (double v : u[s]) {
                max = Math.max(max, v);
            }
            double sum = 0;
            y[s] = new double[u[s].length];
            for (int i = 0; i < u[s].length; i++) {
                y[s][i] = Math.exp(u[s][i] - max);
                sum += y[s][i];
            }
            for (int i = 0; i < u[s].length; i++) {
                y[s][i] /= sum;
            }
        }
        return y;
    }

    /** 1 where u &gt;= 0, 0 elsewhere. */
    static double[][] heaviside(double[][] u) {
        double[][] h = new double[u.length][];
        for (int s = 0; s < u.length; s++) {
            h[s] = new double[u[s].length];
            for (int i = 0; i < u[s].length; i++) {
                h[s][i] = u[s][i] >= 0 ? 1.0 : 0.0;
            }
        }
        return h;
    }

    /** 1 / (1 + exp(-u)) element by element. */
    static double[][] sigmoid(double[][] u) {
        double[][] h = new double[u.length][];
        for (int s = 0; s < u.length; s++) {
            h[s] = new double[u[s].length];
            for (int i = 0; i < u[s].length; i++) {
                h[s][i] = 1.0 / (1.0 + Math.exp(-u[s][i]));
            }
        }
        return h;
    }

    /** Supervised Hebbian update of W, {@code dW[j][i] = mean_b (t_bi - y_bi) x_bj}, in DL4J's layout. */
    static double[][] supervisedHebbWeightUpdate(double[][] x, double[][] y, double[][] t) {
        int batch = x.length;
        int nIn = x[0].length;
        int nOut = y[0].length;
        double[][] dw = new double[nIn][nOut];
        for (int s = 0; s < batch; s++) {
            for (int j = 0; j < nIn; j++) {
                for (int i = 0; i < nOut; i++) {
                    dw[j][i] += (t[s][i] - y[s][i]) * x[s][j] / batch;
                }
            }
        }
        return dw;
    }

    /** The bias as the weight of a constant input 1: {@code db_i = mean_b (t_bi - y_bi)}. */
    static double[] supervisedHebbBiasUpdate(double[][] y, double[][] t) {
        int nOut = y[0].length;
        double[] db = new double[nOut];
        for (int s = 0; s < y.length; s++) {
            for (int i = 0; i < nOut; i++) {
                db[i] += (t[s][i] - y[s][i]) / y.length;
            }
        }
        return db;
    }

    /** h = phi((x - mu) W + b) needs (x - mu): x minus mu from every sample. */
    static double[][] centered(double[][] x, double[] mu) {
        double[][] c = new double[x.length][];
        for (int s = 0; s < x.length; s++) {
            c[s] = new double[x[s].length];
            for (int j = 0; j < x[s].length; j++) {
                c[s][j] = x[s][j] - mu[j];
            }
        }
        return c;
    }

    /** dL/dh of DL4J's MSE, per sample: {@code 2 (h - t) / nOut}. */
    static double[][] mseOutputGradient(double[][] h, double[][] t) {
        double[][] g = new double[h.length][];
        for (int s = 0; s < h.length; s++) {
            int nOut = h[s].length;
            g[s] = new double[nOut];
            for (int i = 0; i < nOut; i++) {
                g[s][i] = 2.0 * (h[s][i] - t[s][i]) / nOut;
            }
        }
        return g;
    }

    /** Hebbian descent update of W: {@code dW[j][i] = -mean_b (x_bj - mu_j) g_bi}, in DL4J's layout. */
    static double[][] hebbianDescentWeightUpdate(double[][] x, double[] mu, double[][] g) {
        int batch = x.length;
        int nIn = x[0].length;
        int nOut = g[0].length;
        double[][] dw = new double[nIn][nOut];
        for (int s = 0; s < batch; s++) {
            for (int j = 0; j < nIn; j++) {
                for (int i = 0; i < nOut; i++) {
                    dw[j][i] -= (x[s][j] - mu[j]) * g[s][i] / batch;
                }
            }
        }
        return dw;
    }

    /** Hebbian descent update of b: {@code db_i = -mean_b g_bi}. */
    static double[] hebbianDescentBiasUpdate(double[][] g) {
        int nOut = g[0].length;
        double[] db = new double[nOut];
        for (double[] sample : g) {
            for (int i = 0; i < nOut; i++) {
                db[i] -= sample[i] / g.length;
            }
        }
        return db;
    }

    /** The running mean after a batch: {@code mu + (1 - m) (mean_b x - mu)}. */
    static double[] meanAfter(double[] mu, double[][] x, double momentum) {
        double[] out = new double[mu.length];
        for (int j = 0; j < mu.length; j++) {
            double mean = 0;
            for (double[] sample : x) {
                mean += sample[j] / x.length;
            }
            out[j] = mu[j] + (1.0 - momentum) * (mean - mu[j]);
        }
        return out;
    }

    /** {@code W + lr * dW}, both in DL4J's {@code [nIn][nOut]} layout. */
    static double[][] plus(double[][] w, double[][] dw, double learningRate) {
        double[][] out = new double[w.length][w[0].length];
        for (int j = 0; j < w.length; j++) {
            for (int i = 0; i < w[0].length; i++) {
                out[j][i] = w[j][i] + learningRate * dw[j][i];
            }
        }
        return out;
    }

    /** {@code b + lr * db}. */
    static double[] plus(double[] b, double[] db, double learningRate) {
        double[] out = new double[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = b[i] + learningRate * db[i];
        }
        return out;
    }

    /** Max-norm clipping of every column i of W: {@code w_i *= min(1, maxNorm / |w_i|)}. */
    static double[][] maxNormColumns(double[][] w, double maxNorm) {
        int nIn = w.length;
        int nOut = w[0].length;
        double[][] out = new double[nIn][nOut];
        for (int i = 0; i < nOut; i++) {
            double sumSquares = 0;
            for (double[] row : w) {
                sumSquares += row[i] * row[i];
            }
            double norm = Math.sqrt(sumSquares);
            double factor = norm > maxNorm ? maxNorm / norm : 1.0;
            for (int j = 0; j < nIn; j++) {
                out[j][i] = w[j][i] * factor;
            }
        }
        return out;
    }

    /**
     * Zhu and Liu's classifier constraint, by loops: the weights of the first {@code zeroed} inputs
     * (rows of W) set to 0, then every column i (class unit) divided by its largest entry if that
     * is positive.
     */
    static double[][] zeroLeadingThenDivideByLargest(double[][] w, int zeroed) {
        int nIn = w.length;
        int nOut = w[0].length;
        double[][] out = new double[nIn][nOut];
        for (int i = 0; i < nOut; i++) {
            double largest = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < nIn; j++) {
                out[j][i] = j < zeroed ? 0.0 : w[j][i];
                largest = Math.max(largest, out[j][i]);
            }
            if (largest > 0) {
                for (int j = 0; j < nIn; j++) {
                    out[j][i] /= largest;
                }
            }
        }
        return out;
    }
}
