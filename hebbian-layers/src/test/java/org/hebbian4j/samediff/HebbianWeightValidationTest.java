package org.hebbian4j.samediff;

import org.hebbian4j.competition.NoCompetition;
import org.hebbian4j.rules.InstarRule;
import org.hebbian4j.rules.SupervisedHebbRule;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Sgd;

import static org.hebbian4j.samediff.SameDiffGraphs.N_IN;
import static org.hebbian4j.samediff.SameDiffGraphs.N_OUT;
import static org.hebbian4j.samediff.SameDiffGraphs.data;
import static org.hebbian4j.samediff.SameDiffGraphs.graph;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad usage is refused with a message that names the weight and what is wrong. */
class HebbianWeightValidationTest {

    private static SameDiff sd() {
        return graph(Nd4j.rand(DataType.DOUBLE, N_IN, N_OUT), new Sgd(0.1));
    }

    private static void assertRefused(Class<? extends RuntimeException> type, Runnable attach, String... fragments) {
        RuntimeException e = assertThrows(type, attach::run);
        for (String fragment : fragments) {
            assertTrue(e.getMessage().contains(fragment), "message must name " + fragment + ": " + e.getMessage());
        }
    }

    @Test
    void aVariableThatDoesNotExistIsRefusedByName() {
        assertRefused(IllegalArgumentException.class,
                () -> HebbianTraining.attach(sd(), HebbianWeight.dense("W9", "in", "u1").build()), "\"W9\"", "weight");
        assertRefused(IllegalArgumentException.class,
                () -> HebbianTraining.attach(sd(), HebbianWeight.dense("W1", "pixels", "u1").build()), "\"W1\"", "\"pixels\"");
        assertRefused(IllegalArgumentException.class,
                () -> HebbianTraining.attach(sd(), HebbianWeight.dense("W1", "in", "z1").build()), "\"W1\"", "\"z1\"");
    }

    @Test
    void aWeightWhoseShapeDoesNotMatchItsInputIsRefused() {
        SameDiff sd = SameDiff.create();
        SDVariable in = sd.placeHolder("in", DataType.DOUBLE, -1, 4);
        SDVariable w = sd.var("W", Nd4j.rand(DataType.DOUBLE, 5, 3));
        in.mmul("u", w);

        assertRefused(IllegalArgumentException.class,
                () -> HebbianTraining.attach(sd, HebbianWeight.dense("W", "in", "u").build()), "\"W\"", "[5, 3]", "[-1, 4]");
    }

    @Test
    void aSupervisedRuleOnAnUnsupervisedWeightIsRefused() {
        assertRefused(IllegalArgumentException.class, () -> HebbianTraining.attach(sd(), HebbianWeight.dense("W1", "in", "u1")
                .rule(new SupervisedHebbRule()).competition(new NoCompetition()).build()), "\"W1\"", "labels");
    }

    @Test
    void anInputThatPassesTheGradientBelowIsRefused() {
        SameDiff sd = SameDiff.create();
        SDVariable in = sd.placeHolder("in", DataType.DOUBLE, -1, 4);
        SDVariable h = sd.math.tanh("h", in.mmul(sd.var("W0", Nd4j.rand(DataType.DOUBLE, 4, 4))));
        h.mmul("u", sd.var("W", Nd4j.rand(DataType.DOUBLE, 4, 3)));

        assertRefused(IllegalArgumentException.class,
                () -> HebbianTraining.attach(sd, HebbianWeight.dense("W", "h", "u").build()), "\"W\"", "\"h\"", "StopGradients");
    }

    @Test
    void aPreActivationNotComputedFromTheWeightIsRefused() {
        assertRefused(IllegalArgumentException.class,
                () -> HebbianTraining.attach(sd(), HebbianWeight.dense("W1", "in", "h1").build()), "\"W1\"", "\"h1\"");
    }

    @Test
    void aWeightMarkedTwiceOrASecondAttachIsRefused() {
        SameDiff sd = sd();
        HebbianWeight w1 = HebbianWeight.dense("W1", "in", "u1").build();
        assertRefused(IllegalArgumentException.class, () -> HebbianTraining.attach(sd, w1, w1), "\"W1\"", "twice");
        HebbianTraining.attach(sd, w1);
        assertRefused(IllegalStateException.class, () -> HebbianTraining.attach(sd, w1), "already");
    }

    @Test
    void anUpdaterOtherThanSgdWithoutADirectStepIsRefusedBeforeAnythingMoves() {
        SameDiff sd = graph(Nd4j.rand(DataType.DOUBLE, N_IN, N_OUT), new Adam(0.01));
        HebbianTraining.attach(sd, HebbianWeight.dense("W1", "in", "u1").rule(new InstarRule()).build());
        INDArray w2 = sd.getArrForVarName("W2").dup();

        assertRefused(IllegalStateException.class, () -> sd.fit(data(DataType.DOUBLE, 8, 3)), "\"W1\"", "Adam", "directStep");
        assertEquals(w2, sd.getArrForVarName("W2"));
    }
}
