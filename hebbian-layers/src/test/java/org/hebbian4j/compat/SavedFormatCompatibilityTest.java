package org.hebbian4j.compat;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Configurations and models saved by an earlier version (the committed files under
 * {@code src/test/resources/compat}, written by {@link SavedFormatFixtures} at commit baa49c4) still
 * load: their JSON gives the configuration today's builders make from the same settings, and their
 * zips restore, predict exactly what they predicted when saved, and go on training.
 */
class SavedFormatCompatibilityTest {

    private static Path resource(String name) {
        try {
            return Path.of(SavedFormatCompatibilityTest.class.getResource("/compat/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("test resource compat/" + name + " is missing", e);
        }
    }

    private static INDArray savedOutput(String name) throws IOException {
        return Nd4j.readBinary(resource(name + "-output.bin").toFile());
    }

    @ParameterizedTest
    @ValueSource(strings = {"convolutional", "descent"})
    void savedJsonGivesTheConfigurationOfTodaysBuilders(String name) throws IOException {
        String json = Files.readString(resource(name + ".json"), StandardCharsets.UTF_8);
        Supplier<MultiLayerConfiguration> today = name.equals("convolutional")
                ? SavedFormatFixtures::convolutional : SavedFormatFixtures::descent;
        MultiLayerConfiguration loaded = MultiLayerConfiguration.fromJson(json);
        // Saved after training: compared with today's configuration after the same training.
        assertEquals(SavedFormatFixtures.trained(today.get()).getLayerWiseConfigurations(), loaded);
        // And today's JSON reads back to the same configuration.
        assertEquals(loaded, MultiLayerConfiguration.fromJson(loaded.toJson()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"convolutional", "descent", "main-job"})
    void savedModelRestoresAndPredictsAsWhenSaved(String name) throws IOException {
        MultiLayerNetwork net = ModelSerializer.restoreMultiLayerNetwork(resource(name + ".zip").toFile(), true);
        INDArray expected = savedOutput(name);
        long inputs = name.equals("main-job") ? 784 : 64;
        INDArray actual = net.output(SavedFormatFixtures.fixedInput(expected.rows(), inputs));
        assertEquals(expected, actual);
    }

    @ParameterizedTest
    @ValueSource(strings = {"convolutional", "descent"})
    void savedModelGoesOnTraining(String name) throws IOException {
        MultiLayerNetwork net = ModelSerializer.restoreMultiLayerNetwork(resource(name + ".zip").toFile(), true);
        INDArray before = net.params().dup();
        net.fit(new DataSet(SavedFormatFixtures.fixedInput(16, 64), SavedFormatFixtures.fixedLabels(16, 4)));
        assertTrue(net.params().sub(before).norm2Number().doubleValue() > 0, "a fit step changes the parameters");
        assertTrue(Double.isFinite(net.params().sumNumber().doubleValue()), "finite parameters");
    }
}
