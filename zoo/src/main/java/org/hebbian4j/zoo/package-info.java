/** Ready network configurations with Hebbian layers: the hybrid MLP and Lagani et al.'s six-layer convolutional network. */
package org.hebbian4j.zoo;
