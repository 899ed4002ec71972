package org.hebbian4j.samples.bench;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Updater;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.UpdaterCreator;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.hebbian4j.competition.Competition;
import org.hebbian4j.conf.HebbianConvolutionLayer;
import org.hebbian4j.conf.HebbianDenseLayer;
import org.hebbian4j.rules.LearningRule;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.convolution.Convolution;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.Map;

/**
 * Timed passes of one Hebbian-layer workload of {@code torch_hebbian_reference.py}, each over the
 * same batches (float32, inputs uniform in [0, 1), W ~ N(0, 0.1^2)):
 * <ul>
 *   <li>{@link #gemmPass}: the step's two GEMMs alone ({@link GemmBound});</li>
 *   <li>{@link #layerPass}: the layer's training step as DL4J's fit runs it, without the rest of a
 *       network: {@code activate(x, training)}, {@code backpropGradient} (the rule writes the update
 *       into W's gradient view), the layer's updater and {@code params -= update}; all arrays in one
 *       ND4J workspace reset every batch, as the network's workspaces are;</li>
 *   <li>{@link #fitPass}: {@code net.fit(batch)} of the Hebbian layer below an output layer with one
 *       unit (MSE), the smallest network DL4J fits.</li>
 * </ul>
 * The layer has the identity activation and takes the script's step {@code W += 0.02 dW}: in direct
 * mode ({@code directStep(0.02)}, the layer applies it) or through DL4J's updater ({@code Sgd(0.02)}).
 */
public final class LayerStepBench {

    /** The reference script's learning rate. */
    static final double LEARNING_RATE = 0.02;
    private static final String WORKSPACE = "HEBBIAN4J_BENCH_LAYER_STEP";

    private final INDArray[] batches;
    private final DataSet[] dataSets;
    private final MultiLayerNetwork net;
    private final Layer layer;
    private final Updater layerUpdater;
    private final LayerWorkspaceMgr workspaceMgr;
    private final INDArray epsilon;
    private final GemmBound gemm;
    /** What the floor needs besides the batches (a convolution's kernel, 0 for a dense layer; neurons; seed). */
    private final int floorKernel;
    private final long nOut;
    private final long seed;
    private StepFloor floor;
    private final BenchMemory memory;
    private int iteration;

    /** How the step {@code W += lr dW} is taken. */
    enum Step {
        /** The layer applies it ({@code directStep(lr)}, NoOp updater). */
        DIRECT,
        /** DL4J's updater applies it ({@code Sgd(lr)}, the layer hands {@code -dW} as the gradient). */
        UPDATER
    }

    private LayerStepBench(MultiLayerNetwork net, INDArray[] batches, GemmBound gemm, int floorKernel, long nOut,
                           long seed, BenchMemory memory) {
        this.net = net;
        this.batches = batches;
        this.gemm = gemm;
        this.floorKernel = floorKernel;
        this.nOut = nOut;
        this.seed = seed;
        this.memory = memory;
        net.init();
        net.initGradientsView();
        layer = net.getLayer(0);
        layerUpdater = UpdaterCreator.getUpdater(layer);
        WorkspaceConfiguration wsConf = WorkspaceConfiguration.builder()
                .policyAllocation(AllocationPolicy.OVERALLOCATE).overallocationLimit(0.1)
                .policyLearning(LearningPolicy.FIRST_LOOP).build();
        workspaceMgr = LayerWorkspaceMgr.builder().defaultWorkspace(WORKSPACE, wsConf).build();
        try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
            epsilon = Nd4j.zeros(DataType.FLOAT, layer.activate(batches[0], false, LayerWorkspaceMgr.noWorkspaces()).shape());
        }
        layer.clear();
        dataSets = new DataSet[batches.length];
        INDArray labels = Nd4j.zeros(DataType.FLOAT, batches[0].size(0), 1);
        for (int i = 0; i < batches.length; i++) {
            dataSets[i] = new DataSet(batches[i], labels);
        }
    }

    /** The network's updater: the Hebbian layer's in UPDATER mode (direct mode ignores it), the output layer's. */
    private static NeuralNetConfiguration.ListBuilder base(long seed) {
        return new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .updater(new Sgd(LEARNING_RATE))
                .list();
    }

    private static OutputLayer.Builder output() {
        return new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(1).activation(Activation.IDENTITY);
    }

    /** A {@code nIn -> nOut} HebbianDenseLayer on {@code batchCount} batches of {@code [batch, nIn]}. */
    static LayerStepBench dense(LearningRule rule, Competition competition, int nIn, int nOut, int batch, int batchCount,
                                long seed, Step step, BenchMemory memory) {
        Nd4j.getRandom().setSeed(seed);
        INDArray[] batches = new INDArray[batchCount];
        for (int i = 0; i < batchCount; i++) {
            batches[i] = Nd4j.rand(DataType.FLOAT, batch, nIn);
        }
        HebbianDenseLayer.Builder layer = new HebbianDenseLayer.Builder().nIn(nIn).nOut(nOut).rule(rule)
                .competition(competition).activation(Activation.IDENTITY).weightInit(new NormalDistribution(0, 0.1));
        if (step == Step.DIRECT) {
            layer.directStep(LEARNING_RATE);
        }
        MultiLayerConfiguration conf = base(seed).layer(layer.build()).layer(output().nIn(nOut).build()).build();
        return new LayerStepBench(new MultiLayerNetwork(conf), batches, new GemmBound(batches, nOut, seed), 0, nOut, seed,
                memory);
    }

    /**
     * A {@code channels -> filters} HebbianConvolutionLayer, {@code kernel x kernel}, stride 1, no
     * padding, on {@code batchCount} batches of {@code [batch, channels, size, size]}.
     */
    static LayerStepBench convolution(LearningRule rule, Competition competition, int channels, int size, int kernel,
                                      int filters, int batch, int batchCount, long seed, Step step, BenchMemory memory) {
        Nd4j.getRandom().setSeed(seed);
        INDArray[] batches = new INDArray[batchCount];
        for (int i = 0; i < batchCount; i++) {
            batches[i] = Nd4j.rand(DataType.FLOAT, batch, channels, size, size);
        }
        HebbianConvolutionLayer.Builder layer = new HebbianConvolutionLayer.Builder(kernel, kernel).nOut(filters)
                .rule(rule).competition(competition).activation(Activation.IDENTITY)
                .weightInit(new NormalDistribution(0, 0.1));
        if (step == Step.DIRECT) {
            layer.directStep(LEARNING_RATE);
        }
        MultiLayerConfiguration conf = base(seed).layer(layer.build()).layer(output().build())
                .setInputType(InputType.convolutional(size, size, channels)).build();
        // The GEMM bound multiplies the patches of the first batch, [batch * positions, channels * k * k].
        int out = size - kernel + 1;
        INDArray patches = Nd4j.createUninitialized(DataType.FLOAT, new long[]{batch, out, out, channels, kernel, kernel}, 'c');
        Convolution.im2col(batches[0], kernel, kernel, 1, 1, 0, 0, 1, 1, false, patches.permute(0, 3, 4, 5, 1, 2));
        INDArray rows = patches.reshape('c', (long) batch * out * out, (long) channels * kernel * kernel);
        INDArray[] gemmInputs = new INDArray[batchCount];
        java.util.Arrays.fill(gemmInputs, rows);
        return new LayerStepBench(new MultiLayerNetwork(conf), batches, new GemmBound(gemmInputs, filters, seed), kernel,
                filters, seed, memory);
    }

    GemmBound gemm() {
        return gemm;
    }

    /** The step's floor ({@link StepFloor}) on the same batches, allocated on the first call. */
    StepFloor floor() {
        if (floor == null) {
            floor = new StepFloor(batches, floorKernel, nOut, seed);
        }
        return floor;
    }

    MultiLayerNetwork network() {
        return net;
    }

    /** The GEMM bound for every batch; {total, forward, update, process CPU} nanoseconds. */
    long[] gemmPass() {
        return gemm.pass();
    }

    /**
     * The Hebbian layer's training step for every batch, as in fit: forward, rule, updater, step;
     * {wall, process CPU} nanoseconds.
     */
    long[] layerPass() {
        INDArray params = layer.params();
        INDArray gradientView = layer.getGradientsViewArray();
        long cpu = BenchMemory.processCpuNanos();
        long start = System.nanoTime();
        for (INDArray x : batches) {
            layerStep(x, params, gradientView);
            memory.sample();
        }
        return new long[]{System.nanoTime() - start, BenchMemory.processCpuNanos() - cpu};
    }

    /** One training step of the layer alone on {@code x}. */
    void layerStep(INDArray x) {
        layerStep(x, layer.params(), layer.getGradientsViewArray());
    }

    private void layerStep(INDArray x, INDArray params, INDArray gradientView) {
        try (MemoryWorkspace ws = workspaceMgr.notifyScopeEntered(ArrayType.ACTIVATIONS)) {
            layer.setInput(x, workspaceMgr);
            layer.activate(true, workspaceMgr);
            Pair<Gradient, INDArray> result = layer.backpropGradient(epsilon, workspaceMgr);
            // The flattened view as the gradient, as MultiLayerNetwork hands it to its updater.
            Gradient gradient = new DefaultGradient(gradientView);
            for (Map.Entry<String, INDArray> e : result.getFirst().gradientForVariable().entrySet()) {
                gradient.setGradientFor(e.getKey(), e.getValue());
            }
            layerUpdater.update(layer, gradient, iteration++, 0, (int) x.size(0), workspaceMgr);
            params.subi(gradientView);
        }
    }

    /** {@code net.fit(batch)} for every batch; {wall, process CPU} nanoseconds. */
    long[] fitPass() {
        long cpu = BenchMemory.processCpuNanos();
        long start = System.nanoTime();
        for (DataSet ds : dataSets) {
            net.fit(ds);
            memory.sample();
        }
        return new long[]{System.nanoTime() - start, BenchMemory.processCpuNanos() - cpu};
    }

    /** Batch {@code i} of the timed passes. */
    INDArray batch(int i) {
        return batches[i];
    }

    /** The layer's weights (a view: they change as the layer trains). */
    INDArray weights() {
        return layer.getParam("W");
    }

    /** Whether the layer's weights are still finite (a diverging rule would time NaN arithmetic). */
    boolean weightsFinite() {
        INDArray w = layer.getParam("W");
        return !w.isNaN().any() && !w.isInfinite().any();
    }
}
