/**
 * The named rules, competitions and homeostasis mechanisms of the library, with their
 * hyperparameters and defaults, for command lines and configuration files: {@code "krotov"} plus
 * {@code lebesgueP=4.5} gives {@code new KrotovRule(4.5, 7, 0.4)}.
 */
package org.hebbian4j.registry;
