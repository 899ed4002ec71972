package org.hebbian4j.competition;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonTypeInfo;

import java.io.Serializable;

/**
 * A competition mode: pre-activations u {@code [B, nOut]} to activity y {@code [B, nOut]}, row by
 * row (each row is one sample; for a convolution, one sample at one position).
 *
 * <p>Implementations are immutable (Java records), validate their hyperparameters in their
 * constructor, and serialize in the network JSON by class name. ND4J operations only.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.CLASS, include = JsonTypeInfo.As.PROPERTY, property = "@class")
public interface Competition extends Serializable {

    /** Returns y = competition(u) as a new array (or u itself, for the identity); never modifies u. */
    INDArray compete(INDArray u);

    /**
     * The same activity with its few possibly-nonzero entries per row listed, for competitions whose
     * rows have at most a fixed number of them (winner-take-all and its relatives); {@code null},
     * the default, for competitions whose activity is dense. When not null, its
     * {@link SparseActivity#dense()} equals {@link #compete(INDArray)}. Never modifies u.
     */
    default SparseActivity competeSparse(INDArray u) {
        return null;
    }

    /**
     * Checks that the competition fits a layer of {@code nOut} neurons.
     *
     * @throws IllegalArgumentException naming {@code where} and the field, if it does not
     */
    default void validateFor(long nOut, String where) {
    }

    /** Short name used on the command line and in docs (e.g. "wta"). */
    String name();
}
