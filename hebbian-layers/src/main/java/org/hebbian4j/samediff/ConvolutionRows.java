package org.hebbian4j.samediff;

import org.hebbian4j.util.StridedUnfold;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The signals of a Hebbian {@code conv2d} weight laid out as a rule's rows, as in a
 * {@link org.hebbian4j.conf.HebbianConvolutionLayer}: one row per sample and output position, in the order
 * (sample, row, column); the patches by {@link StridedUnfold}, each laid out as a neuron-major kernel
 * {@code [nOut, nIn, kH, kW]} row.
 */
final class ConvolutionRows {

    private ConvolutionRows() {
    }

    /** The patches of NCHW {@code x}, {@code [B*H'*W', C*kH*kW]}. */
    static INDArray patches(INDArray x, ConvolutionGeometry g) {
        INDArray padded = g.paddingHeight() == 0 && g.paddingWidth() == 0 ? x
                : Nd4j.pad(x, new int[][]{{0, 0}, {0, 0}, {g.paddingHeight(), g.paddingHeight()},
                {g.paddingWidth(), g.paddingWidth()}});
        int outH = g.outputSize(x.size(2), g.kernelHeight(), g.strideHeight(), g.paddingHeight());
        int outW = g.outputSize(x.size(3), g.kernelWidth(), g.strideWidth(), g.paddingWidth());
        long channels = x.size(1);
        long batch = x.size(0);
        INDArray out = Nd4j.createUninitialized(x.dataType(), new long[]{channels, g.kernelHeight(), g.kernelWidth(),
                batch, outH, outW}, 'c');
        StridedUnfold.into(padded, new int[]{g.kernelHeight(), g.kernelWidth()}, new int[]{g.strideHeight(), g.strideWidth()},
                new int[]{1, 1}, new int[]{outH, outW}, out);
        return out.reshape('c', channels * g.kernelHeight() * g.kernelWidth(), batch * outH * outW).transpose();
    }

    /** NCHW pre-activations {@code [B, nOut, H', W']} as rows {@code [B*H'*W', nOut]}. */
    static INDArray preActivationRows(INDArray u) {
        return u.permute(0, 2, 3, 1).dup('c').reshape('c', u.size(0) * u.size(2) * u.size(3), u.size(1));
    }

    /** SameDiff's weights {@code [kH, kW, C, nOut]} as neuron-major rows {@code [nOut, C*kH*kW]} (a copy). */
    static INDArray neuronMajor(INDArray w) {
        return w.permute(3, 2, 0, 1).dup('c').reshape('c', w.size(3), w.size(2) * w.size(0) * w.size(1));
    }

    /** Writes neuron-major rows {@code [nOut, C*kH*kW]} into SameDiff's layout {@code [kH, kW, C, nOut]}. */
    static void assign(INDArray target, INDArray neuronMajor) {
        target.assign(neuronMajor.reshape('c', target.size(3), target.size(2), target.size(0), target.size(1))
                .permute(2, 3, 1, 0));
    }
}
