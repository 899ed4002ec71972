/**
 * Layer configurations: what users put in a {@code MultiLayerConfiguration} or
 * {@code ComputationGraphConfiguration}. Each serializes to DL4J's JSON and YAML with its rule and
 * competition, and validates its settings in {@code build()} with a message naming the field.
 * Hidden layers learn by unsupervised rules; the output layers ({@code HebbianOutputLayer},
 * {@code HebbianDescentOutputLayer}) extend DL4J's {@code BaseOutputLayer} and learn from the labels.
 */
package org.hebbian4j.conf;
