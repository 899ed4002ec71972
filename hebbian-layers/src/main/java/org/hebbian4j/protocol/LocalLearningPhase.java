package org.hebbian4j.protocol;

import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.hebbian4j.conf.HebbianLearning;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.List;
import java.util.Set;
import java.util.function.IntConsumer;

/**
 * The unsupervised phase of hybrid training: the local-rule layers ({@link HebbianLearning}) of a network learn
 * from the data while nothing else learns (Lagani et al., section 4: the Hebbian layers are trained first, the
 * layers above them afterwards on the Hebbian features).
 *
 * <p>How: a network made of the layers up to the highest local-rule layer, the given frozen layers wrapped in
 * DL4J's {@link FrozenLayer} (inference mode: a frozen batch normalization keeps its pretrained statistics), and
 * a parameter-free head (global average pooling after a convolution, then an output layer with a {@code NoOp}
 * updater) that DL4J's {@code fit} needs but whose error no local-rule layer uses. Its parameters are copied
 * from the network, it is fit for the given epochs, and the learned parameters (local-rule weights and rule
 * state, batch-normalization statistics between them) are copied back. The layers above are never run, so the
 * phase costs a forward pass and the local updates only.
 *
 * <p>Compared with DL4J's layer-wise pretraining ({@code net.pretrain(data)}, or
 * {@link org.hebbian4j.training.LayerwisePretraining}, which also trains the Hebbian layers without labels and
 * leaves the layers above untouched): for a network with one Hebbian layer and only frozen layers below it, both
 * give the same weights, step for step, when they see the batches in the same order (this phase resets the
 * iterator before every epoch, DL4J's pretraining only once it is exhausted, so a shuffling iterator orders the
 * first epoch differently). They differ otherwise, which is why this phase is not written on top of pretraining:
 * <ul>
 *   <li>here all Hebbian layers learn in the same passes, each from the current output of the layers below it
 *       (which themselves are still learning); pretraining is greedy: layer by layer, each for all its epochs on
 *       the output of the finished layers below;</li>
 *   <li>here the layers between and below the Hebbian layers that are not frozen run in training mode
 *       (dropout, batch-normalization statistics that learn); pretraining runs every layer below in inference
 *       mode and changes nothing but the layer it trains;</li>
 *   <li>here the listeners see a network and its epochs (e.g. {@code HebbianStatisticsListener}); pretraining
 *       reports only its steps, with the layer as the model.</li>
 * </ul>
 */
public final class LocalLearningPhase {

    private LocalLearningPhase() {
    }

    /** A hidden layer that learns by an unsupervised local rule (not a supervised output layer). */
    private static boolean learnsWithoutLabels(org.deeplearning4j.nn.conf.layers.Layer layer) {
        return layer instanceof HebbianLearning h && !h.getRule().requiresTargets();
    }

    /** The index of the highest layer of {@code net} that learns by an unsupervised local rule, or -1 if none does. */
    public static int topLocalLayer(MultiLayerNetwork net) {
        MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
        int top = -1;
        for (int i = 0; i < conf.getConfs().size(); i++) {
            if (learnsWithoutLabels(conf.getConf(i).getLayer())) {
                top = i;
            }
        }
        return top;
    }

    /** The index of the lowest layer of {@code net} that learns by an unsupervised local rule, or -1 if none does. */
    public static int lowestLocalLayer(MultiLayerNetwork net) {
        MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
        for (int i = 0; i < conf.getConfs().size(); i++) {
            if (learnsWithoutLabels(conf.getConf(i).getLayer())) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Trains the local-rule layers of {@code net} in place.
     *
     * @param net       an initialized network
     * @param frozen    indices of layers that keep their parameters and run in inference mode; all below the
     *                  lowest local-rule layer
     * @param data      training data (labels are read but not used by any local rule)
     * @param epochs    passes over {@code data}, {@code >= 1}
     * @param listeners attached to the phase's network (e.g. progress, {@code HebbianStatisticsListener}); may be empty
     * @param onEpoch   told each finished epoch (counted from 1); may be null
     * @throws IllegalArgumentException if the network has no local-rule layer or a frozen layer is not below all of them
     */
    public static void fit(MultiLayerNetwork net, Set<Integer> frozen, DataSetIterator data, int epochs,
                           List<TrainingListener> listeners, IntConsumer onEpoch) {
        int top = topLocalLayer(net);
        int lowest = lowestLocalLayer(net);
        if (top < 0) {
            throw new IllegalArgumentException("LocalLearningPhase: the network has no layer that learns by a local rule");
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("LocalLearningPhase: epochs must be >= 1; got " + epochs);
        }
        for (int i : frozen) {
            if (i < 0 || i >= lowest) {
                throw new IllegalArgumentException("LocalLearningPhase: frozen layer " + i + " is not below the lowest local-rule "
                        + "layer (" + lowest + "); only layers below every Hebbian layer can be frozen");
            }
        }
        MultiLayerNetwork phase = new MultiLayerNetwork(phaseConfiguration(net, top, frozen));
        phase.init();
        long n = paramsUpTo(net, top);
        if (n > 0) {
            phase.params().get(NDArrayIndex.interval(0, n)).assign(net.params().get(NDArrayIndex.interval(0, n)));
        }
        if (listeners != null && !listeners.isEmpty()) {
            phase.setListeners(listeners.toArray(new TrainingListener[0]));
        }
        for (int epoch = 1; epoch <= epochs; epoch++) {
            data.reset();
            phase.fit(data);
            if (onEpoch != null) {
                onEpoch.accept(epoch);
            }
        }
        if (n > 0) {
            net.params().get(NDArrayIndex.interval(0, n)).assign(phase.params().get(NDArrayIndex.interval(0, n)));
        }
    }

    /** Number of parameters of layers 0..{@code top} (a prefix of the flattened parameter vector). */
    static long paramsUpTo(MultiLayerNetwork net, int top) {
        long n = 0;
        for (int i = 0; i <= top; i++) {
            n += net.getLayer(i).numParams();
        }
        return n;
    }

    private static MultiLayerConfiguration phaseConfiguration(MultiLayerNetwork net, int top, Set<Integer> frozen) {
        MultiLayerConfiguration full = net.getLayerWiseConfigurations();
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
                .seed(full.getConf(0).getSeed())
                .dataType(full.getDataType())
                .updater(new NoOp())
                .list();
        for (int i = 0; i <= top; i++) {
            Layer layer = full.getConf(i).getLayer().clone();
            list.layer(i, frozen.contains(i) ? new FrozenLayer(layer) : layer);
            InputPreProcessor pre = full.getInputPreProcess(i);
            if (pre != null) {
                list.inputPreProcessor(i, pre.clone());
            }
        }
        Layer topLayer = full.getConf(top).getLayer();
        long width = ((FeedForwardLayer) topLayer).getNOut();
        int next = top + 1;
        if (topLayer instanceof ConvolutionLayer) {
            list.layer(next++, new GlobalPoolingLayer.Builder(PoolingType.AVG).build());
        }
        list.layer(next, new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(width).nOut(outputs(net))
                .activation(Activation.IDENTITY).updater(new NoOp()).build());
        return list.build();
    }

    private static long outputs(MultiLayerNetwork net) {
        Layer out = net.getLayerWiseConfigurations().getConf(net.getnLayers() - 1).getLayer();
        return out instanceof FeedForwardLayer ff ? ff.getNOut() : 1;
    }
}
