package org.hebbian4j.layers;

import org.hebbian4j.conf.HebbianConvolutionLayer;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Parameters of a {@link HebbianConvolutionLayer}, as views of the network's flat parameter array,
 * in this order:
 * <ul>
 *   <li>{@code W} {@code [nOut, nIn, kH, kW]}, 'c' order (as DL4J's ConvolutionLayer), so that
 *       {@code W.reshape(nOut, nIn*kH*kW)} is a view: the rule's neuron-major matrix;</li>
 *   <li>{@code b} {@code [nOut]} (a vector, as in DL4J's layers), present unless {@code hasBias(false)};</li>
 *   <li>{@code theta} {@code [1, nOut]}: homeostasis state, present only when the layer has
 *       homeostasis; not trainable (NoOp updater, no regularization), saved with the model.</li>
 * </ul>
 * W is initialized by the layer's weight init with DL4J's convolution fan-in
 * {@code nIn*kH*kW} and fan-out {@code nOut*kH*kW / (strideH*strideW)}.
 */
public final class HebbianConvolutionParamInitializer extends FlatParamInitializer<HebbianConvolutionLayer> {

    public static final String WEIGHT_KEY = FlatParamInitializer.WEIGHT_KEY;
    public static final String BIAS_KEY = FlatParamInitializer.BIAS_KEY;
    public static final String THRESHOLD_KEY = StateParams.THRESHOLD_KEY;

    private static final HebbianConvolutionParamInitializer INSTANCE = new HebbianConvolutionParamInitializer();

    private HebbianConvolutionParamInitializer() {
        super(HebbianConvolutionLayer.class);
    }

    public static HebbianConvolutionParamInitializer getInstance() {
        return INSTANCE;
    }

    @Override
    List<Segment> segments(HebbianConvolutionLayer l) {
        long nOut = l.getNOut();
        int[] kernel = l.getKernelSize();
        List<Segment> segments = new ArrayList<>();
        segments.add(new Segment(WEIGHT_KEY, nOut * l.getFanIn(),
                values -> values.reshape('c', nOut, l.getNIn(), kernel[0], kernel[1])));
        if (l.hasBias()) {
            segments.add(Segment.vector(BIAS_KEY, nOut));
        }
        segments.addAll(StateParams.segments(l));
        return segments;
    }

    @Override
    void initialize(HebbianConvolutionLayer l, Map<String, INDArray> views) {
        int[] kernel = l.getKernelSize();
        int[] stride = l.getStride();
        double fanIn = l.getFanIn();
        double fanOut = l.getNOut() * kernel[0] * kernel[1] / ((double) stride[0] * stride[1]);
        INDArray w = views.get(WEIGHT_KEY);
        l.getWeightInitFn().init(fanIn, fanOut, w.shape(), 'c', w);
        if (views.containsKey(BIAS_KEY)) {
            views.get(BIAS_KEY).assign(l.getBiasInit());
        }
        StateParams.initialize(l, views);
    }
}
