package org.hebbian4j.activations;

import org.nd4j.linalg.activations.BaseActivationFunction;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.common.primitives.Pair;

import java.util.Arrays;

/**
 * An activation whose units compete within a row: {@code [minibatch, units]} after a dense layer,
 * and, after a convolution ({@code [minibatch, channels, height, width]}, NCHW), across the channels
 * at each position, as a Hebbian convolution's competition does. Subclasses write the 2-D case; the
 * 4-D case runs it on the {@code [minibatch * height * width, channels]} rows (a copy) and writes the
 * result back into the NCHW array.
 */
abstract class RowWiseActivation extends BaseActivationFunction {

    /** The activation of 2-D rows, computed in place (or assigned into {@code rows}); returns {@code rows}. */
    abstract INDArray activateRows(INDArray rows);

    /** dL/du of 2-D rows, written into {@code rows} (which holds u); returns {@code rows}. */
    abstract INDArray backpropRows(INDArray rows, INDArray epsilon);

    @Override
    public final INDArray getActivation(INDArray in, boolean training) {
        if (in.rank() == 2) {
            return activateRows(in);
        }
        INDArray rows = toRows(in);
        return in.assign(fromRows(activateRows(rows), in.shape()));
    }

    @Override
    public final Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        assertShape(in, epsilon);
        if (in.rank() == 2) {
            return new Pair<>(backpropRows(in, epsilon), null);
        }
        INDArray rows = toRows(in);
        INDArray gradient = backpropRows(rows, toRows(epsilon));
        in.assign(fromRows(gradient, in.shape()));
        return new Pair<>(in, null);
    }

    /** NCHW {@code [B, C, H, W]} to rows {@code [B*H*W, C]}, a 'c'-order copy. */
    private INDArray toRows(INDArray nchw) {
        if (nchw.rank() != 4) {
            throw new IllegalArgumentException(this + ": input must be [minibatch, units] or NCHW [minibatch, channels,"
                    + " height, width]; got shape " + Arrays.toString(nchw.shape()));
        }
        long channels = nchw.size(1);
        return nchw.permute(0, 2, 3, 1).dup('c').reshape('c', nchw.length() / channels, channels);
    }

    /** Rows {@code [B*H*W, C]} back to NCHW (a permuted view). */
    private static INDArray fromRows(INDArray rows, long[] nchw) {
        return rows.reshape('c', nchw[0], nchw[2], nchw[3], nchw[1]).permute(0, 3, 1, 2);
    }
}
