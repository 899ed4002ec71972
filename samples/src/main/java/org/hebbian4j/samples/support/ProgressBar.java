package org.hebbian4j.samples.support;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.BaseTrainingListener;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A text progress bar on standard error for a known number of iterations: percentage, examples per
 * second and time left. On a terminal it redraws one line; otherwise (logs, CI) it prints a line at
 * every 10%.
 */
public final class ProgressBar extends BaseTrainingListener {

    private final String label;
    private final long totalIterations;
    private final int batchSize;
    private final PrintStream out;
    private final boolean terminal;
    private final long startNanos = System.nanoTime();
    private long done;
    private long lastDrawNanos;
    private int lastDecile = -1;

    public ProgressBar(String label, long totalIterations, int batchSize) {
        this.label = label;
        this.totalIterations = Math.max(1, totalIterations);
        this.batchSize = batchSize;
        this.out = System.err;
        this.terminal = System.console() != null;
    }

    @Override
    public void iterationDone(Model model, int iteration, int epoch) {
        done++;
        long now = System.nanoTime();
        int decile = (int) (10 * done / totalIterations);
        if (terminal) {
            if (now - lastDrawNanos > 200_000_000L || done == totalIterations) {
                lastDrawNanos = now;
                out.print("\r" + line(now));
                if (done == totalIterations) {
                    out.println();
                }
                out.flush();
            }
        } else if (decile != lastDecile) {
            lastDecile = decile;
            out.println(line(now));
            out.flush();
        }
    }

    private String line(long now) {
        double seconds = (now - startNanos) / 1e9;
        double fraction = Math.min(1.0, done / (double) totalIterations);
        int width = 30;
        int filled = (int) Math.round(fraction * width);
        double rate = seconds > 0.05 ? done * batchSize / seconds : 0;
        double left = fraction > 0 ? seconds * (1 - fraction) / fraction : 0;
        return String.format(Locale.ROOT, "%-12s [%s%s] %3.0f%% %d/%d it, %.0f ex/s, %s left",
                label, "#".repeat(filled), " ".repeat(width - filled), 100 * fraction, done, totalIterations,
                rate, clock(left));
    }

    private static String clock(double seconds) {
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
