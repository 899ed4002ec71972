package org.hebbian4j.samediff;

import org.hebbian4j.competition.Rectified;
import org.hebbian4j.homeostasis.AdaptiveThreshold;
import org.hebbian4j.rules.HebbNetRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

import static org.hebbian4j.samediff.SameDiffGraphs.N_IN;
import static org.hebbian4j.samediff.SameDiffGraphs.N_OUT;
import static org.hebbian4j.samediff.SameDiffGraphs.data;
import static org.hebbian4j.samediff.SameDiffGraphs.graph;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** {@code sd.save} and {@code SameDiff.load} keep the Hebbian weights' state: the next step is the same. */
class HebbianWeightSaveLoadTest {

    @TempDir
    File dir;

    private static HebbianWeight hebbian() {
        return HebbianWeight.dense("W1", "in", "u1").rule(new HebbNetRule(0.5, 0.6)).competition(new Rectified())
                .homeostasis(new AdaptiveThreshold(0.5)).build();
    }

    @Test
    void aLoadedGraphTakesTheSameNextStepAsTheGraphThatWasSaved() throws Exception {
        Nd4j.getRandom().setSeed(1);
        SameDiff sd = graph(Nd4j.rand(DataType.DOUBLE, N_IN, N_OUT).muli(0.5), new Sgd(0.05));
        HebbianTraining training = HebbianTraining.attach(sd, hebbian());
        sd.fit(data(DataType.DOUBLE, 16, 21));
        List<String> compared = new ArrayList<>(List.of("W1", "W2", "b2"));
        compared.addAll(training.stateVariables("W1").values());
        for (String state : training.stateVariables("W1").values()) {
            assertNotEquals(0.0, sd.getArrForVarName(state).amaxNumber().doubleValue(), "state " + state + " moved in step 1");
        }
        File file = new File(dir, "hebbian.sd");
        sd.save(file, true);

        SameDiff loaded = SameDiff.load(file, true);
        HebbianTraining.attach(loaded, hebbian());
        for (String name : compared) {
            assertEquals(sd.getArrForVarName(name), loaded.getArrForVarName(name), name + " as loaded");
        }
        sd.fit(data(DataType.DOUBLE, 16, 22));
        loaded.fit(data(DataType.DOUBLE, 16, 22));

        for (String name : compared) {
            assertEquals(0, sd.getArrForVarName(name).sub(loaded.getArrForVarName(name)).amaxNumber().doubleValue(), 1e-12,
                    name + " after the step that follows the load");
        }
    }
}
