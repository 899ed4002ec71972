package org.hebbian4j.samediff;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.ops.impl.controlflow.compat.StopGradient;

/**
 * {@code stopGradient(x)}: the identity in the forward pass, a zero gradient in the backward pass
 * (SameDiff M2.1 has the op, {@link StopGradient}, but no {@code sd.stopGradient} method). The input of
 * a Hebbian weight goes through it, so that no error reaches the variables below, as no error crosses a
 * Hebbian layer in DL4J.
 */
public final class StopGradients {

    private StopGradients() {
    }

    /** {@code stopGradient(x)} in x's graph, named {@code name}. */
    public static SDVariable of(String name, SDVariable x) {
        SDVariable out = new StopGradient(x.getSameDiff(), x).outputVariable();
        return name == null ? out : out.rename(name);
    }

    /** Whether {@code variable} is the output of a {@link StopGradient} op. */
    static boolean isStopGradient(SDVariable variable) {
        return variable.getSameDiff().getVariableOutputOp(variable.name()) instanceof StopGradient;
    }
}
