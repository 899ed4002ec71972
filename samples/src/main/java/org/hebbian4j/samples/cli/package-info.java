/**
 * The {@code hebbian4j} command-line tool's entry point ({@link org.hebbian4j.samples.cli.Hebbian4jCli}) and its
 * general commands: {@code train} (default: the hybrid MNIST job), {@code samediff-train} (the same job with its
 * Hebbian phase in a SameDiff graph), {@code tune}, {@code rule-step} (one update
 * step of any rule and competition on NumPy {@code .npy} arrays, to cross-check Hebbian4j with other
 * implementations) and {@code homeostasis}. The benchmarks live in {@link org.hebbian4j.samples.bench}, the paper
 * reproductions in {@code org.hebbian4j.samples.papers.*}, what they share in {@link org.hebbian4j.samples.support}.
 * Only this package depends on the others; they depend on {@code support} and the library alone.
 */
package org.hebbian4j.samples.cli;
