/**
 * Reproduction of Zhu and Liu, Hebbian feature selectors: the {@code zhu-liu} command, the
 * measurements on the classifier's weights and the paper's tables (the network is {@link org.hebbian4j.zoo.ZhuLiuNet}).
 */
package org.hebbian4j.samples.papers.zhuliu;
