package org.hebbian4j.protocol;

import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.List;

/**
 * Sets the running statistics of a DL4J {@link BatchNormalization} layer to the population statistics of its
 * input: per channel (convolution input {@code [N, C, H, W]}) or per feature ({@code [N, F]}),
 * <pre>{@code mean_c = E[x_c],   var_c = E[x_c^2] - mean_c^2}</pre>
 * over the given examples, with the network in inference mode below the layer. The layer then normalizes
 * its input to zero mean and unit variance at inference: {@code (x - mean) / sqrt(var + eps) * gamma + beta}
 * (gamma and beta are left as they are).
 *
 * <p>Why: DL4J updates these statistics only in a backward pass through the layer, so a batch normalization
 * that follows a Hebbian layer (Lagani et al.'s blocks: Hebbian convolution, pooling, batch normalization) and
 * never receives an error keeps its initial statistics (mean 0, variance 1) and passes its input through
 * unnormalized. In PyTorch, which the paper used, a batch normalization layer accumulates them in every
 * training-mode forward pass, so it normalizes after unsupervised training as well.
 */
public final class BatchNormStatistics {

    private BatchNormStatistics() {
    }

    /**
     * Estimates layer {@code layerIndex}'s statistics from the first {@code maxExamples} examples of
     * {@code data} (all if fewer), fed in minibatches of {@code batchSize}.
     *
     * @return the number of examples used
     * @throws IllegalArgumentException if the layer is not a batch normalization, has an input preprocessor,
     *                                  or the arguments are out of range
     */
    public static int estimate(MultiLayerNetwork net, int layerIndex, DataSet data, int maxExamples, int batchSize) {
        if (layerIndex < 0 || layerIndex >= net.getnLayers()) {
            throw new IllegalArgumentException("BatchNormStatistics: layer index " + layerIndex + " is not in 0.."
                    + (net.getnLayers() - 1));
        }
        if (!(net.getLayer(layerIndex).conf().getLayer() instanceof BatchNormalization bn)) {
            throw new IllegalArgumentException("BatchNormStatistics: layer " + layerIndex + " ("
                    + net.getLayer(layerIndex).conf().getLayer().getClass().getSimpleName() + ") is not a BatchNormalization");
        }
        if (net.getLayerWiseConfigurations().getInputPreProcess(layerIndex) != null) {
            throw new IllegalArgumentException("BatchNormStatistics: layer " + layerIndex + " has an input preprocessor; "
                    + "not supported");
        }
        if (maxExamples < 1 || batchSize < 1) {
            throw new IllegalArgumentException("BatchNormStatistics: maxExamples and batchSize must be >= 1; got "
                    + maxExamples + ", " + batchSize);
        }
        int n = Math.min(maxExamples, data.numExamples());
        INDArray sum = Nd4j.zeros(DataType.DOUBLE, bn.getNOut());
        INDArray sumOfSquares = Nd4j.zeros(DataType.DOUBLE, bn.getNOut());
        long count = 0;
        for (int from = 0; from < n; from += batchSize) {
            int to = Math.min(n, from + batchSize);
            INDArray features = data.getFeatures().get(NDArrayIndex.interval(from, to));
            List<INDArray> activations = net.feedForwardToLayer(layerIndex - 1, features, false);
            INDArray x = activations.get(layerIndex).castTo(DataType.DOUBLE);
            int[] reduce = x.rank() == 4 ? new int[]{0, 2, 3} : new int[]{0};
            long perChannel = x.length() / x.size(1);
            INDArray s = x.sum(reduce);
            INDArray squares = x.mul(x);
            INDArray ss = squares.sum(reduce);
            sum.addi(s);
            sumOfSquares.addi(ss);
            count += perChannel;
            // A convolution's activations are tens of MB per batch: free them now rather than when the garbage
            // collector gets to them (their native memory is not counted in the Java heap).
            release(s, ss, x, squares);
            for (int i = 1; i < activations.size(); i++) {
                INDArray a = activations.get(i);
                if (a != features && a != data.getFeatures()) {   // a layer may pass its input through
                    release(a);
                }
            }
        }
        INDArray mean = sum.div(count);
        INDArray variance = Transforms.max(sumOfSquares.div(count).subi(mean.mul(mean)), 0.0, false);
        org.deeplearning4j.nn.api.Layer layer = net.getLayer(layerIndex);
        INDArray meanParam = layer.getParam(BatchNormalizationParamInitializer.GLOBAL_MEAN);
        meanParam.assign(mean.reshape(meanParam.shape()).castTo(meanParam.dataType()));
        if (bn.isUseLogStd()) {
            // DL4J keeps log10(std) and uses var = 10^(2 log10 std) at inference (eps added there).
            INDArray logStd = layer.getParam(BatchNormalizationParamInitializer.GLOBAL_LOG_STD);
            INDArray value = Transforms.log(variance.add(1e-30), 10.0, false).muli(0.5);
            logStd.assign(value.reshape(logStd.shape()).castTo(logStd.dataType()));
        } else {
            INDArray varParam = layer.getParam(BatchNormalizationParamInitializer.GLOBAL_VAR);
            varParam.assign(variance.reshape(varParam.shape()).castTo(varParam.dataType()));
        }
        return n;
    }

    private static void release(INDArray... arrays) {
        for (INDArray a : arrays) {
            if (a != null && !a.isView() && a.closeable()) {
                a.close();
            }
        }
    }
}
