package io.lipschitz4j.spectral.dense;

import io.lipschitz4j.linalg.DenseMatrix;
import io.lipschitz4j.spectral.Bound;
import io.lipschitz4j.spectral.BoundKind;
import io.lipschitz4j.spectral.Sandwich;
import io.lipschitz4j.spectral.Status;
import java.time.Duration;

/**
 * A certified enclosure lower ≤ σ₁(W) ≤ upper. Lower: ARPACK Lanczos Ritz vector x of the computed
 * Gram fl(AᵀA) (which the certificate needs anyway; one dsymv per product),
 * σ₁ ≥ ‖Wx‖/‖x‖ with rigorous rounding ({@link LanczosNorm}); upper: the Cholesky certificate of
 * μI − WᵀW with μ just above the Ritz value ({@link CholeskyCertificate}); for tiny matrices (≤ 8
 * columns after orientation) also the certified Gram iteration, keeping the smaller. The upper
 * bound's status is CONVERGED when (upper − lower)/lower ≤ relTol, MAX_ITERATIONS when the rounding
 * terms of the certificate (reported in its residual as a relative size) make that unreachable.
 * Cost: O(mn·n + n³/3) plus O(n²) per Lanczos product.
 */
public final class DenseSandwich {
    private DenseSandwich() {}

    /** Seed 0. */
    public static Sandwich sandwich(DenseMatrix w, double relTol) { return sandwich(w, relTol, 0); }

    public static Sandwich sandwich(DenseMatrix w, double relTol, long seed) {
        if (!(relTol > 0)) throw new IllegalArgumentException("relTol must be > 0");
        long t0 = System.nanoTime();
        Scaled s = Scaled.of(w, "dense-sandwich");
        DenseMatrix a = s.a();
        if (s.zero() || a.cols() == 0) {
            Duration d = Duration.ofNanos(System.nanoTime() - t0);
            return new Sandwich(Bound.direct(0, BoundKind.LOWER, 0, "dense-sandwich", d), Bound.direct(0, BoundKind.UPPER, 0, "dense-sandwich", d));
        }
        double[] gram = CholeskyCertificate.gram(a);
        LanczosNorm.Ritz r = LanczosNorm.ritzOfGram(gram, a.cols(), Math.min(1e-6, relTol * 10), 300, seed);
        double loValue;
        double theta;
        Status loStatus = r.status();
        if (r.x() != null) {
            loValue = s.lower(Certify.lowerFromVector(a, r.x()));
            theta = r.theta();
        } else { // ARPACK converged nothing: power iteration (its value is already certified for W)
            Bound p = new PowerIteration(seed, relTol / 10, 5000).norm(w);
            loValue = p.value();
            double est = Math.scalb(p.value(), s.e());
            theta = est * est;
            loStatus = p.status();
        }
        long t1 = System.nanoTime();
        Bound lower = new Bound(loValue, BoundKind.LOWER, 0, "lanczos", r.iterations(), loStatus, r.residual(), Duration.ofNanos(t1 - t0));
        Bound upper = CholeskyCertificate.upper(s, gram, theta, relTol, 6, t1);
        if (a.cols() <= 8) {
            Bound g = new GramIteration(20, 0).norm(w);
            if (g.value() < upper.value()) upper = g;
        }
        double gap = new Sandwich(lower, upper).relativeGap();
        Status st = gap <= relTol ? Status.CONVERGED : Status.MAX_ITERATIONS;
        upper = new Bound(upper.value(), upper.kind(), upper.errorTerm(), upper.method(), upper.iterations(), st, upper.residual(), upper.time());
        return new Sandwich(lower, upper);
    }
}
