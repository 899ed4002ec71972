package org.hebbian4j.spark;

import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Several rounds with an averaging frequency above 1, unequal partitions, a stateful updater (Adam) and unit-norm
 * constraints, checked against the scheme carried out by hand on single models: every worker starts the round from
 * the driver's model, fits its next N minibatches, and the driver takes the example-weighted average of parameters
 * and updater states, then projects the Hebbian weights back onto the unit sphere.
 */
class AveragingRoundsTest {

    private static final double TOLERANCE = 1e-12;

    private static JavaSparkContext sc;

    @BeforeAll
    static void startSpark() {
        sc = LocalSpark.start("averaging-rounds");
    }

    @AfterAll
    static void stopSpark() {
        sc.stop();
    }

    @Test
    void twoEpochsOfRoundsMatchTheSchemeByHand() {
        int frequency = 2;
        // Worker 0 holds 5 minibatches, worker 1 holds 3: rounds of 2 + 2, 2 + 1, 1 + 0 minibatches.
        List<DataSet> share0 = TestNetworks.minibatches(5, 6, 21);
        List<DataSet> share1 = TestNetworks.minibatches(3, 4, 22);
        List<List<DataSet>> shares = List.of(share0, share1);

        MultiLayerNetwork distributed = TestNetworks.hybrid();
        List<String> reports = new ArrayList<>();
        ParameterAveraging.builder(2).averagingFrequency(frequency).listener(r -> reports.add(r.toString())).build()
                .fit(distributed, sc.parallelize(shares, 2).flatMap(List::iterator), 2);

        MultiLayerNetwork reference = TestNetworks.hybrid();
        for (int epoch = 0; epoch < 2; epoch++) {
            for (int round = 0; round < 3; round++) {
                byHand(reference, shares, round, frequency);
            }
            reference.setEpochCount(reference.getEpochCount() + 1);
        }

        assertEquals(6, reports.size(), "a report per round: " + reports);
        assertTrue(reports.get(2).startsWith("epoch 1 round 3/3: 1 workers, 1 minibatches, 6 examples"), reports.get(2));
        assertClose(reference.params(), distributed.params(), "parameters");
        assertClose(reference.getUpdater().getStateViewArray(), distributed.getUpdater().getStateViewArray(),
                "Adam's state");
        assertEquals(reference.getIterationCount(), distributed.getIterationCount(), "iterations");
        assertEquals(10, distributed.getIterationCount(), "iterations: 2 + 2 + 1 per epoch");
        assertEquals(2, distributed.getEpochCount(), "epochs");
        INDArray norms = distributed.getLayer(0).getParam("W").norm2(0);
        assertClose(Nd4j.onesLike(norms), norms, "unit norms of the averaged Hebbian weights");
    }

    /** One round of the scheme on single models. */
    private static void byHand(MultiLayerNetwork driver, List<List<DataSet>> shares, int round, int frequency) {
        INDArray params = Nd4j.zerosLike(driver.params());
        INDArray state = Nd4j.zerosLike(driver.getUpdater().getStateViewArray());
        long examples = 0;
        int most = 0;
        for (List<DataSet> share : shares) {
            MultiLayerNetwork worker = driver.clone();
            worker.setIterationCount(driver.getIterationCount());
            worker.setEpochCount(driver.getEpochCount());
            int fitted = 0;
            long seen = 0;
            for (int i = round * frequency; i < Math.min(share.size(), (round + 1) * frequency); i++) {
                worker.fit(share.get(i));
                seen += share.get(i).numExamples();
                fitted++;
            }
            if (fitted > 0) {
                params.addi(worker.params().mul(seen));
                state.addi(worker.getUpdater().getStateViewArray().mul(seen));
                examples += seen;
                most = Math.max(most, fitted);
            }
        }
        int iteration = driver.getIterationCount();
        driver.setParams(params.divi(examples));
        driver.getUpdater().setStateViewArray(driver, state.divi(examples), false);
        driver.setIterationCount(iteration + most);
        ModelKind.of((Model) driver).applyConstraints(driver);
    }

    private static void assertClose(INDArray expected, INDArray actual, String what) {
        double difference = actual.sub(expected).amaxNumber().doubleValue();
        assertTrue(difference <= TOLERANCE, what + " differ by " + difference);
    }
}
