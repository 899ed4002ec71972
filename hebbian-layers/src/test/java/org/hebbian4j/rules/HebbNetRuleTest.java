package org.hebbian4j.rules;

import org.hebbian4j.rules.HebbNetRule.Level;
import org.hebbian4j.rules.RuleTestSupport.Batch;
import org.hebbian4j.rules.RuleTestSupport.Layout;
import org.hebbian4j.testutil.Matrices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.hebbian4j.testutil.Matrices.assertMatrixEquals;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HebbNetRuleTest extends StatefulRuleContract<HebbNetRule> {

    private static final String T = HebbNetRule.AVERAGE_STATE;

    /** Every level, and two settings of the sparsity and momentum. */
    @Override
    protected List<HebbNetRule> rules() {
        return List.of(new HebbNetRule(0.7, 0.9, Level.NEURON), new HebbNetRule(0.7, 0.9, Level.ENTRY),
                new HebbNetRule(0.7, 0.9, Level.ACTIVATION), new HebbNetRule(0.6, 0.95, Level.NEURON),
                new HebbNetRule(0.6, 0.95, Level.ENTRY));
    }

    /** The naive loops of {@link NaiveHebbNet}. */
    @Override
    protected double[][] naiveUpdate(HebbNetRule rule, Signals s) {
        return NaiveHebbNet.update(rule, s.x(), s.y(), s.state(T), s.nIn());
    }

    /** T <- m T + (1 - m) mean_b y: the change is (1 - m) (mean_b y - T). */
    @Override
    protected double[] naiveStateChange(HebbNetRule rule, RuleState state, Signals s) {
        return NaiveHebbNet.averageChange(state, s.y(), s.state(state.name()));
    }

    @Test
    void entryLevelUpdateOfTwoSampleBatchMatchesHandArithmetic() {
        double[][] x = {{1, 2, 3}, {0, -1, 2}};
        double[][] w = {{1, 0, -1}, {0.5, 1, 0}};  // HebbNet does not read W
        double[][] u = {{-2, 2.5}, {-2, -1}};      // nor u
        double[][] y = {{1, 0.5}, {2, -1}};
        double[] average = {0.5, 1};                 // T
        // D_ij = mean_b (y_bi - T_i) x_bj
        // row 0: y - T = (0.5, 1.5):  (0.5*[1,2,3] + 1.5*[0,-1,2]) / 2  = [0.5,-0.5,4.5] / 2  = [0.25, -0.25, 2.25]
        // row 1: y - T = (-0.5, -2):  (-0.5*[1,2,3] - 2*[0,-1,2]) / 2   = [-0.5,1,-5.5] / 2  = [-0.25, 0.5, -2.75]
        // sparsity 0.5 of 6 entries: floor(3) zeroed, the 3 largest |D| kept: 2.75, 2.25, 0.5
        double[][] expected = {{0, 0, 2.25}, {0, 0.5, -2.75}};

        INDArray out = RuleTestSupport.update(new HebbNetRule(0.5, 0.9, Level.ENTRY), new Batch(x, u, y, w),
                Map.of(T, average), Layout.PLAIN, DataType.DOUBLE, 1.0);

        assertMatrixEquals(expected, out, 1e-15);
    }

    @Test
    void entryLevelKeepsEntriesTiedWithTheLastKeptOne() {
        // Same D as above: |D| = 2.75, 2.25, 0.5, 0.25, 0.25, 0.25. Sparsity 0.4: floor(2.4) = 2
        // zeroed, 4 kept; the 4th largest is 0.25, tied with two more: all 6 entries survive.
        double[][] x = {{1, 2, 3}, {0, -1, 2}};
        double[][] y = {{1, 0.5}, {2, -1}};
        Batch batch = new Batch(x, new double[2][2], y, new double[2][3]);

        INDArray out = RuleTestSupport.update(new HebbNetRule(0.4, 0.9, Level.ENTRY), batch, Map.of(T, new double[]{0.5, 1}),
                Layout.PLAIN, DataType.DOUBLE, 1.0);

        assertMatrixEquals(new double[][]{{0.25, -0.25, 2.25}, {-0.25, 0.5, -2.75}}, out, 1e-15);
    }

    @ParameterizedTest(name = "sparsity {0}")
    @ValueSource(doubles = {0.0, 0.3, 0.7, 0.8, 0.95})
    void entryLevelKeepsExactlyTheTopShareOfEntriesByMagnitude(double sparsity) {
        Batch batch = Batch.random(23, 16, 13, 9);     // 117 entries, continuous: no ties
        HebbNetRule rule = new HebbNetRule(sparsity, 0.9, Level.ENTRY);
        double[] zeroAverage = new double[9];
        double[][] dense = Matrices.values(RuleTestSupport.update(new HebbNetRule(0.0, 0.9, Level.ENTRY), batch,
                Map.of(T, zeroAverage), Layout.PLAIN, DataType.DOUBLE, 1.0));

        double[][] sparse = Matrices.values(RuleTestSupport.update(rule, batch, Map.of(T, zeroAverage),
                Layout.PLAIN, DataType.DOUBLE, 1.0));

        long expectedKept = 117 - (long) Math.floor(sparsity * 117 + 1e-9);
        double smallestKept = Double.POSITIVE_INFINITY;
        double largestDropped = 0;
        long kept = 0;
        for (int i = 0; i < 9; i++) {
            for (int j = 0; j < 13; j++) {
                if (sparse[i][j] != 0) {
                    kept++;
                    assertEquals(dense[i][j], sparse[i][j], 0.0, "a kept entry is unchanged");
                    smallestKept = Math.min(smallestKept, Math.abs(dense[i][j]));
                } else {
                    largestDropped = Math.max(largestDropped, Math.abs(dense[i][j]));
                }
            }
        }
        assertEquals(expectedKept, kept, "entries kept");
        assertTrue(smallestKept > largestDropped, "every kept |entry| above every dropped one");
    }

    @Test
    void neuronLevelUpdateOfTwoSampleBatchMatchesHandArithmetic() {
        double[][] x = {{1, 2, 3}, {0, -1, 2}};
        double[][] y = {{1, 0.5, 0}, {2, -1, 1}};
        double[] average = {0.5, 1, 0};
        // D rows as above, plus neuron 2: y - T = (0, 1): (0*[1,2,3] + 1*[0,-1,2]) / 2 = [0, -0.5, 1]
        // row norms: |[0.25,-0.25,2.25]| = sqrt(5.1875) = 2.278, |[-0.25,0.5,-2.75]| = sqrt(7.875) = 2.806,
        //            |[0,-0.5,1]| = sqrt(1.25) = 1.118
        // sparsity 0.4 of 3 neurons: floor(1.2) = 1 zeroed -> rows 0 and 1 kept, row 2 zeroed
        // sparsity 0.7: floor(2.1) = 2 zeroed -> only row 1 kept
        Batch batch = new Batch(x, new double[2][3], y, new double[3][3]);

        INDArray twoKept = RuleTestSupport.update(new HebbNetRule(0.4, 0.9, Level.NEURON), batch, Map.of(T, average),
                Layout.PLAIN, DataType.DOUBLE, 1.0);
        INDArray oneKept = RuleTestSupport.update(new HebbNetRule(0.7, 0.9, Level.NEURON), batch, Map.of(T, average),
                Layout.PLAIN, DataType.DOUBLE, 1.0);

        assertMatrixEquals(new double[][]{{0.25, -0.25, 2.25}, {-0.25, 0.5, -2.75}, {0, 0, 0}}, twoKept, 1e-15);
        assertMatrixEquals(new double[][]{{0, 0, 0}, {-0.25, 0.5, -2.75}, {0, 0, 0}}, oneKept, 1e-15);
    }

    @ParameterizedTest(name = "sparsity {0}")
    @ValueSource(doubles = {0.0, 0.3, 0.8, 0.95})
    void neuronLevelKeepsExactlyTheTopShareOfNeuronsWholeAndUnchanged(double sparsity) {
        Batch batch = Batch.random(25, 16, 13, 40);     // continuous: no ties among the 40 row norms
        double[] zeroAverage = new double[40];
        double[][] dense = Matrices.values(RuleTestSupport.update(new HebbNetRule(0.0, 0.9, Level.NEURON), batch,
                Map.of(T, zeroAverage), Layout.PLAIN, DataType.DOUBLE, 1.0));

        double[][] sparse = Matrices.values(RuleTestSupport.update(new HebbNetRule(sparsity, 0.9, Level.NEURON), batch,
                Map.of(T, zeroAverage), Layout.PLAIN, DataType.DOUBLE, 1.0));

        long expectedKept = 40 - (long) Math.floor(sparsity * 40 + 1e-9);
        double smallestKept = Double.POSITIVE_INFINITY;
        double largestDropped = 0;
        long kept = 0;
        for (int i = 0; i < 40; i++) {
            double norm = Math.sqrt(Arrays.stream(dense[i]).map(v -> v * v).sum());
            if (Arrays.stream(sparse[i]).anyMatch(v -> v != 0)) {
                kept++;
                assertArrayEquals(dense[i], sparse[i], 0.0, "a kept neuron's row is unchanged");
                smallestKept = Math.min(smallestKept, norm);
            } else {
                largestDropped = Math.max(largestDropped, norm);
            }
        }
        assertEquals(expectedKept, kept, "neurons kept");
        assertTrue(smallestKept > largestDropped, "every kept row's norm above every dropped one");
    }

    @Test
    void activationLevelUpdateOfTwoSampleBatchMatchesHandArithmetic() {
        double[][] x = {{1, 2, 3}, {0, -1, 2}};
        double[][] y = {{1, 0.5, 0, 2}, {0.25, 3, 3, 0}};
        double[] average = {0.5, 1, 0.5, 1};                   // T
        // sparsity 0.5 of 4 neurons: the 2 most active of each sample learn (ties kept, zeros never):
        // sample 0: y = (1, 0.5, 0, 2): neurons 3 and 0; sample 1: y = (0.25, 3, 3, 0): neurons 1 and 2.
        // D_i = (1/2) sum over the samples where i is kept of (y_bi - T_i) x_b
        // row 0: (1 - 0.5) [1, 2, 3] / 2 = [0.25, 0.5, 0.75]
        // row 1: (3 - 1) [0, -1, 2] / 2  = [0, -1, 2]
        // row 2: (3 - 0.5) [0, -1, 2] / 2 = [0, -1.25, 2.5]
        // row 3: (2 - 1) [1, 2, 3] / 2   = [0.5, 1, 1.5]
        double[][] expected = {{0.25, 0.5, 0.75}, {0, -1, 2}, {0, -1.25, 2.5}, {0.5, 1, 1.5}};

        INDArray out = RuleTestSupport.update(new HebbNetRule(0.5, 0.9, Level.ACTIVATION),
                new Batch(x, new double[2][4], y, new double[4][3]), Map.of(T, average), Layout.PLAIN, DataType.DOUBLE, 1.0);

        assertMatrixEquals(expected, out, 1e-15);
    }

    @Test
    void activationLevelLearnsNothingForSamplesWithoutPositiveActivity() {
        double[][] x = {{1, 2, 3}};
        double[][] y = {{0, 0, 0, 0}};
        INDArray out = RuleTestSupport.update(new HebbNetRule(0.5, 0.9, Level.ACTIVATION),
                new Batch(x, new double[1][4], y, new double[4][3]), Map.of(T, new double[]{0.5, 1, 0.5, 1}),
                Layout.PLAIN, DataType.DOUBLE, 1.0);

        assertMatrixEquals(new double[4][3], out, 0.0);
    }

    @Test
    void runningAverageMovesTowardsTheBatchMeanOfTheActivity() {
        // T <- m T + (1 - m) mean_b y with m = 0.75: mean_b y = [(1+2)/2, (0.5-1)/2] = [1.5, -0.25]
        // change = 0.25 * ([1.5, -0.25] - [0.5, 1]) = [0.25, -0.3125]
        HebbNetRule rule = new HebbNetRule(0.8, 0.75);
        RuleState state = rule.stateVariables().get(0);
        INDArray y = Nd4j.create(new double[][]{{1, 0.5}, {2, -1}});
        INDArray x = Nd4j.create(new double[][]{{1, 2, 3}, {0, -1, 2}});
        LocalSignals signals = LocalSignals.of(x, y, y, Nd4j.zeros(2, 3))
                .withState(Map.of(T, Nd4j.create(new double[][]{{0.5, 1}})));

        INDArray change = rule.stateChange(signals, state);

        assertMatrixEquals(new double[][]{{0.25, -0.3125}}, change, 1e-15);
        assertEquals(List.of(new RuleState(T, RuleState.Axis.OUTPUTS, 0.0, 0.75)), rule.stateVariables());
    }

    @Test
    void withoutItsStateTheRuleFailsNamingTheState() {
        Batch batch = Batch.random(24, 4, 3, 2);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> RuleTestSupport.update(new HebbNetRule(), batch, Layout.PLAIN, DataType.DOUBLE, 1.0));

        assertTrue(e.getMessage().contains(T), e.getMessage());
    }

    @Test
    void defaultsAndValidation() {
        assertEquals(new HebbNetRule(0.8, 0.99, Level.NEURON), new HebbNetRule());
        assertEquals(new HebbNetRule(0.5, 0.9, Level.NEURON), new HebbNetRule(0.5, 0.9));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new HebbNetRule(1.0, 0.9))
                .getMessage().contains("sparsity"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new HebbNetRule(0.5, 1.0))
                .getMessage().contains("averageMomentum"));
    }

    @Test
    void jsonWrittenBeforeTheLevelExistedReadsBackAsEntryLevel() throws Exception {
        String old = "{\"@class\":\"org.hebbian4j.rules.HebbNetRule\",\"sparsity\":0.8,\"averageMomentum\":0.99}";
        LearningRule rule = org.deeplearning4j.nn.conf.NeuralNetConfiguration.mapper().readValue(old, LearningRule.class);
        assertEquals(new HebbNetRule(0.8, 0.99, Level.ENTRY), rule);
    }
}
