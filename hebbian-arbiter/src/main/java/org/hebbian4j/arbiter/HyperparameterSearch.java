package org.hebbian4j.arbiter;

import org.deeplearning4j.arbiter.optimize.api.Candidate;
import org.deeplearning4j.arbiter.optimize.api.CandidateGenerator;
import org.deeplearning4j.arbiter.optimize.api.OptimizationResult;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.optimize.config.OptimizationConfiguration;
import org.deeplearning4j.arbiter.optimize.runner.CandidateInfo;
import org.deeplearning4j.arbiter.optimize.runner.CandidateStatus;
import org.deeplearning4j.arbiter.optimize.runner.LocalOptimizationRunner;
import org.nd4j.common.function.Supplier;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs an Arbiter search over a {@code MultiLayerSpace} on this machine, one candidate at a time
 * ({@link ErrorReportingTaskCreator}, data from a DataProvider), and reports every candidate as a row: its number, the searched hyperparameters, its score, its
 * time and, for a failed candidate (e.g. a diverged one, see
 * {@link org.hebbian4j.layers.NonFiniteUpdateException}, or one whose sampled values a layer's
 * {@code build()} refused), the reason. A failed candidate does not stop the search, and counts
 * towards a {@code MaxCandidatesCondition} however it failed.
 */
public final class HyperparameterSearch {

    /**
     * One candidate of a search.
     *
     * @param candidate       Arbiter's candidate index (0 = first generated)
     * @param hyperparameters the searched values, as {@link HebbianDenseLayerSpace#describe} gives them
     * @param score           the score function's value on the validation data; null unless completed
     * @param seconds         training and scoring time
     * @param status          Arbiter's status (Complete, Failed, ...)
     * @param error           one line on why a candidate failed; null otherwise
     */
    public record Row(int candidate, Map<String, Object> hyperparameters, Double score, double seconds,
                      CandidateStatus status, String error) {

        public boolean completed() {
            return status == CandidateStatus.Complete && score != null && !score.isNaN();
        }
    }

    private HyperparameterSearch() {
    }

    /**
     * Runs the search to its termination conditions.
     *
     * @param configuration the candidate generator (over a MultiLayerSpace), data, score function and
     *                      termination conditions
     * @param describe      the searched values of a candidate's flat parameters, e.g.
     *                      {@code layerSpace::describe}
     * @return every candidate, best first (completed ones by score, in the score function's
     *         direction, then the others by candidate number)
     */
    public static List<Row> run(OptimizationConfiguration configuration, Function<double[], Map<String, Object>> describe) {
        return run(configuration, describe, null);
    }

    /**
     * As {@link #run(OptimizationConfiguration, Function)}, telling {@code onRow} each candidate's row
     * as soon as it is done (for progress output).
     */
    public static List<Row> run(OptimizationConfiguration configuration, Function<double[], Map<String, Object>> describe,
                                Consumer<Row> onRow) {
        CandidateGenerator generator = configuration.getCandidateGenerator();
        configuration.setCandidateGenerator(new FailureDeferringGenerator(generator));
        LocalOptimizationRunner runner = new LocalOptimizationRunner(1, configuration, new ErrorReportingTaskCreator(
                onRow == null ? null : info -> onRow.accept(row(info, describe))));
        try {
            runner.execute();
        } finally {
            runner.shutdown(true);
            configuration.setCandidateGenerator(generator);
        }
        boolean minimize = configuration.getScoreFunction().minimize();
        List<Row> rows = new ArrayList<>();
        for (CandidateInfo info : runner.getCandidateStatus()) {
            rows.add(row(info, describe));
        }
        Comparator<Row> byScore = Comparator.comparingDouble(r -> minimize ? r.score() : -r.score());
        rows.sort(Comparator.comparing((Row r) -> !r.completed())
                .thenComparing((a, b) -> a.completed() && b.completed() ? byScore.compare(a, b) : 0)
                .thenComparingInt(Row::candidate));
        return rows;
    }

    /**
     * Hands on a candidate whose generation failed (e.g. a layer's build() refused the sampled values)
     * as an ordinary candidate whose value throws that failure, so that the task fails it and Arbiter
     * counts it. Arbiter 1.0.0-beta7's runner records such a candidate as failed but counts it neither
     * as failed nor as created (read in the source), so {@code MaxCandidatesCondition} never ends a
     * search whose candidates all fail to generate: it generates failing candidates until memory runs out.
     */
    private static final class FailureDeferringGenerator implements CandidateGenerator {
        private final CandidateGenerator delegate;

        FailureDeferringGenerator(CandidateGenerator delegate) {
            this.delegate = delegate;
        }

        @Override
        @SuppressWarnings({"rawtypes", "unchecked"})
        public Candidate getCandidate() {
            Candidate candidate = delegate.getCandidate();
            Exception failure = candidate.getException();
            if (failure == null) {
                return candidate;
            }
            Supplier<Object> rethrow = () -> {
                if (failure instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw new IllegalStateException(failure);
            };
            return new Candidate(rethrow, candidate.getIndex(), candidate.getFlatParameters(),
                    candidate.getDataParameters(), null);
        }

        @Override
        public boolean hasMoreCandidates() {
            return delegate.hasMoreCandidates();
        }

        @Override
        public void reportResults(OptimizationResult result) {
            delegate.reportResults(result);
        }

        @Override
        public ParameterSpace<?> getParameterSpace() {
            return delegate.getParameterSpace();
        }

        @Override
        public void setRngSeed(long seed) {
            delegate.setRngSeed(seed);
        }

        @Override
        public Class<?> getCandidateType() {
            return delegate.getCandidateType();
        }
    }

    private static Row row(CandidateInfo info, Function<double[], Map<String, Object>> describe) {
        double seconds = info.getStartTime() == null || info.getEndTime() == null ? Double.NaN
                : (info.getEndTime() - info.getStartTime()) / 1000.0;
        Map<String, Object> values = info.getFlatParams() == null ? Map.of() : describe.apply(info.getFlatParams());
        boolean failed = info.getCandidateStatus() != CandidateStatus.Complete;
        return new Row(info.getIndex(), values, failed ? null : info.getScore(), seconds, info.getCandidateStatus(),
                failed ? reason(info.getExceptionStackTrace()) : null);
    }

    /** The innermost exception's message from Arbiter's stack trace text, on one line. */
    static String reason(String stackTrace) {
        if (stackTrace == null || stackTrace.isBlank()) {
            return "failed (no reason recorded)";
        }
        String line = null;
        for (String l : stackTrace.split("\n")) {
            String t = l.strip();
            if (line == null && !t.isEmpty()) {
                line = t;
            } else if (t.startsWith("Caused by: ")) {
                line = t.substring("Caused by: ".length());
            }
        }
        // "a.b.Wrapper: c.d.SomeException: message" -> "message (SomeException)"
        String type = null;
        int colon;
        while ((colon = line.indexOf(": ")) > 0 && line.substring(0, colon).matches("[\\w$]+(\\.[\\w$]+)+")) {
            type = line.substring(line.lastIndexOf('.', colon) + 1, colon);
            line = line.substring(colon + 2);
        }
        if (type != null) {
            return line + " (" + type + ")";
        }
        return line;
    }
}
