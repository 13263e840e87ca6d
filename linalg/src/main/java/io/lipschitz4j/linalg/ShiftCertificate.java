package io.lipschitz4j.linalg;

/**
 * Certifies λ_max(H) ≤ μ + δ for a Hermitian matrix H̃ (split storage, full, row-major) by a Cholesky
 * factorization of fl(μI − H̃) that runs to completion.
 *
 * <p>Forming C̃ = fl(μI − H̃) rounds only the diagonal: ‖C̃ − (μI − H̃)‖₂ ≤ δ_D = u·max_i|μ − h̃_ii|. If
 * the factorization of C̃ completes with backward error ΔC (factor·factorᴴ = C̃ + ΔC ⪰ 0), then
 * μI − H̃ ⪰ −(‖ΔC‖₂ + δ_D)·I, i.e. λ_max(H̃) ≤ μ + δ with δ = δ_D + ‖ΔC‖₂. Three factorizations:
 * <ul>
 * <li><b>native, blocked complex</b> (p ≥ {@link #BLOCKED_FROM}): {@link BlockedHermitianCholesky}, real level-3
 *   BLAS on the split parts, ‖ΔC‖₂ ≤ √2·γ_{2p+4}·‖R̃‖_F² + underflow.</li>
 * <li><b>native, embedding</b> (when the native backend is active and {@link #NATIVE_FROM} ≤ p &lt; {@link #BLOCKED_FROM}): LAPACK dpotrf on the
 *   real embedding E = [[C_r, −C_i], [C_i, C_r]] of order 2p, which is symmetric with the eigenvalues of C̃,
 *   each twice. R̃ᵀR̃ = E + ΔE with |ΔE| ≤ γ_{2p+2}|R̃ᵀ||R̃| (Higham, <i>Accuracy and Stability</i>, 2nd ed.,
 *   Thm 10.3 for any ordering of the inner products, with γ_{n+2} instead of γ_{n+1} because OpenBLAS
 *   divides by a pivot through its reciprocal, one extra rounding), so
 *   ‖ΔE‖₂ ≤ γ_{2p+2}‖R̃‖_F² + 8p(2(2p+2) + max ẽ_ii)η (underflow allowance of Rump, BIT 46 (2006),
 *   Thm 2.3). ΔE need not have the embedding's structure; λ_min(C̃) = λ_min(E) ≥ −‖ΔE‖₂ regardless.
 *   Twice the flops of the complex factorization, at LAPACK speed: 1.5× faster than the pure-Java one at p = 64.</li>
 * <li><b>pure Java</b>: {@link HermitianCholesky}, ‖ΔC‖₂ ≤ √2·γ_{2p+2}·‖L̃‖_F² + underflow.</li>
 * </ul>
 * One instance holds the workspaces for orders up to its capacity; not thread-safe.
 */
public final class ShiftCertificate {
    /**
     * Smallest order that uses the native real-embedding route: measured faster than the pure-Java
     * complex factorization from order 12 up (2.5 µs vs 2.7 at 12, 47 vs 72 at 64, 1.7 ms vs 2.7 at 256).
     */
    public static final int NATIVE_FROM = 12;
    /**
     * Smallest order that uses the blocked complex factorization ({@link BlockedHermitianCholesky}, half the
     * flops) instead of the embedding: 0.26 ms vs 0.31 at 128, 1.3 ms vs 1.7 at 256, 7.5 ms vs 11.7 at 512.
     */
    public static final int BLOCKED_FROM = 128;

    private final int cap;
    private final double[] ar, ai, c1, c2;
    private double[] emb = new double[0];
    private final BlockedHermitianCholesky blocked = new BlockedHermitianCholesky();

    public ShiftCertificate(int capacity) {
        cap = capacity;
        ar = new double[capacity * capacity];
        ai = new double[capacity * capacity];
        c1 = new double[capacity];
        c2 = new double[capacity];
    }

    /**
     * Whether {@link #test} reads only the upper triangles (j ≥ i) of hr and hi at order p (the native
     * routes); then callers may leave the strict lower parts stale.
     */
    public static boolean readsUpperTriangles(int p) {
        return Backend.current() == Backend.NATIVE && p >= NATIVE_FROM;
    }

    /**
     * δ ≥ 0 (rounded up) with λ_max(H̃) ≤ μ + δ, or NaN when the factorization of fl(μI − H̃) breaks
     * down (then μ may be below λ_max, or too close to it for the factorization to tell).
     */
    public double test(double[] hr, double[] hi, int p, double mu) {
        if (p > cap) throw new IllegalArgumentException("order " + p + " exceeds workspace " + cap);
        double maxDiag = 0;
        for (int i = 0; i < p; i++) maxDiag = Math.max(maxDiag, Math.abs(mu - hr[i * p + i]));
        double dD = Rounding.mulUp(Rounding.UNIT_ROUNDOFF * (1 + 1e-15), maxDiag);
        boolean nativeBlas = Backend.current() == Backend.NATIVE;
        double dC = nativeBlas && p >= BLOCKED_FROM ? viaBlocked(hr, hi, p, mu)
                : nativeBlas && p >= NATIVE_FROM ? viaEmbedding(hr, hi, p, mu) : viaComplex(hr, hi, p, mu);
        return Double.isNaN(dC) ? Double.NaN : Rounding.addUp(dD, dC);
    }

    private double viaComplex(double[] hr, double[] hi, int p, double mu) {
        int pp = p * p;
        for (int i = 0; i < pp; i++) { ar[i] = -hr[i]; ai[i] = -hi[i]; }
        for (int i = 0; i < p; i++) { ar[i * p + i] = mu - hr[i * p + i]; ai[i * p + i] = 0; }
        int info = HermitianCholesky.factorInPlace(ar, ai, p, c1, c2);
        return info == 0 ? HermitianCholesky.backwardErrorBound(ar, ai, p) : Double.NaN;
    }

    private double viaBlocked(double[] hr, double[] hi, int p, double mu) {
        for (int i = 0; i < p; i++) {
            int row = i * p;
            for (int j = i; j < p; j++) { ar[row + j] = -hr[row + j]; ai[row + j] = -hi[row + j]; }
            ar[row + i] = mu - hr[row + i];
            ai[row + i] = 0;
        }
        if (blocked.factorInPlace(ar, ai, p) != 0) return Double.NaN;
        return BlockedHermitianCholesky.backwardErrorBound(ar, ai, p);
    }

    private double viaEmbedding(double[] hr, double[] hi, int p, double mu) {
        int n = 2 * p;
        if (emb.length < n * n) emb = new double[n * n];
        double[] e = emb;
        // only the row-major upper triangle (dpotrf's column-major lower one) is read
        for (int i = 0; i < p; i++) {
            int top = i * n, bottom = (i + p) * n, row = i * p;
            for (int j = i; j < p; j++) {
                e[top + j] = -hr[row + j];
                e[bottom + p + j] = -hr[row + j];
            }
            for (int j = 0; j < i; j++) e[top + p + j] = -hi[j * p + i]; // H_i is antisymmetric
            for (int j = i; j < p; j++) e[top + p + j] = hi[row + j];
            double d = mu - hr[row + i];
            e[top + i] = d;
            e[bottom + p + i] = d;
        }
        double maxE = 0;
        for (int i = 0; i < n; i++) maxE = Math.max(maxE, Math.abs(e[i * n + i]));
        if (Lapack.choleskyInPlace(e, n) != 0) return Double.NaN;
        // ‖R̃‖_F² over the row-major upper triangle (the strict lower part is stale)
        double s = 0;
        long cnt = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) s += e[i * n + j] * e[i * n + j];
            cnt += n - i;
        }
        double fro2 = Rounding.sumOfSquaresUp(s, cnt);
        double under = Rounding.mulUp(Rounding.mulUp(4.0 * n, Rounding.addUp(2.0 * (n + 2), maxE)), Rounding.ETA);
        return Rounding.addUp(Rounding.mulUp(Rounding.gamma(n + 2L), fro2), under);
    }
}
