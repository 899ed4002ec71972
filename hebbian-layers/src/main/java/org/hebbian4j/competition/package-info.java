/**
 * Competition modes: each maps the pre-activations u {@code [B, nOut]} of a batch to the activity
 * y {@code [B, nOut]} that the learning rule sees (rewards r in Lagani et al.'s terms). They are
 * independent of rules: any rule combines with any competition.
 *
 * <p>Competition shapes learning only. The layer's forward output stays {@code activation(u)}, as
 * in Lagani et al., where the competition decides which neurons update, not what the next layer sees.
 */
package org.hebbian4j.competition;
