package io.lipschitz4j.tensor;

import io.lipschitz4j.linalg.Blas;
import io.lipschitz4j.linalg.DenseMatrix;
import io.lipschitz4j.linalg.Lapack;
import java.util.ArrayList;
import java.util.List;

/**
 * Global optimality for matrix factorization with the variational form of the nuclear norm (Haeffele &amp;
 * Vidal 2015, "Global optimality in tensor factorization, deep learning, and beyond", arXiv:1506.07540;
 * Haeffele, Young &amp; Vidal 2014, ICML):
 * <pre>
 *   min_{U,V} F(U,V) = ½‖Y − UVᵀ‖²_F + λ·½(‖U‖²_F + ‖V‖²_F),     ‖X‖_* = min_{UVᵀ=X} ½(‖U‖²_F + ‖V‖²_F).
 * </pre>
 * F is non-convex in (U, V) but its minimum equals that of the convex ½‖Y − X‖² + λ‖X‖_*, whose solution
 * is the singular-value soft-thresholding X* = U_Y·diag((σ − λ)₊)·V_Yᵀ. Certificate (their Thm. 2 /
 * Cor. 1, with the spectral norm as the polar of the nuclear norm): a stationary point (U, V) is globally
 * optimal iff the residual R = Y − UVᵀ satisfies ‖R‖₂ ≤ λ; at X* the certificate equals λ exactly
 * when X* ≠ 0 (R = U_Y·diag(min(σ, λ))·V_Yᵀ). A local minimum with an all-zero column pair is global (their
 * Thm. 2); since F is invariant under (U, V) → (UQ, VQ) for orthogonal Q, "a zero column" means "rank
 * below the number of columns" for the iterates of a descent method.
 *
 * <p>Meta-algorithm (their Alg. 1): local descent (here ridge ALS U ← YV(VᵀV + λI)⁻¹,
 * V ← YᵀU(UᵀU + λI)⁻¹, each O(mnr + (m+n)r² + r³)); if the certificate fails, append the column pair
 * √τ·(a, b), (a, b) the top singular pair of R and τ = ‖R‖₂ − λ (the exact minimizer along that
 * direction), and descend again. Each certificate costs one SVD of the m × n residual (O(mn·min(m, n))).
 */
public final class HaeffeleVidal {
    private HaeffeleVidal() {}

    /**
     * @param u, v          the factors (m × r, n × r)
     * @param objective     F(U, V)
     * @param certificate   ‖Y − UVᵀ‖₂; global optimality holds when it is ≤ λ (to the tolerance)
     * @param rankHistory   number of columns after each local descent
     * @param certificateHistory ‖Y − UVᵀ‖₂ after each local descent (same length as rankHistory)
     */
    public record Result(DenseMatrix u, DenseMatrix v, double lambda, double objective, double certificate, Status status,
                         int iterations, int[] rankHistory, double[] certificateHistory) {
        public Result {
            u = u.copy();
            v = v.copy();
            rankHistory = rankHistory.clone();
            certificateHistory = certificateHistory.clone();
        }
        @Override public double[] certificateHistory() { return certificateHistory.clone(); }
        @Override public DenseMatrix u() { return u.copy(); }
        @Override public DenseMatrix v() { return v.copy(); }
        @Override public int[] rankHistory() { return rankHistory.clone(); }
        /** U·Vᵀ. */
        public DenseMatrix product() { return u.times(v.transpose()); }
    }

    /** ‖Y − UVᵀ‖₂ (largest singular value of the residual, LAPACK dgesdd). */
    public static double certificate(DenseMatrix y, DenseMatrix u, DenseMatrix v) {
        return Lapack.singularValues(residual(y, u, v))[0];
    }

    /** F(U, V) = ½‖Y − UVᵀ‖² + λ/2(‖U‖² + ‖V‖²). */
    public static double objective(DenseMatrix y, DenseMatrix u, DenseMatrix v, double lambda) {
        double r = residual(y, u, v).frobeniusNorm(), nu = u.frobeniusNorm(), nv = v.frobeniusNorm();
        return 0.5 * r * r + 0.5 * lambda * (nu * nu + nv * nv);
    }

    /** The convex solution X* = U_Y·diag((σ − λ)₊)·V_Yᵀ (singular-value soft-thresholding). */
    public static DenseMatrix softThreshold(DenseMatrix y, double lambda) {
        Lapack.Svd s = Lapack.svd(y);
        int k = s.s().length;
        DenseMatrix us = s.u().copy();
        for (int i = 0; i < us.rows(); i++) for (int j = 0; j < k; j++) us.data()[i * k + j] *= Math.max(0, s.s()[j] - lambda);
        return us.times(s.v().transpose());
    }

    /**
     * Local descent (ridge ALS) from given factors until the relative change of F is below {@code tol}
     * or {@code maxIterations} sweeps; no column is added.
     */
    public static Result localDescent(DenseMatrix y, double lambda, DenseMatrix u0, DenseMatrix v0, int maxIterations, double tol) {
        check(y, lambda);
        int[] it = {0};
        Pair p = descend(y, lambda, u0.copy(), v0.copy(), maxIterations, tol, it);
        double cert = certificate(y, p.u, p.v);
        return new Result(p.u, p.v, lambda, objective(y, p.u, p.v, lambda), cert,
                p.converged ? Status.CONVERGED : Status.MAX_ITERATIONS, it[0], new int[] {p.u.cols()}, new double[] {cert});
    }

    private record Pair(DenseMatrix u, DenseMatrix v, boolean converged) {}

    private static Pair descend(DenseMatrix y, double lambda, DenseMatrix u, DenseMatrix v, int maxIterations, double tol, int[] it) {
        double prev = objective(y, u, v, lambda);
        boolean conv = false;
        for (int k = 0; k < maxIterations; k++) {
            it[0]++;
            u = ridge(y, v, lambda, false);
            v = ridge(y, u, lambda, true);
            double f = objective(y, u, v, lambda);
            if (Math.abs(prev - f) <= tol * Math.max(f, Double.MIN_NORMAL)) { conv = true; break; }
            prev = f;
        }
        return new Pair(u, v, conv);
    }

    /**
     * The meta-algorithm: start from {@code initialRank} seeded random columns, descend, check
     * ‖R‖₂ ≤ λ(1 + certTol), grow by the top singular pair of R while it fails.
     *
     * @throws IllegalArgumentException when λ ≤ 0, Y has a non-finite entry or a bad size
     */
    public static Result solve(DenseMatrix y, double lambda, int initialRank, long seed, int maxOuter, int maxInner, double tol, double certTol) {
        check(y, lambda);
        if (initialRank < 0) throw new IllegalArgumentException("initial rank must be ≥ 0, got " + initialRank);
        int m = y.rows(), n = y.cols();
        DenseMatrix u = DenseMatrix.gaussian(m, initialRank, seed), v = DenseMatrix.gaussian(n, initialRank, seed + 1);
        List<Integer> ranks = new ArrayList<>();
        List<Double> certs = new ArrayList<>();
        int[] it = {0};
        Status status = Status.MAX_ITERATIONS;
        double cert = Double.NaN;
        for (int outer = 0; outer < maxOuter; outer++) {
            if (u.cols() > 0) {
                Pair p = descend(y, lambda, u, v, maxInner, tol, it);
                u = p.u;
                v = p.v;
            }
            ranks.add(u.cols());
            DenseMatrix r = residual(y, u, v);
            Lapack.Svd s = Lapack.svd(r);
            cert = s.s()[0];
            certs.add(cert);
            if (cert <= lambda * (1 + certTol)) { status = Status.CONVERGED; break; }
            double tau = Math.sqrt(cert - lambda);
            u = appendColumn(u, s.u(), tau);
            v = appendColumn(v, s.v(), tau);
        }
        if (status != Status.CONVERGED) cert = certificate(y, u, v);
        return new Result(u, v, lambda, objective(y, u, v, lambda), cert, status, it[0],
                ranks.stream().mapToInt(Integer::intValue).toArray(), certs.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static DenseMatrix appendColumn(DenseMatrix a, DenseMatrix basis, double scale) {
        int rows = a.rows(), r = a.cols(), bc = basis.cols();
        double[] d = new double[rows * (r + 1)];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(a.data(), i * r, d, i * (r + 1), r);
            d[i * (r + 1) + r] = scale * basis.data()[i * bc];
        }
        return new DenseMatrix(rows, r + 1, d);
    }

    /** argmin_U ½‖Y − UVᵀ‖² + λ/2‖U‖² = YV(VᵀV + λI)⁻¹ (or the same for V with Yᵀ when {@code transposeY}). */
    private static DenseMatrix ridge(DenseMatrix y, DenseMatrix other, double lambda, boolean transposeY) {
        int r = other.cols();
        int rows = transposeY ? y.cols() : y.rows(), k = transposeY ? y.rows() : y.cols();
        double[] b = new double[rows * r];
        Blas.gemm(transposeY, false, rows, r, k, 1.0, y.data(), y.cols(), other.data(), r, 0.0, b, r);
        DenseMatrix g = Tensors.gram(other);
        for (int c = 0; c < r; c++) g.data()[c * r + c] += lambda;
        return Linear.solveRightSpd(new DenseMatrix(rows, r, b), g);
    }

    static DenseMatrix residual(DenseMatrix y, DenseMatrix u, DenseMatrix v) {
        double[] r = y.data().clone();
        if (u.cols() > 0) Blas.gemm(false, true, y.rows(), y.cols(), u.cols(), -1.0, u.data(), u.cols(), v.data(), v.cols(), 1.0, r, y.cols());
        return new DenseMatrix(y.rows(), y.cols(), r);
    }

    private static void check(DenseMatrix y, double lambda) {
        if (!(lambda > 0) || Double.isInfinite(lambda)) throw new IllegalArgumentException("λ must be finite and > 0, got " + lambda);
        if (y.rows() == 0 || y.cols() == 0) throw new IllegalArgumentException("empty matrix " + y);
        Tensors.requireFinite(y, "Y");
    }
}
