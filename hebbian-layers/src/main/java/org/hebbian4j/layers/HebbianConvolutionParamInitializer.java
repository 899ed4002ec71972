package org.hebbian4j.layers;

import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.hebbian4j.conf.HebbianConvolutionLayer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parameters of a {@link HebbianConvolutionLayer}, as views of the network's flat parameter array,
 * in this order:
 * <ul>
 *   <li>{@code W} {@code [nOut, nIn, kH, kW]}, 'c' order (as DL4J's ConvolutionLayer), so that
 *       {@code W.reshape(nOut, nIn*kH*kW)} is a view: the rule's neuron-major matrix;</li>
 *   <li>{@code b} {@code [1, nOut]}, present unless {@code hasBias(false)};</li>
 *   <li>{@code theta} {@code [1, nOut]}: homeostasis state, present only when the layer has
 *       homeostasis; not trainable (NoOp updater, no regularization), saved with the model.</li>
 * </ul>
 * W is initialized by the layer's weight init with DL4J's convolution fan-in
 * {@code nIn*kH*kW} and fan-out {@code nOut*kH*kW / (strideH*strideW)}.
 */
public final class HebbianConvolutionParamInitializer implements ParamInitializer {

    public static final String WEIGHT_KEY = "W";
    public static final String BIAS_KEY = "b";
    public static final String THRESHOLD_KEY = StateParams.THRESHOLD_KEY;

    private static final HebbianConvolutionParamInitializer INSTANCE = new HebbianConvolutionParamInitializer();

    public static HebbianConvolutionParamInitializer getInstance() {
        return INSTANCE;
    }

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        HebbianConvolutionLayer l = (HebbianConvolutionLayer) layer;
        return weightCount(l) + (l.hasBias() ? l.getNOut() : 0) + StateParams.count(l);
    }

    private static long weightCount(HebbianConvolutionLayer l) {
        return l.getNOut() * l.getFanIn();
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        HebbianConvolutionLayer l = (HebbianConvolutionLayer) layer;
        List<String> keys = new ArrayList<>(List.of(WEIGHT_KEY));
        if (l.hasBias()) {
            keys.add(BIAS_KEY);
        }
        keys.addAll(StateParams.keys(l));
        return keys;
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return Collections.singletonList(WEIGHT_KEY);
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return ((HebbianConvolutionLayer) layer).hasBias() ? Collections.singletonList(BIAS_KEY) : Collections.emptyList();
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return WEIGHT_KEY.equals(key);
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return BIAS_KEY.equals(key);
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        HebbianConvolutionLayer l = (HebbianConvolutionLayer) conf.getLayer();
        Map<String, INDArray> views = views(l, paramsView);
        if (initializeParams) {
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
        for (String key : views.keySet()) {
            conf.addVariable(key);
        }
        return views;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        return views((HebbianConvolutionLayer) conf.getLayer(), gradientView);
    }

    private Map<String, INDArray> views(HebbianConvolutionLayer l, INDArray flat) {
        long nOut = l.getNOut();
        long expected = numParams(l);
        if (flat.length() != expected) {
            throw new IllegalStateException("HebbianConvolutionLayer: parameter view has length " + flat.length()
                    + ", expected " + expected);
        }
        int[] kernel = l.getKernelSize();
        INDArray row = flat.reshape(1, flat.length());
        Map<String, INDArray> out = new LinkedHashMap<>();
        long end = weightCount(l);
        out.put(WEIGHT_KEY, row.get(NDArrayIndex.interval(0, 0, true), NDArrayIndex.interval(0, end))
                .reshape('c', nOut, l.getNIn(), kernel[0], kernel[1]));
        if (l.hasBias()) {
            out.put(BIAS_KEY, row.get(NDArrayIndex.interval(0, 0, true), NDArrayIndex.interval(end, end + nOut)));
            end += nOut;
        }
        StateParams.putViews(l, row, end, out);
        return out;
    }
}
