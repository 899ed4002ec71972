/**
 * Pictures of a training run for the command-line tool: line charts of the Hebbian statistics and
 * accuracy over training (XChart), and the listener that samples the accuracy. Weight pictures come
 * from the library ({@code org.hebbian4j.visualization.WeightImages}).
 */
package org.hebbian4j.samples.pictures;
