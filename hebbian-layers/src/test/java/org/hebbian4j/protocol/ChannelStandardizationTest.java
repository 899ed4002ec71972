package org.hebbian4j.protocol;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChannelStandardizationTest {

    @Test
    void eachChannelByItsOwnMeanAndStandardDeviationByHand() {
        // 2 examples, 2 channels of 2 pixels: channel 0 holds 1, 3, 5, 7 (mean 4, population std sqrt(5));
        // channel 1 holds 10, 10, 20, 20 (mean 15, std 5).
        INDArray x = Nd4j.create(new double[][]{{1, 3, 10, 10}, {5, 7, 20, 20}});
        ChannelStandardization s = new ChannelStandardization(2).fit(x);
        assertArrayEquals(new double[]{4, 15}, s.mean().toDoubleVector(), 1e-12);
        assertArrayEquals(new double[]{Math.sqrt(5), 5}, s.std().toDoubleVector(), 1e-12);
        INDArray y = s.apply(x);
        double r = Math.sqrt(5);
        assertArrayEquals(new double[]{-3 / r, -1 / r, -1, -1}, y.getRow(0).toDoubleVector(), 1e-12);
        assertArrayEquals(new double[]{1 / r, 3 / r, 1, 1}, y.getRow(1).toDoubleVector(), 1e-12);
    }

    @Test
    void imagesKeepTheirShapeAndTypeAndComeOutStandardized() {
        Nd4j.getRandom().setSeed(3);
        INDArray images = Nd4j.rand(DataType.FLOAT, 50, 3, 4, 4).muli(Nd4j.create(new float[]{1, 2, 3}).reshape(1, 3, 1, 1));
        INDArray y = new ChannelStandardization(3).fit(images).apply(images);
        assertArrayEquals(images.shape(), y.shape());
        assertTrue(y.dataType() == DataType.FLOAT);
        INDArray byChannel = y.reshape('c', 50, 3, 16);
        assertArrayEquals(new double[]{0, 0, 0}, byChannel.mean(0, 2).toDoubleVector(), 1e-5);
        assertArrayEquals(new double[]{1, 1, 1}, byChannel.std(false, 0, 2).toDoubleVector(), 1e-5);
    }

    @Test
    void refusesWhatItCannotStandardize() {
        assertThrows(IllegalArgumentException.class, () -> new ChannelStandardization(0));
        assertThrows(IllegalArgumentException.class, () -> new ChannelStandardization(3).fit(Nd4j.rand(4, 10)));
        assertThrows(IllegalArgumentException.class, () -> new ChannelStandardization(1).fit(Nd4j.ones(4, 10)));
        assertThrows(IllegalStateException.class, () -> new ChannelStandardization(1).apply(Nd4j.ones(4, 10)));
    }
}
