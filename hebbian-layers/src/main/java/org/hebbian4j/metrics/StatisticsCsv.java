package org.hebbian4j.metrics;

import org.hebbian4j.util.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** CSV files of {@link HebbianStatisticsListener}, each written to a temporary file and renamed over the target. */
final class StatisticsCsv {

    static final String SUMMARY_HEADER = "epoch,iteration,steps,layer_index,layer,neurons,gini,dead_fraction,"
            + "output_entropy,mean_update_size,mean_direction_change,total_activity,gini_of_average_update";
    static final String NEURON_HEADER = "epoch,iteration,steps,layer_index,layer,neuron,average_update_size,"
            + "update_share,wins,distance_from_initial,direction_change,dead";

    private StatisticsCsv() {
    }

    static void writeSummaries(Path file, List<LayerSummary> summaries) throws IOException {
        StringBuilder csv = new StringBuilder(SUMMARY_HEADER).append('\n');
        for (LayerSummary s : summaries) {
            csv.append(s.epoch()).append(',').append(s.iteration()).append(',').append(s.steps()).append(',')
                    .append(s.layerIndex()).append(',').append(quoted(s.layerName())).append(',').append(s.neurons())
                    .append(',').append(number(s.gini())).append(',').append(number(s.deadFraction())).append(',')
                    .append(number(s.outputEntropy())).append(',').append(number(s.meanUpdateSize())).append(',')
                    .append(number(s.meanDirectionChange())).append(',').append(number(s.totalActivity())).append(',')
                    .append(number(s.giniOfAverageUpdate())).append('\n');
        }
        write(file, csv);
    }

    static void writeNeurons(Path file, List<LayerSnapshot> snapshots) throws IOException {
        StringBuilder csv = new StringBuilder(NEURON_HEADER).append('\n');
        for (LayerSnapshot snapshot : snapshots) {
            LayerSummary s = snapshot.summary();
            String prefix = s.epoch() + "," + s.iteration() + "," + s.steps() + "," + s.layerIndex() + ","
                    + quoted(s.layerName()) + ",";
            double[] share = snapshot.updateShare();
            for (int i = 0; i < share.length; i++) {
                csv.append(prefix).append(i).append(',').append(number(snapshot.averageUpdateSize()[i])).append(',')
                        .append(number(share[i])).append(',').append(number(snapshot.wins()[i])).append(',')
                        .append(number(snapshot.distanceFromInitial()[i])).append(',')
                        .append(number(snapshot.directionChange()[i])).append(',')
                        .append(snapshot.dead()[i] ? 1 : 0).append('\n');
            }
        }
        write(file, csv);
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.9g", v);
    }

    private static String quoted(String text) {
        if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0) {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }

    private static void write(Path target, CharSequence content) throws IOException {
        byte[] bytes = content.toString().getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(target, out -> out.write(bytes));
    }
}
