package org.hebbian4j.samples.papers.zhuliu;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The measurements of Zhu and Liu's section 4.2 on the classifier of their network
 * ({@link org.hebbian4j.zoo.ZhuLiuNet}): which selectors each class relies on.
 */
public final class ClassifierWeights {

    private ClassifierWeights() {
    }

    /**
     * Share of classifier weights above {@code beta}: Zhu and Liu's "active" selectors at cutoff beta
     * (section 4.2, Figure 5), per (selector, class) pair.
     *
     * @param weights the classifier's W {@code [selectors, classes]}, each class divided by its largest
     */
    static double shareAbove(INDArray weights, double beta) {
        return weights.castTo(DataType.DOUBLE).gt(beta).castTo(DataType.DOUBLE).meanNumber().doubleValue();
    }

    /**
     * Our reading of the "low weight selectors (%)" of Zhu and Liu's Table 1: among the positive
     * ("active", above beta = 0) classifier weights, the share at or below {@code beta}. The paper
     * defines neither the percentage nor the cutoff behind it; its classifier weights are on the scale
     * this classifier has too (each class divided by its largest weight, so the largest is 1).
     * NaN if no weight is positive.
     */
    static double lowWeightShare(INDArray weights, double beta) {
        INDArray w = weights.castTo(DataType.DOUBLE);
        double positive = w.gt(0).castTo(DataType.DOUBLE).sumNumber().doubleValue();
        double high = w.gt(beta).castTo(DataType.DOUBLE).sumNumber().doubleValue();
        return positive == 0 ? Double.NaN : (positive - high) / positive;
    }
}
