package org.hebbian4j.samples.cli;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ops.impl.transforms.custom.TopK;

/**
 * SameDiff's {@code top_k} with its integer arguments in the order libnd4j reads them, {@code [k, sorted]}:
 * ND4J M2.1's {@link TopK} passes {@code [sorted, k]}, so libnd4j takes k = 1 (one value per row whatever k is).
 */
final class TopKOp extends TopK {

    /** The k largest values of each row of {@code input} (output 0, descending) and their indices (output 1). */
    TopKOp(SameDiff sd, SDVariable input, int k) {
        super(sd, input, k, true);
        iArguments.clear();
        addIArgument(k, 1);
    }
}
