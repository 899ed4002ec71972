package org.hebbian4j.metrics;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OutputEntropyTest {

    @Test
    void handCase() {
        // a = (1, 1, 2): a^ = 4, p = (1/4, 1/4, 1/2);
        // H = -(2 * 1/4 ln 1/4 + 1/2 ln 1/2) = 1/2 ln 4 + 1/2 ln 2 = ln 2 + 1/2 ln 2 = 1.5 ln 2 = 1.0397...
        assertEquals(1.5 * Math.log(2), OutputEntropy.of(new double[]{1, 1, 2}), 1e-15);
    }

    @Test
    void oneActiveNeuronGivesZeroAndUniformOutputGivesLogN() {
        assertEquals(0.0, OutputEntropy.of(new double[]{0, 0, 7, 0}), 0.0);
        assertEquals(Math.log(5), OutputEntropy.of(new double[]{0.3, 0.3, 0.3, 0.3, 0.3}), 1e-15);
    }

    @Test
    void signedOutputsCountByMagnitudeAndAllZeroHasNoEntropy() {
        assertEquals(OutputEntropy.of(new double[]{1, 1, 2}), OutputEntropy.of(new double[]{-1, 1, -2}), 1e-15);
        assertTrue(Double.isNaN(OutputEntropy.of(new double[]{0, 0})));
    }

    @Test
    void batchSumsRowEntropiesAndSkipsAllZeroRows() {
        INDArray batch = Nd4j.createFromArray(new double[][]{{1, 1, 2}, {0, 0, 0}, {0, 5, 0}, {2, 2, 2}}).castTo(DataType.FLOAT);
        OutputEntropy.Sum sum = OutputEntropy.ofBatch(batch);
        assertEquals(3, sum.vectors());
        assertEquals(1.5 * Math.log(2) + 0 + Math.log(3), sum.entropySum(), 1e-6);
        assertEquals((1.5 * Math.log(2) + Math.log(3)) / 3, sum.mean(), 1e-6);
    }

    @Test
    void convolutionOutputsGiveOneVectorAcrossChannelsPerSampleAndPosition() {
        // [B=2, C=3, H=1, W=2]; the channel vectors are (1,1,2), (0,0,1) for sample 0 and (1,1,1), (0,0,0) for sample 1.
        INDArray out = Nd4j.zeros(DataType.DOUBLE, 2, 3, 1, 2);
        double[][] vectors = {{1, 1, 2}, {0, 0, 1}, {1, 1, 1}, {0, 0, 0}};
        for (int v = 0; v < 4; v++) {
            for (int c = 0; c < 3; c++) {
                out.putScalar(new long[]{v / 2, c, 0, v % 2}, vectors[v][c]);
            }
        }
        OutputEntropy.Sum sum = OutputEntropy.ofBatch(out);
        assertEquals(3, sum.vectors());
        assertEquals(1.5 * Math.log(2) + 0 + Math.log(3), sum.entropySum(), 1e-12);
    }
}
