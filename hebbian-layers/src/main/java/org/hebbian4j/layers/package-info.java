/**
 * Layer implementations: the runtime side of the configurations in {@link org.hebbian4j.conf}.
 * They compute forward passes with BLAS GEMM and, in DL4J's backward pass, apply their local rule
 * instead of backpropagating the error.
 */
package org.hebbian4j.layers;
