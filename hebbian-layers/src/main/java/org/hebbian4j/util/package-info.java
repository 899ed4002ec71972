/** Small helpers shared by the library: BLAS GEMM into views, column sums by BLAS, atomic file writes. */
package org.hebbian4j.util;
