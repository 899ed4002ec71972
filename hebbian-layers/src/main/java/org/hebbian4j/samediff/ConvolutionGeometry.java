package org.hebbian4j.samediff;

import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;

/**
 * The geometry of a Hebbian {@code conv2d} weight: kernel, strides and zero padding (dilation 1, NCHW
 * input, weights {@code [kH, kW, nIn, nOut]}, SameDiff's defaults). {@link #config()} is the
 * {@link Conv2DConfig} the graph's {@code conv2d} must use.
 */
public record ConvolutionGeometry(int kernelHeight, int kernelWidth, int strideHeight, int strideWidth,
                                  int paddingHeight, int paddingWidth) {

    public ConvolutionGeometry {
        if (kernelHeight < 1 || kernelWidth < 1 || strideHeight < 1 || strideWidth < 1 || paddingHeight < 0
                || paddingWidth < 0) {
            throw new IllegalArgumentException("ConvolutionGeometry: kernel and strides must be >= 1 and padding >= 0, got "
                    + "kernel " + kernelHeight + "x" + kernelWidth + ", stride " + strideHeight + "x" + strideWidth
                    + ", padding " + paddingHeight + "x" + paddingWidth);
        }
    }

    /** Square kernel, stride and padding. */
    public static ConvolutionGeometry square(int kernel, int stride, int padding) {
        return new ConvolutionGeometry(kernel, kernel, stride, stride, padding, padding);
    }

    /** The {@code conv2d} configuration of this geometry: NCHW, truncate mode. */
    public Conv2DConfig config() {
        return Conv2DConfig.builder().kH(kernelHeight).kW(kernelWidth).sH(strideHeight).sW(strideWidth)
                .pH(paddingHeight).pW(paddingWidth).dataFormat("NCHW").build();
    }

    /** Output size along one axis for an input of {@code size}. */
    int outputSize(long size, int kernel, int stride, int padding) {
        return (int) ((size + 2L * padding - kernel) / stride + 1);
    }
}
