/**
 * What the tool's commands share: options as picocli mixins ({@link org.hebbian4j.samples.support.OutputOptions}
 * for {@code --json} and {@code --verbose}, {@link org.hebbian4j.samples.support.SeedOption},
 * {@link org.hebbian4j.samples.support.DataOptions} with {@link org.hebbian4j.samples.support.LimitOptions}, the
 * Hebbian layer options {@link org.hebbian4j.samples.support.HebbianOptions} with
 * {@link org.hebbian4j.samples.support.ComponentChoice}), the run record every command writes
 * ({@link org.hebbian4j.samples.support.RunRecord}, {@link org.hebbian4j.samples.support.Version}), where the
 * reproductions' data sets are ({@link org.hebbian4j.samples.support.DataSources}), one-line JSON output and
 * progress bars.
 */
package org.hebbian4j.samples.support;
