package org.hebbian4j.rules;

import org.hebbian4j.competition.Competition;
import org.hebbian4j.competition.HardWta;
import org.hebbian4j.competition.KWta;
import org.hebbian4j.competition.RankKAntiHebbian;
import org.hebbian4j.competition.SparseActivity;
import org.hebbian4j.testutil.Matrices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.hebbian4j.testutil.Matrices.assertMatrixEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sparse path of the outer-product rules (only the rows of the neurons a winner-take-all
 * competition selected; {@link OuterProductTerms#sparseRows}) computes what the dense path and a
 * naive per-sample loop compute: for every layout a layer hands a rule, with repeated winners. That
 * every rule's update through it (in layers wide enough to take it) is the naive one is part of
 * {@link LearningRuleContract}.
 */
class SparseUpdateTest {

    static Stream<Arguments> competitionsLayoutsAndTypes() {
        List<Arguments> all = new ArrayList<>();
        for (Competition c : new Competition[]{new HardWta(), new KWta(3), new RankKAntiHebbian(2, 0.4),
                new RankKAntiHebbian(4, 0.25)}) {
            for (boolean layerViews : new boolean[]{false, true}) {
                for (DataType type : new DataType[]{DataType.DOUBLE, DataType.FLOAT}) {
                    all.add(Arguments.of(c, layerViews, type));
                }
            }
        }
        return all.stream();
    }

    private static double tolerance(DataType type) {
        return type == DataType.DOUBLE ? 1e-10 : 1e-4;
    }

    private static INDArray weights(double[][] w, boolean layerViews, DataType type) {
        return layerViews ? Matrices.transposedViewOfF(w, type) : Matrices.array(w, type, 'c');
    }

    private static INDArray nanOut(int nOut, int nIn, boolean layerViews, DataType type) {
        double[][] nan = new double[nOut][nIn];
        for (double[] row : nan) {
            Arrays.fill(row, Double.NaN);
        }
        return layerViews ? Matrices.transposedViewOfF(nan, type) : Matrices.array(nan, type, 'f');
    }

    /** post^T x - diag(sum_b post_b * c_b) W, per sample, with c = values' decay (instar: 1, Krotov: u). */
    private static double[][] naive(double[][] post, double[][] decayFactor, double[][] x, double[][] w) {
        double[][] d = new double[w.length][w[0].length];
        for (int b = 0; b < x.length; b++) {
            for (int i = 0; i < w.length; i++) {
                for (int j = 0; j < w[0].length; j++) {
                    d[i][j] += post[b][i] * (x[b][j] - decayFactor[b][i] * w[i][j]);
                }
            }
        }
        return d;
    }

    private static double[][] ones(int rows, int cols) {
        double[][] m = new double[rows][cols];
        for (double[] row : m) {
            Arrays.fill(row, 1.0);
        }
        return m;
    }

    @ParameterizedTest(name = "{0}, layer views {1}, {2}")
    @MethodSource("competitionsLayoutsAndTypes")
    void sparseRowsEqualTheDensePathAndANaiveLoop(Competition competition, boolean layerViews, DataType type) {
        Random random = new Random(5);
        double[][] x = Matrices.gaussian(random, 12, 7);
        double[][] w = Matrices.gaussian(random, 9, 7);
        // Rows 0-3 identical: their winners repeat, which the per-neuron sums must add up.
        for (int b = 1; b < 4; b++) {
            x[b] = x[0].clone();
        }
        INDArray xs = Matrices.array(x, type, layerViews ? 'f' : 'c');
        INDArray ws = weights(w, layerViews, type);
        INDArray u = xs.mmul(ws.transpose());
        SparseActivity sparse = competition.competeSparse(u);
        double[][] y = Matrices.values(sparse.dense());
        double alpha = -0.3;

        INDArray sparseOut = nanOut(9, 7, layerViews, type);
        OuterProductTerms.writeRows(OuterProductTerms.sparseRows(sparse, sparse.values(), xs, ws), sparseOut, alpha);
        INDArray denseOut = nanOut(9, 7, layerViews, type);
        OuterProductTerms.outerMinusDecay(sparse.dense(), xs, sparse.dense().sum(0), ws, denseOut, alpha);

        double[][] expected = RuleTestSupport.scaled(naive(y, ones(12, 9), x, w), alpha);
        assertMatrixEquals(expected, sparseOut, tolerance(type));
        assertMatrixEquals(expected, denseOut, tolerance(type));
        // Rows of neurons no sample selected are exactly 0 (written, not left as NaN).
        double[][] written = Matrices.values(sparseOut);
        for (int i = 0; i < 9; i++) {
            final int neuron = i;
            boolean selected = Arrays.stream(sparse.columns().toDoubleMatrix()).flatMapToDouble(Arrays::stream)
                    .anyMatch(c -> c == neuron);
            if (!selected) {
                assertTrue(Arrays.stream(written[i]).allMatch(v -> v == 0), "row " + i);
            }
        }
    }

    @Test
    void perEntryDecayIsTheDecayOfItsNeuron() {
        // Krotov-like: entry decay = g_bi * u_bi. 2 samples, 3 neurons, 2 inputs, by hand:
        // x = [[1, 2], [3, 0]], W = [[1, 0], [0, 1], [1, 1]] -> u = x W^T = [[1, 2, 3], [3, 0, 3]]
        // rank-2, delta 0.5: b=0: top 2 (u=3), 2nd 1 (u=2); b=1: top 0 (3, lowest index of the tie), 2nd 2 (3)
        // row 0: 1*([3,0] - 3*[1,0])                          = [0, 0]
        // row 1: -0.5*([1,2] - 2*[0,1])                       = [-0.5, 0]
        // row 2: 1*([1,2] - 3*[1,1]) - 0.5*([3,0] - 3*[1,1])  = [-2, -1] - 0.5*[0, -3] = [-2, 0.5]
        INDArray x = Matrices.array(new double[][]{{1, 2}, {3, 0}}, DataType.DOUBLE, 'c');
        INDArray w = Matrices.array(new double[][]{{1, 0}, {0, 1}, {1, 1}}, DataType.DOUBLE, 'c');
        INDArray u = x.mmul(w.transpose());
        SparseActivity g = new RankKAntiHebbian(2, 0.5).competeSparse(u);
        INDArray out = nanOut(3, 2, false, DataType.DOUBLE);

        OuterProductTerms.writeRows(OuterProductTerms.sparseRows(g, g.values().mul(g.valuesAt(u)), x, w), out, 1.0);

        assertMatrixEquals(new double[][]{{0, 0}, {-0.5, 0}, {-2, 0.5}}, out, 1e-15);
    }

    @Test
    void sparsePathIsTakenOnlyForLayersWideEnoughForTheBatchsEntries() {
        SparseActivity fewRows = new HardWta().competeSparse(Matrices.array(Matrices.gaussian(new Random(1), 4, 600),
                DataType.DOUBLE, 'c'));
        SparseActivity manyRows = new HardWta().competeSparse(Matrices.array(Matrices.gaussian(new Random(1), 200, 600),
                DataType.DOUBLE, 'c'));
        SparseActivity twoPerRow = new RankKAntiHebbian(2, 0.4).competeSparse(Matrices.array(
                Matrices.gaussian(new Random(1), 200, 600), DataType.DOUBLE, 'c'));

        assertTrue(OuterProductTerms.sparseIsCheaper(fewRows, 256));
        assertFalse(OuterProductTerms.sparseIsCheaper(fewRows, 255), "too few neurons");
        assertTrue(OuterProductTerms.sparseIsCheaper(manyRows, 400), "200 entries select at most half of 400");
        assertFalse(OuterProductTerms.sparseIsCheaper(manyRows, 399));
        assertFalse(OuterProductTerms.sparseIsCheaper(twoPerRow, 600), "400 entries could select most of 600");
        assertTrue(OuterProductTerms.sparseIsCheaper(twoPerRow, 800));
        assertFalse(OuterProductTerms.sparseIsCheaper(null, 100_000));
    }

    @Test
    void inputProjectionIsThePreActivationWithoutBiasOrNullWhenUnknown() {
        INDArray u = Matrices.array(new double[][]{{1, 2, 3}, {4, 5, 6}}, DataType.DOUBLE, 'c');
        INDArray zero = Matrices.array(new double[][]{{0, 0, 0}}, DataType.DOUBLE, 'c');
        INDArray bias = Matrices.array(new double[][]{{1, 0, -1}}, DataType.DOUBLE, 'c');
        LocalSignals signals = LocalSignals.of(u, u, u, u);

        assertTrue(signals.inputProjection() == null);
        assertTrue(signals.withBias(zero).inputProjection() == u, "zero bias: u itself, no copy");
        assertMatrixEquals(new double[][]{{0, 2, 4}, {3, 5, 7}}, signals.withBias(bias).inputProjection(), 0.0);
        assertMatrixEquals(new double[][]{{1, 2, 3}, {4, 5, 6}}, u, 0.0);
    }
}
