package io.lipschitz4j.linalg;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** R̃ᴴR̃ reproduces A within the certified backward error; breakdown exactly when A is not positive definite. */
class BlockedHermitianCholeskyTest {
    @Test
    void factorReproducesTheMatrixWithinItsBound() {
        BlockedHermitianCholesky chol = new BlockedHermitianCholesky();
        for (int n : new int[] {1, 2, 63, 64, 65, 129, 200}) {
            double[][] h = HermitianTest.hermitian(n, 100 + n);
            double[] ev = HermitianTest.referenceEigenvalues(h[0], h[1], n);
            for (double shift : new double[] {-ev[0] + 1e-3, -ev[0] - 1e-3, -ev[0] + 10}) {
                double[] re = h[0].clone(), im = h[1].clone();
                for (int i = 0; i < n; i++) re[i * n + i] += shift;
                // poison the strict lower parts: they must not be read
                for (int i = 0; i < n; i++) for (int j = 0; j < i; j++) { re[i * n + j] = Double.NaN; im[i * n + j] = Double.NaN; }
                int info = chol.factorInPlace(re, im, n);
                assertThat(info == 0).as("n=%d shift=%g", n, shift).isEqualTo(shift > -ev[0]);
                if (info != 0) continue;
                double bound = BlockedHermitianCholesky.backwardErrorBound(re, im, n);
                double maxErr = 0;
                for (int i = 0; i < n; i++) {
                    for (int j = i; j < n; j++) {
                        // (RᴴR)_ij = Σ_k conj(r_ki)·r_kj
                        double sr = 0, si = 0;
                        for (int k = 0; k <= i; k++) {
                            double ar = re[k * n + i], ai = -im[k * n + i], br = re[k * n + j], bi = im[k * n + j];
                            sr += ar * br - ai * bi;
                            si += ar * bi + ai * br;
                        }
                        double tr = h[0][i * n + j] + (i == j ? shift : 0), ti = h[1][i * n + j];
                        maxErr = Math.max(maxErr, Math.hypot(sr - tr, si - ti));
                    }
                }
                assertThat(maxErr).as("n=%d", n).isLessThanOrEqualTo(bound).isLessThan(1e-10 * (n + shift));
            }
        }
    }
}
