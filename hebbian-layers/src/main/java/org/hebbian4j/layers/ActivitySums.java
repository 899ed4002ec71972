package org.hebbian4j.layers;

import org.hebbian4j.util.ColumnSums;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The buffer behind {@link ObservableActivity}: column sums of a batch's activity {@code [rows, nOut]},
 * written into one array allocated outside all workspaces on first use and reused after that.
 */
public final class ActivitySums {

    private INDArray sums;

    /** Overwrites the buffer with the column sums of {@code activity}. */
    public void record(INDArray activity) {
        if (sums == null || sums.length() != activity.size(1) || sums.dataType() != activity.dataType()) {
            try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
                sums = Nd4j.create(activity.dataType(), activity.size(1));
            }
        }
        ColumnSums.into(activity, sums);
    }

    /** The sums of the last recorded activity, {@code [nOut]}; null before the first. */
    public INDArray get() {
        return sums;
    }
}
