package io.lipschitz4j.linalg;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HermitianTest {
    /** Random Hermitian matrix (full storage) of order n. */
    static double[][] hermitian(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] re = new double[n * n], im = new double[n * n];
        for (int i = 0; i < n; i++) {
            re[i * n + i] = Gaussian.next(r);
            for (int j = 0; j < i; j++) {
                double a = Gaussian.next(r), b = Gaussian.next(r);
                re[i * n + j] = a; re[j * n + i] = a;
                im[i * n + j] = b; im[j * n + i] = -b;
            }
        }
        return new double[][] {re, im};
    }

    static double[] referenceEigenvalues(double[] re, double[] im, int n) {
        ComplexBatch z = new ComplexBatch(1, n, n, re.clone(), im.clone());
        double[] w = Lapack.symmetricEigenvalues(z.realEmbedding(0)); // each value twice, ascending
        double[] out = new double[n];
        for (int i = 0; i < n; i++) out[i] = w[2 * i];
        return out;
    }

    @Test
    void eigenvaluesMatchRealEmbedding() {
        HermitianEigen eig = new HermitianEigen(40);
        for (int n : new int[] {0, 1, 2, 3, 4, 7, 16, 33, 40}) {
            double[][] h = hermitian(n, n);
            double[] ref = referenceEigenvalues(h[0], h[1], n);
            double[] got = eig.eigenvaluesInPlace(h[0].clone(), h[1].clone(), n);
            double scale = Arrays.stream(ref).map(Math::abs).max().orElse(1);
            for (int i = 0; i < n; i++) assertThat(Math.abs(got[i] - ref[i])).isLessThanOrEqualTo(1e-12 * scale);
        }
    }

    @Test
    void handlesZeroColumnsAndDiagonal() {
        int n = 5;
        double[] re = new double[n * n], im = new double[n * n];
        for (int i = 0; i < n; i++) re[i * n + i] = i - 2;
        re[3 * n + 4] = 1; re[4 * n + 3] = 1; im[3 * n + 4] = 1; im[4 * n + 3] = -1;
        double[] ref = referenceEigenvalues(re, im, n);
        double[] got = new HermitianEigen(n).eigenvaluesInPlace(re, im, n);
        for (int i = 0; i < n; i++) assertThat(got[i]).isCloseTo(ref[i], org.assertj.core.data.Offset.offset(1e-14));
    }

    @Test
    void choleskySucceedsExactlyWhenPositiveDefinite() {
        int n = 20;
        double[][] h = hermitian(n, 5);
        double[] ev = referenceEigenvalues(h[0], h[1], n);
        double[] c1 = new double[n], c2 = new double[n];
        for (double shift : new double[] {-ev[0] + 1e-3, -ev[0] - 1e-3}) {
            double[] re = h[0].clone(), im = h[1].clone();
            for (int i = 0; i < n; i++) re[i * n + i] += shift;
            int info = HermitianCholesky.factorInPlace(re, im, n, c1, c2);
            assertThat(info == 0).isEqualTo(shift > -ev[0]);
            if (info == 0) {
                // L·Lᴴ reproduces the matrix within the certified backward error
                double bound = HermitianCholesky.backwardErrorBound(re, im, n);
                double maxErr = 0;
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j <= i; j++) {
                        double sr = 0, si = 0;
                        for (int k = 0; k <= j; k++) {
                            double ar = re[i * n + k], ai = im[i * n + k], br = re[j * n + k], bi = -im[j * n + k];
                            sr += ar * br - ai * bi;
                            si += ar * bi + ai * br;
                        }
                        double tr = h[0][i * n + j] + (i == j ? shift : 0), ti = h[1][i * n + j];
                        maxErr = Math.max(maxErr, Math.hypot(sr - tr, si - ti));
                    }
                }
                assertThat(maxErr).isLessThanOrEqualTo(bound);
            }
        }
    }
}
