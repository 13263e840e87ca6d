package io.lipschitz4j.spectral.dense;

import io.lipschitz4j.linalg.Blas;
import io.lipschitz4j.linalg.DenseMatrix;
import io.lipschitz4j.linalg.Lapack;
import io.lipschitz4j.spectral.Bound;
import io.lipschitz4j.spectral.BoundKind;
import io.lipschitz4j.spectral.Status;
import java.time.Duration;
import java.util.List;

/**
 * Randomized subspace iteration (Halko, Martinsson and Tropp, SIAM Review 53(2), 2011, Algorithm 4.4)
 * with ℓ = rank + oversampling Gaussian test vectors and q power steps, each re-orthonormalized; then
 * B = QᵀW and σ₁ ≈ σ₁(B) (an ESTIMATE, always ≤ σ₁ in exact arithmetic), plus a certified LOWER
 * bound from B's top right singular vector. Cost O(mnℓ(2q+2) + nℓ²).
 * Status CONVERGED (direct method); residual ‖WᵀWv − σ̃²v‖/σ̃² of the returned vector.
 */
public final class RandomizedRangeFinder implements SpectralNormMethod {
    private final long seed;
    private final int rank;
    private final int oversampling;
    private final int powerSteps;

    public RandomizedRangeFinder(long seed, int rank, int oversampling, int powerSteps) {
        if (rank < 1 || oversampling < 0 || powerSteps < 0) throw new IllegalArgumentException("bad randomized parameters");
        this.seed = seed;
        this.rank = rank;
        this.oversampling = oversampling;
        this.powerSteps = powerSteps;
    }

    /** Seed 0, rank 1, oversampling 10, q = 3. */
    public RandomizedRangeFinder() { this(0, 1, 10, 3); }

    @Override public String name() { return "randomized"; }

    @Override public Bound norm(DenseMatrix w) { return bounds(w).get(0); }

    @Override public List<Bound> bounds(DenseMatrix w) {
        long t0 = System.nanoTime();
        Scaled s = Scaled.of(w, name());
        DenseMatrix a = s.a();
        int m = a.rows(), n = a.cols();
        if (s.zero() || n == 0) {
            Duration d = Duration.ofNanos(System.nanoTime() - t0);
            return List.of(new Bound(0, BoundKind.ESTIMATE, 0, name(), 0, Status.CONVERGED, 0, d),
                    new Bound(0, BoundKind.LOWER, 0, name(), 0, Status.CONVERGED, 0, d));
        }
        int l = Math.min(rank + oversampling, n);
        double[] omegaT = DenseMatrix.gaussian(l, n, seed).data();
        double[] yT = new double[l * m];   // rows: basis of range(A)
        double[] zT = new double[l * n];   // rows: basis of range(Aᵀ)
        Blas.gemm(false, true, l, m, n, 1, omegaT, n, a.data(), n, 0, yT, m);
        Orthonormal.rowsInPlace(yT, l, m);
        for (int q = 0; q < powerSteps; q++) {
            Blas.gemm(false, false, l, n, m, 1, yT, m, a.data(), n, 0, zT, n);
            Orthonormal.rowsInPlace(zT, l, n);
            Blas.gemm(false, true, l, m, n, 1, zT, n, a.data(), n, 0, yT, m);
            Orthonormal.rowsInPlace(yT, l, m);
        }
        double[] b = new double[l * n];
        Blas.gemm(false, false, l, n, m, 1, yT, m, a.data(), n, 0, b, n);
        // SVD of Bᵀ (n×ℓ, tall): its left singular vectors are B's right ones. (Lapack.svd of a wide
        // matrix trips an index check in netlib's dgesdd wrapper.)
        Lapack.Svd svd = Lapack.svd(new DenseMatrix(l, n, b).transpose());
        double sigma = svd.s()[0];
        double[] v = new double[n];
        for (int j = 0; j < n; j++) v[j] = svd.u().get(j, 0);
        double res = residual(a, v, sigma);
        double est = s.estimate(sigma);
        double lo = s.lower(Certify.lowerFromVector(a, v));
        Duration d = Duration.ofNanos(System.nanoTime() - t0);
        return List.of(new Bound(est, BoundKind.ESTIMATE, 0, name(), powerSteps, Status.CONVERGED, res, d),
                new Bound(lo, BoundKind.LOWER, Math.max(0, est - lo), name(), powerSteps, Status.CONVERGED, res, d));
    }

    static double residual(DenseMatrix a, double[] v, double sigma) {
        int m = a.rows(), n = a.cols();
        double[] y = new double[m], z = new double[n];
        Blas.gemv(false, a, v, y);
        Blas.gemv(true, a, y, z);
        double th = sigma * sigma, r = 0;
        for (int j = 0; j < n; j++) { double d = z[j] - th * v[j]; r += d * d; }
        return th > 0 ? Math.sqrt(r) / th : Math.sqrt(r);
    }
}
