/**
 * Data sets from their official files, without downloads: {@link org.hebbian4j.data.MnistData}
 * (MNIST and Fashion-MNIST IDX files, raw or gzip, read by {@link org.hebbian4j.data.IdxFile}) and
 * {@link org.hebbian4j.data.Cifar10Data} (CIFAR-10 binary batches), each loaded into one in-memory
 * DL4J {@code DataSet} with pixels scaled to [0, 1] and one-hot labels, and
 * {@link org.hebbian4j.data.ShuffledDataSetIterator}, reproducible shuffled mini-batches of such a
 * set for {@code fit()}.
 *
 * <p>Malformed files raise a {@link org.hebbian4j.data.DataFormatException} (an
 * {@code IOException}) whose message names the file and what is wrong; missing files raise a
 * {@code FileNotFoundException} that names them and says where to get them. Default data
 * directory: {@code $HEBBIAN4J_DATA/<data set>} ({@link org.hebbian4j.data.MnistData#locateDefaultDir}).
 *
 * <p>{@link org.hebbian4j.data.NpyFile} reads and writes NumPy {@code .npy} array files, to exchange
 * arrays with Python code (e.g. {@code hebbian4j rule-step}, which checks a rule's update against a
 * NumPy implementation).
 */
package org.hebbian4j.data;
