/**
 * Reproduction of Lagani, Falchi, Gennaro, Amato, Training CNNs with competitive Hebbian learning approaches: the {@code lagani} command (Tables 1-3) and the paper's figures.
 */
package org.hebbian4j.samples.papers.lagani;
