package org.hebbian4j.protocol;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ImageInputsTest {

    /** Bilinear resize with half-pixel centres, by hand: src = (dst + 0.5) * in / out - 0.5, clamped. */
    private static double naive(double[][] img, int outSize, int r, int c) {
        int in = img.length;
        double scale = (double) in / outSize;
        double sy = Math.max(0, (r + 0.5) * scale - 0.5), sx = Math.max(0, (c + 0.5) * scale - 0.5);
        int y0 = (int) Math.floor(sy), x0 = (int) Math.floor(sx);
        int y1 = Math.min(in - 1, y0 + 1), x1 = Math.min(in - 1, x0 + 1);
        double fy = sy - y0, fx = sx - x0;
        return (1 - fy) * ((1 - fx) * img[y0][x0] + fx * img[y0][x1]) + fy * ((1 - fx) * img[y1][x0] + fx * img[y1][x1]);
    }

    @Test
    void resizesBilinearlyAndRepeatsTheGrayChannel() {
        double[][] img = {{0, 1, 2}, {3, 4, 5}, {6, 7, 8}};
        INDArray x = Nd4j.createFromArray(new float[][]{{0, 1, 2, 3, 4, 5, 6, 7, 8}});
        DataSet out = ImageInputs.grayToChannels(new DataSet(x, Nd4j.ones(DataType.FLOAT, 1, 10)), 3, 3, 5, 3);
        INDArray f = out.getFeatures();
        assertArrayEquals(new long[]{1, 3, 5, 5}, f.shape());
        for (int r = 0; r < 5; r++) {
            for (int c = 0; c < 5; c++) {
                for (int ch = 0; ch < 3; ch++) {
                    assertEquals(naive(img, 5, r, c), f.getDouble(0, ch, r, c), 1e-5, "pixel " + r + "," + c + " channel " + ch);
                }
            }
        }
    }

    @Test
    void sameSizeIsACopyAndConstantImagesStayConstant() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 784);
        DataSet same = ImageInputs.grayToChannels(new DataSet(x, Nd4j.ones(DataType.FLOAT, 2, 10)), 28, 28, 28, 1);
        assertEquals(x.reshape(2, 1, 28, 28), same.getFeatures());
        INDArray grey = Nd4j.valueArrayOf(new long[]{1, 784}, 0.25f);
        DataSet up = ImageInputs.grayToChannels(new DataSet(grey, Nd4j.ones(DataType.FLOAT, 1, 10)), 28, 28, 32, 3);
        assertEquals(0.25, up.getFeatures().minNumber().doubleValue(), 1e-6);
        assertEquals(0.25, up.getFeatures().maxNumber().doubleValue(), 1e-6);
    }

    @Test
    void rejectsFeaturesOfTheWrongSize() {
        DataSet ds = new DataSet(Nd4j.ones(DataType.FLOAT, 2, 10), Nd4j.ones(DataType.FLOAT, 2, 10));
        assertThrows(IllegalArgumentException.class, () -> ImageInputs.grayToChannels(ds, 28, 28, 32, 3));
    }
}
