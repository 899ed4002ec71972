package org.hebbian4j.layers;

import org.hebbian4j.competition.Competition;
import org.hebbian4j.rules.LearningRule;
import org.nd4j.linalg.api.ndarray.INDArray;

import static org.hebbian4j.testutil.Matrices.transpose;

/**
 * Plain-Java reference of a Hebbian convolution layer's step: patches extracted by loops over
 * samples, output positions, channels and kernel offsets, then the dense rule of
 * {@link NaiveHebbianReference} on those patches. Shares no code with the library or ND4J's im2col.
 *
 * <p>Layouts: images {@code [B][C][H][W]}; kernels neuron-major {@code [nOut][C*kH*kW]}, column
 * {@code (c*kH + a)*kW + b} for channel c and kernel offset (a, b); patch rows
 * {@code (s*outH + i)*outW + j} for sample s at output position (i, j).
 */
final class NaiveConvolutionReference {

    private NaiveConvolutionReference() {
    }

    /**
     * Geometry of a 2-D convolution.
     *
     * @param padTop  rows of zeros above the image (and, in truncate mode, below it)
     * @param padLeft columns of zeros left of the image (and, in truncate mode, right of it)
     */
    record Geometry(int kernelH, int kernelW, int strideH, int strideW, int padTop, int padLeft,
                    int dilationH, int dilationW, int outH, int outW) {

        /** Truncate mode (DL4J's default): explicit symmetric padding, floor division. */
        static Geometry truncate(int inH, int inW, int[] kernel, int[] stride, int[] padding, int[] dilation) {
            return new Geometry(kernel[0], kernel[1], stride[0], stride[1], padding[0], padding[1], dilation[0],
                    dilation[1], outSize(inH, kernel[0], stride[0], padding[0], dilation[0]),
                    outSize(inW, kernel[1], stride[1], padding[1], dilation[1]));
        }

        /**
         * Same mode: output ceil(in / stride); total padding {@code (out-1)*stride + effectiveKernel - in},
         * the smaller half on top/left.
         */
        static Geometry same(int inH, int inW, int[] kernel, int[] stride, int[] dilation) {
            int outH = (inH + stride[0] - 1) / stride[0];
            int outW = (inW + stride[1] - 1) / stride[1];
            int padTop = Math.max(0, (outH - 1) * stride[0] + effective(kernel[0], dilation[0]) - inH) / 2;
            int padLeft = Math.max(0, (outW - 1) * stride[1] + effective(kernel[1], dilation[1]) - inW) / 2;
            return new Geometry(kernel[0], kernel[1], stride[0], stride[1], padTop, padLeft, dilation[0],
                    dilation[1], outH, outW);
        }

        private static int effective(int kernel, int dilation) {
            return (kernel - 1) * dilation + 1;
        }

        private static int outSize(int in, int kernel, int stride, int pad, int dilation) {
            return (in + 2 * pad - effective(kernel, dilation)) / stride + 1;
        }

        int positions() {
            return outH * outW;
        }
    }

    /** The patches {@code [B*outH*outW][C*kH*kW]}, zeros where the receptive field leaves the image. */
    static double[][] patches(double[][][][] x, Geometry g) {
        int batch = x.length;
        int channels = x[0].length;
        int inH = x[0][0].length;
        int inW = x[0][0][0].length;
        double[][] p = new double[batch * g.positions()][channels * g.kernelH() * g.kernelW()];
        for (int s = 0; s < batch; s++) {
            for (int i = 0; i < g.outH(); i++) {
                for (int j = 0; j < g.outW(); j++) {
                    int row = (s * g.outH() + i) * g.outW() + j;
                    for (int c = 0; c < channels; c++) {
                        for (int a = 0; a < g.kernelH(); a++) {
                            for (int b = 0; b < g.kernelW(); b++) {
                                int ih = i * g.strideH() - g.padTop() + a * g.dilationH();
                                int iw = j * g.strideW() - g.padLeft() + b * g.dilationW();
                                boolean inside = ih >= 0 && ih < inH && iw >= 0 && iw < inW;
                                p[row][(c * g.kernelH() + a) * g.kernelW() + b] = inside ? x[s][c][ih][iw] : 0.0;
                            }
                        }
                    }
                }
            }
        }
        return p;
    }

    /** Pre-activations {@code [B*outH*outW][nOut]} of kernels {@code [nOut][C*kH*kW]} with bias b (or none). */
    static double[][] preActivation(double[][] patches, double[][] kernels, double[] bias) {
        double[] b = bias == null ? new double[kernels.length] : bias;
        return NaiveHebbianReference.preActivation(patches, transpose(kernels), b);
    }

    /**
     * The rule's dW {@code [nOut][C*kH*kW]}: the dense rule on the patches, i.e. the mean of the
     * per-row update over all B*outH*outW (sample, position) rows.
     */
    static double[][] ruleUpdate(LearningRule rule, Competition competition, double[][] patches,
                                 double[][] kernels, double[] bias) {
        double[][] u = preActivation(patches, kernels, bias);
        double[][] y = NaiveHebbianReference.activity(competition, u);
        return NaiveHebbianReference.ruleUpdate(rule, patches, u, y, transpose(kernels));
    }

    /** {@code W + lr * dW}, neuron-major. */
    static double[][] stepped(double[][] kernels, double[][] dw, double learningRate) {
        double[][] out = new double[kernels.length][kernels[0].length];
        for (int i = 0; i < kernels.length; i++) {
            for (int j = 0; j < kernels[0].length; j++) {
                out[i][j] = kernels[i][j] + learningRate * dw[i][j];
            }
        }
        return out;
    }

    /** Rows {@code [B*outH*outW][nOut]} back to images {@code [B][nOut][outH][outW]}. */
    static double[][][][] images(double[][] rows, int batch, Geometry g) {
        int channels = rows[0].length;
        double[][][][] out = new double[batch][channels][g.outH()][g.outW()];
        for (int s = 0; s < batch; s++) {
            for (int i = 0; i < g.outH(); i++) {
                for (int j = 0; j < g.outW(); j++) {
                    for (int c = 0; c < channels; c++) {
                        out[s][c][i][j] = rows[(s * g.outH() + i) * g.outW() + j][c];
                    }
                }
            }
        }
        return out;
    }

    /** A 4-D array read element by element. */
    static double[][][][] values4d(INDArray a) {
        long[] s = a.shape();
        double[][][][] v = new double[(int) s[0]][(int) s[1]][(int) s[2]][(int) s[3]];
        for (int i = 0; i < s[0]; i++) {
            for (int j = 0; j < s[1]; j++) {
                for (int k = 0; k < s[2]; k++) {
                    for (int l = 0; l < s[3]; l++) {
                        v[i][j][k][l] = a.getDouble(i, j, k, l);
                    }
                }
            }
        }
        return v;
    }

    /** Kernels {@code [nOut, C, kH, kW]} read element by element into the neuron-major {@code [nOut][C*kH*kW]}. */
    static double[][] kernelMatrix(INDArray w) {
        double[][][][] v = values4d(w);
        int nOut = v.length;
        int channels = v[0].length;
        int kH = v[0][0].length;
        int kW = v[0][0][0].length;
        double[][] m = new double[nOut][channels * kH * kW];
        for (int o = 0; o < nOut; o++) {
            for (int c = 0; c < channels; c++) {
                for (int a = 0; a < kH; a++) {
                    for (int b = 0; b < kW; b++) {
                        m[o][(c * kH + a) * kW + b] = v[o][c][a][b];
                    }
                }
            }
        }
        return m;
    }

    /** {@code f(v)} element by element, for an activation applied to rows. */
    static double[][] map(double[][] v, java.util.function.DoubleUnaryOperator f) {
        double[][] out = new double[v.length][];
        for (int r = 0; r < v.length; r++) {
            out[r] = new double[v[r].length];
            for (int c = 0; c < v[r].length; c++) {
                out[r][c] = f.applyAsDouble(v[r][c]);
            }
        }
        return out;
    }

    /** Largest |a - b| over two 4-D arrays of equal shape. */
    static double maxAbsDifference(double[][][][] a, double[][][][] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) {
                for (int k = 0; k < a[i][j].length; k++) {
                    for (int l = 0; l < a[i][j][k].length; l++) {
                        max = Math.max(max, Math.abs(a[i][j][k][l] - b[i][j][k][l]));
                    }
                }
            }
        }
        return max;
    }
}
