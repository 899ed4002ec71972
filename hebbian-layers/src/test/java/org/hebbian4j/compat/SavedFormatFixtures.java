package org.hebbian4j.compat;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.hebbian4j.activations.StepActivation;
import org.hebbian4j.competition.HardWta;
import org.hebbian4j.competition.KWta;
import org.hebbian4j.competition.SoftWta;
import org.hebbian4j.conf.HebbianConvolutionLayer;
import org.hebbian4j.conf.HebbianDenseLayer;
import org.hebbian4j.conf.HebbianDescentOutputLayer;
import org.hebbian4j.conf.HebbianOutputLayer;
import org.hebbian4j.homeostasis.AdaptiveThreshold;
import org.hebbian4j.homeostasis.GrowthFactor;
import org.hebbian4j.rules.HebbNetRule;
import org.hebbian4j.rules.InstarRule;
import org.hebbian4j.rules.SoftHebbRule;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the saved-format fixtures of {@link SavedFormatCompatibilityTest} (run once, by hand, with
 * the code whose format they record; the committed files must never be regenerated, or they stop
 * testing anything): networks that use every Hebbian layer configuration with non-default settings,
 * trained for two batches, saved by ModelSerializer, with their output on a fixed input.
 *
 * <p>Usage: {@code java ... SavedFormatFixtures <directory> [<model.zip of hebbian4j train>]}. The
 * committed files were written at commit baa49c4 (2026-12-07); main-job.zip by {@code hebbian4j train
 * --embedded-data --hidden 64 --activation kwinners:16 --train-limit 1000 --test-limit 200
 * --classifier-epochs 2 --no-pictures --no-control}.
 */
final class SavedFormatFixtures {

    private SavedFormatFixtures() {
    }

    /** A fixed input with values in [0, 1): {@code x[i, j] = ((31 i + 7 j) mod 256) / 256}. */
    static INDArray fixedInput(long rows, long columns) {
        double[] values = new double[(int) (rows * columns)];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < columns; j++) {
                values[(int) (i * columns + j)] = ((31 * i + 7 * j) % 256) / 256.0;
            }
        }
        return Nd4j.create(values, new long[]{rows, columns}, 'c').castTo(DataType.FLOAT);
    }

    /** One-hot labels {@code i mod classes}. */
    static INDArray fixedLabels(long rows, int classes) {
        INDArray labels = Nd4j.zeros(DataType.FLOAT, rows, classes);
        for (int i = 0; i < rows; i++) {
            labels.putScalar(i, i % classes, 1.0);
        }
        return labels;
    }

    /** Hebbian convolution (soft-WTA, threshold, unit norm, direct step), pooling, Hebbian dense (HebbNet state, growth), SHC. */
    static MultiLayerConfiguration convolutional() {
        return new NeuralNetConfiguration.Builder().seed(7).weightInit(WeightInit.XAVIER).updater(new Sgd(0.05)).list()
                .layer(new HebbianConvolutionLayer.Builder(3, 3).nOut(6).rule(new SoftHebbRule()).competition(new SoftWta(0.5))
                        .homeostasis(new AdaptiveThreshold(0.2)).normalizeWeights(true).directStep(0.02)
                        .activation(Activation.RELU).name("hconv").build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                .layer(new HebbianDenseLayer.Builder().nOut(12).rule(new HebbNetRule()).competition(new KWta(3))
                        .homeostasis(new GrowthFactor()).activation(Activation.RELU).name("hdense").build())
                .layer(new HebbianOutputLayer.Builder().nOut(4).maxNorm(2.0).name("shc").build())
                .setInputType(InputType.convolutionalFlat(8, 8, 1)).build();
    }

    /** Hebbian dense (instar, WTA, unit norm) and Hebbian descent with centering and a step activation. */
    static MultiLayerConfiguration descent() {
        return new NeuralNetConfiguration.Builder().seed(11).weightInit(WeightInit.XAVIER).updater(new Sgd(0.1)).list()
                .layer(new HebbianDenseLayer.Builder().nIn(64).nOut(10).rule(new InstarRule()).competition(new HardWta())
                        .normalizeWeights(true).activation(Activation.RELU).build())
                .layer(new HebbianDescentOutputLayer.Builder().nIn(10).nOut(4).centering(0.9).activation(new StepActivation())
                        .lossFunction(LossFunctions.LossFunction.MSE).name("descent").build())
                .build();
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        write(dir, "convolutional", convolutional());
        write(dir, "descent", descent());
        if (args.length > 1) {
            // A model saved by the main job (hebbian4j train): copied, with its output on the fixed input.
            MultiLayerNetwork mainJob = ModelSerializer.restoreMultiLayerNetwork(new File(args[1]), true);
            Files.copy(Path.of(args[1]), dir.resolve("main-job.zip"));
            Nd4j.saveBinary(mainJob.output(fixedInput(8, 784)), dir.resolve("main-job-output.bin").toFile());
        }
    }

    /** The network of {@code conf} after the fixtures' two training batches. */
    static MultiLayerNetwork trained(MultiLayerConfiguration conf) {
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        for (int batch = 0; batch < 2; batch++) {
            INDArray x = fixedInput(16, 64).addi(batch * 0.01);
            net.fit(new DataSet(x, fixedLabels(16, 4)));
        }
        return net;
    }

    private static void write(Path dir, String name, MultiLayerConfiguration conf) throws IOException {
        MultiLayerNetwork net = trained(conf);
        Files.writeString(dir.resolve(name + ".json"), conf.toJson());
        ModelSerializer.writeModel(net, dir.resolve(name + ".zip").toFile(), true);
        Nd4j.saveBinary(net.output(fixedInput(8, 64)), dir.resolve(name + "-output.bin").toFile());
    }
}
