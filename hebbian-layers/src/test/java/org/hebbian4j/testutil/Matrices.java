package org.hebbian4j.testutil;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Plain Java {@code double[][]} matrices for the reference computations of the tests, and their
 * conversion to and from ND4J arrays of an explicit data type and ordering.
 */
public final class Matrices {

    private Matrices() {
    }

    /** A new array of the given type and ordering holding {@code values} (row-major literal). */
    public static INDArray array(double[][] values, DataType dataType, char order) {
        INDArray a = Nd4j.create(dataType, new long[]{values.length, values[0].length}, order);
        for (int i = 0; i < values.length; i++) {
            for (int j = 0; j < values[0].length; j++) {
                a.putScalar(i, j, values[i][j]);
            }
        }
        return a;
    }

    /**
     * A {@code [rows, cols]} view that is the transpose of an 'f'-ordered {@code [cols, rows]} array,
     * i.e. a 'c'-ordered view (ND4J reports a single row or column as 'f'), as DL4J's layers hold W
     * and its gradient.
     */
    public static INDArray transposedViewOfF(double[][] values, DataType dataType) {
        INDArray backing = array(transpose(values), dataType, 'f');
        INDArray view = backing.transpose();
        if (view.rows() > 1 && view.columns() > 1) {
            assertEquals('c', view.ordering(), "a transposed 'f' matrix is expected to be a 'c' view");
        }
        return view;
    }

    /** The values of a 2-D array as doubles, read element by element. */
    public static double[][] values(INDArray a) {
        assertEquals(2, a.rank(), "expected a matrix");
        double[][] v = new double[(int) a.rows()][(int) a.columns()];
        for (int i = 0; i < v.length; i++) {
            for (int j = 0; j < v[0].length; j++) {
                v[i][j] = a.getDouble(i, j);
            }
        }
        return v;
    }

    public static double[][] transpose(double[][] a) {
        double[][] t = new double[a[0].length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                t[j][i] = a[i][j];
            }
        }
        return t;
    }

    /** {@code a b} by the textbook triple loop. */
    public static double[][] multiply(double[][] a, double[][] b) {
        double[][] c = new double[a.length][b[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < b[0].length; j++) {
                double sum = 0;
                for (int k = 0; k < b.length; k++) {
                    sum += a[i][k] * b[k][j];
                }
                c[i][j] = sum;
            }
        }
        return c;
    }

    /** Standard normal entries. */
    public static double[][] gaussian(Random random, int rows, int cols) {
        double[][] m = new double[rows][cols];
        for (double[] row : m) {
            for (int j = 0; j < cols; j++) {
                row[j] = random.nextGaussian();
            }
        }
        return m;
    }

    /** Uniform entries in {@code [low, high)}. */
    public static double[][] uniform(Random random, int rows, int cols, double low, double high) {
        double[][] m = new double[rows][cols];
        for (double[] row : m) {
            for (int j = 0; j < cols; j++) {
                row[j] = low + (high - low) * random.nextDouble();
            }
        }
        return m;
    }

    /** A random orthogonal matrix: Gram-Schmidt on the columns of a Gaussian matrix. */
    public static double[][] randomOrthogonal(Random random, int n) {
        double[][] columns = gaussian(random, n, n);
        for (int k = 0; k < n; k++) {
            for (int previous = 0; previous < k; previous++) {
                double projection = dot(columns[k], columns[previous]);
                for (int i = 0; i < n; i++) {
                    columns[k][i] -= projection * columns[previous][i];
                }
            }
            double length = norm(columns[k]);
            for (int i = 0; i < n; i++) {
                columns[k][i] /= length;
            }
        }
        return transpose(columns);
    }

    /** Column {@code j} of {@code m}. */
    public static double[] column(double[][] m, int j) {
        double[] c = new double[m.length];
        for (int i = 0; i < m.length; i++) {
            c[i] = m[i][j];
        }
        return c;
    }

    /** {@code v} rescaled to Euclidean norm {@code norm}. */
    public static double[] withNorm(double[] v, double norm) {
        double factor = norm / norm(v);
        double[] r = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            r[i] = factor * v[i];
        }
        return r;
    }

    public static double norm(double[] v) {
        return Math.sqrt(dot(v, v));
    }

    public static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** Element-wise {@code |expected - actual| <= tolerance}, naming the first offending element. */
    public static void assertMatrixEquals(double[][] expected, INDArray actual, double tolerance) {
        assertArrayEquals(new long[]{expected.length, expected[0].length}, actual.shape(), "shape");
        double[][] got = values(actual);
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected[0].length; j++) {
                double diff = Math.abs(expected[i][j] - got[i][j]);
                if (!(diff <= tolerance)) {
                    fail("element (" + i + ", " + j + "): expected " + expected[i][j] + " but was "
                            + got[i][j] + " (|diff| = " + diff + " > " + tolerance + ")");
                }
            }
        }
    }
}
