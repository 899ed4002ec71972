package org.hebbian4j.samples.bench;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Updater;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.UpdaterCreator;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.hebbian4j.zoo.LaganiNet;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Training time of {@link LaganiNet} with all five feature layers Hebbian ({@code HHHHHG}) against
 * all five trained by backprop ({@code BBBBBG}), on synthetic MNIST-sized data laid out as the zoo
 * network expects (32 x 32 x 3 images, uniform in [0, 1), random labels of 10 classes: the values do
 * not change the arithmetic), with the zoo's defaults (WTA + Instar, Sgd(1e-3) for Hebbian layers;
 * Nesterov 0.9, lr 1e-3, L2 5e-2 for backprop layers, batch norm and the classifier).
 * <ul>
 *   <li>{@link #epoch}: one pass of {@code net.fit(batch)} over all images (an epoch);</li>
 *   <li>{@link #convLayerPass}: the four convolution layers' training steps alone (activate, backprop
 *       with a random error from above for a backprop layer, updater, {@code params -= update}), on
 *       the inputs they see in the network: Hebbian learning of the conv layers beside backprop
 *       learning of the same layers.</li>
 * </ul>
 */
public final class LaganiBench {

    static final List<String> PATTERNS = List.of("HHHHHG", "BBBBBG");
    /** Indices of the paper's layers 1-4 (the convolutions) in the network. */
    private static final int[] CONV_LAYERS = {LaganiNet.PAPER_LAYER_INDEX[0], LaganiNet.PAPER_LAYER_INDEX[1],
            LaganiNet.PAPER_LAYER_INDEX[2], LaganiNet.PAPER_LAYER_INDEX[3]};
    private static final String WORKSPACE = "HEBBIAN4J_BENCH_LAGANI_LAYER";

    private final DataSet[] batches;
    private final Map<String, MultiLayerNetwork> nets = new LinkedHashMap<>();
    private final Map<String, LayerInputs> layerInputs = new LinkedHashMap<>();
    private final LayerWorkspaceMgr workspaceMgr;
    private final BenchMemory memory;
    private int iteration;

    /** The inputs, errors from above and updaters of the conv layers of one network. */
    private record LayerInputs(INDArray[] inputs, INDArray[] epsilons, Updater[] updaters) {
    }

    LaganiBench(int images, int batch, long seed, BenchMemory memory) {
        this.memory = memory;
        int batchCount = Math.max(1, images / batch);
        Nd4j.getRandom().setSeed(seed);
        batches = new DataSet[batchCount];
        for (int i = 0; i < batchCount; i++) {
            INDArray x = Nd4j.rand(DataType.FLOAT, batch, 3, 32, 32);
            INDArray labels = Nd4j.zeros(DataType.FLOAT, batch, 10);
            INDArray classes = Nd4j.rand(DataType.FLOAT, batch).muli(10);
            for (int s = 0; s < batch; s++) {
                labels.putScalar(s, Math.min(9, (int) classes.getDouble(s)), 1.0);
            }
            batches[i] = new DataSet(x, labels);
        }
        for (String pattern : PATTERNS) {
            MultiLayerNetwork net = new MultiLayerNetwork(new LaganiNet(pattern).seed(seed).conf());
            net.init();
            net.initGradientsView();
            nets.put(pattern, net);
        }
        WorkspaceConfiguration wsConf = WorkspaceConfiguration.builder()
                .policyAllocation(AllocationPolicy.OVERALLOCATE).overallocationLimit(0.1)
                .policyLearning(LearningPolicy.FIRST_LOOP).build();
        workspaceMgr = LayerWorkspaceMgr.builder().defaultWorkspace(WORKSPACE, wsConf).build();
    }

    int images() {
        return batches.length * (int) batches[0].getFeatures().size(0);
    }

    int batchCount() {
        return batches.length;
    }

    /** One epoch of {@code net.fit(batch)} over all images; {wall, process CPU} nanoseconds. */
    long[] epoch(String pattern) {
        MultiLayerNetwork net = nets.get(pattern);
        long cpu = BenchMemory.processCpuNanos();
        long start = System.nanoTime();
        for (DataSet ds : batches) {
            net.fit(ds);
            memory.sample();
        }
        return new long[]{System.nanoTime() - start, BenchMemory.processCpuNanos() - cpu};
    }

    /** One fit step (warm-up). */
    void warmUp(String pattern) {
        nets.get(pattern).fit(batches[0]);
    }

    /**
     * The four convolution layers' training steps, each on its input from one batch, {@code steps}
     * times; {wall, process CPU} nanoseconds.
     */
    long[] convLayerPass(String pattern, int steps) {
        MultiLayerNetwork net = nets.get(pattern);
        LayerInputs in = layerInputs.computeIfAbsent(pattern, p -> inputsOf(net));
        long cpu = BenchMemory.processCpuNanos();
        long start = System.nanoTime();
        for (int step = 0; step < steps; step++) {
            for (int k = 0; k < CONV_LAYERS.length; k++) {
                layerStep(net.getLayer(CONV_LAYERS[k]), in.inputs()[k], in.epsilons()[k], in.updaters()[k]);
            }
            memory.sample();
        }
        return new long[]{System.nanoTime() - start, BenchMemory.processCpuNanos() - cpu};
    }

    /** What each conv layer receives in the network on the first batch, a random error of its output's shape. */
    private LayerInputs inputsOf(MultiLayerNetwork net) {
        INDArray[] inputs = new INDArray[CONV_LAYERS.length];
        INDArray[] epsilons = new INDArray[CONV_LAYERS.length];
        Updater[] updaters = new Updater[CONV_LAYERS.length];
        try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
            List<INDArray> activations = net.feedForward(batches[0].getFeatures(), false);
            for (int k = 0; k < CONV_LAYERS.length; k++) {
                inputs[k] = activations.get(CONV_LAYERS[k]).dup();
                INDArray output = activations.get(CONV_LAYERS[k] + 1);
                epsilons[k] = Nd4j.randn(DataType.FLOAT, output.shape()).muli(1e-3);
                updaters[k] = UpdaterCreator.getUpdater(net.getLayer(CONV_LAYERS[k]));
            }
        }
        return new LayerInputs(inputs, epsilons, updaters);
    }

    private void layerStep(Layer layer, INDArray x, INDArray epsilon, Updater updater) {
        INDArray params = layer.params();
        INDArray gradientView = layer.getGradientsViewArray();
        try (MemoryWorkspace ws = workspaceMgr.notifyScopeEntered(ArrayType.ACTIVATIONS)) {
            layer.setInput(x, workspaceMgr);
            layer.activate(true, workspaceMgr);
            Pair<Gradient, INDArray> result = layer.backpropGradient(epsilon, workspaceMgr);
            Gradient gradient = new DefaultGradient(gradientView);
            for (Map.Entry<String, INDArray> e : result.getFirst().gradientForVariable().entrySet()) {
                gradient.setGradientFor(e.getKey(), e.getValue());
            }
            updater.update(layer, gradient, iteration++, 0, (int) x.size(0), workspaceMgr);
            params.subi(gradientView);
        }
        layer.clear();
    }

    /** Whether every parameter of the pattern's network is finite. */
    boolean parametersFinite(String pattern) {
        INDArray p = nets.get(pattern).params();
        return !p.isNaN().any() && !p.isInfinite().any();
    }
}
