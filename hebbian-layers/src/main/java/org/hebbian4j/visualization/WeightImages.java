package org.hebbian4j.visualization;

import org.deeplearning4j.nn.api.Layer;
import org.hebbian4j.metrics.LayerSnapshot;
import org.hebbian4j.util.AtomicFiles;
import org.nd4j.linalg.api.ndarray.INDArray;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Pictures of learned weights: one tile per neuron, its weight vector drawn as the image it responds
 * to best (a 28x28 digit for an MNIST dense layer, an RGB patch for a convolution kernel on color
 * images), in a grid. Plain {@link BufferedImage}s; works headless.
 *
 * <p>Colors: each tile is scaled on its own, symmetric around zero: {@code 0.5 + 0.5 w / max abs(w)}
 * per channel, so zero weight is mid-gray (gray tiles), and positive weights are bright.
 * Tiles can be ordered (e.g. by each neuron's share of all updates, most updated first, with
 * {@link LayerSnapshot#neuronsByUpdateShare()}) and framed by liveness: a green frame for a live neuron,
 * red for a dead one ({@link LayerSnapshot#dead()}), gray when unknown. Dead neurons then show as
 * red-framed noise at the end of the grid.
 */
public final class WeightImages {

    private static final Color BACKGROUND = new Color(32, 32, 32);
    private static final Color LIVE = new Color(60, 190, 75);
    private static final Color DEAD = new Color(220, 50, 50);
    private static final Color UNKNOWN = new Color(110, 110, 110);
    private static final int FRAME = 1;
    private static final int GAP = 1;

    private WeightImages() {
    }

    /**
     * How a neuron's weight vector maps to an image: {@code channels x height x width}, channel-major
     * (as NCHW data flattened, and as a convolution kernel {@code [nIn, kH, kW]}).
     */
    public record Layout(int channels, int height, int width) {
        public Layout {
            if (channels < 1 || height < 1 || width < 1) {
                throw new IllegalArgumentException("Layout: channels, height and width must be >= 1, got "
                        + channels + "x" + height + "x" + width);
            }
        }

        public int length() {
            return channels * height * width;
        }

        /**
         * A layout for a dense layer with {@code fanIn} inputs: square gray images (784 = 28x28), square
         * RGB images (3072 = 3x32x32), else one row of {@code fanIn} pixels.
         */
        public static Layout forDenseInputs(long fanIn) {
            int side = (int) Math.round(Math.sqrt(fanIn));
            if ((long) side * side == fanIn) {
                return new Layout(1, side, side);
            }
            int rgbSide = (int) Math.round(Math.sqrt(fanIn / 3.0));
            if (3L * rgbSide * rgbSide == fanIn) {
                return new Layout(3, rgbSide, rgbSide);
            }
            return new Layout(1, 1, Math.toIntExact(fanIn));
        }
    }

    /**
     * The tiles of a Hebbian layer (dense {@code W [nIn, nOut]} or convolution {@code W [nOut, nIn, kH, kW]}).
     *
     * @param layer    a layer whose parameter "W" holds the weights
     * @param layout   the image layout of one neuron, or null: {@link Layout#forDenseInputs} for a dense
     *                 layer, {@code nIn x kH x kW} for a convolution
     * @param snapshot the layer's statistics, for the order (most updated first) and the frames; may be null
     * @param zoom     pixels per weight (&gt;= 1)
     */
    public static BufferedImage ofLayer(Layer layer, Layout layout, LayerSnapshot snapshot, int zoom) {
        INDArray w = layer.getParam("W");
        double[][] neurons;
        Layout effective;
        if (w.rank() == 2) {
            neurons = w.transpose().toDoubleMatrix();
            effective = layout != null ? layout : Layout.forDenseInputs(w.rows());
        } else if (w.rank() == 4) {
            neurons = w.reshape('c', w.size(0), w.length() / w.size(0)).toDoubleMatrix();
            effective = layout != null ? layout : new Layout((int) w.size(1), (int) w.size(2), (int) w.size(3));
        } else {
            throw new IllegalArgumentException("WeightImages: W of rank " + w.rank() + " (expected 2 or 4)");
        }
        int[] order = snapshot == null ? null : snapshot.neuronsByUpdateShare();
        boolean[] dead = snapshot == null ? null : snapshot.dead();
        return tiles(neurons, effective, order, dead, zoom, 0);
    }

    /**
     * A grid of tiles.
     *
     * @param neurons one weight vector per neuron, each of {@code layout.length()} values
     * @param layout  how a vector maps to an image; 1 channel: gray, 3 channels: RGB, other: the mean
     *                over channels in gray
     * @param order   the neurons to draw, in drawing order (row by row), or null: all in index order
     * @param dead    per neuron, dead (red frame) or live (green frame), or null: gray frames
     * @param zoom    pixels per weight (&gt;= 1)
     * @param columns tiles per row, or 0 for a near-square grid
     */
    public static BufferedImage tiles(double[][] neurons, Layout layout, int[] order, boolean[] dead, int zoom, int columns) {
        if (zoom < 1) {
            throw new IllegalArgumentException("WeightImages: zoom must be >= 1, got " + zoom);
        }
        int[] drawn = order != null ? order : java.util.stream.IntStream.range(0, neurons.length).toArray();
        int count = drawn.length;
        if (count == 0) {
            throw new IllegalArgumentException("WeightImages: no neurons to draw");
        }
        int cols = columns > 0 ? columns : (int) Math.ceil(Math.sqrt(count));
        int rows = (count + cols - 1) / cols;
        int tileW = layout.width() * zoom;
        int tileH = layout.height() * zoom;
        int cellW = tileW + 2 * FRAME + GAP;
        int cellH = tileH + 2 * FRAME + GAP;
        BufferedImage image = new BufferedImage(cols * cellW + GAP, rows * cellH + GAP, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(BACKGROUND);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            for (int k = 0; k < count; k++) {
                int neuron = drawn[k];
                if (neurons[neuron].length != layout.length()) {
                    throw new IllegalArgumentException("WeightImages: neuron " + neuron + " has " + neurons[neuron].length
                            + " weights, layout " + layout + " needs " + layout.length());
                }
                int x0 = GAP + (k % cols) * cellW;
                int y0 = GAP + (k / cols) * cellH;
                g.setColor(dead == null ? UNKNOWN : dead[neuron] ? DEAD : LIVE);
                g.fillRect(x0, y0, tileW + 2 * FRAME, tileH + 2 * FRAME);
                drawTile(image, neurons[neuron], layout, zoom, x0 + FRAME, y0 + FRAME);
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    private static void drawTile(BufferedImage image, double[] w, Layout layout, int zoom, int x0, int y0) {
        double maxAbs = 0;
        for (double v : w) {
            maxAbs = Math.max(maxAbs, Math.abs(v));
        }
        double scale = maxAbs > 0 ? 0.5 / maxAbs : 0;
        int plane = layout.height() * layout.width();
        for (int r = 0; r < layout.height(); r++) {
            for (int c = 0; c < layout.width(); c++) {
                int pixel = r * layout.width() + c;
                int rgb;
                if (layout.channels() == 3) {
                    rgb = level(0.5 + scale * w[pixel]) << 16 | level(0.5 + scale * w[plane + pixel]) << 8
                            | level(0.5 + scale * w[2 * plane + pixel]);
                } else {
                    double sum = 0;
                    for (int ch = 0; ch < layout.channels(); ch++) {
                        sum += w[ch * plane + pixel];
                    }
                    int gray = level(0.5 + scale * sum / layout.channels());
                    rgb = gray << 16 | gray << 8 | gray;
                }
                for (int dy = 0; dy < zoom; dy++) {
                    for (int dx = 0; dx < zoom; dx++) {
                        image.setRGB(x0 + c * zoom + dx, y0 + r * zoom + dy, rgb);
                    }
                }
            }
        }
    }

    private static int level(double v) {
        return (int) Math.round(255 * Math.max(0, Math.min(1, v)));
    }

    /** Writes {@code image} as a PNG file, atomically (temporary file, then rename). */
    public static void writePng(BufferedImage image, Path file) throws IOException {
        AtomicFiles.write(file, out -> {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer available");
            }
        });
    }
}
