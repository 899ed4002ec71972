/**
 * Homeostasis against dead neurons: mechanisms that handicap neurons winning the competition too
 * often so that every neuron gets to learn. Their state (one value per neuron) is a non-trainable
 * parameter of the layer, saved and restored with the model.
 */
package org.hebbian4j.homeostasis;
