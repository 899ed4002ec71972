/**
 * Hebbian weights in SameDiff graphs: {@link org.hebbian4j.samediff.HebbianWeight} names a weight variable,
 * its input and its pre-activation with the rule, competition and homeostasis that train it;
 * {@link org.hebbian4j.samediff.HebbianTraining#attach} makes the ordinary {@code sd.fit} move those weights
 * by the library's rules (the same step as {@link org.hebbian4j.layers.LocalLearningStep} in the DL4J layers)
 * while autodiff trains every other variable. {@link org.hebbian4j.samediff.StopGradients} cuts the
 * gradient below a Hebbian weight, as a Hebbian layer does in DL4J.
 */
package org.hebbian4j.samediff;
