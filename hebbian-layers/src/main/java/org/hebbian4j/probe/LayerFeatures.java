package org.hebbian4j.probe;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Frozen features: a network's activations at one layer, computed batch by batch in inference mode. */
public final class LayerFeatures {

    private LayerFeatures() {
    }

    /**
     * The output of layer {@code layerIndex} of {@code net} for every example of {@code data},
     * flattened to {@code [N, features]}, with {@code data}'s labels.
     */
    public static DataSet of(MultiLayerNetwork net, int layerIndex, DataSet data, int batchSize) {
        if (layerIndex < 0 || layerIndex >= net.getnLayers()) {
            throw new IllegalArgumentException("layerIndex " + layerIndex + " is not a layer of this network (0.."
                    + (net.getnLayers() - 1) + ")");
        }
        INDArray x = data.getFeatures();
        long n = x.size(0);
        INDArray out = null;
        for (long start = 0; start < n; start += batchSize) {
            long end = Math.min(n, start + batchSize);
            INDArray batch = x.get(NDArrayIndex.interval(start, end));
            INDArray act = net.feedForwardToLayer(layerIndex, batch, false).get(layerIndex + 1);
            INDArray flat = act.reshape(act.size(0), act.length() / act.size(0));
            if (out == null) {
                out = Nd4j.create(flat.dataType(), n, flat.size(1));
            }
            out.get(NDArrayIndex.interval(start, end), NDArrayIndex.all()).assign(flat);
        }
        return new DataSet(out, data.getLabels());
    }
}
