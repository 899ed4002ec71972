/** Activation functions used with Hebbian layers, as DL4J {@code IActivation}s (JSON-serializable). */
package org.hebbian4j.activations;
