package org.hebbian4j.visualization;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.hebbian4j.competition.HardWta;
import org.hebbian4j.conf.HebbianConvolutionLayer;
import org.hebbian4j.conf.HebbianDenseLayer;
import org.hebbian4j.metrics.HebbianStatisticsListener;
import org.hebbian4j.metrics.LayerSnapshot;
import org.hebbian4j.rules.InstarRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WeightImagesTest {

    private static final int LIVE = 0x3CBE4B;
    private static final int DEAD = 0xDC3232;

    @Test
    void layoutsForDenseInputs() {
        assertEquals(new WeightImages.Layout(1, 28, 28), WeightImages.Layout.forDenseInputs(784));
        assertEquals(new WeightImages.Layout(3, 32, 32), WeightImages.Layout.forDenseInputs(3072));
        assertEquals(new WeightImages.Layout(1, 1, 10), WeightImages.Layout.forDenseInputs(10));
    }

    @Test
    void mnistTilesWrittenAsPngOpenWithTheExpectedSizeOrderAndFrames(@TempDir Path dir) throws Exception {
        // 10 neurons of 784 weights; neuron 7 all +1 (white tile), the others all -1 (black tiles).
        double[][] neurons = new double[10][784];
        for (int n = 0; n < 10; n++) {
            java.util.Arrays.fill(neurons[n], n == 7 ? 1.0 : -1.0);
        }
        int[] order = {7, 0, 1, 2, 3, 4, 5, 6, 8, 9};
        boolean[] dead = new boolean[10];
        dead[0] = true;
        BufferedImage image = WeightImages.tiles(neurons, new WeightImages.Layout(1, 28, 28), order, dead, 1, 4);
        Path file = dir.resolve("weights.png");
        WeightImages.writePng(image, file);

        BufferedImage read = ImageIO.read(file.toFile());
        // 4 columns x 3 rows of cells 28 + 2 (frame) + 1 (gap) wide, plus the leading gap.
        assertEquals(4 * 31 + 1, read.getWidth());
        assertEquals(3 * 31 + 1, read.getHeight());
        // First cell: neuron 7, live, white inside a green frame; second cell: neuron 0, dead, black in red.
        assertEquals(LIVE, read.getRGB(1, 1) & 0xFFFFFF);
        assertEquals(0xFFFFFF, read.getRGB(2 + 14, 2 + 14) & 0xFFFFFF);
        assertEquals(DEAD, read.getRGB(1 + 31, 1) & 0xFFFFFF);
        assertEquals(0x000000, read.getRGB(2 + 31 + 14, 2 + 14) & 0xFFFFFF);
    }

    @Test
    void denseLayerTilesAreOrderedByUpdateShareAndOpenAsPng(@TempDir Path dir) throws Exception {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(1).updater(new Sgd(0.5))
                .dataType(DataType.FLOAT).list()
                .layer(new HebbianDenseLayer.Builder().nIn(784).nOut(12).rule(new InstarRule()).competition(new HardWta())
                        .activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(12).nOut(2)
                        .activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        HebbianStatisticsListener statistics = new HebbianStatisticsListener();
        net.setListeners(statistics);
        Nd4j.getRandom().setSeed(2);
        net.fit(Nd4j.rand(DataType.FLOAT, 16, 784), Nd4j.zeros(DataType.FLOAT, 16, 2).putScalar(0, 1, 1f));
        LayerSnapshot snapshot = statistics.snapshot(0);
        int[] order = snapshot.neuronsByUpdateShare();
        for (int k = 1; k < order.length; k++) {
            assertTrue(snapshot.averageUpdateSize()[order[k - 1]] >= snapshot.averageUpdateSize()[order[k]]);
        }

        BufferedImage image = WeightImages.ofLayer(net.getLayer(0), null, snapshot, 2);
        Path file = dir.resolve("dense.png");
        WeightImages.writePng(image, file);
        BufferedImage read = ImageIO.read(file.toFile());
        // 12 tiles -> 4 columns, 3 rows; 56 px tiles at zoom 2.
        assertEquals(4 * 59 + 1, read.getWidth());
        assertEquals(3 * 59 + 1, read.getHeight());
        int firstFrame = read.getRGB(1, 1) & 0xFFFFFF;
        assertEquals(snapshot.dead()[order[0]] ? DEAD : LIVE, firstFrame);
    }

    @Test
    void convolutionKernelsAreRgbTiles(@TempDir Path dir) throws Exception {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(1).dataType(DataType.FLOAT)
                .list()
                .layer(new HebbianConvolutionLayer.Builder(5, 5).nOut(6).rule(new InstarRule()).competition(new HardWta())
                        .activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(2).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(12, 12, 3)).build());
        net.init();
        BufferedImage image = WeightImages.ofLayer(net.getLayer(0), null, null, 4);
        Path file = dir.resolve("kernels.png");
        WeightImages.writePng(image, file);
        BufferedImage read = ImageIO.read(file.toFile());
        // 6 kernels -> 3 columns, 2 rows; 5x5 RGB kernels at zoom 4 = 20 px tiles.
        assertEquals(3 * 23 + 1, read.getWidth());
        assertEquals(2 * 23 + 1, read.getHeight());
        boolean colored = false;
        for (int y = 2; y < 22; y++) {
            for (int x = 2; x < 22; x++) {
                int rgb = read.getRGB(x, y);
                colored |= ((rgb >> 16) & 0xFF) != (rgb & 0xFF);
            }
        }
        assertTrue(colored, "RGB kernels are not gray");
    }

    @Test
    void rejectsAVectorThatDoesNotFitTheLayout() {
        assertThrows(IllegalArgumentException.class, () -> WeightImages.tiles(new double[][]{{1, 2, 3}},
                new WeightImages.Layout(1, 2, 2), null, null, 1, 0));
    }
}
