package org.hebbian4j.layers;

import org.hebbian4j.conf.HebbianOutputLayer;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Parameters of a {@link HebbianOutputLayer}, as views of the network's flat parameter array:
 * <ul>
 *   <li>{@code W} {@code [nIn, nOut]}, 'f' order (as DL4J's OutputLayer);</li>
 *   <li>{@code b} {@code [nOut]} (a vector, as in DL4J's layers), unless {@code hasBias(false)};</li>
 *   <li>{@code mu} {@code [1, nIn]}: the centering offset, present only with centering; not
 *       trainable (NoOp updater, no regularization), starts at 0, saved with the model.</li>
 * </ul>
 */
public final class HebbianOutputParamInitializer extends FlatParamInitializer<HebbianOutputLayer> {

    public static final String WEIGHT_KEY = FlatParamInitializer.WEIGHT_KEY;
    public static final String BIAS_KEY = FlatParamInitializer.BIAS_KEY;
    public static final String MEAN_KEY = "mu";

    private static final HebbianOutputParamInitializer INSTANCE = new HebbianOutputParamInitializer();

    private HebbianOutputParamInitializer() {
        super(HebbianOutputLayer.class);
    }

    public static HebbianOutputParamInitializer getInstance() {
        return INSTANCE;
    }

    @Override
    List<Segment> segments(HebbianOutputLayer l) {
        long nIn = l.getNIn();
        long nOut = l.getNOut();
        List<Segment> segments = new ArrayList<>();
        segments.add(new Segment(WEIGHT_KEY, nIn * nOut, values -> values.reshape('f', nIn, nOut)));
        if (l.hasBias()) {
            segments.add(Segment.vector(BIAS_KEY, nOut));
        }
        if (l.isCentering()) {
            segments.add(Segment.row(MEAN_KEY, nIn));
        }
        return segments;
    }

    @Override
    void initialize(HebbianOutputLayer l, Map<String, INDArray> views) {
        long nIn = l.getNIn();
        long nOut = l.getNOut();
        l.getWeightInitFn().init(nIn, nOut, new long[]{nIn, nOut}, 'f', views.get(WEIGHT_KEY));
        if (views.containsKey(BIAS_KEY)) {
            views.get(BIAS_KEY).assign(l.getBiasInit());
        }
        if (views.containsKey(MEAN_KEY)) {
            views.get(MEAN_KEY).assign(0.0);
        }
    }
}
