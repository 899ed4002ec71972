package org.hebbian4j.rules;

import org.hebbian4j.util.Gemm;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Sanger's rule, the Generalized Hebbian Algorithm (GHA):
 * {@code dw_ij = y_i x_j - y_i sum_{k<=i} w_kj y_k}.
 *
 * <p>Neuron i learns from the input minus what neurons 0..i already reconstruct, so with linear
 * neurons ({@code y = u = W x}, competition {@link org.hebbian4j.competition.NoCompetition}) and
 * small steps, row i of W converges to the unit-norm eigenvector of the i-th largest eigenvalue of
 * the input covariance: the rows become the ordered principal components. Neuron order matters:
 * neuron 0 is Oja's rule, neuron i is Oja's rule on the input deflated by neurons below i.
 *
 * <p>Symbols: x = {@code input} {@code [B, nIn]}, y = {@code activity} {@code [B, nOut]} (the
 * competition's output; Zhu and Liu combine it with lateral inhibition), W = {@code weights}
 * {@code [nOut, nIn]}, row i = neuron i. Batched without a per-sample loop, since
 * {@code sum_b y_bi sum_{k<=i} y_bk w_kj = (LT(Y^T Y) W)_ij}:
 * <pre>{@code dW = (1/B) [Y^T X - LT(Y^T Y) W]}</pre>
 * where LT keeps the lower triangle of the {@code [nOut, nOut]} matrix including the diagonal.
 * Cost: the triangular product takes {@code nOut^2 nIn} multiply-adds per batch against
 * {@code B nOut nIn} for the Hebbian term, so the rule suits layers of up to a few hundred neurons
 * (Zhu and Liu use 64); at nOut = 2000 it dominates the step.
 *
 * <p>T. D. Sanger, "Optimal unsupervised learning in a single-layer linear feedforward neural
 * network", Neural Networks 2(6), 1989; as eq. (3) of Z. Zhu, S. Liu, "Feature Selectors that Fire
 * Together Wire Together: A Hebbian Based Approach to Backprop-Less Learning in Artificial Neural
 * Networks" (their i indexes outputs, j inputs, as here).
 */
public record SangerRule() implements LearningRule {

    @Override
    public void update(LocalSignals s, INDArray out, double scale) {
        INDArray y = s.activity();
        int nOut = (int) y.columns();
        double alpha = scale / s.batchSize();
        INDArray yty = Gemm.into(y, true, y, false, Nd4j.createUninitialized(y.dataType(), new long[]{nOut, nOut}, 'f'),
                1.0, 0.0);
        INDArray lowerTriangle = yty.muli(lowerTriangleMask(nOut, y.dataType()));
        Gemm.into(lowerTriangle, false, s.weights(), false, out, -alpha, 0.0);
        Gemm.into(y, true, s.input(), false, out, alpha, 1.0);
    }

    /**
     * {@code [n, n]} with 1 where row &gt;= column, else 0. Not {@code Nd4j.tri}: in ND4J M2.1
     * {@code Nd4j.tri(1)} returns 0 (and {@code Nd4j.triu} returns wrong values).
     */
    static INDArray lowerTriangleMask(int n, DataType dataType) {
        INDArray index = Nd4j.arange(n).castTo(dataType);
        INDArray rowIndex = Nd4j.zeros(dataType, n, n).addiColumnVector(index.reshape(n, 1));
        INDArray columnIndex = Nd4j.zeros(dataType, n, n).addiRowVector(index.reshape(1, n));
        return rowIndex.subi(columnIndex).gte(0).castTo(dataType);
    }

    @Override
    public String name() {
        return "sanger";
    }
}
