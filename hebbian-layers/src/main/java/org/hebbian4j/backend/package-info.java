/**
 * The native backend: which ND4J build this process runs on, whether it has oneDNN, and the switch that
 * puts DL4J's own convolution, pooling and batch normalization layers on it ({@link org.hebbian4j.backend.NativeBackend}).
 */
package org.hebbian4j.backend;
