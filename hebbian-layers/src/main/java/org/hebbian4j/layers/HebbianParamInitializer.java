package org.hebbian4j.layers;

import org.hebbian4j.conf.HebbianDenseLayer;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Parameters of a {@link HebbianDenseLayer}, as views of the network's flat parameter array:
 * <ul>
 *   <li>{@code W} {@code [nIn, nOut]}, 'f' order (as DL4J's DenseLayer);</li>
 *   <li>{@code b} {@code [nOut]} (a vector, as in DL4J's layers);</li>
 *   <li>{@code theta} {@code [1, nOut]}: homeostasis state, present only when the layer has homeostasis;
 *       not trainable (NoOp updater, no regularization), saved with the model;</li>
 *   <li>one array per {@link org.hebbian4j.rules.RuleState} of a {@link org.hebbian4j.rules.StatefulRule}, keyed by the state's name,
 *       {@code [1, nOut]} or {@code [1, nIn]}, in the rule's declaration order; not trainable
 *       either, saved with the model.</li>
 * </ul>
 * A layer without homeostasis and with a stateless rule has exactly W and b, as before.
 */
public final class HebbianParamInitializer extends FlatParamInitializer<HebbianDenseLayer> {

    public static final String WEIGHT_KEY = FlatParamInitializer.WEIGHT_KEY;
    public static final String BIAS_KEY = FlatParamInitializer.BIAS_KEY;
    public static final String THRESHOLD_KEY = StateParams.THRESHOLD_KEY;

    private static final HebbianParamInitializer INSTANCE = new HebbianParamInitializer();

    private HebbianParamInitializer() {
        super(HebbianDenseLayer.class);
    }

    public static HebbianParamInitializer getInstance() {
        return INSTANCE;
    }

    @Override
    List<Segment> segments(HebbianDenseLayer l) {
        long nIn = l.getNIn();
        long nOut = l.getNOut();
        List<Segment> segments = new ArrayList<>();
        segments.add(new Segment(WEIGHT_KEY, nIn * nOut, values -> values.reshape('f', nIn, nOut)));
        segments.add(Segment.vector(BIAS_KEY, nOut));
        segments.addAll(StateParams.segments(l));
        return segments;
    }

    @Override
    void initialize(HebbianDenseLayer l, Map<String, INDArray> views) {
        long nIn = l.getNIn();
        long nOut = l.getNOut();
        l.getWeightInitFn().init(nIn, nOut, new long[]{nIn, nOut}, 'f', views.get(WEIGHT_KEY));
        views.get(BIAS_KEY).assign(l.getBiasInit());
        StateParams.initialize(l, views);
    }
}
