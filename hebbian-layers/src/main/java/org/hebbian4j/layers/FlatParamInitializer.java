package org.hebbian4j.layers;

import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A layer's parameters as consecutive segments of DL4J's flat parameter (and gradient) array: the
 * weights {@code W}, then the bias {@code b} if the layer has one, then any state the layer keeps.
 * Subclasses say which segments a layer has ({@link #segments}) and how they start
 * ({@link #initialize}); the views, keys, lengths and DL4J's bookkeeping are the same for all.
 *
 * @param <L> the layer configuration
 */
abstract class FlatParamInitializer<L extends Layer> implements ParamInitializer {

    static final String WEIGHT_KEY = "W";
    static final String BIAS_KEY = "b";

    /**
     * One parameter: its key, its length in the flat array, and the view's shape given the row
     * {@code [1, length]} of its values.
     */
    record Segment(String key, long length, UnaryOperator<INDArray> shape) {

        /** A parameter kept as the row {@code [1, length]}. */
        static Segment row(String key, long length) {
            return new Segment(key, length, UnaryOperator.identity());
        }

        /** A parameter kept as the vector {@code [length]}, as DL4J keeps its layers' biases. */
        static Segment vector(String key, long length) {
            return new Segment(key, length, values -> values.reshape(length));
        }
    }

    private final Class<L> layerType;

    FlatParamInitializer(Class<L> layerType) {
        this.layerType = layerType;
    }

    /** The layer's parameters, in their order in the flat array. */
    abstract List<Segment> segments(L layer);

    /** Sets the freshly created views to their initial values. */
    abstract void initialize(L layer, Map<String, INDArray> views);

    private L cast(Layer layer) {
        return layerType.cast(layer);
    }

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        return segments(cast(layer)).stream().mapToLong(Segment::length).sum();
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        return segments(cast(layer)).stream().map(Segment::key).toList();
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return List.of(WEIGHT_KEY);
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return paramKeys(layer).contains(BIAS_KEY) ? List.of(BIAS_KEY) : List.of();
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
        L layer = cast(conf.getLayer());
        Map<String, INDArray> views = views(layer, paramsView);
        if (initializeParams) {
            initialize(layer, views);
        }
        for (String key : views.keySet()) {
            conf.addVariable(key);
        }
        return views;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        return views(cast(conf.getLayer()), gradientView);
    }

    /** The segments' views of {@code flat}, in order. */
    private Map<String, INDArray> views(L layer, INDArray flat) {
        List<Segment> segments = segments(layer);
        long expected = segments.stream().mapToLong(Segment::length).sum();
        String name = layerType.getSimpleName();
        if (flat.length() != expected) {
            throw new IllegalStateException(name + ": parameter view has length " + flat.length() + ", expected " + expected);
        }
        INDArray row = flat.reshape(1, flat.length());
        Map<String, INDArray> out = new LinkedHashMap<>();
        long offset = 0;
        for (Segment s : segments) {
            if (out.containsKey(s.key())) {
                throw new IllegalStateException(name + ": parameter \"" + s.key() + "\" appears twice (a rule state"
                        + " clashes with another parameter of the layer)");
            }
            INDArray values = row.get(NDArrayIndex.interval(0, 0, true), NDArrayIndex.interval(offset, offset + s.length()));
            out.put(s.key(), s.shape().apply(values));
            offset += s.length();
        }
        return out;
    }
}
