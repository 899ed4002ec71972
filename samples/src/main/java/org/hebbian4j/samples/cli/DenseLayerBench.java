package org.hebbian4j.samples.cli;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Updater;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.UpdaterCreator;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.hebbian4j.competition.Competition;
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
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.Map;

/**
 * Timed passes of one dense Hebbian workload, each over the same batches (float32, x uniform in
 * [0, 1), W ~ N(0, 0.1^2), as in {@code torch_hebbian_reference.py}):
 * <ul>
 *   <li>{@link #gemmPass}: the step's two GEMMs alone, {@code u = x W} and {@code dW = y^T x}, by
 *       {@link Nd4j#gemm} into preallocated arrays: the bound the layer is measured against;</li>
 *   <li>{@link #layerPass}: the layer's training step as DL4J's fit runs it, without the rest of
 *       a network: {@code activate(x, training)}, {@code backpropGradient} (the rule writes the
 *       update into W's gradient view), the layer's updater (Sgd) and {@code params -= update};
 *       all arrays in one ND4J workspace reset every batch, as the network's workspaces are;</li>
 *   <li>{@link #fitPass}: {@code net.fit(batch)} of a network made of the Hebbian layer and a
 *       2000 -> 1 output layer (MSE), the smallest network DL4J can fit.</li>
 * </ul>
 * The layer has the identity activation and learns in default mode with {@code Sgd(0.02)}: one
 * step is {@code W += 0.02 * dW}, dW the rule's batch mean, the update of the reference script.
 */
final class DenseLayerBench {

    private static final double LEARNING_RATE = 0.02;
    private static final String WORKSPACE = "HEBBIAN4J_BENCH_LAYER_STEP";

    private final INDArray[] batches;
    private final DataSet[] dataSets;
    private final MultiLayerNetwork net;
    private final Layer layer;
    private final Updater layerUpdater;
    private final LayerWorkspaceMgr workspaceMgr;
    private final INDArray epsilon;
    private final INDArray gemmWeights;
    private final INDArray gemmOut;
    private final INDArray gemmUpdate;
    private final BenchMemory memory;
    private int iteration;

    /** Time of one pass, split into its parts where the pass has parts (nanoseconds). */
    record PassTime(long totalNanos, long forwardGemmNanos, long updateGemmNanos) {
    }

    DenseLayerBench(LearningRule rule, Competition competition, int nIn, int nOut, int batch, int batchCount,
                    long seed, BenchMemory memory) {
        this.memory = memory;
        Nd4j.getRandom().setSeed(seed);
        batches = new INDArray[batchCount];
        dataSets = new DataSet[batchCount];
        INDArray labels = Nd4j.zeros(DataType.FLOAT, batch, 1);
        for (int i = 0; i < batchCount; i++) {
            batches[i] = Nd4j.rand(DataType.FLOAT, batch, nIn);
            dataSets[i] = new DataSet(batches[i], labels);
        }
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .updater(new Sgd(LEARNING_RATE))
                .list()
                .layer(new HebbianDenseLayer.Builder().nIn(nIn).nOut(nOut).rule(rule).competition(competition)
                        .activation(Activation.IDENTITY).weightInit(new NormalDistribution(0, 0.1)).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(nOut).nOut(1)
                        .activation(Activation.IDENTITY).build())
                .build();
        net = new MultiLayerNetwork(conf);
        net.init();
        net.initGradientsView();
        layer = net.getLayer(0);
        layerUpdater = UpdaterCreator.getUpdater(layer);
        WorkspaceConfiguration wsConf = WorkspaceConfiguration.builder()
                .policyAllocation(AllocationPolicy.OVERALLOCATE).overallocationLimit(0.1)
                .policyLearning(LearningPolicy.FIRST_LOOP).build();
        workspaceMgr = LayerWorkspaceMgr.builder().defaultWorkspace(WORKSPACE, wsConf).build();
        epsilon = Nd4j.zeros(DataType.FLOAT, batch, nOut);

        gemmWeights = layer.getParam("W").dup('f');
        gemmOut = Nd4j.createUninitialized(DataType.FLOAT, new long[]{batch, nOut}, 'f');
        gemmUpdate = Nd4j.createUninitialized(DataType.FLOAT, new long[]{nOut, nIn}, 'f');
    }

    /** {@code u = x W} and {@code dW = u^T x} for every batch (u stands in for y: same shape, same cost). */
    PassTime gemmPass() {
        long forward = 0;
        long update = 0;
        for (INDArray x : batches) {
            long t0 = System.nanoTime();
            Nd4j.gemm(x, gemmWeights, gemmOut, false, false, 1.0, 0.0);
            long t1 = System.nanoTime();
            Nd4j.gemm(gemmOut, x, gemmUpdate, true, false, 1.0, 0.0);
            long t2 = System.nanoTime();
            forward += t1 - t0;
            update += t2 - t1;
        }
        return new PassTime(forward + update, forward, update);
    }

    /** The Hebbian layer's training step for every batch, as in fit: forward, rule, updater, step. */
    PassTime layerPass() {
        INDArray params = layer.params();
        INDArray gradientView = layer.getGradientsViewArray();
        long start = System.nanoTime();
        for (INDArray x : batches) {
            try (MemoryWorkspace ws = workspaceMgr.notifyScopeEntered(ArrayType.ACTIVATIONS)) {
                layer.activate(x, true, workspaceMgr);
                Pair<Gradient, INDArray> result = layer.backpropGradient(epsilon, workspaceMgr);
                // The flattened view as the gradient, as MultiLayerNetwork hands it to its updater.
                Gradient gradient = new DefaultGradient(gradientView);
                for (Map.Entry<String, INDArray> e : result.getFirst().gradientForVariable().entrySet()) {
                    gradient.setGradientFor(e.getKey(), e.getValue());
                }
                layerUpdater.update(layer, gradient, iteration++, 0, (int) x.rows(), workspaceMgr);
                params.subi(gradientView);
            }
            memory.sample();
        }
        return new PassTime(System.nanoTime() - start, 0, 0);
    }

    /** {@code net.fit(batch)} for every batch. */
    PassTime fitPass() {
        long start = System.nanoTime();
        for (DataSet ds : dataSets) {
            net.fit(ds);
            memory.sample();
        }
        return new PassTime(System.nanoTime() - start, 0, 0);
    }

    /** Whether the layer's weights are still finite (a diverging rule would time NaN arithmetic). */
    boolean weightsFinite() {
        INDArray w = layer.getParam("W");
        return !w.isNaN().any() && !w.isInfinite().any();
    }
}
