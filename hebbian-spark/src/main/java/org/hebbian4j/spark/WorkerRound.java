package org.hebbian4j.spark;

import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

import java.util.Iterator;
import java.util.List;

/**
 * One worker's part of an averaging round, run on each partition: the partition's minibatches
 * {@code [round * frequency, (round + 1) * frequency)}, fit one after another by the model's ordinary
 * {@code fit} from the broadcast snapshot; returns the worker's {@link RoundSum}.
 */
final class WorkerRound implements Function2<Integer, Iterator<DataSet>, Iterator<RoundSum>> {

    private static final long serialVersionUID = 1L;

    private final Broadcast<ModelSnapshot> snapshot;
    private final int epoch;
    private final int round;
    private final int frequency;

    WorkerRound(Broadcast<ModelSnapshot> snapshot, int epoch, int round, int frequency) {
        this.snapshot = snapshot;
        this.epoch = epoch;
        this.round = round;
        this.frequency = frequency;
    }

    @Override
    public Iterator<RoundSum> call(Integer partition, Iterator<DataSet> minibatches) {
        long first = (long) round * frequency;
        long index = 0;
        while (index < first && minibatches.hasNext()) {
            minibatches.next();
            index++;
        }
        Model model = null;
        long examples = 0;
        int fitted = 0;
        while (fitted < frequency && minibatches.hasNext()) {
            DataSet minibatch = minibatches.next();
            try {
                if (model == null) {
                    model = WorkerModels.from(snapshot.value());
                }
                snapshot.value().kind().fit(model, minibatch);
            } catch (RuntimeException | Error e) {
                throw new WorkerFailure("worker (partition) " + partition + " failed in averaging round " + (round + 1)
                        + " of epoch " + (epoch + 1) + " at its minibatch " + (index + 1) + " ("
                        + minibatch.numExamples() + " examples): " + e, e);
            }
            examples += minibatch.numExamples();
            fitted++;
            index++;
        }
        if (model == null) {
            return List.of(RoundSum.empty()).iterator();
        }
        INDArray state = snapshot.value().kind().updaterState(model);
        return List.of(RoundSum.of(model.params().dup(), state == null ? null : state.dup(), examples, fitted))
                .iterator();
    }
}
