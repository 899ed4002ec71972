/**
 * The {@code hebbian4j} command-line tool: {@code train} (default: the hybrid MNIST job),
 * {@code bench} (speed of a Hebbian update against the machine's GEMM rate), {@code rule-step}
 * (one update step of any rule and competition on NumPy {@code .npy} arrays, to cross-check
 * Hebbian4j with other implementations).
 */
package org.hebbian4j.samples.cli;
