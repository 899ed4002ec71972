package org.hebbian4j.util;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;

/** L2 norms of the rows of a matrix, for divisions: a zero norm counts as 1. */
public final class Norms {

    private Norms() {
    }

    /** The L2 norm of each row of {@code rows} {@code [n, d]} as {@code [n]}, a zero norm replaced by 1. */
    public static INDArray rowNormsOrOne(INDArray rows) {
        INDArray norms = rows.norm2(1);
        BooleanIndexing.replaceWhere(norms, 1.0, Conditions.equals(0.0));
        return norms;
    }
}
