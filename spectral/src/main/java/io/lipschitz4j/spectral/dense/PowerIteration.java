package io.lipschitz4j.spectral.dense;

import io.lipschitz4j.linalg.Blas;
import io.lipschitz4j.linalg.DenseMatrix;
import io.lipschitz4j.linalg.Gaussian;
import io.lipschitz4j.linalg.Rounding;
import io.lipschitz4j.spectral.Bound;
import io.lipschitz4j.spectral.BoundKind;
import io.lipschitz4j.spectral.Status;
import java.time.Duration;

/**
 * Power iteration on WᵀW (Golub and Van Loan, <i>Matrix Computations</i>, 4th ed., §8.2.1):
 * x ← WᵀWx/‖WᵀWx‖ from a seeded Gaussian start, stopped when the estimate ‖Wx‖ changes by at most
 * {@code tol} relatively or after {@code maxIter} iterations. The returned value is a certified LOWER
 * bound σ₁ ≥ ‖Wx‖/‖x‖ evaluated with rigorous rounding ({@link Certify#lowerFromVector}); the residual
 * is ‖WᵀWx − θx‖/θ with θ = ‖Wx‖² (‖x‖ = 1). Cost O(mn) per iteration; convergence rate (σ₂/σ₁)².
 */
public final class PowerIteration implements SpectralNormMethod {
    private final long seed;
    private final double tol;
    private final int maxIter;

    public PowerIteration(long seed, double tol, int maxIter) {
        if (!(tol >= 0) || maxIter < 1) throw new IllegalArgumentException("need tol >= 0 and maxIter >= 1");
        this.seed = seed;
        this.tol = tol;
        this.maxIter = maxIter;
    }

    /** Seed 0, tol 1e-12, 2000 iterations. */
    public PowerIteration() { this(0, 1e-12, 2000); }

    @Override public String name() { return "power"; }

    @Override public Bound norm(DenseMatrix w) {
        long t0 = System.nanoTime();
        Scaled s = Scaled.of(w, name());
        DenseMatrix a = s.a();
        int m = a.rows(), n = a.cols();
        if (s.zero() || n == 0) return new Bound(0, BoundKind.LOWER, 0, name(), 0, Status.CONVERGED, 0, Duration.ofNanos(System.nanoTime() - t0));
        double[] x = Gaussian.vector(n, seed);
        double[] y = new double[m];
        double[] z = new double[n];
        normalize(x);
        double prev = 0, est = 0, residual = Double.NaN;
        int it = 0;
        Status status = Status.MAX_ITERATIONS;
        while (it < maxIter) {
            it++;
            Blas.gemv(false, a, x, y);
            Blas.gemv(true, a, y, z);
            est = Rounding.norm2(y, 0, m);
            double theta = est * est;
            double r = 0;
            for (int j = 0; j < n; j++) { double d = z[j] - theta * x[j]; r += d * d; }
            residual = theta > 0 ? Math.sqrt(r) / theta : 0;
            double zn = Rounding.norm2(z, 0, n);
            if (zn == 0) { status = Status.CONVERGED; break; } // x in the null space: restart is not useful for a lower bound
            for (int j = 0; j < n; j++) x[j] = z[j] / zn;
            if (Math.abs(est - prev) <= tol * est) { status = Status.CONVERGED; break; }
            prev = est;
        }
        double lo = Certify.lowerFromVector(a, x);
        double value = s.lower(lo);
        double term = Math.max(0, s.estimate(est) - value);
        return new Bound(value, BoundKind.LOWER, term, name(), it, status, residual, Duration.ofNanos(System.nanoTime() - t0));
    }

    static void normalize(double[] x) {
        double nrm = Rounding.norm2(x, 0, x.length);
        if (nrm > 0) for (int i = 0; i < x.length; i++) x[i] /= nrm;
    }
}
