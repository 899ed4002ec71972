package org.hebbian4j.probe;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.hebbian4j.data.ShuffledDataSetIterator;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * A linear softmax classifier trained by gradient descent on frozen features.
 *
 * <p>Features are standardized (per feature: zero mean, unit variance, statistics of the training
 * set) before training, which makes one learning rate fit features of any scale. The
 * standardization is then folded into the classifier, so the result is a plain affine map of the
 * raw features: {@code W' = diag(1/sd) W}, {@code b' = b - (mu/sd) W}. It can be copied into the
 * output layer of the network the features came from ({@link Result#weights()}, {@link Result#bias()}).
 */
public final class LinearProbe {

    private final int epochs;
    private final int batchSize;
    private final IUpdater updater;
    private final long seed;
    private final double dropProbability;

    /**
     * @param epochs    passes over the training features (&gt;= 1)
     * @param batchSize minibatch size (&gt;= 1)
     * @param updater   the classifier's updater, e.g. {@code new Adam(1e-3)}
     * @param seed      seed of the classifier's initialization and of the shuffling
     */
    public LinearProbe(int epochs, int batchSize, IUpdater updater, long seed) {
        this(epochs, batchSize, updater, seed, 0.0);
    }

    /**
     * As {@link #LinearProbe(int, int, IUpdater, long)}, with dropout on the classifier's input during
     * training (Liuson's "dropout applied between the hidden layer and the linear head").
     *
     * @param dropProbability probability that a feature is dropped in a training step, {@code 0 <= p < 1}
     */
    public LinearProbe(int epochs, int batchSize, IUpdater updater, long seed, double dropProbability) {
        if (!(dropProbability >= 0 && dropProbability < 1)) {
            throw new IllegalArgumentException("LinearProbe: dropProbability must be in [0, 1), got " + dropProbability);
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("LinearProbe: epochs must be >= 1, got " + epochs);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("LinearProbe: batchSize must be >= 1, got " + batchSize);
        }
        this.epochs = epochs;
        this.batchSize = batchSize;
        this.updater = updater;
        this.seed = seed;
        this.dropProbability = dropProbability;
    }

    /** Adam with learning rate 1e-3 decaying by 0.75 per epoch, batch 64. */
    public static LinearProbe adam(int epochs, long seed) {
        return adam(epochs, 64, seed);
    }

    /**
     * Adam with learning rate 1e-3 decaying by 0.75 per epoch ({@code 1e-3 * 0.75^epoch}): on MNIST
     * features of width 2000 this gained 0.2-0.3 points over a constant rate, for random and Hebbian
     * features alike.
     */
    public static LinearProbe adam(int epochs, int batchSize, long seed) {
        return new LinearProbe(epochs, batchSize,
                new Adam(new ExponentialSchedule(ScheduleType.EPOCH, 1e-3, 0.75)), seed);
    }

    /**
     * The probe's outcome.
     *
     * @param testAccuracyPerEpoch test accuracy after each epoch
     * @param weights              {@code [features, classes]}, acting on RAW (unstandardized) features
     * @param bias                 {@code [1, classes]}
     */
    public record Result(List<Double> testAccuracyPerEpoch, INDArray weights, INDArray bias) {
        /** Accuracy after the last epoch (the honest figure). */
        public double finalAccuracy() {
            return testAccuracyPerEpoch.get(testAccuracyPerEpoch.size() - 1);
        }

        /** Best accuracy over epochs (the figure Liuson reports: "max test accuracy"). */
        public double maxAccuracy() {
            return testAccuracyPerEpoch.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        }
    }

    /**
     * Trains on {@code train} and evaluates on {@code test} after every epoch.
     *
     * @param listeners   attached to the classifier (e.g. a progress bar); may be empty
     * @param onEpochDone called with the finished epoch's number (1-based); may be null
     */
    public Result fit(DataSet train, DataSet test, List<TrainingListener> listeners, IntConsumer onEpochDone) {
        return fit(train, test, listeners, onEpochDone, LinearProbe::trainHere);
    }

    /**
     * How the classifier is trained on the standardized training features: by default here, by its own
     * {@code fit} over shuffled minibatches; {@code org.hebbian4j.spark.SparkProbeTraining} trains it on
     * Apache Spark.
     */
    @FunctionalInterface
    public interface Training {
        /**
         * Trains {@code classifier} for {@code epochs} epochs on {@code train} in minibatches of {@code batchSize}
         * shuffled by {@code seed}, calling {@code afterEpoch} with each finished epoch's number (1-based).
         */
        void train(MultiLayerNetwork classifier, DataSet train, int epochs, int batchSize, long seed,
                   IntConsumer afterEpoch);
    }

    /** The default {@link Training}: the classifier's own {@code fit}, a new shuffle of the minibatches every epoch. */
    private static void trainHere(MultiLayerNetwork classifier, DataSet train, int epochs, int batchSize, long seed,
                                  IntConsumer afterEpoch) {
        ShuffledDataSetIterator batches = new ShuffledDataSetIterator(train, batchSize, seed);
        for (int epoch = 1; epoch <= epochs; epoch++) {
            classifier.fit(batches);
            afterEpoch.accept(epoch);
        }
    }

    /**
     * As {@link #fit(DataSet, DataSet, List, IntConsumer)}, the classifier trained by {@code training}
     * ({@code listeners} are attached to the classifier on this machine).
     */
    public Result fit(DataSet train, DataSet test, List<TrainingListener> listeners, IntConsumer onEpochDone,
                      Training training) {
        INDArray x = train.getFeatures();
        long nFeatures = x.size(1);
        long nClasses = train.getLabels().size(1);
        INDArray mean = x.mean(true, 0);
        INDArray sd = x.std(true, 0).addi(1e-6);
        DataSet trainStd = new DataSet(standardize(x, mean, sd), train.getLabels());
        DataSet testStd = new DataSet(standardize(test.getFeatures(), mean, sd), test.getLabels());

        OutputLayer.Builder head = new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                .nIn(nFeatures).nOut(nClasses).activation(Activation.SOFTMAX);
        if (dropProbability > 0) {
            head.dropOut(1 - dropProbability); // DL4J's argument is the retain probability
        }
        MultiLayerNetwork classifier = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(seed).updater(updater).weightInit(WeightInit.XAVIER).dataType(x.dataType()).list()
                .layer(head.build())
                .build());
        classifier.init();
        classifier.setListeners(listeners);
        List<Double> accuracy = new ArrayList<>();
        training.train(classifier, trainStd, epochs, batchSize, seed, epoch -> {
            accuracy.add(accuracy(classifier, testStd));
            if (onEpochDone != null) {
                onEpochDone.accept(epoch);
            }
        });
        INDArray w = classifier.getLayer(0).getParam("W");
        INDArray b = classifier.getLayer(0).getParam("b");
        INDArray foldedW = w.divColumnVector(sd.reshape(nFeatures, 1));
        INDArray foldedB = b.sub(mean.div(sd).mmul(w));
        return new Result(List.copyOf(accuracy), foldedW, foldedB);
    }

    private static INDArray standardize(INDArray x, INDArray mean, INDArray sd) {
        return x.subRowVector(mean).diviRowVector(sd);
    }

    /** Classification accuracy of {@code net} on {@code data}. */
    public static double accuracy(MultiLayerNetwork net, DataSet data) {
        Evaluation eval = new Evaluation();
        eval.eval(data.getLabels(), net.output(data.getFeatures(), false));
        return eval.accuracy();
    }
}
