/**
 * Training networks with Hebbian layers on Apache Spark by synchronous parameter averaging, the scheme of DL4J's
 * former {@code ParameterAveragingTrainingMaster}: {@link org.hebbian4j.spark.ParameterAveraging} (the trainer),
 * {@link org.hebbian4j.spark.SparkDataSets} (minibatch RDDs), {@link org.hebbian4j.spark.SparkProbeTraining}
 * (a linear probe's classifier on Spark) and {@link org.hebbian4j.spark.RemoteFiles} (data on HDFS or S3).
 * The Hebbian layers' state parameters (homeostasis thresholds, running averages) are averaged with the weights;
 * docs/spark.md says what that means for each state.
 */
package org.hebbian4j.spark;
