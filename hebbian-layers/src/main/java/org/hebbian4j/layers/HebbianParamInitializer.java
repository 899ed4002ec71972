package org.hebbian4j.layers;

import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.hebbian4j.conf.HebbianDenseLayer;
import org.hebbian4j.rules.RuleState;
import org.hebbian4j.rules.StatefulRule;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parameters of a {@link HebbianDenseLayer}, as views of the network's flat parameter array:
 * <ul>
 *   <li>{@code W} {@code [nIn, nOut]}, 'f' order (as DL4J's DenseLayer);</li>
 *   <li>{@code b} {@code [1, nOut]};</li>
 *   <li>{@code theta} {@code [1, nOut]}: homeostasis state, present only when the layer has homeostasis;
 *       not trainable (NoOp updater, no regularization), saved with the model;</li>
 *   <li>one array per {@link RuleState} of a {@link StatefulRule}, keyed by the state's name,
 *       {@code [1, nOut]} or {@code [1, nIn]}, in the rule's declaration order; not trainable
 *       either, saved with the model.</li>
 * </ul>
 * A layer without homeostasis and with a stateless rule has exactly W and b, as before.
 */
public final class HebbianParamInitializer implements ParamInitializer {

    public static final String WEIGHT_KEY = "W";
    public static final String BIAS_KEY = "b";
    public static final String THRESHOLD_KEY = StateParams.THRESHOLD_KEY;

    private static final HebbianParamInitializer INSTANCE = new HebbianParamInitializer();

    public static HebbianParamInitializer getInstance() {
        return INSTANCE;
    }

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        HebbianDenseLayer l = (HebbianDenseLayer) layer;
        long n = l.getNIn() * l.getNOut() + l.getNOut() + StateParams.count(l);
        return n;
    }


    @Override
    public List<String> paramKeys(Layer layer) {
        List<String> keys = new ArrayList<>(List.of(WEIGHT_KEY, BIAS_KEY));
        keys.addAll(StateParams.keys((HebbianDenseLayer) layer));
        return keys;
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return Collections.singletonList(WEIGHT_KEY);
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return Collections.singletonList(BIAS_KEY);
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
        HebbianDenseLayer l = (HebbianDenseLayer) conf.getLayer();
        Map<String, INDArray> views = views(l, paramsView);
        if (initializeParams) {
            long nIn = l.getNIn();
            long nOut = l.getNOut();
            l.getWeightInitFn().init(nIn, nOut, new long[]{nIn, nOut}, 'f', views.get(WEIGHT_KEY));
            views.get(BIAS_KEY).assign(l.getBiasInit());
            StateParams.initialize(l, views);
        }
        for (Map.Entry<String, INDArray> e : views.entrySet()) {
            conf.addVariable(e.getKey());
        }
        return views;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        return views((HebbianDenseLayer) conf.getLayer(), gradientView);
    }

    private Map<String, INDArray> views(HebbianDenseLayer l, INDArray flat) {
        long nIn = l.getNIn();
        long nOut = l.getNOut();
        long expected = numParams(l);
        if (flat.length() != expected) {
            throw new IllegalStateException("HebbianDenseLayer: parameter view has length " + flat.length()
                    + ", expected " + expected);
        }
        INDArray row = flat.reshape(1, flat.length());
        Map<String, INDArray> out = new LinkedHashMap<>();
        long wEnd = nIn * nOut;
        out.put(WEIGHT_KEY, row.get(NDArrayIndex.interval(0, 0, true), NDArrayIndex.interval(0, wEnd))
                .reshape('f', nIn, nOut));
        out.put(BIAS_KEY, row.get(NDArrayIndex.interval(0, 0, true), NDArrayIndex.interval(wEnd, wEnd + nOut)));
        StateParams.putViews(l, row, wEnd + nOut, out);
        return out;
    }
}
