package org.hebbian4j.testutil;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The auto-detected {@link SeededNd4jRandom} has seeded ND4J from this test's unique id. */
class SeededNd4jRandomTest {

    @Test
    void everyTestStartsFromTheSeedOfItsUniqueId() {
        String uniqueId = "[engine:junit-jupiter]/[class:org.hebbian4j.testutil.SeededNd4jRandomTest]"
                + "/[method:everyTestStartsFromTheSeedOfItsUniqueId()]";
        assertEquals(uniqueId.hashCode(), Nd4j.getRandom().getSeed());
    }
}
