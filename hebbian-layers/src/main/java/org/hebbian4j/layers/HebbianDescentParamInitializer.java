package org.hebbian4j.layers;

import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.hebbian4j.conf.HebbianDescentOutputLayer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parameters of a {@link HebbianDescentOutputLayer}, as views of the network's flat parameter array:
 * <ul>
 *   <li>{@code W} {@code [nIn, nOut]}, 'f' order (as DL4J's OutputLayer);</li>
 *   <li>{@code b} {@code [1, nOut]}, unless {@code hasBias(false)};</li>
 *   <li>{@code mu} {@code [1, nIn]}: the centering offset, present only with centering; not
 *       trainable (NoOp updater, no regularization), starts at 0, saved with the model.</li>
 * </ul>
 */
public final class HebbianDescentParamInitializer implements ParamInitializer {

    public static final String WEIGHT_KEY = "W";
    public static final String BIAS_KEY = "b";
    public static final String MEAN_KEY = "mu";

    private static final HebbianDescentParamInitializer INSTANCE = new HebbianDescentParamInitializer();

    public static HebbianDescentParamInitializer getInstance() {
        return INSTANCE;
    }

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        HebbianDescentOutputLayer l = (HebbianDescentOutputLayer) layer;
        return l.getNIn() * l.getNOut() + (l.hasBias() ? l.getNOut() : 0) + (l.isCentering() ? l.getNIn() : 0);
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        HebbianDescentOutputLayer l = (HebbianDescentOutputLayer) layer;
        List<String> keys = new ArrayList<>(List.of(WEIGHT_KEY));
        if (l.hasBias()) {
            keys.add(BIAS_KEY);
        }
        if (l.isCentering()) {
            keys.add(MEAN_KEY);
        }
        return keys;
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return Collections.singletonList(WEIGHT_KEY);
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return ((HebbianDescentOutputLayer) layer).hasBias() ? Collections.singletonList(BIAS_KEY) : List.of();
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
        HebbianDescentOutputLayer l = (HebbianDescentOutputLayer) conf.getLayer();
        Map<String, INDArray> views = views(l, paramsView);
        if (initializeParams) {
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
        for (String key : views.keySet()) {
            conf.addVariable(key);
        }
        return views;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        return views((HebbianDescentOutputLayer) conf.getLayer(), gradientView);
    }

    private Map<String, INDArray> views(HebbianDescentOutputLayer l, INDArray flat) {
        long nIn = l.getNIn();
        long nOut = l.getNOut();
        long expected = numParams(l);
        if (flat.length() != expected) {
            throw new IllegalStateException("HebbianDescentOutputLayer: parameter view has length " + flat.length()
                    + ", expected " + expected);
        }
        INDArray row = flat.reshape(1, flat.length());
        Map<String, INDArray> out = new LinkedHashMap<>();
        long offset = nIn * nOut;
        out.put(WEIGHT_KEY, row.get(NDArrayIndex.interval(0, 0, true), NDArrayIndex.interval(0, offset))
                .reshape('f', nIn, nOut));
        if (l.hasBias()) {
            out.put(BIAS_KEY, row.get(NDArrayIndex.interval(0, 0, true), NDArrayIndex.interval(offset, offset + nOut)));
            offset += nOut;
        }
        if (l.isCentering()) {
            out.put(MEAN_KEY, row.get(NDArrayIndex.interval(0, 0, true), NDArrayIndex.interval(offset, offset + nIn)));
        }
        return out;
    }
}
