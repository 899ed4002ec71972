package org.hebbian4j.protocol;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;

/**
 * Per-channel standardization of images, a {@link DataSetPreProcessor} fit on training data:
 * <pre>
 *   x'_c = (x_c - m_c) / s_c,   m_c, s_c = mean and standard deviation of channel c over all training images and pixels
 * </pre>
 * (the population standard deviation). What the code of Lagani et al. feeds its backprop networks instead of ZCA
 * whitening (its {@code Normalize(mean, std)} for rows that start with a backprop layer). Features are
 * {@code [N, C * H * W]} or {@code [N, C, H, W]}, channels first; their shape is kept.
 */
public final class ChannelStandardization implements DataSetPreProcessor {

    private final int channels;
    private INDArray mean;
    private INDArray std;

    /** @param channels the images' channels, {@code >= 1} */
    public ChannelStandardization(int channels) {
        if (channels < 1) {
            throw new IllegalArgumentException("ChannelStandardization: channels must be >= 1; got " + channels);
        }
        this.channels = channels;
    }

    /** Fits each channel's mean and standard deviation to {@code features} ({@code [N, ...]}); returns this. */
    public ChannelStandardization fit(INDArray features) {
        INDArray x = byChannel(features).castTo(DataType.DOUBLE);
        INDArray m = x.mean(0, 2);
        INDArray s = x.std(false, 0, 2);
        if (s.minNumber().doubleValue() <= 0) {
            throw new IllegalArgumentException("ChannelStandardization: a channel is constant in the training data (std "
                    + s + ")");
        }
        this.mean = m.reshape(1, channels, 1);
        this.std = s.reshape(1, channels, 1);
        return this;
    }

    /** The channels' means, {@code [channels]}. */
    public INDArray mean() {
        requireFitted();
        return mean.reshape(channels);
    }

    /** The channels' standard deviations, {@code [channels]}. */
    public INDArray std() {
        requireFitted();
        return std.reshape(channels);
    }

    /** {@code (x_c - m_c) / s_c} of every example, the shape and type of {@code features} kept; a new array. */
    public INDArray apply(INDArray features) {
        requireFitted();
        INDArray x = byChannel(features).castTo(DataType.DOUBLE);
        INDArray out = x.sub(mean.broadcast(x.shape())).divi(std.broadcast(x.shape()));
        return out.reshape('c', features.shape()).castTo(features.dataType());
    }

    @Override
    public void preProcess(DataSet dataSet) {
        dataSet.setFeatures(apply(dataSet.getFeatures()));
    }

    private INDArray byChannel(INDArray features) {
        long n = features.size(0);
        long perExample = features.length() / n;
        if (perExample % channels != 0) {
            throw new IllegalArgumentException("ChannelStandardization: " + perExample + " values per example are not "
                    + channels + " channels (shape " + java.util.Arrays.toString(features.shape()) + ")");
        }
        return features.reshape('c', n, channels, perExample / channels);
    }

    private void requireFitted() {
        if (mean == null) {
            throw new IllegalStateException("ChannelStandardization: call fit(training features) before using it");
        }
    }
}
