package org.hebbian4j.layers;

import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A learning step's change of the layer's state (homeostasis theta, a rule's state vectors), kept out of
 * DL4J's gradient and set after DL4J's update, when DL4J applies the layer's constraints.
 *
 * <p>Why not through the gradient, as W's step: whatever DL4J does to gradients would do it to the state
 * too. {@code ParallelWrapper}'s SHARED_GRADIENTS mode threshold-encodes every update, which caps each
 * value's change per step (the threshold moved by 0.0078 instead of 5.1); gradient normalization and
 * clipping would rescale it. The state is a running quantity of the layer, not a parameter the network
 * descends on, so its gradient view stays zero and the layer writes the new state itself.
 *
 * <p>Setting it when DL4J applies the constraints keeps what the gradient route gave: the state moves only
 * when the network takes the step (a {@code FrozenLayer} or {@code FrozenLayerWithBackprop} applies no
 * constraints, so a frozen layer's state stays bit for bit), and a step that fails before the update moves
 * nothing. Setting is idempotent: the new state is assigned only where the state still holds the value the
 * step started from, so a second call (e.g. {@link org.hebbian4j.training.PeriodicCheckpointListener}
 * applying the constraints to what it saves, then restoring the model) gives the same state, and a state
 * that was set since (e.g. {@code setParams}) is left alone.
 */
final class DeferredStateChange {

    private final Map<String, INDArray> before = new HashMap<>();
    private final Map<String, INDArray> after = new HashMap<>();
    private List<String> keys = List.of();

    /**
     * Takes the change the learning step wrote into the state's gradient views (minus the change, as
     * {@link LocalLearningStep} writes it) and sets those views to zero.
     *
     * @param keys the state's parameter keys
     */
    void take(List<String> keys, Map<String, INDArray> params, Map<String, INDArray> gradientViews) {
        this.keys = keys;
        for (String key : keys) {
            INDArray state = params.get(key);
            INDArray minusChange = gradientViews.get(key);
            buffer(before, key, state).assign(state);
            buffer(after, key, state).assign(state).subi(minusChange);
            minusChange.assign(0);
        }
    }

    /** Sets each state to its value after the last step taken, where it still holds its value before it. */
    void applyTo(Map<String, INDArray> params) {
        for (String key : keys) {
            INDArray state = params.get(key);
            if (state.equalsWithEps(before.get(key), 0.0)) {
                state.assign(after.get(key));
            }
        }
    }

    /** A buffer of {@code like}'s shape and type outside any workspace, reused from step to step. */
    private static INDArray buffer(Map<String, INDArray> buffers, String key, INDArray like) {
        INDArray b = buffers.get(key);
        if (b == null || !b.equalShapes(like) || b.dataType() != like.dataType()) {
            try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
                b = Nd4j.createUninitialized(like.dataType(), like.shape(), like.ordering());
            }
            buffers.put(key, b);
        }
        return b;
    }
}
