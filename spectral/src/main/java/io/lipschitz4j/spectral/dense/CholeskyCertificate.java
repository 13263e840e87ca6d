package io.lipschitz4j.spectral.dense;

import io.lipschitz4j.linalg.Blas;
import io.lipschitz4j.linalg.DenseMatrix;
import io.lipschitz4j.linalg.Lapack;
import io.lipschitz4j.linalg.Rounding;
import io.lipschitz4j.spectral.Bound;
import io.lipschitz4j.spectral.BoundKind;
import io.lipschitz4j.spectral.Status;
import java.time.Duration;

/**
 * Certified UPPER bound on σ₁(W) by a Cholesky positive-definiteness certificate of μI − WᵀW.
 *
 * <p>With A = 2^e·W oriented tall (k×n, n ≤ k; {@link Scaled}):
 * <ol>
 * <li>Ã = fl(AᵀA) (dsyrk). |Ã − AᵀA| ≤ γ_k|A|ᵀ|A| + kη (Higham, <i>Accuracy and Stability of Numerical
 *   Algorithms</i> 2nd ed., Lemma 3.1/(3.13)), so ‖Ã − AᵀA‖₂ ≤ e_A := γ_k·ρ_A + k·n·η, where
 *   ρ_A ≥ ‖|A|‖₂² is a Collatz–Wielandt bound ({@link Certify#collatzWielandt}).</li>
 * <li>C̃ = fl(μI − Ã): only the diagonal rounds, ‖C̃ − (μI − Ã)‖₂ ≤ δ_D := max_i u(μ + |ã_ii|).</li>
 * <li>If dpotrf succeeds on C̃, R̃ᵀR̃ = C̃ + ΔC with |ΔC| ≤ γ_{n+1}|R̃ᵀ||R̃| (Higham Thm 10.3), so
 *   ‖ΔC‖₂ ≤ c_R := γ_{n+1}·min(ρ_R, ‖R̃‖_F²) + 4n(2(n+1) + max c̃_ii)η, ρ_R ≥ ‖|R̃|‖₂² by Collatz–Wielandt;
 *   the η term is the underflow allowance of Rump, "Verification of positive definiteness", BIT 46
 *   (2006), Thm 2.3. Then μI − Ã ⪰ −(c_R + δ_D)I.</li>
 * <li>Hence λ₁(AᵀA) ≤ μ + δ_D + c_R + e_A and σ₁(W) ≤ 2^{−e}√(μ + δ_D + c_R + e_A), rounded up.</li>
 * </ol>
 * μ starts at θ(1 + relTol/2), θ the ARPACK estimate of λ₁(Ã) (Lanczos on the computed Gram, n² per
 * product instead of 2kn on A), and on failure the gap μ − θ grows
 * ×8, up to {@code maxAttempts}; if all fail the (certified) Frobenius bound is returned with status
 * MAX_ITERATIONS. Cost: mn·n (dsyrk) + n³/3 (dpotrf) + O(n²) per Lanczos product + O(mn) Collatz–Wielandt products.
 * Precision: the rounding terms are worst-case γ-bounds, relative size ≈ n·u·ρ_A/σ₁² + n·u·ρ_R/σ₁²,
 * i.e. O(n²u) for dense Gaussian W (≈ 1e-10 at n = 1000, see the bench in the tests).
 */
public final class CholeskyCertificate implements SpectralNormMethod {
    /** Collatz–Wielandt power steps. */
    static final int CW_STEPS = 8;

    private final long seed;
    private final double relTol;
    private final int maxAttempts;

    public CholeskyCertificate(long seed, double relTol, int maxAttempts) {
        if (!(relTol > 0) || maxAttempts < 1) throw new IllegalArgumentException("need relTol > 0 and maxAttempts >= 1");
        this.seed = seed;
        this.relTol = relTol;
        this.maxAttempts = maxAttempts;
    }

    /** Seed 0, relTol 1e-10, 6 attempts. */
    public CholeskyCertificate() { this(0, 1e-10, 6); }

    @Override public String name() { return "cholesky-certificate"; }

    @Override public Bound norm(DenseMatrix w) {
        long t0 = System.nanoTime();
        Scaled s = Scaled.of(w, name());
        DenseMatrix a = s.a();
        if (s.zero() || a.cols() == 0) return new Bound(0, BoundKind.UPPER, 0, name(), 0, Status.CONVERGED, 0, Duration.ofNanos(System.nanoTime() - t0));
        double[] gram = gram(a);
        LanczosNorm.Ritz r = LanczosNorm.ritzOfGram(gram, a.cols(), Math.min(1e-6, relTol * 10), 300, seed);
        double theta = r.x() != null ? r.theta() : Math.pow(Rounding.norm2(a.data(), 0, a.data().length), 2);
        return upper(s, gram, theta, relTol, maxAttempts, t0);
    }

    /** fl(AᵀA) by dsyrk: the upper triangle of a row-major n×n array (the lower part stays 0). */
    static double[] gram(DenseMatrix a) {
        int n = a.cols();
        double[] g = new double[n * n];
        Blas.syrkAtA(n, a.rows(), 1.0, a.data(), n, 0.0, g, n);
        return g;
    }

    /**
     * The certificate on a scaled matrix, given its {@link #gram} and an estimate θ ≈ σ₁(a)²; t0 = start
     * time for the Bound.
     */
    static Bound upper(Scaled s, double[] gram, double theta, double relTol, int maxAttempts, long t0) {
        String name = "cholesky-certificate";
        DenseMatrix a = s.a();
        int k = a.rows(), n = a.cols();
        double rhoA = Certify.collatzWielandt(Certify.abs(a), CW_STEPS);
        double eA = Rounding.addUp(Rounding.mulUp(Rounding.gamma(k), rhoA), Rounding.mulUp(Rounding.mulUp(k, n), Rounding.ETA));
        double maxDiag = 0;
        for (int i = 0; i < n; i++) maxDiag = Math.max(maxDiag, Math.abs(gram[i * n + i]));
        double gap = Math.max(theta * relTol / 2, Math.max(eA, 0x1p-1000));
        double gn1 = Rounding.gamma(n + 1L);
        double[] c = new double[n * n];
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            double mu = Rounding.addUp(theta, gap);
            for (int i = 0; i < n; i++) {
                int row = i * n;
                c[row + i] = mu - gram[row + i];
                for (int j = i + 1; j < n; j++) c[row + j] = -gram[row + j];
                for (int j = 0; j < i; j++) c[row + j] = 0; // lower part: not read by dpotrf, zero for |R|
            }
            double maxC = 0;
            for (int i = 0; i < n; i++) maxC = Math.max(maxC, Math.abs(c[i * n + i]));
            int info = Lapack.choleskyInPlace(c, n);
            if (info == 0) {
                for (int i = 0; i < c.length; i++) c[i] = Math.abs(c[i]); // |R̃| (upper, lower part is 0)
                DenseMatrix absR = new DenseMatrix(n, n, c);
                double rhoR = Math.min(Certify.collatzWielandt(absR, CW_STEPS), frobSquaredUp(c));
                double cR = Rounding.addUp(Rounding.mulUp(gn1, rhoR),
                        Rounding.mulUp(Rounding.mulUp(4.0 * n, Rounding.addUp(2.0 * (n + 1), maxC)), Rounding.ETA));
                double dD = Rounding.mulUp(Rounding.UNIT_ROUNDOFF, Rounding.addUp(mu, maxDiag));
                double lam = Rounding.addUp(Rounding.addUp(Rounding.addUp(mu, dD), cR), eA);
                double up = Rounding.sqrtUp(lam);
                double value = s.upper(up);
                double errorTerm = Rounding.scaleUp(Rounding.subUp(up, Rounding.sqrtDown(mu)), -s.e());
                double relErr = (lam - mu) / mu;
                return new Bound(value, BoundKind.UPPER, errorTerm, name, attempt, Status.CONVERGED, relErr,
                        Duration.ofNanos(System.nanoTime() - t0));
            }
            gap *= 8;
        }
        double fro = Rounding.norm2Upper(a.data(), 0, a.data().length);
        return new Bound(s.upper(fro), BoundKind.UPPER, 0, name + "(frobenius-fallback)", maxAttempts, Status.MAX_ITERATIONS, Double.NaN,
                Duration.ofNanos(System.nanoTime() - t0));
    }

    private static double frobSquaredUp(double[] c) {
        double f = Rounding.norm2Upper(c, 0, c.length);
        return Rounding.mulUp(f, f);
    }
}
