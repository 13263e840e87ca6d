package io.lipschitz4j.spectral.dense;

import io.lipschitz4j.linalg.DenseMatrix;
import io.lipschitz4j.linalg.Lapack;
import io.lipschitz4j.linalg.Rounding;
import io.lipschitz4j.spectral.Bound;
import io.lipschitz4j.spectral.BoundKind;
import java.time.Duration;

/**
 * σ₁ by the full singular value decomposition (LAPACK dgesdd, values only) of the scaled matrix.
 * Kind EXACT with error term p(m,n)·u·σ₁, p = 10·max(m,n): the normwise backward-stability bound
 * |σ̃_i − σ_i| ≤ p(m,n)·ε·‖W‖₂ of the LAPACK Users' Guide (3rd ed., §4.9.1), with the "modest
 * function" p made explicit. This constant is the standard but not a proven one: use the certified
 * methods when a guarantee is needed. Cost O(mn·min(m,n)).
 */
public final class SvdNorm implements SpectralNormMethod {
    @Override public String name() { return "svd"; }

    @Override public Bound norm(DenseMatrix w) {
        long t0 = System.nanoTime();
        Scaled s = Scaled.of(w, name());
        if (s.zero() || s.a().cols() == 0) return Bound.direct(0, BoundKind.EXACT, 0, name(), Duration.ofNanos(System.nanoTime() - t0));
        double sigma = Lapack.singularValues(s.a())[0];
        double err = Rounding.addUp(Rounding.mulUp(Rounding.gamma(10L * s.a().rows()), sigma), s.err());
        return Bound.direct(s.estimate(sigma), BoundKind.EXACT, Rounding.scaleUp(err, -s.e()), name(),
                Duration.ofNanos(System.nanoTime() - t0));
    }

    /** All min(m, n) singular values of W, descending (same scaling, so 1e±150 inputs work). */
    public static double[] singularValues(DenseMatrix w) {
        Scaled s = Scaled.of(w, "svd");
        int k = Math.min(w.rows(), w.cols());
        if (s.zero()) return new double[k];
        double[] v = Lapack.singularValues(s.a());
        for (int i = 0; i < v.length; i++) v[i] = Math.scalb(v[i], -s.e());
        return v;
    }
}
