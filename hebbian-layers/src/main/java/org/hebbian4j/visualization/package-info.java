/**
 * Pictures of what Hebbian layers learned: weight tiles ({@link org.hebbian4j.visualization.WeightImages})
 * as plain {@code java.awt.image.BufferedImage}s, written as PNG with {@code javax.imageio}; no
 * dependency beyond the JDK, works headless.
 */
package org.hebbian4j.visualization;
