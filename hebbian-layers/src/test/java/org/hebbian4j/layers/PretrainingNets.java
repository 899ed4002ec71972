package org.hebbian4j.layers;

import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.hebbian4j.competition.HardWta;
import org.hebbian4j.competition.Rectified;
import org.hebbian4j.competition.SoftWta;
import org.hebbian4j.conf.HebbianConvolutionLayer;
import org.hebbian4j.conf.HebbianDenseLayer;
import org.hebbian4j.conf.HebbianLearningBuilder;
import org.hebbian4j.homeostasis.AdaptiveThreshold;
import org.hebbian4j.homeostasis.GrowthFactor;
import org.hebbian4j.rules.HebbNetRule;
import org.hebbian4j.rules.InstarRule;
import org.hebbian4j.rules.SoftHebbRule;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.ArrayList;
import java.util.List;

/**
 * Small networks with one hidden Hebbian layer (dense or convolution) at index 0 or above one ordinary
 * layer, with a softmax output on top, as MultiLayerNetwork and ComputationGraph configurations; and their
 * data. For the tests of pretraining and freezing, which compare a layer's parameters across networks
 * built from the same seed.
 */
final class PretrainingNets {

    static final int N_IN = 6;
    static final int CHANNELS = 2;
    static final int HEIGHT = 6;
    static final int WIDTH = 5;
    static final int N_HEBBIAN = 4;
    static final int N_CLASSES = 3;
    static final int BATCH = 8;
    static final double LR = 0.1;

    private PretrainingNets() {
    }

    /** How the Hebbian layer learns: the parts of its state that a step moves, and who takes the step. */
    enum Variant {
        /** Sgd: W += lr dW; theta adapts; the unit-norm constraint applies after the step. */
        SGD_THRESHOLD_UNIT_NORM,
        /** Sgd; the growth factor's state adapts and rescales W after the step. */
        SGD_GROWTH_FACTOR,
        /** Sgd; HebbNet's running average, a rule state. */
        SGD_RULE_STATE,
        /** Adam on W (a stateful updater). */
        ADAM,
        /** The layer's direct step, whatever the network's Adam and l2. */
        DIRECT_STEP;

        <T extends HebbianLearningBuilder<T>> T configure(T builder) {
            return switch (this) {
                case SGD_THRESHOLD_UNIT_NORM -> builder.rule(new InstarRule()).competition(new HardWta())
                        .homeostasis(new AdaptiveThreshold(3.0)).normalizeWeights(true);
                case SGD_GROWTH_FACTOR -> builder.rule(new InstarRule()).competition(new HardWta())
                        .homeostasis(new GrowthFactor(0.9, 1.0));
                case SGD_RULE_STATE -> builder.rule(new HebbNetRule(0.5, 0.9)).competition(new Rectified());
                case ADAM, DIRECT_STEP -> builder.rule(new SoftHebbRule()).competition(new SoftWta(1.0));
            };
        }

        /** The updater set on the Hebbian layer; the rest of the network uses Sgd(LR). */
        IUpdater layerUpdater() {
            return this == ADAM ? new Adam(0.01) : this == DIRECT_STEP ? new Adam(0.5) : new Sgd(LR);
        }

        /** l2 set on the Hebbian layer. */
        double layerL2() {
            return this == DIRECT_STEP ? 0.1 : 0.0;
        }
    }

    /** The Hebbian layer of {@code variant}, named "hebbian". */
    static Layer hebbianLayer(boolean convolution, Variant variant) {
        if (convolution) {
            HebbianConvolutionLayer.Builder b = variant.configure(new HebbianConvolutionLayer.Builder(3, 3))
                    .nOut(N_HEBBIAN).activation(Activation.RELU).updater(variant.layerUpdater()).l2(variant.layerL2());
            if (variant == Variant.DIRECT_STEP) {
                b.directStep(LR);
            }
            return b.name("hebbian").build();
        }
        HebbianDenseLayer.Builder b = variant.configure(new HebbianDenseLayer.Builder()).nOut(N_HEBBIAN)
                .activation(Activation.RELU).updater(variant.layerUpdater()).l2(variant.layerL2());
        if (variant == Variant.DIRECT_STEP) {
            b.directStep(LR);
        }
        return b.name("hebbian").build();
    }

    /**
     * The ordinary layer below the Hebbian one, named "below": a tanh dense layer (5 units), or a 2x2 max
     * pooling at stride 1 (which keeps the channels).
     */
    static Layer layerBelow(boolean convolution) {
        return convolution
                ? new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(1, 1).name("below").build()
                : new DenseLayer.Builder().nOut(5).activation(Activation.TANH).name("below").build();
    }

    static Layer output() {
        return new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(N_CLASSES)
                .activation(Activation.SOFTMAX).name("output").build();
    }

    static InputType inputType(boolean convolution) {
        return convolution ? InputType.convolutional(HEIGHT, WIDTH, CHANNELS) : InputType.feedForward(N_IN);
    }

    private static NeuralNetConfiguration.Builder base(Variant variant) {
        return new NeuralNetConfiguration.Builder().seed(11).dataType(DataType.DOUBLE).weightInit(WeightInit.XAVIER)
                .updater(new Sgd(LR));
    }

    /** [below?] hebbian, output. */
    static MultiLayerConfiguration multiLayer(boolean convolution, Variant variant, boolean withLayerBelow) {
        NeuralNetConfiguration.ListBuilder list = base(variant).list();
        if (withLayerBelow) {
            list.layer(layerBelow(convolution));
        }
        return list.layer(hebbianLayer(convolution, variant)).layer(output())
                .setInputType(inputType(convolution)).build();
    }

    /** The same as a graph: in -> [below ->] hebbian -> output. */
    static ComputationGraphConfiguration graph(boolean convolution, Variant variant, boolean withLayerBelow) {
        ComputationGraphConfiguration.GraphBuilder g = base(variant).graphBuilder().addInputs("in");
        String feed = "in";
        if (withLayerBelow) {
            g.addLayer("below", layerBelow(convolution), "in");
            feed = "below";
        }
        return g.addLayer("hebbian", hebbianLayer(convolution, variant), feed)
                .addLayer("output", output(), "hebbian")
                .setOutputs("output").setInputTypes(inputType(convolution)).build();
    }

    /** {@code count} batches of features uniform in [0, 1) and one-hot labels, reproducible from {@code seed}. */
    static List<DataSet> batches(boolean convolution, int count, long seed) {
        Nd4j.getRandom().setSeed(seed);
        List<DataSet> batches = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            INDArray features = convolution ? Nd4j.rand(DataType.DOUBLE, BATCH, CHANNELS, HEIGHT, WIDTH)
                    : Nd4j.rand(DataType.DOUBLE, BATCH, N_IN);
            INDArray labels = Nd4j.zeros(DataType.DOUBLE, BATCH, N_CLASSES);
            for (int s = 0; s < BATCH; s++) {
                labels.putScalar(s, (s + k) % N_CLASSES, 1.0);
            }
            batches.add(new DataSet(features, labels));
        }
        return batches;
    }

    /** An iterator over {@code batches}, one batch per step, resettable. */
    static DataSetIterator iterator(List<DataSet> batches) {
        return new ListDataSetIterator<>(batches, 1);   // each element is one batch
    }

    /** The parameters as doubles, for exact comparisons. */
    static double[] values(INDArray params) {
        return params.dup().data().asDouble();
    }
}
