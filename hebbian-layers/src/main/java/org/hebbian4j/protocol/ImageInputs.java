package org.hebbian4j.protocol;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Gray-scale images as the three-channel 32x32 inputs of a network built for CIFAR-10: Lagani et al.
 * feed MNIST to the same network as CIFAR-10, the 28x28 digits resized to 32x32 (bilinear, half-pixel
 * centres as in PyTorch's {@code interpolate(align_corners=False)}) and repeated over the three channels.
 *
 * <p>Bilinear resizing is linear in the pixels: with {@code R_h} ({@code [size, height]}) and {@code R_w}
 * ({@code [size, width]}) the 1-D interpolation matrices, the resized image is {@code R_h X R_w^T}, so all
 * images are resized by one GEMM with {@code kron(R_h, R_w)^T}. Source coordinate of output pixel j:
 * {@code (j + 0.5) * in / out - 0.5}, clamped to {@code [0, in - 1]}.
 */
public final class ImageInputs {

    private static final int CHUNK = 4096;

    private ImageInputs() {
    }

    /**
     * @param data     features {@code [N, height * width]} (row-major gray images) or {@code [N, 1, height, width]}
     * @param height   the images' height
     * @param width    the images' width
     * @param size     the output's height and width
     * @param channels how many times to repeat the gray channel
     * @return features {@code [N, channels, size, size]} (NCHW), same labels
     */
    public static DataSet grayToChannels(DataSet data, int height, int width, int size, int channels) {
        INDArray x = data.getFeatures();
        long n = x.size(0);
        if (x.length() != n * height * width) {
            throw new IllegalArgumentException("ImageInputs: expected " + height + "x" + width + " gray images, got features of shape "
                    + java.util.Arrays.toString(x.shape()));
        }
        if (size < 1 || channels < 1) {
            throw new IllegalArgumentException("ImageInputs: size and channels must be >= 1; got " + size + ", " + channels);
        }
        INDArray out = Nd4j.create(x.dataType(), n, channels, size, size);
        INDArray resize = kron(interpolation(height, size), interpolation(width, size)).transpose().castTo(x.dataType()).dup('f');
        for (long start = 0; start < n; start += CHUNK) {
            long end = Math.min(n, start + CHUNK);
            INDArray flat = x.get(NDArrayIndex.interval(start, end)).reshape('c', end - start, (long) height * width);
            INDArray resized = Nd4j.create(x.dataType(), new long[]{end - start, (long) size * size}, 'c');
            Nd4j.gemm(flat, resize, resized, false, false, 1.0, 0.0);
            INDArray gray = resized.reshape('c', end - start, size, size);
            INDArray target = out.get(NDArrayIndex.interval(start, end), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all());
            for (int c = 0; c < channels; c++) {
                target.get(NDArrayIndex.all(), NDArrayIndex.point(c), NDArrayIndex.all(), NDArrayIndex.all()).assign(gray);
            }
        }
        return new DataSet(out, data.getLabels());
    }

    /** The {@code [out, in]} matrix of 1-D linear interpolation with half-pixel centres (set up once, small). */
    static INDArray interpolation(int in, int out) {
        double[][] m = new double[out][in];
        double scale = (double) in / out;
        for (int j = 0; j < out; j++) {
            double src = Math.min(in - 1, Math.max(0, (j + 0.5) * scale - 0.5));
            int lo = (int) Math.floor(src);
            int hi = Math.min(in - 1, lo + 1);
            double f = src - lo;
            m[j][lo] += 1 - f;
            m[j][hi] += f;
        }
        return Nd4j.createFromArray(m);
    }

    /** Kronecker product of two small matrices: {@code [a.rows * b.rows, a.cols * b.cols]}. */
    static INDArray kron(INDArray a, INDArray b) {
        INDArray k = Nd4j.create(DataType.DOUBLE, a.rows() * b.rows(), a.columns() * b.columns());
        for (int i = 0; i < a.rows(); i++) {
            for (int j = 0; j < a.columns(); j++) {
                k.get(NDArrayIndex.interval((long) i * b.rows(), (long) (i + 1) * b.rows()),
                        NDArrayIndex.interval((long) j * b.columns(), (long) (j + 1) * b.columns())).assign(b.mul(a.getDouble(i, j)));
            }
        }
        return k;
    }
}
