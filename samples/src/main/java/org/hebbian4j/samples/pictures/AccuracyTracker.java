package org.hebbian4j.samples.pictures;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.hebbian4j.probe.LinearProbe;
import org.nd4j.linalg.dataset.DataSet;

import java.util.ArrayList;
import java.util.List;

/**
 * Test accuracy of a network during {@code fit}: evaluates the whole network on a fixed test set
 * every {@code every} iterations (and at the last one it is told about), in inference mode.
 */
public final class AccuracyTracker extends BaseTrainingListener {

    private final DataSet test;
    private final int every;
    private final List<double[]> points = new ArrayList<>();
    private long iterations;

    /**
     * @param test  the examples to evaluate on (keep it small: it runs during training)
     * @param every evaluate after every this many iterations (&gt;= 1)
     */
    public AccuracyTracker(DataSet test, int every) {
        if (every < 1) {
            throw new IllegalArgumentException("AccuracyTracker: every must be >= 1, got " + every);
        }
        this.test = test;
        this.every = every;
    }

    @Override
    public void iterationDone(Model model, int iteration, int epoch) {
        iterations++;
        if (iterations % every == 0) {
            points.add(new double[]{iterations, LinearProbe.accuracy((MultiLayerNetwork) model, test)});
        }
    }

    /** Evaluates now (e.g. after the last iteration), unless it just did. */
    public void evaluate(MultiLayerNetwork net) {
        if (points.isEmpty() || points.get(points.size() - 1)[0] != iterations) {
            points.add(new double[]{iterations, LinearProbe.accuracy(net, test)});
        }
    }

    /** (iteration, accuracy) pairs in order. */
    public List<double[]> points() {
        return List.copyOf(points);
    }
}
