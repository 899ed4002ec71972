/**
 * Ready network configurations with Hebbian layers: the hybrid MLP (and Krotov and Hopfield's as one),
 * Lagani et al.'s six-layer convolutional network and Zhu and Liu's feature selectors with their Hebbian classifier.
 */
package org.hebbian4j.zoo;
