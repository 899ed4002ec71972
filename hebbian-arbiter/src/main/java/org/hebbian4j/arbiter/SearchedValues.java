package org.hebbian4j.arbiter;

import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.nd4j.linalg.learning.config.IUpdater;

import java.util.Arrays;
import java.util.Map;

/** The rows of the layer spaces' {@code describe}: the values a candidate gives the searched settings. */
final class SearchedValues {

    private SearchedValues() {
    }

    /**
     * Puts {@code space}'s value under {@code key} if the space is searched (has parameters); an
     * {@code int[]} (kernel size, stride, ...) as a list, so that it prints and serializes as numbers.
     */
    static void putIfSearched(Map<String, Object> out, String key, ParameterSpace<?> space, double[] values) {
        if (space != null && space.numParameters() > 0) {
            Object value = space.getValue(values);
            out.put(key, value instanceof int[] ints ? Arrays.stream(ints).boxed().toList() : value);
        }
    }

    /** A searched updater: its learning rate as "learningRate", or the updater itself if it has none. */
    static void putUpdater(Map<String, Object> out, ParameterSpace<IUpdater> updater, double[] values) {
        if (updater != null && updater.numParameters() > 0) {
            IUpdater value = updater.getValue(values);
            out.put(value.hasLearningRate() ? "learningRate" : "updater",
                    value.hasLearningRate() ? (Object) value.getLearningRate(0, 0) : value);
        }
    }
}
