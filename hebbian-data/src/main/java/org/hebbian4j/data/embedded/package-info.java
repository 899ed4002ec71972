/**
 * Data sets shipped inside the {@code hebbian-data} jar, usable without a download:
 * {@link org.hebbian4j.data.embedded.EmbeddedMnist}, the official MNIST test set (10,000 digits) as
 * DL4J {@code DataSet}s and iterators, split 8,000 training / 2,000 test.
 *
 * <p>The readers themselves are those of the library ({@link org.hebbian4j.data.MnistData}); this
 * artifact adds the files and depends on {@code hebbian-layers} only.
 */
package org.hebbian4j.data.embedded;
