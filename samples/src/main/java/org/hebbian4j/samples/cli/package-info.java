/**
 * The {@code hebbian4j} command-line tool: {@code train} (default: the hybrid MNIST job),
 * {@code bench} (speed of a Hebbian update against the machine's GEMM rate).
 */
package org.hebbian4j.samples.cli;
