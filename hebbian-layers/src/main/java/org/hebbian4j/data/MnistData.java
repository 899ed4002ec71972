package org.hebbian4j.data;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Loads MNIST (Y. LeCun, C. Cortes, C. Burges) or Fashion-MNIST (H. Xiao, K. Rasul, R. Vollgraf,
 * 2017) from their official IDX files into one in-memory {@link DataSet}, without any download.
 *
 * <p>File names: {@code train-images-idx3-ubyte} / {@code train-labels-idx1-ubyte} (training set)
 * and {@code t10k-images-idx3-ubyte} / {@code t10k-labels-idx1-ubyte} (test set), each raw or with
 * a {@code .gz} suffix (the raw file is preferred when both exist), or in the variant spelling with a
 * dot before {@code idx} ({@code t10k-images.idx3-ubyte}). Content is checked by {@link IdxFile}:
 * magic numbers, truncation, gzip integrity; here also that both files hold the same number of
 * examples and that every label is in {@code 0..}{@value #NUM_CLASSES}{@code -1}. Images may have
 * any size; MNIST and Fashion-MNIST images are 28x28.
 *
 * <p>Result: features FLOAT {@code [N, rows * columns]}, pixel / 255 in [0, 1], row-major as in
 * DL4J's {@code MnistDataSetIterator}; labels FLOAT one-hot {@code [N, 10]}.
 */
public final class MnistData {

    /** Number of classes of MNIST and Fashion-MNIST. */
    public static final int NUM_CLASSES = 10;

    /** Environment variable naming a directory that holds one sub-directory per data set. */
    public static final String DATA_DIR_ENV = "HEBBIAN4J_DATA";

    private static final String WHERE_TO_GET = "Download the four IDX files of MNIST "
            + "(http://yann.lecun.com/exdb/mnist/, mirror https://ossci-datasets.s3.amazonaws.com/mnist/) "
            + "or of Fashion-MNIST (https://github.com/zalandoresearch/fashion-mnist) into that directory; "
            + "gzip-compressed (.gz, as distributed) or unpacked both work";

    private MnistData() {
    }

    /**
     * Loads the training or test set from a directory.
     *
     * @param dir   directory holding the IDX files
     * @param train {@code true}: the 60,000 training examples ({@code train-*}); {@code false}: the
     *              10,000 test examples ({@code t10k-*})
     * @param limit the maximum number of examples (the first ones); {@code <= 0} loads all
     * @return features {@code [N, rows * columns]} in [0, 1] and one-hot labels {@code [N, 10]}, FLOAT
     * @throws FileNotFoundException if the directory or a file is missing (the message names them and
     *                               says where to get the files)
     * @throws IOException           if a file is unreadable or malformed (the message names the file)
     */
    public static DataSet load(Path dir, boolean train, int limit) throws IOException {
        Objects.requireNonNull(dir, "dir");
        String imagesName = imagesName(train);
        String labelsName = labelsName(train);
        if (!Files.isDirectory(dir)) {
            throw new FileNotFoundException("MNIST directory " + dir.toAbsolutePath() + " does not exist (looked for "
                    + imagesName + "[.gz] and " + labelsName + "[.gz] there). " + WHERE_TO_GET + ".");
        }
        Path images = find(dir, imagesName);
        Path labels = find(dir, labelsName);
        if (images == null || labels == null) {
            List<String> missing = new ArrayList<>();
            if (images == null) {
                missing.add(imagesName + "[.gz]");
            }
            if (labels == null) {
                missing.add(labelsName + "[.gz]");
            }
            throw new FileNotFoundException("MNIST file" + (missing.size() > 1 ? "s " : " ")
                    + String.join(" and ", missing) + " not found in directory " + dir.toAbsolutePath() + ". "
                    + WHERE_TO_GET + ".");
        }
        return toDataSet(IdxFile.readImageBlock(images, limit), images.toString(),
                IdxFile.readLabelBlock(labels, limit), labels.toString());
    }

    /**
     * Loads the training or test set from gzip-compressed (or raw) IDX files on the classpath, for
     * example an embedded copy of the MNIST test set.
     *
     * @param resourceDir the resource directory, for example {@code "org/hebbian4j/data/embedded/mnist"}
     *                    (absolute; a leading slash is optional)
     * @param train       {@code true}: {@code train-*} files; {@code false}: {@code t10k-*} files
     * @param limit       the maximum number of examples (the first ones); {@code <= 0} loads all
     * @return as {@link #load(Path, boolean, int)}
     * @throws FileNotFoundException if a resource is missing (the message names it)
     * @throws IOException           if a resource is malformed (the message names it)
     */
    public static DataSet loadFromClasspath(String resourceDir, boolean train, int limit) throws IOException {
        ClassLoader loader = MnistData.class.getClassLoader();
        return loadFromClasspath(loader != null ? loader : ClassLoader.getSystemClassLoader(), resourceDir, train, limit);
    }

    /**
     * {@link #loadFromClasspath(String, boolean, int)} with the class loader that holds the resources, for
     * resources in a jar that this class's loader may not see (for example the embedded data of
     * {@code hebbian-data}, read through a class of that jar).
     *
     * @param loader      the class loader to read the resources from
     * @param resourceDir the resource directory (a leading slash is optional)
     * @param train       {@code true}: {@code train-*} files; {@code false}: {@code t10k-*} files
     * @param limit       the maximum number of examples (the first ones); {@code <= 0} loads all
     * @return as {@link #load(Path, boolean, int)}
     * @throws FileNotFoundException if a resource is missing (the message names it)
     * @throws IOException           if a resource is malformed (the message names it)
     */
    public static DataSet loadFromClasspath(ClassLoader loader, String resourceDir, boolean train, int limit)
            throws IOException {
        Objects.requireNonNull(loader, "loader");
        Objects.requireNonNull(resourceDir, "resourceDir");
        String dir = resourceDir.replaceAll("^/+", "").replaceAll("/+$", "");
        String prefix = dir.isEmpty() ? "" : dir + "/";
        String imagesName = imagesName(train);
        String labelsName = labelsName(train);
        String imagesResource = findResource(loader, prefix + imagesName);
        String labelsResource = findResource(loader, prefix + labelsName);
        if (imagesResource == null || labelsResource == null) {
            List<String> missing = new ArrayList<>();
            if (imagesResource == null) {
                missing.add("/" + prefix + imagesName + ".gz");
            }
            if (labelsResource == null) {
                missing.add("/" + prefix + labelsName + ".gz");
            }
            throw new FileNotFoundException("MNIST classpath resource" + (missing.size() > 1 ? "s " : " ")
                    + String.join(" and ", missing) + " not found (resource directory \"" + resourceDir + "\")");
        }
        IdxFile.Images images;
        try (InputStream in = loader.getResourceAsStream(imagesResource)) {
            images = IdxFile.readImageBlock(in, "classpath:/" + imagesResource, limit, -1);
        }
        IdxFile.Labels labels;
        try (InputStream in = loader.getResourceAsStream(labelsResource)) {
            labels = IdxFile.readLabelBlock(in, "classpath:/" + labelsResource, limit, -1);
        }
        return toDataSet(images, "classpath:/" + imagesResource, labels, "classpath:/" + labelsResource);
    }

    /**
     * The default directory of a data set: {@code $HEBBIAN4J_DATA/<dataset>}.
     *
     * @param dataset sub-directory name, for example {@code "mnist"} or {@code "fashion-mnist"}
     * @return that path if the environment variable {@value #DATA_DIR_ENV} is set and not blank
     *         (the directory may not exist; the caller checks), else {@code null}
     */
    public static Path locateDefaultDir(String dataset) {
        Objects.requireNonNull(dataset, "dataset");
        String root = System.getenv(DATA_DIR_ENV);
        if (root == null || root.isBlank()) {
            return null;
        }
        return Path.of(root.trim()).resolve(dataset);
    }

    private static String imagesName(boolean train) {
        return (train ? "train" : "t10k") + "-images-idx3-ubyte";
    }

    private static String labelsName(boolean train) {
        return (train ? "train" : "t10k") + "-labels-idx1-ubyte";
    }

    /** The first existing file among the raw name, name.gz and the dotted variants, or null. */
    private static Path find(Path dir, String name) {
        String dotted = dottedVariant(name);
        for (String candidate : List.of(name, name + ".gz", dotted, dotted + ".gz")) {
            Path file = dir.resolve(candidate);
            if (Files.isRegularFile(file)) {
                return file;
            }
        }
        return null;
    }

    private static String findResource(ClassLoader loader, String name) {
        for (String candidate : List.of(name + ".gz", name)) {
            if (loader.getResource(candidate) != null) {
                return candidate;
            }
        }
        return null;
    }

    /** {@code t10k-images-idx3-ubyte} to {@code t10k-images.idx3-ubyte}. */
    private static String dottedVariant(String name) {
        int dash = name.lastIndexOf("-idx");
        return name.substring(0, dash) + "." + name.substring(dash + 1);
    }

    private static DataSet toDataSet(IdxFile.Images images, String imagesSource,
                                     IdxFile.Labels labels, String labelsSource) throws IOException {
        if (images.declaredCount() != labels.declaredCount()) {
            throw new DataFormatException("MNIST files disagree: " + imagesSource + " holds "
                    + images.declaredCount() + " images but " + labelsSource + " holds "
                    + labels.declaredCount() + " labels");
        }
        int count = images.count();
        if (count == 0) {
            throw new DataFormatException(imagesSource + " holds no images");
        }
        int pixelsPerImage = images.rows() * images.columns();
        byte[] pixels = images.pixels();
        float[] features = new float[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            features[i] = (pixels[i] & 0xFF) / 255f;
        }
        int[] values = labels.values();
        float[] oneHot = new float[count * NUM_CLASSES];
        for (int i = 0; i < count; i++) {
            if (values[i] >= NUM_CLASSES) {
                throw new DataFormatException(labelsSource + ": label " + values[i] + " of example " + i
                        + " is outside 0.." + (NUM_CLASSES - 1));
            }
            oneHot[i * NUM_CLASSES + values[i]] = 1f;
        }
        INDArray featureArray = Nd4j.create(features, new long[] {count, pixelsPerImage}, DataType.FLOAT);
        INDArray labelArray = Nd4j.create(oneHot, new long[] {count, NUM_CLASSES}, DataType.FLOAT);
        return new DataSet(featureArray, labelArray);
    }
}
