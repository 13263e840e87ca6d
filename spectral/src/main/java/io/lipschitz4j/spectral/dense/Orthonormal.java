package io.lipschitz4j.spectral.dense;

import io.lipschitz4j.linalg.Blas;

/** Row orthonormalization by modified Gram–Schmidt applied twice ("twice is enough", Giraud et al. 2005). O(k²·n). */
final class Orthonormal {
    private Orthonormal() {}

    /** Orthonormalizes the k rows (length n) of row-major x in place; rows that lose more than
     * 10 digits to the projection (numerically dependent) become zero, so the nonzero rows stay orthonormal. */
    static void rowsInPlace(double[] x, int k, int n) {
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < k; i++) {
                double before = io.lipschitz4j.linalg.Rounding.norm2(x, i * n, n);
                for (int j = 0; j < i; j++) {
                    double c = Blas.dot(n, x, i * n, x, j * n);
                    if (c != 0) Blas.axpy(n, -c, x, j * n, x, i * n);
                }
                double nrm = io.lipschitz4j.linalg.Rounding.norm2(x, i * n, n);
                if (nrm > 1e-300 && nrm > 1e-10 * before) {
                    Blas.scal(n, 1 / nrm, x, i * n);
                } else {
                    java.util.Arrays.fill(x, i * n, (i + 1) * n, 0.0);
                }
            }
        }
    }
}
