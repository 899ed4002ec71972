/**
 * What the tool's commands share: data options and loading ({@link org.hebbian4j.samples.support.DataOptions}),
 * the Hebbian layer options ({@link org.hebbian4j.samples.support.HebbianOptions},
 * {@link org.hebbian4j.samples.support.ComponentChoice}), one-line JSON output and progress bars.
 */
package org.hebbian4j.samples.support;
