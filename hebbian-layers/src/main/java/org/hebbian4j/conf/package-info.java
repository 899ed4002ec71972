/**
 * Layer configurations: what users put in a {@code MultiLayerConfiguration} or
 * {@code ComputationGraphConfiguration}. Each serializes to DL4J's JSON and YAML with its rule and
 * competition, and validates its settings in {@code build()} with a message naming the field.
 * Hidden layers learn by unsupervised rules; the output layer ({@code HebbianOutputLayer}, e.g. with
 * the supervised Hebbian classifier or Hebbian descent) extends DL4J's {@code BaseOutputLayer} and
 * learns from the labels ({@code HebbianDescentOutputLayer} is its deprecated Hebbian-descent preset).
 * What every one of them learns with (rule, competition, homeostasis, normalization and the
 * {@code LearningStep}) is one immutable {@code LearningSettings} value, read through
 * {@code HebbianLearning} and set through {@code HebbianLearningBuilder}.
 */
package org.hebbian4j.conf;
