package org.hebbian4j.rules;

import org.hebbian4j.rules.RuleTestSupport.Layout;
import org.hebbian4j.rules.RuleTestSupport.Prepared;
import org.hebbian4j.testutil.Matrices;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link LearningRuleContract} for a {@link StatefulRule}, which a stateful rule's test extends with the
 * naive form of its state's change as well: the update is checked with random state vectors (uniform in
 * [-0.5, 1.5)), and {@link StatefulRule#stateChange} after the batch equals {@link #naiveStateChange} as a
 * new {@code [1, length]} array, leaving the signals and the state as they were, for every declared state
 * vector; the declarations are well formed (names unique and not W, b or theta; lengths by axis).
 *
 * @param <R> the rule class
 */
public abstract class StatefulRuleContract<R extends StatefulRule> extends LearningRuleContract<R> {

    /** The change of {@code state} after the batch (the layer adds it to the state), by plain loops. */
    protected abstract double[] naiveStateChange(R rule, RuleState state, Signals s);

    static Stream<Arguments> stateCases() {
        return Stream.of(
                Arguments.of(Layout.PLAIN, DataType.DOUBLE, 7, 11, 5),
                Arguments.of(Layout.LAYER_VIEWS, DataType.FLOAT, 7, 11, 5),
                Arguments.of(Layout.FLAT_VIEWS, DataType.DOUBLE, 1, 11, 1),
                Arguments.of(Layout.FLAT_VIEWS, DataType.FLOAT, 9, 13, 8),
                Arguments.of(Layout.FLAT_VIEWS, DataType.DOUBLE, 40, 30, 24));
    }

    @ParameterizedTest(name = "{0} {1} B={2} nIn={3} nOut={4}")
    @MethodSource("stateCases")
    void stateChangeEqualsTheNaiveLoop(Layout layout, DataType dataType, int batchSize, int nIn, int nOut) {
        for (R rule : fitting(nOut)) {
            List<RuleState> declared = rule.stateVariables();
            assertFalse(declared.isEmpty(), rule + ": a StatefulRule declares its state");
            Set<String> names = new HashSet<>(List.of("W", "b", "theta"));
            for (RuleState s : declared) {
                assertTrue(names.add(s.name()), rule + ": state name " + s.name() + " unique and not W, b or theta");
                assertEquals(s.axis() == RuleState.Axis.OUTPUTS ? nOut : nIn, s.length(nIn, nOut), rule + ": length");
            }
            Prepared p = randomBatch(rule, seed("state", layout, dataType, batchSize, nIn, nOut), layout, dataType,
                    batchSize, nIn, nOut);
            for (RuleState s : declared) {
                String context = rule + ", state " + s.name() + ", " + layout + " " + dataType + " B " + batchSize;

                INDArray change = rule.stateChange(p.signals(), s);

                p.assertInputsUnchanged(context);
                assertArrayEquals(new long[]{1, s.length(nIn, nOut)}, change.shape(), context + ": shape");
                assertClose(new double[][]{naiveStateChange(rule, s, naiveSignals(p))}, Matrices.values(change),
                        tolerance(rule, dataType), context);
            }
        }
    }
}
