package org.hebbian4j.samples.pictures;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TrainingChartsTest {

    @Test
    void lineChartIsWrittenAsAPngOfTheRequestedSize(@TempDir Path dir) throws Exception {
        Map<String, TrainingCharts.Series> lines = TrainingCharts.lines();
        lines.put("gini", new TrainingCharts.Series(new double[]{1, 2, 3}, new double[]{0.9, 0.8, 0.7}));
        lines.put("dead fraction", new TrainingCharts.Series(new double[]{1, 2, 3}, new double[]{0.5, 0.4, 0.35}));
        lines.put("empty", new TrainingCharts.Series(new double[0], new double[0]));
        Path file = dir.resolve("chart.png");
        TrainingCharts.writePng(TrainingCharts.lineChart("t", "step", "", lines, new double[]{0, 1}, 640, 360), file);
        BufferedImage image = ImageIO.read(file.toFile());
        assertNotNull(image, "a PNG ImageIO can read");
        assertEquals(640, image.getWidth());
        assertEquals(360, image.getHeight());
    }

    @Test
    void seriesOfUnequalLengthAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new TrainingCharts.Series(new double[2], new double[3]));
    }
}
