package org.hebbian4j.zoo;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.hebbian4j.competition.Competition;
import org.hebbian4j.competition.HardWta;
import org.hebbian4j.competition.KWta;
import org.hebbian4j.competition.PowerSoftWta;
import org.hebbian4j.competition.PreActivationSimilarity;
import org.hebbian4j.competition.Similarity;
import org.hebbian4j.competition.SoftWta;
import org.hebbian4j.conf.HebbianConvolutionLayer;
import org.hebbian4j.conf.HebbianDenseLayer;
import org.hebbian4j.conf.HebbianOutputLayer;
import org.hebbian4j.rules.InstarRule;
import org.hebbian4j.rules.LearningRule;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The six-layer network of Lagani et al., in which each of layers 1-5 learns either by a
 * competitive Hebbian rule ("H") or by backprop ("B"), chosen by a pattern string such as
 * {@code "HHBBBG"} (their tables of hybrid networks); layer 6, the classifier, is "G" (softmax
 * trained by gradient descent).
 *
 * <p>Architecture, for 32x32x3 inputs (NCHW):
 * <pre>
 * layer 1  conv 5x5, 3 -> 96, no padding, ReLU   32x32 -> 28x28, then 2x2 max-pool -> 14x14, batch norm
 * layer 2  conv 3x3, 96 -> 128, ReLU             14x14 -> 12x12, batch norm
 * layer 3  conv 3x3, 128 -> 192, ReLU            12x12 -> 10x10, then 2x2 max-pool -> 5x5, batch norm
 * layer 4  conv 3x3, 192 -> 256, ReLU            5x5 -> 3x3, batch norm
 * layer 5  fully connected 2304 (= 256*3*3) -> 4096, ReLU, batch norm
 * layer 6  dropout 0.5, fully connected 4096 -> classes, softmax
 * </pre>
 * An "H" layer is a {@link HebbianConvolutionLayer} (layers 1-4) or a {@link HebbianDenseLayer}
 * (layer 5) with the Instar rule {@code dw_i = r_i (x - w_i)} of the paper and the chosen competition
 * ({@link #paperCompetitions()}: WTA, 5-WTA, e-soft-WTA with T = 0.02, p-soft-WTA with p = 20), stepped
 * by {@code Sgd(1e-3)} (the paper's Hebbian learning rate), without L2. A "B" layer is DL4J's
 * ConvolutionLayer or DenseLayer trained by backprop, like the classifier with the paper's SGD settings:
 * Nesterov momentum 0.9, learning rate 1e-3, L2 5e-2 (their MNIST/CIFAR-10 value). Batch normalization
 * always learns by backprop. A Hebbian layer passes no error down: the "B" layers below the highest
 * "H" receive none and keep their initial or loaded parameters (the paper trains them first by
 * backprop, then freezes them), so they get no L2 either, which would only shrink them.
 *
 * <p>An "H" at layer 6 is the supervised Hebbian classifier, {@link HebbianOutputLayer}, trained with
 * the Hebbian learning rate. Not modelled: the paper's input whitening and learning-rate schedule
 * (halving every two epochs after ten; use a schedule in the updaters).
 *
 * <p>Speed: the backprop layers are DL4J's own; on ND4J's oneDNN build they run on oneDNN when DL4J's
 * layer helpers are on, which {@link org.hebbian4j.backend.NativeBackend#useOneDnnLayers()} does if called
 * before the network is created (docs/user-guide.md, "oneDNN for DL4J's own layers").
 *
 * <p>G. Lagani, F. Falchi, C. Gennaro, G. Amato, "Training Convolutional Neural Networks with
 * Competitive Hebbian Learning Approaches", LOD 2021, section 4, Fig. 3 and Tables 2, 5, 8.
 */
public final class LaganiNet {

    /** Index in the MultiLayerNetwork of the paper's layers 1 to 6 ({@code PAPER_LAYER_INDEX[0]} is layer 1). */
    public static final int[] PAPER_LAYER_INDEX = {0, 3, 5, 8, 10, 12};

    /**
     * Index in the MultiLayerNetwork of the last layer of the paper's block 1 to 5 (its batch normalization,
     * after the pooling where there is one): the features that block passes on, probed in the paper's Table 1.
     */
    public static int blockOutput(int paperLayer) {
        if (paperLayer < 1 || paperLayer > 5) {
            throw new IllegalArgumentException("LaganiNet: blocks are numbered 1 to 5; got " + paperLayer);
        }
        return PAPER_LAYER_INDEX[paperLayer] - 1;
    }

    /** The MultiLayerNetwork indices of the paper's block 1 to 5 (convolution or dense layer, pooling, batch norm). */
    public static java.util.Set<Integer> blockLayers(int paperLayer) {
        int end = blockOutput(paperLayer);
        java.util.Set<Integer> layers = new java.util.TreeSet<>();
        for (int i = PAPER_LAYER_INDEX[paperLayer - 1]; i <= end; i++) {
            layers.add(i);
        }
        return layers;
    }


    private final String pattern;
    private int height = 32;
    private int width = 32;
    private int channels = 3;
    private int classes = 10;
    private LearningRule rule = new InstarRule();
    private Competition competition = new HardWta();
    private IUpdater hebbianUpdater = new Sgd(1e-3);
    private IUpdater backpropUpdater = new Nesterovs(1e-3, 0.9);
    private double l2 = 5e-2;
    private double dropoutRetain = 0.5;
    private boolean normalizeWeights = false;
    private Similarity similarity = new PreActivationSimilarity();
    private boolean normalizedForward = false;
    private DataType dataType = DataType.FLOAT;
    private long seed = 42;

    /**
     * @param pattern six letters: for layers 1-5 "H" (Hebbian) or "B" (backprop), for layer 6 "G"
     *                (classifier by gradient descent) or "H" (the supervised Hebbian classifier,
     *                {@link HebbianOutputLayer}, Zhu and Liu eq. 13, trained with the Hebbian learning rate);
     *                case-insensitive, e.g. {@code "HHBBBG"}, {@code "BBBBHH"}
     * @throws IllegalArgumentException if the pattern is malformed
     */
    public LaganiNet(String pattern) {
        if (pattern == null || !pattern.toUpperCase().matches("[HB]{5}[GH]")) {
            throw new IllegalArgumentException("LaganiNet: pattern must be 5 letters H or B (layers 1-5) followed by G"
                    + " (layer 6), e.g. \"HHBBBG\"; got " + (pattern == null ? "null" : "\"" + pattern + "\""));
        }
        this.pattern = pattern.toUpperCase();
    }

    /**
     * The four competitions of the paper's tables, by their names there: "WTA" ({@link HardWta}),
     * "5-WTA" ({@code KWta(5)}), "e-soft-WTA" ({@code SoftWta(0.02)}), "p-soft-WTA"
     * ({@code PowerSoftWta(20)}, p = 1/0.05).
     */
    public static Map<String, Competition> paperCompetitions() {
        Map<String, Competition> m = new LinkedHashMap<>();
        m.put("WTA", new HardWta());
        m.put("5-WTA", new KWta(5));
        m.put("e-soft-WTA", new SoftWta(0.02));
        m.put("p-soft-WTA", new PowerSoftWta(20));
        return m;
    }

    /** The pattern, upper case. */
    public String pattern() {
        return pattern;
    }

    /** Whether the paper's layer {@code layer} (1 to 6) is Hebbian. */
    public boolean isHebbian(int layer) {
        return pattern.charAt(layer - 1) == 'H';
    }

    /** Input image size. Default 32x32 with 3 channels (CIFAR-10; layer 5's 2304 inputs assume 32x32). */
    public LaganiNet input(int height, int width, int channels) {
        this.height = height;
        this.width = width;
        this.channels = channels;
        return this;
    }

    /** Classes. Default 10. */
    public LaganiNet classes(int classes) {
        this.classes = classes;
        return this;
    }

    /** Learning rule of the Hebbian layers. Default {@link InstarRule} (the paper's). */
    public LaganiNet rule(LearningRule rule) {
        this.rule = rule;
        return this;
    }

    /** Competition of the Hebbian layers (see {@link #paperCompetitions()}). Default {@link HardWta}. */
    public LaganiNet competition(Competition competition) {
        this.competition = competition;
        return this;
    }

    /** Updater taking the Hebbian step ({@code W += lr dW} with {@code Sgd(lr)}). Default {@code Sgd(1e-3)}. */
    public LaganiNet hebbianUpdater(IUpdater hebbianUpdater) {
        this.hebbianUpdater = hebbianUpdater;
        return this;
    }

    /** Updater of backprop layers, batch norm and classifier. Default {@code Nesterovs(1e-3, 0.9)}. */
    public LaganiNet backpropUpdater(IUpdater backpropUpdater) {
        this.backpropUpdater = backpropUpdater;
        return this;
    }

    /** L2 penalty of the backprop layers' and classifier's weights. Default 5e-2; none on Hebbian layers. */
    public LaganiNet l2(double l2) {
        this.l2 = l2;
        return this;
    }

    /** Probability of RETAINING each input of the classifier (DL4J's dropOut convention). Default 0.5. */
    public LaganiNet dropoutRetain(double dropoutRetain) {
        this.dropoutRetain = dropoutRetain;
        return this;
    }

    /**
     * What the Hebbian layers' neurons compete on; the authors' code uses
     * {@code new RaisedCosineSimilarity()}. Default: the pre-activations.
     */
    public LaganiNet similarity(Similarity similarity) {
        this.similarity = similarity;
        return this;
    }

    /**
     * Hebbian layers output {@code ReLU(x . w / |w|)} (their pre-activation divided by the norm of
     * the weights), as in the authors' code. Default false.
     */
    public LaganiNet normalizedForward(boolean normalizedForward) {
        this.normalizedForward = normalizedForward;
        return this;
    }

    /** Unit-norm kernels and weight vectors after every Hebbian step. Default false. */
    public LaganiNet normalizeWeights(boolean normalizeWeights) {
        this.normalizeWeights = normalizeWeights;
        return this;
    }

    /** The network's data type. Default FLOAT. */
    public LaganiNet dataType(DataType dataType) {
        this.dataType = dataType;
        return this;
    }

    /** Seed of the weight initialization. Default 42. */
    public LaganiNet seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** The configuration; sizes above the input are inferred from {@code InputType.convolutional}. */
    public MultiLayerConfiguration conf() {
        return new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(dataType)
                .weightInit(WeightInit.XAVIER)
                .updater(backpropUpdater)
                .list()
                .layer(convolution(1, 5, 96))
                .layer(maxPool("pool1"))
                .layer(batchNorm("bn1"))
                .layer(convolution(2, 3, 128))
                .layer(batchNorm("bn2"))
                .layer(convolution(3, 3, 192))
                .layer(maxPool("pool3"))
                .layer(batchNorm("bn3"))
                .layer(convolution(4, 3, 256))
                .layer(batchNorm("bn4"))
                .layer(fullyConnected5())
                .layer(batchNorm("bn5"))
                .layer(classifier())
                .setInputType(InputType.convolutional(height, width, channels))
                .build();
    }

    private Layer convolution(int layer, int kernel, int nOut) {
        String name = "conv" + layer;
        if (isHebbian(layer)) {
            return new HebbianConvolutionLayer.Builder(kernel, kernel).name(name).nOut(nOut)
                    .rule(rule).similarity(similarity).competition(competition).normalizeWeights(normalizeWeights)
                    .normalizedForward(normalizedForward)
                    .activation(Activation.RELU).updater(hebbianUpdater).build();
        }
        return new ConvolutionLayer.Builder(kernel, kernel).name(name).nOut(nOut)
                .activation(Activation.RELU).l2(l2Below(layer)).build();
    }

    private Layer fullyConnected5() {
        if (isHebbian(5)) {
            return new HebbianDenseLayer.Builder().name("fc5").nOut(4096)
                    .rule(rule).similarity(similarity).competition(competition).normalizeWeights(normalizeWeights)
                    .normalizedForward(normalizedForward)
                    .activation(Activation.RELU).updater(hebbianUpdater).build();
        }
        return new DenseLayer.Builder().name("fc5").nOut(4096).activation(Activation.RELU).l2(l2Below(5)).build();
    }

    /** Layer 6: softmax classifier by gradient descent ("G") or the supervised Hebbian classifier ("H"). */
    private Layer classifier() {
        if (pattern.charAt(5) == 'H') {
            return new HebbianOutputLayer.Builder().name("fc6").nOut(classes).activation(Activation.SOFTMAX)
                    .dropOut(dropoutRetain).updater(hebbianUpdater).build();
        }
        return new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                .name("fc6").nOut(classes).activation(Activation.SOFTMAX)
                .dropOut(dropoutRetain).l2(l2).build();
    }

    /**
     * The layers that the paper's hybrid protocol takes from a backprop-pretrained network and freezes: every
     * block marked "B" below a Hebbian block (Lagani et al., section 4), with its pooling and batch
     * normalization (layer 6 is never frozen). Empty for patterns whose lowest
     * layer is Hebbian or that have no Hebbian layer.
     *
     * @throws IllegalArgumentException if a "B" block lies between two Hebbian blocks (it would be frozen from a
     *                                  network trained on other features below it; not a configuration of the paper)
     */
    public java.util.Set<Integer> pretrainedFrozenLayers() {
        int lowestH = pattern.substring(0, 5).indexOf('H');
        int highestH = pattern.substring(0, 5).lastIndexOf('H');
        java.util.Set<Integer> frozen = new java.util.TreeSet<>();
        if (lowestH < 0) {
            return frozen;
        }
        if (pattern.substring(lowestH, highestH + 1).indexOf('B') >= 0) {
            throw new IllegalArgumentException("LaganiNet: pattern " + pattern + " has a backprop block between Hebbian blocks; "
                    + "the hybrid protocol freezes pretrained blocks below the Hebbian ones only");
        }
        for (int layer = 1; layer <= lowestH; layer++) {
            frozen.addAll(blockLayers(layer));
        }
        return frozen;
    }

    /** Whether the error of the classifier reaches backprop layer {@code layer}: no Hebbian layer above it. */
    public boolean receivesError(int layer) {
        return pattern.substring(layer, 6).indexOf('H') < 0;
    }

    private double l2Below(int layer) {
        return receivesError(layer) ? l2 : 0.0;
    }

    private static Layer maxPool(String name) {
        return new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).name(name)
                .kernelSize(2, 2).stride(2, 2).build();
    }

    private static Layer batchNorm(String name) {
        return new BatchNormalization.Builder().name(name).build();
    }

    @Override
    public String toString() {
        return "LaganiNet{pattern=" + pattern + ", input=" + height + "x" + width + "x" + channels + ", classes="
                + classes + ", rule=" + rule + ", competition=" + competition + ", hebbianUpdater=" + hebbianUpdater
                + ", backpropUpdater=" + backpropUpdater + ", l2=" + l2 + ", dropoutRetain=" + dropoutRetain
                + ", normalizeWeights=" + normalizeWeights + ", similarity=" + similarity
                + ", normalizedForward=" + normalizedForward + ", dataType=" + dataType + ", seed=" + seed + "}";
    }
}
