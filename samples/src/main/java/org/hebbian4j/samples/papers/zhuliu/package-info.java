/**
 * Reproduction of Zhu and Liu, Hebbian feature selectors: the {@code zhu-liu} command, the network and the paper's tables.
 */
package org.hebbian4j.samples.papers.zhuliu;
