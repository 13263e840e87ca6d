package io.lipschitz4j.spectral.dense;

import io.lipschitz4j.linalg.Blas;
import io.lipschitz4j.linalg.DenseMatrix;
import io.lipschitz4j.linalg.Rounding;
import io.lipschitz4j.spectral.Bound;
import io.lipschitz4j.spectral.BoundKind;
import io.lipschitz4j.spectral.Status;
import java.time.Duration;

/**
 * Gram iteration (Delattre, Barthélemy, Araujo and Allauzen, ICML 2023, "Efficient Bound of Lipschitz
 * Constant for Convolutional Layers by Gram Iteration", Thm 3 / Alg. 1): G₀ = W, G_{t+1} = G_tᵀG_t,
 * σ₁(W) ≤ ‖G_T‖_F^{1/2^T}, made a certified UPPER bound in floating point.
 *
 * <p>Certification. Before each product G̃_t is rescaled exactly, Ĝ_t = 2^{s_t}G̃_t (max entry in
 * [1, 2); ε_t ≥ ‖Ĝ_t − 2^{s_t}G̃_t‖₂ covers subnormal losses, normally 0). Then
 * G̃_{t+1} = fl(Ĝ_tᵀĜ_t) = Ĝ_tᵀĜ_t + E_t with |E_t| ≤ γ_k|Ĝ_t|ᵀ|Ĝ_t| + kη (Higham Lemma 3.1), so
 * ‖E_t‖₂ ≤ e_t := γ_k‖Ĝ_t‖_F² + k·n·η. By Weyl, σ₁(Ĝ_t)² = λ₁(Ĝ_tᵀĜ_t) ≤ σ₁(G̃_{t+1}) + e_t, hence with
 * a_t ≥ σ₁(G̃_t): a_t = 2^{−s_t}(√(a_{t+1} + e_t) + ε_t), starting from a_T = ‖G̃_T‖_F (rounded up), every
 * operation rounded outward. The input is scaled by 2^e and oriented tall first ({@link Scaled}).
 * The bound is the minimum over t ≤ T of these unrolled bounds; iteration stops at T = maxIter or when
 * it improves by less than tol relatively.
 *
 * <p>Cost O(n²k + T·n³) (dsyrk). Precision: the Frobenius overestimate factor is
 * (Σσ_i^{2^{T+1}})^{1/2^{T+1}}/σ₁ ≤ rank^{1/2^{T+1}}; the rounding terms add O(k·u·‖W‖_F²/σ₁²)
 * relatively at t = 0 and O(n·u/2^t) later.
 */
public final class GramIteration implements SpectralNormMethod {
    private final int maxIter;
    private final double tol;

    public GramIteration(int maxIter, double tol) {
        if (maxIter < 1 || maxIter > 60 || !(tol >= 0)) throw new IllegalArgumentException("need 1 <= maxIter <= 60, tol >= 0");
        this.maxIter = maxIter;
        this.tol = tol;
    }

    /** 12 iterations, tol 1e-15. */
    public GramIteration() { this(12, 1e-15); }

    @Override public String name() { return "gram"; }

    @Override public Bound norm(DenseMatrix w) {
        long t0 = System.nanoTime();
        Scaled sc = Scaled.of(w, name());
        DenseMatrix a = sc.a();
        int k0 = a.rows(), n = a.cols();
        if (sc.zero() || n == 0) return new Bound(0, BoundKind.UPPER, 0, name(), 0, Status.CONVERGED, 0, Duration.ofNanos(System.nanoTime() - t0));
        int[] s = new int[maxIter + 1];
        double[] e = new double[maxIter + 1];
        double[] eps = new double[maxIter + 1];
        double best = Rounding.norm2Upper(a.data(), 0, a.data().length); // T = 0: ‖W‖_F
        double naive = Double.NaN;
        double[] g = a.data();
        int k = k0;
        int it = 0;
        double change = Double.NaN;
        Status status = Status.MAX_ITERATIONS;
        for (int t = 0; t < maxIter; t++) {
            // rescale G̃_t exactly (t = 0 is already scaled)
            double[] gh = g;
            if (t > 0) {
                double max = 0;
                for (double v : g) max = Math.max(max, Math.abs(v));
                if (max == 0) { best = Math.min(best, unroll(0.0, t, s, e, eps)); status = Status.CONVERGED; break; }
                s[t] = Rounding.normalizingExponent(max);
                boolean exact = true;
                gh = new double[g.length];
                for (int i = 0; i < g.length; i++) {
                    gh[i] = Math.scalb(g[i], s[t]);
                    if (s[t] < 0 && Math.scalb(gh[i], -s[t]) != g[i]) exact = false;
                }
                eps[t] = exact ? 0 : Rounding.mulUp(Math.max(k, n), Rounding.ETA);
            }
            double fro = Rounding.norm2Upper(gh, 0, gh.length);
            e[t] = Rounding.addUp(Rounding.mulUp(Rounding.gamma(k), Rounding.mulUp(fro, fro)),
                    Rounding.mulUp(Rounding.mulUp(k, n), Rounding.ETA));
            double[] next = new double[n * n];
            Blas.syrkAtA(n, k, 1.0, gh, n, 0.0, next, n);
            for (int i = 0; i < n; i++) for (int j = 0; j < i; j++) next[i * n + j] = next[j * n + i];
            g = next;
            k = n;
            it = t + 1;
            double bound = unroll(Rounding.norm2Upper(g, 0, g.length), it, s, e, eps);
            change = (best - bound) / best;
            if (bound < best) best = bound;
            if (!(change > tol)) { status = Status.CONVERGED; break; }
        }
        double value = sc.upper(best);
        return new Bound(value, BoundKind.UPPER, 0, name(), it, status, change, Duration.ofNanos(System.nanoTime() - t0));
    }

    /** a_0 from a_T ≥ σ₁(G̃_T): a_t = 2^{−s_t}(√(a_{t+1} + e_t) + ε_t), rounded up. */
    static double unroll(double aT, int T, int[] s, double[] e, double[] eps) {
        double a = aT;
        for (int t = T - 1; t >= 0; t--) {
            a = Rounding.scaleUp(Rounding.addUp(Rounding.sqrtUp(Rounding.addUp(a, e[t])), eps[t]), -s[t]);
        }
        return a;
    }

    /**
     * The textbook Gram bound in plain floating point, without error terms (for comparison and tests
     * only: it can fall below σ₁). Same scaling, T iterations.
     */
    public static double uncertified(DenseMatrix w, int T) {
        Scaled sc = Scaled.of(w, "gram-uncertified");
        if (sc.zero() || sc.a().cols() == 0) return 0;
        double[] g = sc.a().data();
        int k = sc.a().rows(), n = sc.a().cols();
        int[] s = new int[T];
        for (int t = 0; t < T; t++) {
            if (t > 0) {
                double max = 0;
                for (double v : g) max = Math.max(max, Math.abs(v));
                s[t] = Rounding.normalizingExponent(max);
                for (int i = 0; i < g.length; i++) g[i] = Math.scalb(g[i], s[t]);
            }
            double[] next = new double[n * n];
            Blas.syrkAtA(n, k, 1.0, g, n, 0.0, next, n);
            for (int i = 0; i < n; i++) for (int j = 0; j < i; j++) next[i * n + j] = next[j * n + i];
            g = next;
            k = n;
        }
        double a = Rounding.norm2(g, 0, g.length);
        for (int t = T - 1; t >= 0; t--) a = Math.scalb(Math.sqrt(a), -s[t]);
        return sc.estimate(a);
    }
}
