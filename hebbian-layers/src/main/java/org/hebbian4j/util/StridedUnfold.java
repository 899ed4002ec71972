package org.hebbian4j.util;

import org.nd4j.linalg.api.ndarray.INDArray;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

/**
 * A convolution's input unfolded into patches by one strided copy per kernel offset: for offset
 * (ki, kj), the values of channel c that output position (i, j) of sample b sees there are the window
 * {@code x[b, c, ki*d + i*s, kj*d + j*s]}, one strided view of the input for all samples, channels and
 * positions at once. The result, {@code [C, kH, kW, B, H', W']} 'c', is a 'c'-order
 * {@code [C*kH*kW, B*H'*W']} matrix: its transpose is the patches as 'f'-ordered rows
 * {@code [B*H'*W', C*kH*kW]}, each laid out as the 'c'-order kernels {@code [nOut, C, kH, kW]} are.
 * kH*kW copies instead of ND4J's im2col, which with the copy of its result into rows is much slower;
 * see docs/benchmarks.md, 'Measured design choices'.
 */
public final class StridedUnfold {

    private StridedUnfold() {
    }

    /**
     * Writes the patches of {@code x} into {@code out}.
     *
     * @param x        the input {@code [B, C, H, W]}, already zero-padded: every window lies inside it
     * @param kernel   {kH, kW}
     * @param strides  {sH, sW}
     * @param dilation {dH, dW}
     * @param outSize  {H', W'}
     * @param out      {@code [C, kH, kW, B, H', W']}, overwritten
     */
    public static INDArray into(INDArray x, int[] kernel, int[] strides, int[] dilation, int[] outSize, INDArray out) {
        INDArray channelMajor = x.permute(1, 0, 2, 3);   // [C, B, H, W], a view
        for (int ki = 0; ki < kernel[0]; ki++) {
            long top = (long) ki * dilation[0];
            for (int kj = 0; kj < kernel[1]; kj++) {
                long left = (long) kj * dilation[1];
                out.get(all(), point(ki), point(kj), all(), all(), all()).assign(channelMajor.get(all(), all(),
                        interval(top, strides[0], top + (long) (outSize[0] - 1) * strides[0] + 1),
                        interval(left, strides[1], left + (long) (outSize[1] - 1) * strides[1] + 1)));
            }
        }
        return out;
    }
}
