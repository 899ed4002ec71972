package org.hebbian4j.protocol;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DataSplitsTest {

    private static DataSet numbered(int n) {
        return new DataSet(Nd4j.arange(n).castTo(DataType.FLOAT).reshape(n, 1), Nd4j.zeros(DataType.FLOAT, n, 3));
    }

    @Test
    void holdsOutTheLastExamplesForValidation() {
        DataSplits s = DataSplits.holdOut(numbered(10), numbered(4), 3);
        assertEquals(7, s.train().numExamples());
        assertEquals(3, s.validation().numExamples());
        assertEquals(4, s.test().numExamples());
        assertEquals(6, s.train().getFeatures().getDouble(6, 0));
        assertEquals(7, s.validation().getFeatures().getDouble(0, 0));
        assertEquals(9, s.validation().getFeatures().getDouble(2, 0));
        assertEquals("7 / 3 / 4", s.toString());
    }

    @Test
    void limitKeepsTheFirstExamplesOfEachSplit() {
        DataSplits s = DataSplits.holdOut(numbered(10), numbered(4), 3).limit(2, 0, 1);
        assertEquals(2, s.train().numExamples());
        assertEquals(3, s.validation().numExamples());
        assertEquals(1, s.test().numExamples());
        assertEquals(7, s.validation().getFeatures().getDouble(0, 0));
    }

    @Test
    void rejectsAValidationSetThatLeavesNothingToTrainOn() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DataSplits.holdOut(numbered(10), numbered(4), 10))
                .getMessage().contains("1..9"));
        assertThrows(IllegalArgumentException.class, () -> DataSplits.holdOut(numbered(10), numbered(4), 0));
    }
}
