/**
 * Speed benchmarks: {@code hebbian4j bench} (Hebbian layer steps against the GEMM rate and a floor of their
 * required operations, LaganiNet's Hebbian against backprop epochs) and {@code listener-overhead}. See
 * docs/benchmarks.md and bench/compare.sh.
 */
package org.hebbian4j.samples.bench;
