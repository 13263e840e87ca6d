package io.lipschitz4j.spectral.dense;

import io.lipschitz4j.linalg.Blas;
import io.lipschitz4j.linalg.DenseMatrix;
import io.lipschitz4j.linalg.Lapack;
import io.lipschitz4j.spectral.Bound;
import io.lipschitz4j.spectral.BoundKind;
import io.lipschitz4j.spectral.Status;
import java.time.Duration;

/**
 * Top-r singular values by alternating least squares for min ‖W − UVᵀ‖_F over U (m×r), V (n×r):
 * with V fixed, U = WV(VᵀV)⁻¹; with U fixed, V = WᵀU(UᵀU)⁻¹. Each half-step is solved in the
 * orthonormalized form (U ← orth(WV), V ← WᵀU), which spans the same subspaces and equals block power
 * iteration (Golub and Van Loan 4th ed. §8.2.4; the ALS view: Zhou, Wilkinson, Schreiber and Pan 2008,
 * and Jain, Netrapalli and Sanghavi, STOC 2013). σ_i ≈ σ_i(Vᵀ) (ESTIMATE, ≤ σ_i in exact arithmetic).
 * Stops when σ₁ changes by ≤ tol relatively; the residual is that relative change.
 * Cost O(mnr + (m+n)r²) per sweep.
 */
public final class AlternatingLeastSquares implements SpectralNormMethod {
    private final long seed;
    private final int rank;
    private final double tol;
    private final int maxIter;

    public AlternatingLeastSquares(long seed, int rank, double tol, int maxIter) {
        if (rank < 1 || !(tol >= 0) || maxIter < 1) throw new IllegalArgumentException("bad ALS parameters");
        this.seed = seed;
        this.rank = rank;
        this.tol = tol;
        this.maxIter = maxIter;
    }

    /** Seed 0, rank 1, tol 1e-12, 2000 sweeps. */
    public AlternatingLeastSquares() { this(0, 1, 1e-12, 2000); }

    @Override public String name() { return "als"; }

    /** σ₁ estimate and the top-r value estimates (descending, unscaled). */
    public record Result(Bound sigma1, double[] values) {}

    @Override public Bound norm(DenseMatrix w) { return run(w).sigma1(); }

    public Result run(DenseMatrix w) {
        long t0 = System.nanoTime();
        Scaled s = Scaled.of(w, name());
        DenseMatrix a = s.a();
        int m = a.rows(), n = a.cols();
        int r = Math.min(rank, n);
        if (s.zero() || n == 0) {
            return new Result(new Bound(0, BoundKind.ESTIMATE, 0, name(), 0, Status.CONVERGED, 0, Duration.ofNanos(System.nanoTime() - t0)),
                    new double[Math.min(rank, Math.min(m, n))]);
        }
        double[] vT = DenseMatrix.gaussian(r, n, seed).data();
        Orthonormal.rowsInPlace(vT, r, n);
        double[] uT = new double[r * m];
        double prev = 0, change = Double.NaN;
        double[] sv = new double[r];
        Status status = Status.MAX_ITERATIONS;
        int it = 0;
        while (it < maxIter) {
            it++;
            Blas.gemm(false, true, r, m, n, 1, vT, n, a.data(), n, 0, uT, m);  // Uᵀ = VᵀAᵀ
            Orthonormal.rowsInPlace(uT, r, m);
            Blas.gemm(false, false, r, n, m, 1, uT, m, a.data(), n, 0, vT, n); // Vᵀ = UᵀA (LS solution)
            sv = Lapack.singularValues(new DenseMatrix(r, n, vT));
            change = sv[0] > 0 ? Math.abs(sv[0] - prev) / sv[0] : 0;
            if (change <= tol) { status = Status.CONVERGED; break; }
            prev = sv[0];
            Orthonormal.rowsInPlace(vT, r, n);
        }
        double[] vals = new double[r];
        for (int i = 0; i < r; i++) vals[i] = s.estimate(sv[i]);
        return new Result(new Bound(vals[0], BoundKind.ESTIMATE, 0, name(), it, status, change, Duration.ofNanos(System.nanoTime() - t0)), vals);
    }
}
