/**
 * Homeostasis against dead neurons: mechanisms that handicap neurons winning the competition too
 * often so that every neuron gets to learn, either by shifting what the competition sees
 * ({@link org.hebbian4j.homeostasis.AdaptiveThreshold}) or by rescaling the neurons' weights after
 * each update ({@link org.hebbian4j.homeostasis.GrowthFactor}). Their state (one value per neuron) is a non-trainable
 * parameter of the layer, saved and restored with the model.
 */
package org.hebbian4j.homeostasis;
