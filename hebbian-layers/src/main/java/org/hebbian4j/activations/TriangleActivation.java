package org.hebbian4j.activations;

import lombok.EqualsAndHashCode;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Triangle activation: {@code a_i = max(0, u_i - mean_j u_j)}, the mean taken over the units of
 * the same example (row).
 *
 * <p>Only units above the layer's average respond, which makes the code sparse and relative. The
 * "triangle" k-means encoding of A. Coates, H. Lee, A. Ng, "An Analysis of Single-Layer Networks
 * in Unsupervised Feature Learning", AISTATS 2011 (there on distances; here on similarities), as used
 * with Hebbian layers by H. Liuson, "Learning Dynamics in Competitive Hebbian Learning" (Liuson +
 * triangle activation) and by Journé et al., ICLR 2023.
 *
 * <p>Backward: with {@code m_i = 1[u_i > mean(u)]} and n units,
 * {@code dL/du_k = eps_k m_k - (1/n) sum_i eps_i m_i}.
 */
@EqualsAndHashCode(callSuper = false)
public class TriangleActivation extends RowWiseActivation {

    @Override
    INDArray activateRows(INDArray in) {
        in.subiColumnVector(in.mean(true, 1));
        return Transforms.relu(in, false);
    }

    @Override
    INDArray backpropRows(INDArray in, INDArray epsilon) {
        INDArray centred = in.subColumnVector(in.mean(true, 1));
        INDArray active = centred.gt(0).castTo(in.dataType());
        INDArray masked = epsilon.mul(active);
        INDArray meanMasked = masked.mean(true, 1);
        return in.assign(masked.subiColumnVector(meanMasked));
    }

    @Override
    public String toString() {
        return "triangle";
    }
}
