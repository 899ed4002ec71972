package org.hebbian4j.rules;

import org.hebbian4j.competition.RankKAntiHebbian;
import org.hebbian4j.competition.SparseActivity;
import org.hebbian4j.util.ColumnSums;
import org.hebbian4j.util.Gemm;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Krotov-Hopfield rule: competing hidden units with a Lebesgue-p similarity and rank-k
 * anti-Hebbian learning.
 *
 * <p>Per sample b and neuron i, with p = {@code lebesgueP}, k = {@code rankK},
 * delta = {@code antiHebbianStrength}:
 * <pre>{@code
 * similarity  u_bi = sum_j sign(w_ij) |w_ij|^(p-1) x_bj        (= <w_i, x_b>_p)
 * competition g_bi = 1 if u_bi is the largest of row b, -delta if it is the k-th largest, else 0
 * update      D_ij = sum_b g_bi x_bj - (sum_b g_bi u_bi) w_ij,  i.e. D = G^T X - diag(sum_b g_b * u_b) W
 * dW = D / max_ij |D_ij|
 * }</pre>
 * Shapes: x = {@code input} {@code [B, nIn]}, W = {@code weights} {@code [nOut, nIn]}, u and g
 * {@code [B, nOut]}. The decay term drives each w_i to unit Lebesgue-p norm. The normalization
 * makes one step move the largest weight by exactly the learning rate, as in Krotov and Hopfield's
 * code; so dW is not a batch mean (D is a batch sum, and the mean would give the same dW).
 *
 * <p>Deviations from the layer convention, documented: the rule computes its own u from W and x
 * and its own g ({@link RankKAntiHebbian}): it ignores the layer's pre-activation (hence the bias),
 * its competition, homeostasis and activity: a layer refuses a similarity, competition or
 * homeostasis set with this rule ({@link #ownsCompetition()}), and a rankK above its nOut. (For p = 2 it takes u from the layer's pre-activation
 * minus the bias when the layer supplies both, which is the same {@code x W^T} without a GEMM.) Their paper's {@code R^p} factor of x is 1
 * (weights converge to the unit sphere). When every D is 0 (no sample, or x = 0) dW is 0; the
 * division is by {@code max|D| + 1e-30} exactly as in the project's PyTorch reference
 * (bench/torch_hebbian_reference.py, workload "dense-krotov", which is this rule with p = 2, where
 * {@code sign(w)|w|^(p-1) = w}; its default k is 2).
 *
 * <p>D. Krotov, J. J. Hopfield, "Unsupervised learning by competing hidden units", PNAS 116(16),
 * 7723-7731, 2019; not in the project's papers folder: standard formulation of their paper and code.
 *
 * @param lebesgueP           p &gt;= 2 of the similarity (default 3; 2 is the ordinary dot product)
 * @param rankK               k &gt;= 2, the rank that learns anti-Hebbian (default 7)
 * @param antiHebbianStrength delta &gt;= 0 (default 0.4)
 */
public record KrotovRule(@JsonProperty("lebesgueP") double lebesgueP,
                         @JsonProperty("rankK") int rankK,
                         @JsonProperty("antiHebbianStrength") double antiHebbianStrength) implements LearningRule {

    /** Added to max|D| before dividing, as in the PyTorch reference. */
    static final double NORMALIZATION_EPSILON = 1e-30;

    @JsonCreator
    public KrotovRule {
        if (!(lebesgueP >= 2) || Double.isInfinite(lebesgueP)) {
            throw new IllegalArgumentException("KrotovRule: lebesgueP (p) must be >= 2 and finite, got " + lebesgueP);
        }
        // Validates rankK and antiHebbianStrength with the competition's messages.
        new RankKAntiHebbian(rankK, antiHebbianStrength);
    }

    /** Krotov and Hopfield's MNIST setting: p = 3, k = 7, delta = 0.4. */
    public KrotovRule() {
        this(3.0, 7, 0.4);
    }

    /** The rank-k competition g this rule applies to its similarities. */
    public RankKAntiHebbian competition() {
        return new RankKAntiHebbian(rankK, antiHebbianStrength);
    }

    /**
     * For p = 2 the similarity is the layer's own {@code x W^T} when the signals carry it
     * ({@link LocalSignals#inputProjection()}), which saves a GEMM. With g's two entries per row in
     * a wide layer, only the rows of the neurons ranked 1st or k-th are computed
     * ({@link OuterProductTerms#sparseRows}), and max|D| is taken over those rows, D being 0 elsewhere.
     */
    @Override
    public void update(LocalSignals s, INDArray out, double scale) {
        INDArray x = s.input();
        INDArray w = s.weights();
        INDArray projection = lebesgueP == 2.0 ? s.inputProjection() : null;
        INDArray u = projection != null ? projection : Gemm.into(x, false, similarityWeights(w), true,
                Nd4j.createUninitialized(x.dataType(), new long[]{x.rows(), w.rows()}, 'f'), 1.0, 0.0);
        SparseActivity g = competition().competeSparse(u);
        if (OuterProductTerms.sparseIsCheaper(g, out.rows())) {
            OuterProductTerms.NeuronRows rows = OuterProductTerms.sparseRows(g, g.values().mul(g.valuesAt(u)), x, w);
            double largest = rows.rows().amaxNumber().doubleValue();
            OuterProductTerms.writeRows(rows, out, scale / (largest + NORMALIZATION_EPSILON));
            return;
        }
        INDArray dense = g.dense();
        OuterProductTerms.outerMinusDecay(dense, x, ColumnSums.of(dense.mul(u)), w, out, 1.0);
        double largest = out.amaxNumber().doubleValue();
        out.muli(scale / (largest + NORMALIZATION_EPSILON));
    }

    /** {@code sign(W) |W|^(p-1)}; W itself for p = 2. */
    private INDArray similarityWeights(INDArray w) {
        if (lebesgueP == 2.0) {
            return w;
        }
        return Transforms.pow(Transforms.abs(w, true), lebesgueP - 1, false).muli(Transforms.sign(w, true));
    }

    /** The rule ranks the neurons itself ({@link #competition()}): a layer refuses a competition of its own. */
    @Override
    public boolean ownsCompetition() {
        return true;
    }

    /** The rank k must not exceed the layer's neurons. */
    @Override
    public void validateFor(long nOut, String where) {
        if (nOut > 0 && rankK > nOut) {
            throw new IllegalArgumentException(where + ": rule KrotovRule rankK (k) = " + rankK + " exceeds nOut = "
                    + nOut + " (the k-th best-matching neuron must exist); lower rankK or widen the layer");
        }
    }

    @Override
    public String name() {
        return "krotov";
    }
}
