/**
 * Reproduction of Liuson, Learning dynamics in competitive Hebbian learning: the {@code liuson} command and the paper's tables.
 */
package org.hebbian4j.samples.papers.liuson;
