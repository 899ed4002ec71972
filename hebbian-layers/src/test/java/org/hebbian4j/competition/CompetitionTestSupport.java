package org.hebbian4j.competition;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.hebbian4j.testutil.Matrices;
import org.junit.jupiter.params.provider.Arguments;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.databind.ObjectMapper;

import java.util.stream.Stream;

import static org.hebbian4j.testutil.Matrices.assertMatrixEquals;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the tests of every competition share. */
final class CompetitionTestSupport {

    private CompetitionTestSupport() {
    }

    /** Data type, ordering of u, tolerance: the layouts a competition must handle. */
    static Stream<Arguments> dataTypesAndOrders() {
        return Stream.of(
                Arguments.of(DataType.DOUBLE, 'c', 1e-12),
                Arguments.of(DataType.DOUBLE, 'f', 1e-12),
                Arguments.of(DataType.FLOAT, 'c', 1e-6),
                Arguments.of(DataType.FLOAT, 'f', 1e-6));
    }

    /**
     * Runs the competition on {@code u} laid out as asked, checks that u was not modified and that y
     * has u's shape and data type, and returns y.
     */
    static INDArray compete(Competition competition, double[][] u, DataType dataType, char order) {
        INDArray input = Matrices.array(u, dataType, order);
        INDArray y = competition.compete(input);
        assertMatrixEquals(Matrices.values(Matrices.array(u, dataType, order)), input, 0.0);
        assertArrayEquals(input.shape(), y.shape(), "shape of y");
        assertEquals(dataType, y.dataType(), "data type of y");
        return y;
    }

    /** Serializes as the interface type with DL4J's mapper, reads back, and asserts equality. */
    static void assertJsonRoundTrip(Competition competition) throws Exception {
        ObjectMapper mapper = NeuralNetConfiguration.mapper();
        String json = mapper.writerFor(Competition.class).writeValueAsString(competition);
        assertTrue(json.contains(competition.getClass().getName()), "JSON names the class: " + json);
        Competition back = mapper.readValue(json, Competition.class);
        assertEquals(competition, back, "round trip of " + json);
    }
}
