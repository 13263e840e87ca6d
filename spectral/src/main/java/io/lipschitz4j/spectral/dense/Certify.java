package io.lipschitz4j.spectral.dense;

import io.lipschitz4j.linalg.Blas;
import io.lipschitz4j.linalg.DenseMatrix;
import io.lipschitz4j.linalg.Rounding;

/**
 * Rigorous floating-point pieces shared by the certified methods.
 *
 * <p>Dot-product error model (Higham, <i>Accuracy and Stability of Numerical Algorithms</i>, 2nd ed.,
 * Lemma 3.1, (3.5), with the underflow term of §2.2): |fl(Ax) − Ax| ≤ γ_n |A||x| + n·η entrywise for
 * any summation order (BLAS included), η = 2⁻¹⁰⁷⁴. For nonnegative operands this gives
 * Ax ≤ (fl(Ax) + nη)/(1 − γ_n).
 */
final class Certify {
    private Certify() {}

    /**
     * Certified lower bound on σ₁(A) from any nonzero x: σ₁ ≥ ‖Ax‖/‖x‖ with
     * ‖Ax‖ ≥ ‖fl(Ax)‖ − ‖γ_n·|A||x| + nη‖, |A||x| bounded above from its computed value, ‖·‖ lower/upper
     * by {@link Rounding#norm2Lower}/{@link Rounding#norm2Upper}. Cost: one dgemv and one O(mn) pass.
     */
    static double lowerFromVector(DenseMatrix a, double[] x) {
        int m = a.rows(), n = a.cols();
        if (m == 0 || n == 0) return 0;
        double xn = Rounding.norm2Upper(x, 0, n);
        if (!(xn > 0) || !Double.isFinite(xn)) return 0;
        double[] y = new double[m];
        Blas.gemv(false, a, x, y);
        double[] d = a.data();
        double g = Rounding.gamma(n);
        double nEta = Rounding.mulUp(n, Rounding.ETA);
        double oneMinusG = Rounding.subDown(1.0, g);
        double[] ax = new double[n];
        for (int j = 0; j < n; j++) ax[j] = Math.abs(x[j]);
        double[] err = new double[m];
        for (int i = 0; i < m; i++) {
            double s = 0;
            int off = i * n;
            for (int j = 0; j < n; j++) s += Math.abs(d[off + j]) * ax[j];
            double absUp = Rounding.divUp(Rounding.addUp(s, nEta), oneMinusG);
            err[i] = Rounding.addUp(Rounding.mulUp(g, absUp), nEta);
        }
        double lo = Rounding.subDown(Rounding.norm2Lower(y, 0, m), Rounding.norm2Upper(err, 0, m));
        if (!(lo > 0)) return 0;
        return Rounding.divDown(lo, xn);
    }

    /**
     * Collatz–Wielandt upper bound on λ_max(BᵀB) = ‖B‖₂² for a nonnegative B (Horn and Johnson,
     * <i>Matrix Analysis</i>, 2nd ed., Thm 8.1.26): for any positive x, λ_max(BᵀB) ≤ max_i (BᵀBx)_i / x_i.
     * x comes from {@code steps} power steps on BᵀB from the all-ones vector (entries floored at
     * 2⁻²⁰·max to stay positive); BᵀBx is bounded above with the nonnegative dot-product bound, twice.
     * Cost: 2·(steps+1) dgemv. The result is ≥ the exact value whatever the number of steps.
     */
    static double collatzWielandt(DenseMatrix b, int steps) {
        int m = b.rows(), n = b.cols();
        if (m == 0 || n == 0) return 0;
        double[] x = new double[n];
        java.util.Arrays.fill(x, 1.0);
        double[] t = new double[m];
        double[] s = new double[n];
        for (int it = 0; it < steps; it++) {
            Blas.gemv(false, b, x, t);
            Blas.gemv(true, b, t, s);
            double max = 0;
            for (double v : s) max = Math.max(max, v);
            if (!(max > 0) || !Double.isFinite(max)) break;
            int e = Rounding.normalizingExponent(max);
            double floor = 0x1p-20;
            for (int j = 0; j < n; j++) x[j] = Math.max(Math.scalb(s[j], e), floor);
        }
        Blas.gemv(false, b, x, t);
        double gn = Rounding.subDown(1.0, Rounding.gamma(n));
        double nEta = Rounding.mulUp(n, Rounding.ETA);
        for (int i = 0; i < m; i++) t[i] = Rounding.divUp(Rounding.addUp(t[i], nEta), gn);
        Blas.gemv(true, b, t, s);
        double gm = Rounding.subDown(1.0, Rounding.gamma(m));
        double mEta = Rounding.mulUp(m, Rounding.ETA);
        double bound = 0;
        for (int j = 0; j < n; j++) {
            double up = Rounding.divUp(Rounding.addUp(s[j], mEta), gm);
            bound = Math.max(bound, Rounding.divUp(up, x[j]));
        }
        return bound;
    }

    /** |A| as a new matrix. */
    static DenseMatrix abs(DenseMatrix a) {
        double[] d = a.data().clone();
        for (int i = 0; i < d.length; i++) d[i] = Math.abs(d[i]);
        return new DenseMatrix(a.rows(), a.cols(), d);
    }
}
