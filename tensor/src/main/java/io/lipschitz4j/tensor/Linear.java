package io.lipschitz4j.tensor;

import io.lipschitz4j.linalg.Blas;
import io.lipschitz4j.linalg.DenseMatrix;
import io.lipschitz4j.linalg.Lapack;

/** Small dense helpers shared by the decompositions (package-private). */
final class Linear {
    private Linear() {}

    /**
     * Smallest r ≥ 1 with Σ_{i≥r} s_i² ≤ δ² (s descending), capped at {@code cap}: the rank that a
     * truncated SVD with absolute Frobenius error δ needs (Eckart–Young).
     */
    static int rankForTolerance(double[] s, double delta, int cap) {
        int r = s.length;
        double tail = 0, d2 = delta * delta;
        while (r > 1) {
            double next = tail + s[r - 1] * s[r - 1];
            if (next > d2) break;
            tail = next;
            r--;
        }
        return Math.max(1, Math.min(r, cap));
    }

    /** Σ_{i≥r} s_i². */
    static double tail2(double[] s, int r) {
        double t = 0;
        for (int i = r; i < s.length; i++) t += s[i] * s[i];
        return t;
    }

    /** The first r columns of a row-major matrix (copy). */
    static DenseMatrix leadingColumns(DenseMatrix u, int r) {
        int m = u.rows(), n = u.cols();
        if (r == n) return u.copy();
        double[] o = new double[m * r];
        for (int i = 0; i < m; i++) System.arraycopy(u.data(), i * n, o, i * r, r);
        return new DenseMatrix(m, r, o);
    }

    /**
     * Solve X·V = M for X (rows of M), V symmetric positive semidefinite R × R: Cholesky V = RᵀR
     * (dpotrf) and two triangular solves per row, O(I·R² + R³); when V is not positive definite the
     * pseudo-inverse from the SVD of V is used (singular values below R·ε·σ₁ dropped).
     */
    static DenseMatrix solveRightSpd(DenseMatrix m, DenseMatrix v) {
        int r = v.rows(), rows = m.rows();
        double[] c = v.data().clone();
        int info = Lapack.choleskyInPlace(c, r);
        double[] out = m.data().clone();
        if (info == 0) {
            // row-major upper triangle of c holds R with V = RᵀR; x·RᵀR = m ⇔ R·Rᵀ... solve Vx = mᵀ per row:
            // V xᵀ = mᵀ: Rᵀ y = mᵀ (forward), R xᵀ = y (backward).
            for (int s = 0; s < rows; s++) {
                int o = s * r;
                for (int i = 0; i < r; i++) {
                    double acc = out[o + i];
                    for (int k = 0; k < i; k++) acc -= c[k * r + i] * out[o + k];
                    out[o + i] = acc / c[i * r + i];
                }
                for (int i = r - 1; i >= 0; i--) {
                    double acc = out[o + i];
                    for (int k = i + 1; k < r; k++) acc -= c[i * r + k] * out[o + k];
                    out[o + i] = acc / c[i * r + i];
                }
            }
            boolean finite = true;
            for (double x : out) finite &= Double.isFinite(x);
            if (finite) return new DenseMatrix(rows, r, out);
        }
        return m.times(pseudoInverse(v));
    }

    /** Moore–Penrose pseudo-inverse through the SVD; singular values ≤ n·ε·σ₁ are treated as zero. */
    static DenseMatrix pseudoInverse(DenseMatrix v) {
        Lapack.Svd svd = Lapack.svd(v);
        int k = svd.s().length;
        double cut = k == 0 ? 0 : Math.max(v.rows(), v.cols()) * Math.ulp(1.0) * svd.s()[0];
        DenseMatrix vs = svd.v().copy();
        for (int j = 0; j < k; j++) {
            double inv = svd.s()[j] > cut ? 1.0 / svd.s()[j] : 0.0;
            for (int i = 0; i < vs.rows(); i++) vs.data()[i * k + j] *= inv;
        }
        double[] out = new double[v.cols() * v.rows()];
        Blas.gemm(false, true, v.cols(), v.rows(), k, 1.0, vs.data(), k, svd.u().data(), k, 0.0, out, v.rows());
        return new DenseMatrix(v.cols(), v.rows(), out);
    }

    static double sumProduct(double[] a, double[] b) {
        return a.length == 0 ? 0 : Blas.dot(a.length, a, 0, b, 0);
    }
}
