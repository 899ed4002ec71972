package org.hebbian4j.arbiter;

import org.deeplearning4j.arbiter.optimize.api.CandidateGenerator;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.optimize.api.termination.MaxCandidatesCondition;
import org.deeplearning4j.arbiter.optimize.config.OptimizationConfiguration;
import org.deeplearning4j.arbiter.scoring.impl.EvaluationScoreFunction;
import org.deeplearning4j.arbiter.util.LeafUtils;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** Helpers of the layer space tests. */
final class SpaceTestSupport {

    private SpaceTestSupport() {
    }

    /** Gives the space's unique leaves consecutive indices, as a MultiLayerSpace's generator does. */
    static void index(ParameterSpace<?> space) {
        int next = 0;
        for (ParameterSpace<?> leaf : LeafUtils.getUniqueObjects(space.collectLeaves())) {
            int n = leaf.numParameters();
            int[] indices = new int[n];
            for (int i = 0; i < n; i++) {
                indices[i] = next++;
            }
            if (n > 0) {
                leaf.setIndices(indices);
            }
        }
    }

    /**
     * A search scored by validation accuracy that ends after {@code candidates} candidates (seed 7 for
     * a random generator).
     */
    static OptimizationConfiguration accuracySearch(CandidateGenerator generator, InMemoryDataProvider data,
                                                    int candidates) {
        return new OptimizationConfiguration.Builder()
                .candidateGenerator(generator)
                .dataProvider(data)
                .scoreFunction(new EvaluationScoreFunction(Evaluation.Metric.ACCURACY))
                .terminationConditions(new MaxCandidatesCondition(candidates))
                .rngSeed(7)
                .build();
    }

    /** {@code n} one-channel 8x8 images, [n, 1, 8, 8], of three classes: noisy copies of three prototypes. */
    static DataSet images(int n, long seed) {
        Nd4j.getRandom().setSeed(11);
        INDArray prototypes = Nd4j.rand(DataType.FLOAT, 3, 1, 8, 8);
        Nd4j.getRandom().setSeed(seed);
        INDArray features = Nd4j.zeros(DataType.FLOAT, n, 1, 8, 8);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, n, 3);
        for (int i = 0; i < n; i++) {
            INDArray noisy = prototypes.slice(i % 3).add(Nd4j.randn(DataType.FLOAT, 1, 8, 8).muli(0.1));
            features.slice(i).assign(noisy);
            labels.putScalar(i, i % 3, 1f);
        }
        return new DataSet(features, labels);
    }
}
