/** Small helpers shared by the library: BLAS GEMM into views, atomic file writes. */
package org.hebbian4j.util;
