package io.lipschitz4j.spectral.dense;

import io.lipschitz4j.linalg.Arpack;
import io.lipschitz4j.linalg.Blas;
import io.lipschitz4j.linalg.DenseMatrix;
import io.lipschitz4j.linalg.LinearOperator;
import io.lipschitz4j.spectral.Bound;
import io.lipschitz4j.spectral.BoundKind;
import io.lipschitz4j.spectral.Status;
import java.time.Duration;
import java.util.List;

/**
 * σ₁ by implicitly restarted Lanczos (ARPACK, {@link Arpack}) on the Gram operator x ↦ Wᵀ(Wx), applied
 * matrix-free (two products per step; W is never squared). The Ritz value θ gives an ESTIMATE √θ;
 * the Ritz vector gives a certified LOWER bound ‖Wx‖/‖x‖ (as in {@link PowerIteration}).
 * Works on any {@link LinearOperator} through {@link #ritz}. Cost: O(mn) per product, O(ncv²·n) per
 * restart. Status MAX_ITERATIONS when ARPACK hit its restart cap; residual ‖WᵀWx − θx‖/θ as computed.
 */
public final class LanczosNorm implements SpectralNormMethod {
    private final long seed;
    private final double tol;
    private final int maxRestarts;

    public LanczosNorm(long seed, double tol, int maxRestarts) {
        if (!(tol >= 0) || maxRestarts < 1) throw new IllegalArgumentException("need tol >= 0 and maxRestarts >= 1");
        this.seed = seed;
        this.tol = tol;
        this.maxRestarts = maxRestarts;
    }

    /** Seed 0, ARPACK tol 1e-10, 300 restarts. */
    public LanczosNorm() { this(0, 1e-10, 300); }

    @Override public String name() { return "lanczos"; }

    /** Top Ritz pair of AᵀA for an operator A: θ ≈ σ₁², unit vector x, iteration count (restarts), status, residual. */
    public record Ritz(double theta, double[] x, int iterations, int products, Status status, double residual) {}

    /** The top Ritz pair of AᵀA for an operator A (ARPACK on ℝ^cols; cols = 1 handled directly). */
    public static Ritz ritz(LinearOperator a, double tol, int maxRestarts, long seed) {
        double[] tmp = new double[a.rows()];
        return ritz(a.cols(), (x, y) -> {
            a.apply(x, tmp);
            a.applyTranspose(tmp, y);
        }, tol, maxRestarts, seed);
    }

    /**
     * The top Ritz pair of a symmetric n×n matrix G given by the upper triangle of its row-major array
     * (as {@link Blas#syrkAtA} writes it): one dsymv per product, n² multiply–adds instead of the 2mn of
     * {@link #ritz(LinearOperator, double, int, long)}, for callers that hold G = AᵀA anyway.
     */
    public static Ritz ritzOfGram(double[] gUpper, int n, double tol, int maxRestarts, long seed) {
        return ritz(n, (x, y) -> Blas.symvUpper(n, gUpper, x, y), tol, maxRestarts, seed);
    }

    /** y ← G·x for the Gram operator G. */
    @FunctionalInterface
    private interface GramProduct { void apply(double[] x, double[] y); }

    private static Ritz ritz(int n, GramProduct g, double tol, int maxRestarts, long seed) {
        double[] xin = new double[n];
        double[] xout = new double[n];
        if (n == 1) {
            double[] x = {1.0};
            g.apply(x, xout);
            return new Ritz(xout[0], x, 0, 1, Status.CONVERGED, 0);
        }
        Arpack.Result r = Arpack.largest(n, 1, 0, (x, xo, y, yo) -> {
            System.arraycopy(x, xo, xin, 0, n);
            g.apply(xin, xout);
            System.arraycopy(xout, 0, y, yo, n);
        }, tol, maxRestarts, seed);
        if (r.converged() == 0) {
            return new Ritz(Double.NaN, null, r.restarts(), r.products(), Status.MAX_ITERATIONS, Double.NaN);
        }
        double theta = r.values()[0];
        double[] x = java.util.Arrays.copyOfRange(r.vectors().data(), 0, n);
        g.apply(x, xout);
        double res = 0;
        for (int j = 0; j < n; j++) { double d = xout[j] - theta * x[j]; res += d * d; }
        res = theta > 0 ? Math.sqrt(res) / theta : Math.sqrt(res);
        return new Ritz(theta, x, r.restarts(), r.products(), r.hitLimit() ? Status.MAX_ITERATIONS : Status.CONVERGED, res);
    }

    @Override public Bound norm(DenseMatrix w) { return bounds(w).get(0); }

    /** [ESTIMATE √θ, certified LOWER from the Ritz vector]. */
    @Override public List<Bound> bounds(DenseMatrix w) {
        long t0 = System.nanoTime();
        Scaled s = Scaled.of(w, name());
        DenseMatrix a = s.a();
        if (s.zero() || a.cols() == 0) {
            Duration d = Duration.ofNanos(System.nanoTime() - t0);
            return List.of(new Bound(0, BoundKind.ESTIMATE, 0, name(), 0, Status.CONVERGED, 0, d),
                    new Bound(0, BoundKind.LOWER, 0, name(), 0, Status.CONVERGED, 0, d));
        }
        Ritz r = ritz(LinearOperator.of(a), tol, maxRestarts, seed);
        if (r.x() == null) { // nothing converged: fall back to power iteration for both numbers
            Bound p = new PowerIteration(seed, 1e-12, 1000).norm(w);
            Duration d = Duration.ofNanos(System.nanoTime() - t0);
            return List.of(new Bound(p.value(), BoundKind.ESTIMATE, 0, name(), r.iterations(), Status.MAX_ITERATIONS, p.residual(), d),
                    new Bound(p.value(), BoundKind.LOWER, p.errorTerm(), name(), r.iterations(), Status.MAX_ITERATIONS, p.residual(), d));
        }
        double est = s.estimate(Math.sqrt(Math.max(0, r.theta())));
        double lo = s.lower(Certify.lowerFromVector(a, r.x()));
        Duration d = Duration.ofNanos(System.nanoTime() - t0);
        return List.of(new Bound(est, BoundKind.ESTIMATE, 0, name(), r.iterations(), r.status(), r.residual(), d),
                new Bound(lo, BoundKind.LOWER, Math.max(0, est - lo), name(), r.iterations(), r.status(), r.residual(), d));
    }
}
