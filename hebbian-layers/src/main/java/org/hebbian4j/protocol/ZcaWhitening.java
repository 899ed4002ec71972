package org.hebbian4j.protocol;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.eigen.Eigen;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * ZCA whitening of input vectors, a {@link DataSetPreProcessor} fit on training data (Lagani et al.,
 * section 5: "images were preprocessed by a whitening transformation"; Bell and Sejnowski 1997).
 *
 * <pre>
 *   mu = mean(x),   C = cov(x) = U diag(lambda) U^T,   Z = U diag(1 / sqrt(lambda + epsilon)) U^T,
 *   x' = (x - mu) Z
 * </pre>
 * Z is symmetric, so whitened images stay images (the whitening that changes them least). epsilon
 * regularizes the directions of tiny variance; with epsilon = 0 the whitened training data have
 * identity covariance. Features of any shape {@code [N, ...]} are flattened per example for the
 * transform and keep their shape; the fit runs in double precision (covariance by one GEMM over the
 * data, eigendecomposition by LAPACK), the transform in the data's own type by one GEMM per batch.
 */
public final class ZcaWhitening implements DataSetPreProcessor {

    private static final long serialVersionUID = 1L;

    private final double epsilon;
    private INDArray mean;
    private INDArray transform;

    /** @param epsilon added to every eigenvalue before the inverse square root, {@code >= 0} */
    public ZcaWhitening(double epsilon) {
        if (!(epsilon >= 0) || Double.isInfinite(epsilon)) {
            throw new IllegalArgumentException("ZcaWhitening: epsilon must be a finite number >= 0; got " + epsilon);
        }
        this.epsilon = epsilon;
    }

    /**
     * Fits mean and transform to {@code features} ({@code [N, ...]}, N >= 2).
     *
     * @return this
     */
    public ZcaWhitening fit(INDArray features) {
        long n = features.size(0);
        if (n < 2) {
            throw new IllegalArgumentException("ZcaWhitening: need at least 2 examples to fit, got " + n);
        }
        INDArray x = flat(features).castTo(DataType.DOUBLE);
        long d = x.size(1);
        INDArray mu = x.mean(0).reshape(1, d);
        INDArray centred = x.subRowVector(mu);
        INDArray cov = Nd4j.create(DataType.DOUBLE, new long[]{d, d}, 'f');
        Nd4j.gemm(centred, centred, cov, true, false, 1.0 / n, 0.0);
        INDArray vectors = cov.dup('f');
        INDArray values = Eigen.symmetricGeneralizedEigenvalues(vectors, true);   // vectors: columns are eigenvectors
        INDArray scale = Transforms.pow(Transforms.max(values, 0.0).add(epsilon), -0.5, false).reshape(1, d);
        if (scale.isInfinite().any() || scale.isNaN().any()) {
            throw new IllegalStateException("ZcaWhitening: the data have directions of zero variance; use epsilon > 0");
        }
        INDArray z = Nd4j.create(DataType.DOUBLE, new long[]{d, d}, 'f');
        Nd4j.gemm(vectors.mulRowVector(scale), vectors, z, false, true, 1.0, 0.0);
        this.mean = mu.castTo(features.dataType());
        this.transform = z.castTo(features.dataType());
        return this;
    }

    /** Whether {@link #fit} has run. */
    public boolean isFitted() {
        return transform != null;
    }

    /** The regularization of the eigenvalues. */
    public double epsilon() {
        return epsilon;
    }

    /** The symmetric whitening matrix Z, {@code [d, d]}. */
    public INDArray matrix() {
        requireFitted();
        return transform;
    }

    /** The training mean, {@code [1, d]}. */
    public INDArray mean() {
        requireFitted();
        return mean;
    }

    /** {@code (x - mu) Z} of every example, the shape of {@code features} kept; a new array. */
    public INDArray apply(INDArray features) {
        requireFitted();
        INDArray x = flat(features);
        if (x.size(1) != transform.size(0)) {
            throw new IllegalArgumentException("ZcaWhitening: fit on " + transform.size(0) + " values per example, got "
                    + x.size(1) + " (shape " + java.util.Arrays.toString(features.shape()) + ")");
        }
        INDArray centred = x.castTo(transform.dataType()).subRowVector(mean);
        INDArray out = Nd4j.create(transform.dataType(), new long[]{x.size(0), x.size(1)}, 'c');
        Nd4j.gemm(centred, transform, out, false, false, 1.0, 0.0);
        return out.reshape('c', features.shape()).castTo(features.dataType());
    }

    /** Applies the transform to {@code features} in chunks of {@code chunk} examples (bounded temporary memory). */
    public INDArray apply(INDArray features, int chunk) {
        long n = features.size(0);
        if (n <= chunk) {
            return apply(features);
        }
        INDArray out = Nd4j.create(features.dataType(), features.shape());
        for (long start = 0; start < n; start += chunk) {
            long end = Math.min(n, start + chunk);
            out.get(NDArrayIndex.interval(start, end)).assign(apply(features.get(NDArrayIndex.interval(start, end))));
        }
        return out;
    }

    @Override
    public void preProcess(DataSet dataSet) {
        dataSet.setFeatures(apply(dataSet.getFeatures()));
    }

    private void requireFitted() {
        if (transform == null) {
            throw new IllegalStateException("ZcaWhitening: call fit(training features) before using it");
        }
    }

    private static INDArray flat(INDArray features) {
        long n = features.size(0);
        return features.reshape('c', n, features.length() / n);
    }
}
