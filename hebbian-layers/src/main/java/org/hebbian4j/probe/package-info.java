/**
 * Linear probes: how much a layer's features tell about the labels, measured by a linear softmax
 * classifier trained by SGD on the frozen features (Lagani et al., Tables 1, 4, 7; Liuson,
 * section 4).
 */
package org.hebbian4j.probe;
