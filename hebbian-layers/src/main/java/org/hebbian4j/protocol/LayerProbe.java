package org.hebbian4j.protocol;

import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.transferlearning.FineTuneConfiguration;
import org.deeplearning4j.nn.transferlearning.TransferLearning;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.hebbian4j.data.ShuffledDataSetIterator;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.MapSchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import java.util.Map;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.List;
import java.util.Objects;
import java.util.function.IntConsumer;

/**
 * A linear probe of one layer's features, as in Lagani et al. (section 4 and Tables 1, 4, 7): a softmax
 * classifier trained by SGD (cross-entropy) on the frozen output of a layer of a trained network, with early
 * stopping on validation accuracy. Built with DL4J's {@code TransferLearning}: the layers up to the probed one
 * are frozen (inference mode), the layers above are replaced by the classifier. The paper's settings
 * ({@link #paper}): Nesterov momentum 0.9, learning rate 1e-3, L2 penalty 5e-4, minibatch 64.
 *
 * <p>Which features: the output of the probed layer index, i.e. for the paper's convolutional blocks the output
 * after the block's pooling and batch normalization when that index is given (see {@code LaganiNet.blockOutput}).
 */
public final class LayerProbe {

    private final IUpdater updater;
    private final double l2;
    private final EarlyStoppedTraining training;
    private final int batchSize;
    private final long seed;
    /** Probability of retaining each feature (DL4J's dropOut convention); 1 = no dropout. */
    private final double dropoutRetain;

    public LayerProbe(IUpdater updater, double l2, EarlyStoppedTraining training, int batchSize, long seed) {
        this(updater, l2, training, batchSize, seed, 1.0);
    }

    private LayerProbe(IUpdater updater, double l2, EarlyStoppedTraining training, int batchSize, long seed,
                       double dropoutRetain) {
        if (!(l2 >= 0)) {
            throw new IllegalArgumentException("LayerProbe: l2 must be >= 0; got " + l2);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("LayerProbe: batchSize must be >= 1; got " + batchSize);
        }
        this.updater = Objects.requireNonNull(updater, "updater");
        this.l2 = l2;
        this.training = Objects.requireNonNull(training, "training");
        this.batchSize = batchSize;
        this.seed = seed;
        if (!(dropoutRetain > 0 && dropoutRetain <= 1)) {
            throw new IllegalArgumentException("LayerProbe: dropout retain probability must be in (0, 1]; got " + dropoutRetain);
        }
        this.dropoutRetain = dropoutRetain;
    }

    /**
     * This probe with dropout on its input features, each kept with probability {@code retain} in
     * training (the authors' probe: 0.5, i.e. {@code dropout(p = 0.5)}).
     */
    public LayerProbe withDropout(double retain) {
        return new LayerProbe(updater, l2, training, batchSize, seed, retain);
    }

    /**
     * The learning-rate schedule of Lagani et al.'s code: {@code rate} for the first {@code constantEpochs}
     * epochs, then halved after every epoch up to {@code epochs} (PyTorch's MultiStepLR with gamma 0.5 and
     * milestones constantEpochs..epochs-1; the paper's text says "every two epochs", its code does every one).
     */
    public static ISchedule halvingAfter(double rate, int constantEpochs, int epochs) {
        Map<Integer, Double> values = new java.util.TreeMap<>();
        values.put(0, rate);
        for (int epoch = constantEpochs; epoch < epochs; epoch++) {
            values.put(epoch, rate * Math.pow(0.5, epoch - constantEpochs + 1));
        }
        return new MapSchedule(ScheduleType.EPOCH, values);
    }

    /**
     * This probe, resumable: its training is checkpointed to {@code dir} after every epoch and continues from
     * there ({@link EarlyStoppedTraining#checkpointingTo}).
     */
    public LayerProbe checkpointingTo(java.nio.file.Path dir) {
        return new LayerProbe(updater, l2, training.checkpointingTo(dir), batchSize, seed, dropoutRetain);
    }

    /**
     * Whether {@link #fit} continues from a checkpoint: the probe network (the probed layers frozen inside
     * it) is then the checkpoint's, and the network given to {@code fit} is not used, so a caller can skip
     * training it.
     */
    public boolean canResume() {
        return training.canResume();
    }

    /** The paper's probe: Nesterov(1e-3, 0.9), L2 5e-4, batch 64, early stopping. */
    public static LayerProbe paper(int maxEpochs, int patience, long seed) {
        return new LayerProbe(new Nesterovs(1e-3, 0.9), 5e-4, new EarlyStoppedTraining(maxEpochs, patience), 64, seed);
    }

    /**
     * @param testAccuracy test accuracy of the probe at its best validation epoch, in [0, 1]
     * @param features     number of features probed
     * @param training     the early-stopped training
     * @param seconds      wall time
     */
    public record Result(double testAccuracy, long features, EarlyStoppedTraining.Result training, double seconds) {
    }

    /**
     * Trains the probe on the output of layer {@code layerIndex} of {@code net} (which is not modified), or,
     * when {@link #canResume()}, continues the checkpointed probe ({@code net} may then be null).
     *
     * @throws IllegalArgumentException if {@code layerIndex} is not a hidden layer of {@code net}
     */
    public Result fit(MultiLayerNetwork net, int layerIndex, DataSplits data, List<TrainingListener> listeners,
                      IntConsumer onEpoch) {
        long t0 = System.nanoTime();
        MultiLayerNetwork probe = canResume() ? null : probeOf(net, layerIndex, data);
        EarlyStoppedTraining.Result result = training.fit(probe,
                new ShuffledDataSetIterator(data.train(), batchSize, seed, true),
                new ShuffledDataSetIterator(data.validation(), batchSize, seed, false), listeners, onEpoch);
        double test = HybridTraining.accuracy(result.best(), data.test(), batchSize);
        MultiLayerNetwork best = result.best();
        long features = ((org.deeplearning4j.nn.conf.layers.FeedForwardLayer) best.getLayerWiseConfigurations()
                .getConf(best.getnLayers() - 1).getLayer()).getNIn();
        return new Result(test, features, result, (System.nanoTime() - t0) / 1e9);
    }

    /** The probe network: the layers up to {@code layerIndex} of {@code net} frozen, a softmax classifier on top. */
    private MultiLayerNetwork probeOf(MultiLayerNetwork net, int layerIndex, DataSplits data) {
        int layers = net.getnLayers();
        if (layerIndex < 0 || layerIndex >= layers - 1) {
            throw new IllegalArgumentException("LayerProbe: layerIndex must be a hidden layer, 0.." + (layers - 2) + "; got " + layerIndex);
        }
        INDArray one = data.train().getFeatures().get(NDArrayIndex.interval(0, 1));
        INDArray sample = net.feedForwardToLayer(layerIndex, one, false).get(layerIndex + 1);
        long features = sample.length();
        long classes = data.train().getLabels().size(1);
        // TransferLearning's addLayer initializes the new classifier at once, from ND4J's global generator as
        // earlier work left it: seed it, so that a probe depends on its seed only.
        Nd4j.getRandom().setSeed(seed);
        TransferLearning.Builder builder = new TransferLearning.Builder(net)
                .fineTuneConfiguration(new FineTuneConfiguration.Builder().updater(updater).seed(seed).build())
                .setFeatureExtractor(layerIndex)
                .removeLayersFromOutput(layers - 1 - layerIndex)
                .addLayer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(features).nOut(classes)
                        .activation(Activation.SOFTMAX).weightInit(WeightInit.XAVIER).l2(l2).updater(updater)
                        .dropOut(dropoutRetain < 1 ? new Dropout(dropoutRetain) : null).build());
        if (sample.rank() == 4) {
            builder.setInputPreProcessor(layerIndex + 1,
                    new CnnToFeedForwardPreProcessor(sample.size(2), sample.size(3), sample.size(1)));
        }
        return builder.build();
    }
}
