package org.hebbian4j.samples.pictures;

import org.hebbian4j.util.AtomicFiles;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Line charts of training statistics as PNG files, drawn with XChart (headless). */
public final class TrainingCharts {

    private TrainingCharts() {
    }

    /** One line: x and y values of equal length. */
    public record Series(double[] x, double[] y) {
        public Series {
            if (x.length != y.length) {
                throw new IllegalArgumentException("Series: " + x.length + " x values but " + y.length + " y values");
            }
        }
    }

    /**
     * A chart of named lines.
     *
     * @param yRange {@code {min, max}} of the y axis, or null for automatic
     */
    public static XYChart lineChart(String title, String xTitle, String yTitle, Map<String, Series> lines,
                                    double[] yRange, int width, int height) {
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title)
                .xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        chart.getStyler().setPlotGridLinesVisible(true);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        chart.getStyler().setAntiAlias(true);
        if (yRange != null) {
            chart.getStyler().setYAxisMin(yRange[0]);
            chart.getStyler().setYAxisMax(yRange[1]);
        }
        for (Map.Entry<String, Series> line : lines.entrySet()) {
            Series s = line.getValue();
            if (s.x().length == 0) {
                continue;
            }
            XYSeries series = chart.addSeries(line.getKey(), s.x(), s.y());
            series.setMarker(s.x().length <= 30 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
        }
        return chart;
    }

    /** Writes {@code chart} as a PNG file, atomically (temporary file, then rename). */
    public static void writePng(XYChart chart, Path file) throws IOException {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        AtomicFiles.write(file, out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
    }

    /** An insertion-ordered map for {@link #lineChart}'s lines. */
    public static Map<String, Series> lines() {
        return new LinkedHashMap<>();
    }
}
