package org.hebbian4j.samples.pictures;

import org.deeplearning4j.nn.api.Layer;
import org.hebbian4j.metrics.HebbianStatisticsListener;
import org.hebbian4j.metrics.LayerSnapshot;
import org.hebbian4j.metrics.LayerSummary;
import org.hebbian4j.visualization.WeightImages;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The pictures of one training run of a Hebbian layer, written next to its results:
 * <ul>
 *   <li>{@value #WEIGHTS}: the layer's weights as tiles, most updated neuron first, green frames for
 *       live and red for dead neurons;</li>
 *   <li>{@value #DYNAMICS}: the Gini coefficient of the average update sizes, the fraction of dead
 *       neurons and (if measured) the test accuracy over training steps;</li>
 *   <li>{@value #ENTROPY}: the mean entropy of the layer's outputs over training steps.</li>
 * </ul>
 */
public final class TrainingPictures {

    public static final String WEIGHTS = "weights.png";
    public static final String DYNAMICS = "dynamics.png";
    public static final String ENTROPY = "entropy.png";

    private TrainingPictures() {
    }

    /**
     * Writes the three pictures into {@code dir} and returns their paths.
     *
     * @param accuracy (iteration, accuracy) pairs, may be empty
     * @param zoom     pixels per weight in the weight tiles
     */
    public static List<Path> write(Path dir, String title, Layer layer, HebbianStatisticsListener statistics,
                                   List<double[]> accuracy, int zoom) throws IOException {
        int layerIndex = layer.getIndex();
        LayerSnapshot now = statistics.snapshot(layerIndex);
        List<Path> written = new ArrayList<>();

        Path weights = dir.resolve(WEIGHTS);
        WeightImages.writePng(WeightImages.ofLayer(layer, null, now, zoom), weights);
        written.add(weights);

        List<LayerSummary> history = new ArrayList<>(statistics.history(layerIndex));
        if (history.isEmpty() || history.get(history.size() - 1).steps() != now.summary().steps()) {
            history.add(now.summary());
        }
        double[] steps = history.stream().mapToDouble(LayerSummary::steps).toArray();
        Map<String, TrainingCharts.Series> lines = TrainingCharts.lines();
        lines.put("Gini coefficient of average update size",
                new TrainingCharts.Series(steps, history.stream().mapToDouble(LayerSummary::gini).toArray()));
        lines.put("dead fraction", new TrainingCharts.Series(steps,
                history.stream().mapToDouble(LayerSummary::deadFraction).toArray()));
        if (!accuracy.isEmpty()) {
            lines.put("test accuracy (classifier trained alongside)", new TrainingCharts.Series(
                    accuracy.stream().mapToDouble(p -> p[0]).toArray(), accuracy.stream().mapToDouble(p -> p[1]).toArray()));
        }
        Path dynamics = dir.resolve(DYNAMICS);
        TrainingCharts.writePng(TrainingCharts.lineChart(title, "training step", "", lines, new double[]{0, 1}, 800, 500),
                dynamics);
        written.add(dynamics);

        List<LayerSummary> measured = history.stream().filter(s -> !Double.isNaN(s.outputEntropy())).toList();
        Map<String, TrainingCharts.Series> entropy = TrainingCharts.lines();
        entropy.put("mean output entropy (nats); max ln n = " + String.format(java.util.Locale.ROOT, "%.2f",
                Math.log(now.summary().neurons())), new TrainingCharts.Series(
                measured.stream().mapToDouble(LayerSummary::steps).toArray(),
                measured.stream().mapToDouble(LayerSummary::outputEntropy).toArray()));
        Path entropyFile = dir.resolve(ENTROPY);
        TrainingCharts.writePng(TrainingCharts.lineChart(title, "training step", "nats", entropy, null, 800, 400),
                entropyFile);
        written.add(entropyFile);
        return written;
    }
}
