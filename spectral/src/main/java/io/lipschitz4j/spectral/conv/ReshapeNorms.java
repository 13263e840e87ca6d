package io.lipschitz4j.spectral.conv;

import static io.lipschitz4j.linalg.Rounding.*;

import io.lipschitz4j.linalg.Blas;
import io.lipschitz4j.linalg.DenseMatrix;
import io.lipschitz4j.linalg.Gaussian;

/**
 * Certified bounds on ‖M‖₂ of a small dense matrix (a kernel reshape). Package-private stop-gap until
 * the dense-matrix methods of {@code io.lipschitz4j.spectral.dense} are merged; keep it small.
 *
 * <p><b>Upper bound</b> (Gram iteration, Delattre et al. 2023, with rigorous rounding): prescale
 * G₀ = 2^{e₀}M (exact), then for t = 0..T−1 rescale by a power of two G̃_t = 2^{s_t}G_t so that
 * ‖G̃_t‖_F ≈ 1 (exact) and form G_{t+1} = fl(G̃_tᵀG̃_t) = G̃_tᵀG̃_t + E_t with
 * ‖E_t‖₂ ≤ ‖E_t‖_F ≤ γ_m‖G̃_t‖_F² + m·n·η (Higham (3.5), m the inner dimension, n the order).
 * Since ‖G̃_t‖₂² = ‖G̃_tᵀG̃_t‖₂ ≤ ‖G_{t+1}‖₂ + ‖E_t‖₂ (Weyl), the recursion
 * b_T = ‖G_T‖_F↑, b_t = 2^{−s_t}·√(b_{t+1} + ε_t)↑ unrolled from the last Frobenius norm bounds
 * ‖G_t‖₂ ≤ b_t, and ‖M‖₂ ≤ 2^{−e₀}b₀. All operations are rounded outward. Cost O(T·n³) with
 * n = min(rows, cols); iterations stop when b₀ changes by less than 1e−15 relative (at most 40).
 *
 * <p><b>Lower bound</b>: x = a top right singular vector estimate by power iteration on MᵀM (any x is valid),
 * y = fl(Mx) with |y − Mx| ≤ γ_n|M||x| + nη, so ‖M‖₂ ≥ (‖y‖↓ − ‖γ_n|M||x| + nη‖↑)/‖x‖↑.
 */
final class ReshapeNorms {
    private ReshapeNorms() {}

    static final int MAX_ITERATIONS = 40;

    /** Certified upper bound on ‖M‖₂ (0 for a zero matrix). */
    static double upper(DenseMatrix m) {
        double max = m.maxAbs();
        if (max == 0) return 0;
        int e0 = normalizingExponent(max);
        // work on the side giving the smaller Gram matrix: n × n with n = min(rows, cols)
        DenseMatrix g = m.rows() < m.cols() ? m.transpose() : m.copy();
        scaleExactly(g.data(), e0);
        // scaling by 2^e is exact except for entries pushed into the subnormal range: each loses at most
        // η/2, so the scaled matrix is within δ = √(size)·η (Frobenius) of the exact scaling
        double delta0 = underflowSlack(g.data().length);
        double[] delta = new double[MAX_ITERATIONS];
        double[] eps = new double[MAX_ITERATIONS];
        int[] s = new int[MAX_ITERATIONS];
        double best = Double.POSITIVE_INFINITY;
        double[] cur = g.data();
        int rows = g.rows(), n = g.cols();
        for (int t = 0; t < MAX_ITERATIONS; t++) {
            double fro = norm2(cur, 0, cur.length);
            if (fro == 0) break; // cannot happen after normalization; keep the last bound
            s[t] = normalizingExponent(fro);
            scaleExactly(cur, s[t]);
            delta[t] = underflowSlack(cur.length);
            double f2 = norm2Upper(cur, 0, cur.length);
            eps[t] = addUp(mulUp(gamma(rows), mulUp(f2, f2)), mulUp(mulUp(rows, n), ETA));
            double[] next = new double[n * n];
            Blas.gemm(true, false, n, n, rows, 1.0, cur, 0, n, cur, 0, n, 0.0, next, 0, n);
            cur = next;
            rows = n;
            double b = norm2Upper(cur, 0, cur.length);
            for (int j = t; j >= 0; j--) b = scaleUp(addUp(sqrtUp(addUp(b, eps[j])), delta[j]), -s[j]);
            b = scaleUp(addUp(b, delta0), -e0);
            if (!(b <= best)) break; // no further improvement (or NaN)
            double old = best;
            best = b;
            if ((old - b) <= 1e-15 * b) break;
        }
        return best;
    }

    /** Certified lower bound on ‖M‖₂. */
    static double lower(DenseMatrix m) {
        double max = m.maxAbs();
        if (max == 0 || m.rows() == 0 || m.cols() == 0) return 0;
        int e0 = normalizingExponent(max);
        DenseMatrix a = m.copy();
        double[] d = a.data();
        scaleExactly(d, e0);
        double dropped = underflowSlack(d.length); // ‖2^{e0}M − Ã‖₂ ≤ ‖·‖_F
        int n = a.cols();
        double[] x = topRightVector(a);
        double[] y = new double[a.rows()];
        Blas.gemv(false, a, x, y);
        double[] absA = d.clone();
        for (int i = 0; i < absA.length; i++) absA[i] = Math.abs(absA[i]);
        double[] ax = new double[n];
        for (int j = 0; j < n; j++) ax[j] = Math.abs(x[j]);
        double[] z = new double[a.rows()];
        Blas.gemv(false, new DenseMatrix(a.rows(), n, absA), ax, z);
        // (|A||x|)_i ≤ (z_i + nη)/(1 − γ_n); error_i ≤ γ_n (|A||x|)_i + nη
        double g = gamma(n);
        double zn = norm2Upper(z, 0, z.length);
        double sq = sqrtUp(a.rows());
        double absAx = divUp(addUp(zn, mulUp(sq, mulUp(n, ETA))), subDown(1, g));
        double err = addUp(mulUp(g, absAx), mulUp(sq, mulUp(n, ETA)));
        // ‖2^{e0}M‖ ≥ ‖Ã‖ − ‖2^{e0}M − Ã‖
        double lo = divDown(subDown(subDown(norm2Lower(y, 0, y.length), err), dropped), norm2Upper(x, 0, n));
        return lo <= 0 ? 0 : scaleDown(lo, -e0);
    }

    /** An approximate top right singular vector by power iteration on AᵀA (seeded; any x gives a valid bound). */
    private static double[] topRightVector(DenseMatrix a) {
        int n = a.cols();
        double[] x = Gaussian.vector(n, 0x5eed), y = new double[a.rows()];
        double prev = -1;
        for (int it = 0; it < 1000; it++) {
            Blas.gemv(false, a, x, y);
            Blas.gemv(true, a, y, x);
            double s = norm2(x, 0, n);
            if (s == 0) break;
            for (int j = 0; j < n; j++) x[j] /= s;
            if (Math.abs(s - prev) <= 1e-15 * s) break;
            prev = s;
        }
        return x;
    }

    /** √size·η: Frobenius bound on what a power-of-two scaling of that many entries can lose to underflow. */
    static double underflowSlack(int size) { return mulUp(sqrtUp(size), ETA); }

    /** Multiplies by 2^e in place (exact unless a result is subnormal, see {@link #underflowSlack}). */
    private static void scaleExactly(double[] a, int e) {
        for (int i = 0; i < a.length; i++) a[i] = Math.scalb(a[i], e);
    }
}
