/**
 * Long training runs that survive interruption: atomic checkpoints holding the model, its updater
 * state and the position in the data ({@link org.hebbian4j.training.Checkpoints}), a listener that
 * writes them periodically ({@link org.hebbian4j.training.PeriodicCheckpointListener}), and a fit loop
 * that continues from a position ({@link org.hebbian4j.training.ResumableTraining}); and DL4J's layer-wise
 * pretraining of the Hebbian layers with DL4J M2.1's defects worked around
 * ({@link org.hebbian4j.training.LayerwisePretraining}).
 */
package org.hebbian4j.training;
