package io.lipschitz4j.spectral.dense;

import io.lipschitz4j.linalg.DenseMatrix;
import io.lipschitz4j.linalg.Rounding;

/**
 * W scaled by an exact power of two and oriented tall: {@code a} = 2^e·W (or 2^e·Wᵀ when W is wide), so
 * that max|a_ij| ∈ [1, 2), rows ≥ cols and σ₁(a) = 2^e σ₁(W). When scaling down makes some entries
 * subnormal and inexact, {@code err} ≥ ‖a − 2^e W‖₂ (else 0), to be added outward by the caller.
 */
record Scaled(DenseMatrix a, int e, double err, boolean zero) {

    /** Validates (no NaN/Inf) and scales; the input is never modified. O(mn). */
    static Scaled of(DenseMatrix w, String method) {
        double[] d = w.data();
        double max = 0;
        for (int i = 0; i < d.length; i++) {
            double v = d[i];
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException(method + ": matrix has a " + (Double.isNaN(v) ? "NaN" : "infinite")
                        + " entry at (" + i / Math.max(1, w.cols()) + ", " + i % Math.max(1, w.cols()) + ")");
            }
            max = Math.max(max, Math.abs(v));
        }
        boolean wide = w.rows() < w.cols();
        int m = wide ? w.cols() : w.rows(), n = wide ? w.rows() : w.cols();
        if (max == 0) return new Scaled(DenseMatrix.zeros(m, n), 0, 0, true);
        int e = Rounding.normalizingExponent(max);
        double[] s = new double[d.length];
        boolean exact = true;
        int cols = w.cols(), rows = w.rows();
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double v = d[i * cols + j];
                double t = Math.scalb(v, e);
                if (e < 0 && Math.scalb(t, -e) != v) exact = false;
                s[wide ? j * rows + i : i * cols + j] = t;
            }
        }
        // each inexact entry is off by at most η/2, so ‖Δ‖₂ ≤ ‖Δ‖_F ≤ sqrt(mn)·η/2 ≤ max(m,n)·η
        double err = exact ? 0 : Rounding.mulUp(Math.max(m, n), Rounding.ETA);
        return new Scaled(new DenseMatrix(m, n, s), e, err, false);
    }

    /** Certified upper bound on σ₁(W) from one on σ₁(a). */
    double upper(double up) { return Rounding.scaleUp(Rounding.addUp(up, err), -e); }

    /** Certified lower bound on σ₁(W) from one on σ₁(a). */
    double lower(double lo) { return Math.max(0, Rounding.scaleDown(Rounding.subDown(lo, err), -e)); }

    /** An estimate of σ₁(W) from one of σ₁(a). */
    double estimate(double est) { return Math.scalb(est, -e); }
}
