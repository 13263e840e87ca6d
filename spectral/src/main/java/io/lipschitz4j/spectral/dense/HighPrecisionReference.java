package io.lipschitz4j.spectral.dense;

import io.lipschitz4j.linalg.DenseMatrix;
import io.lipschitz4j.linalg.Lapack;
import io.lipschitz4j.linalg.Rounding;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * A rigorous reference enclosure lo ≤ σ₁(W) ≤ hi, tight to about 1e-32 relatively, used to judge the
 * certified bounds without trusting LAPACK (whose own error, ~p(n)·u·σ₁, is as large as the bounds'
 * margins). W is oriented tall (m×n, n ≤ m) and scaled by an exact power of two, a = 2^e·W with
 * max|a_ij| ∈ [1, 2), so λ₁ := λ_max(aᵀa) ≥ 1.
 * <ol>
 * <li><b>Gram in double-double.</b> Each entry of A = aᵀa is summed from error-free products
 *   (TwoProduct by {@link Math#fma}) with a TwoSum cascade (Ogita, Rump and Oishi, "Accurate sum and
 *   dot product", SIAM J. Sci. Comput. 26(6), 2005, Alg. 4.4 "Sum2"; Lemma 4.2 gives
 *   Σ|q_k| ≤ γ_{m−1}Σ|p_k| for the cascade errors). With the underflow allowances of Higham
 *   (<i>Accuracy and Stability of Numerical Algorithms</i>, 2nd ed., §2.2) the pair s + c satisfies
 *   |A_ij − (s + c)| ≤ γ_{2m}(γ_m + 2u)Σ|p_k| + (2mγ_{2m} + m)η =: E_ij (u = 2⁻⁵³, η = 2⁻¹⁰⁷⁴).
 *   Entries are stored as 45-digit decimals Ã_ij (rounding and entries below 2⁻²⁰⁰ dropped to zero
 *   are added to E_ij), so ‖A − Ã‖₂ ≤ ε_A := ‖E‖_F.</li>
 * <li><b>lo.</b> For any integer vector x: λ₁(A) ≥ xᵀÃx/xᵀx − ε_A, with xᵀÃx and xᵀx exact and
 *   one division rounded down. x starts as LAPACK's top right singular vector (rounded to 60-bit
 *   integers); the diagonal max_i Ã_ii is also a lower bound.</li>
 * <li><b>hi.</b> If a Cholesky factorization of C = μI − Ã in p = 40-digit decimal arithmetic
 *   (every operation correctly rounded, u_p = ½·10^{1−p}, no underflow) runs to completion, then
 *   R̃ᵀR̃ = C + ΔC with |ΔC| ≤ γ_{n+1}|R̃ᵀ||R̃| (Higham, Thm 10.3), so C ⪰ −γ_{n+1}‖R̃‖_F²·I and
 *   λ₁(A) ≤ μ + γ_{n+1}‖R̃‖_F² + ε_A. The same factor gives one step of inverse iteration,
 *   y = C⁻¹x, whose Rayleigh quotient improves lo; μ is then moved closer to lo, so a cluster of
 *   nearly equal top values (repeated σ₁ of rounded planted matrices) is resolved as well.
 *   λ₁(A) ≤ tr(Ã) + (n+1)ε_A is the fallback.</li>
 * <li>σ₁(W) = 2^{−e}√λ₁ ± ‖a − 2^e W‖₂ (nonzero only when scaling down made entries subnormal),
 *   square roots and the final rounding to 40 digits directed outward.</li>
 * </ol>
 * Cost: O(mn²) double operations plus, per factorization (typically 2–3), n³/6 40-digit operations:
 * about 0.1 ms at n = 10. {@link #gramEnclosure} is the previous, 20–100× slower reference, kept
 * for cross-checks in the tests.
 */
final class HighPrecisionReference {
    /** Digits of the certificate arithmetic; u_p = ½·10^{1−p} = 5e-40. */
    static final int DIGITS = 40;
    /** Relative width of [lo, hi] on λ₁ at which the refinement stops. */
    static final double TARGET = 1e-24;
    private static final int MAX_FACTORIZATIONS = 6;
    /** Relative gap of LAPACK's top eigenvalues below which they are treated as one cluster. */
    private static final double CLUSTER = 1e-9;
    private static final MathContext MC_P = new MathContext(DIGITS, RoundingMode.HALF_EVEN);
    private static final MathContext MC_UP = new MathContext(DIGITS, RoundingMode.CEILING);
    private static final MathContext MC_DOWN = new MathContext(DIGITS, RoundingMode.FLOOR);
    private static final MathContext MC20 = new MathContext(20, RoundingMode.HALF_EVEN);
    private static final MathContext MC45 = new MathContext(45, RoundingMode.HALF_EVEN);
    /** Entrywise backward-error factor of {@link #cholesky}: R̃ᵀR̃ = C + ΔC, |ΔC| ≤ RESIDUAL·|R̃ᵀ||R̃|. */
    static final BigDecimal RESIDUAL = new BigDecimal("4e-38");
    /** ≥ RESIDUAL/(1 − RESIDUAL): λ₁(Ã) ≤ μ + RESIDUAL_TRACE·tr(μI − Ã). */
    private static final BigDecimal RESIDUAL_TRACE = new BigDecimal("4.0000001e-38");
    private static final BigDecimal HALF = new BigDecimal("0.5");
    /** BigDecimal.sqrt with HALF_EVEN is within half an ulp, ≤ 5e-40 relatively: pad by 1e-39. */
    private static final BigDecimal SQRT_UP = BigDecimal.ONE.add(new BigDecimal("1e-39"));
    private static final BigDecimal SQRT_DOWN = BigDecimal.ONE.subtract(new BigDecimal("1e-39"));
    private static final BigDecimal TWO60 = new BigDecimal(BigInteger.ONE.shiftLeft(60));
    /** Gram entries below this (λ₁ ≥ 1) go into the error term instead of the decimal matrix. */
    private static final double TINY = 0x1p-200;
    /** ≥ 10^{-44}: relative rounding of a 45-digit decimal. */
    private static final double ROUND45 = 0x1p-140;

    private HighPrecisionReference() {}

    /** {lo, hi} ∋ σ₁(W) as 40-digit decimals (rounded outward). */
    static BigDecimal[] enclose(DenseMatrix w) {
        return compute(w).bounds();
    }

    /** The enclosure with its diagnostics: factorizations tried, relative width on λ₁ reached. */
    record Result(BigDecimal lo, BigDecimal hi, int factorizations) {
        BigDecimal[] bounds() { return new BigDecimal[] {lo, hi}; }
    }

    static Result compute(DenseMatrix w) {
        DenseMatrix t = w.rows() < w.cols() ? w.transpose() : w;
        int m = t.rows(), n = t.cols();
        double[] d = t.data();
        double max = 0;
        for (double v : d) {
            if (!Double.isFinite(v)) throw new IllegalArgumentException("reference: matrix has a non-finite entry");
            max = Math.max(max, Math.abs(v));
        }
        if (n == 0 || max == 0) return new Result(BigDecimal.ZERO, BigDecimal.ZERO, 0);
        int e = Rounding.normalizingExponent(max);
        double[] a = new double[d.length];
        boolean exact = true;
        for (int i = 0; i < d.length; i++) {
            a[i] = Math.scalb(d[i], e);
            if (e < 0 && Math.scalb(a[i], -e) != d[i]) exact = false;
        }
        // each inexact entry is off by ≤ η/2: ‖a − 2^e W‖₂ ≤ ‖·‖_F ≤ √(mn)·η/2 ≤ max(m, n)·η
        double errW = exact ? 0 : Rounding.mulUp(Math.max(m, n), Rounding.ETA);

        BigDecimal[] g = new BigDecimal[n * n];
        double[] err = new double[n * n];
        gram(a, m, n, g, err);
        double epsA = Rounding.norm2Upper(err, 0, err.length);
        BigDecimal eps = new BigDecimal(epsA);

        BigDecimal lo, hi;
        int fact = 0;
        if (n == 1) {
            lo = g[0];
            hi = g[0];
        } else {
            // lower bounds on λ₁(Ã): the largest diagonal entry and the Rayleigh quotient of LAPACK's vector
            lo = g[0];
            BigDecimal trace = BigDecimal.ZERO;
            for (int i = 0; i < n; i++) {
                if (g[i * n + i].compareTo(lo) > 0) lo = g[i * n + i];
                trace = trace.add(g[i * n + i]);
            }
            // fallback: λ₁(Ã) ≤ λ₁(A) + ε_A ≤ tr(A) + ε_A ≤ tr(Ã) + (n+1)ε_A
            hi = trace.add(eps.multiply(BigDecimal.valueOf(n + 1L)));
            Lapack.Svd svd = Lapack.svd(new DenseMatrix(m, n, a));
            double[] v0 = new double[n];
            for (int j = 0; j < n; j++) v0[j] = svd.v().get(j, 0);
            long[] x = integerize(v0);
            if (x != null) {
                BigDecimal r = rayleighDown(g, x, n);
                if (r.compareTo(lo) > 0) lo = r;
            }
            // first shift: LAPACK's vector is off by ~u/gap, its Rayleigh quotient by ~(u/gap)² relatively
            double[] sv = svd.s();
            double gap = sv[0] > 0 ? 1 - (sv[1] / sv[0]) * (sv[1] / sv[0]) : 1;
            double delta = gap >= 1e-4 ? 1e-26 : 1e-20;
            if (gap < CLUSTER) {
                // nearly repeated top value: no single double vector resolves it; Rayleigh–Ritz on the
                // span of the cluster's singular vectors, in 40 digits
                int k = 1;
                while (k < Math.min(n, 8) && 1 - (sv[k] / sv[0]) * (sv[k] / sv[0]) < CLUSTER) k++;
                long[] xr = ritzVector(g, svd.v(), n, k);
                if (xr != null) {
                    BigDecimal r = rayleighDown(g, xr, n);
                    if (r.compareTo(lo) >= 0) { lo = r; x = xr; }
                }
            }
            BigDecimal target = new BigDecimal(TARGET);
            boolean failedAtMid = false;
            while (fact < MAX_FACTORIZATIONS && hi.subtract(lo).compareTo(lo.multiply(target)) > 0) {
                BigDecimal mu = lo.multiply(BigDecimal.ONE.add(new BigDecimal(delta)), MC_UP);
                boolean mid = false;
                if (mu.compareTo(hi) >= 0) { // stay inside [lo, hi]: try the midpoint, once
                    if (failedAtMid) break;
                    mu = lo.add(hi).multiply(HALF, MC_UP);
                    mid = true;
                }
                fact++;
                BigDecimal[] r = cholesky(g, mu, n);
                if (r == null) { // μ below λ₁(Ã) (or within ~1e-37 of it): widen the shift
                    delta *= 1e3;
                    failedAtMid |= mid;
                    continue;
                }
                // λ₁(Ã) ≤ μ + RESIDUAL·‖R̃‖_F² and ‖R̃‖_F² ≤ tr(μI − Ã)/(1 − RESIDUAL) (see cholesky)
                BigDecimal trC = mu.multiply(BigDecimal.valueOf(n)).subtract(trace);
                BigDecimal up = mu.add(trC.multiply(RESIDUAL_TRACE));
                if (up.compareTo(hi) < 0) hi = up;
                if (x != null) { // one step of inverse iteration with the same factor
                    long[] y = integerize(solve(r, x, n));
                    if (y != null) {
                        BigDecimal ry = rayleighDown(g, y, n);
                        if (ry.compareTo(lo) > 0) lo = ry;
                        x = y;
                    }
                }
                double width = hi.subtract(lo).divide(lo, MC20).doubleValue();
                delta = Math.max(1e-34, width * 1e-6);
            }
        }
        BigDecimal loA = lo.subtract(eps), hiA = hi.add(eps);
        BigDecimal sLo = loA.signum() <= 0 ? BigDecimal.ZERO : loA.sqrt(MC_P).multiply(SQRT_DOWN);
        BigDecimal sHi = hiA.sqrt(MC_P).multiply(SQRT_UP);
        if (errW > 0) {
            BigDecimal ew = new BigDecimal(errW);
            sLo = sLo.subtract(ew).max(BigDecimal.ZERO);
            sHi = sHi.add(ew);
        }
        BigDecimal unscale = new BigDecimal(Math.scalb(1.0, -e)); // exact power of two
        return new Result(sLo.multiply(unscale).round(MC_DOWN), sHi.multiply(unscale).round(MC_UP), fact);
    }

    /**
     * Ã = aᵀa (n×n) as 45-digit decimals with entrywise error bounds err ≥ |A − Ã| (see class doc, step 1).
     */
    static void gram(double[] a, int m, int n, BigDecimal[] g, double[] err) {
        double gam2m = Rounding.gamma(2L * m);
        double coef = Rounding.mulUp(gam2m, Rounding.addUp(Rounding.gamma(m), 0x1p-52));
        double sumUp = Rounding.divUp(1.0, Rounding.subDown(1.0, Rounding.gamma(m)));
        double etaTerm = Rounding.addUp(Rounding.mulUp(Rounding.mulUp(gam2m, 2.0 * m), Rounding.ETA), Rounding.mulUp(m, Rounding.ETA));
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                double s = 0, c = 0, abs = 0;
                for (int k = 0; k < m; k++) {
                    double x = a[k * n + i], y = a[k * n + j];
                    double p = x * y;
                    double ep = Math.fma(x, y, -p);      // x·y = p + ep (+ ≤ η/2 under underflow)
                    double s2 = s + p;                   // TwoSum(s, p): s + p = s2 + q exactly
                    double bp = s2 - s;
                    double q = (s - (s2 - bp)) + (p - bp);
                    s = s2;
                    c += q + ep;
                    abs += Math.abs(p);
                }
                double e = Rounding.addUp(Rounding.mulUp(coef, Rounding.mulUp(abs, sumUp)), etaTerm);
                double s2 = s + c; // renormalize exactly (TwoSum): after cancellation c may exceed s
                double bc = s2 - s;
                c = (s - (s2 - bc)) + (c - bc);
                s = s2;
                BigDecimal v;
                if (Math.abs(s) < TINY) {
                    e = Rounding.addUp(e, Rounding.addUp(Math.abs(s), Math.abs(c)));
                    v = BigDecimal.ZERO;
                } else {
                    v = new BigDecimal(s).add(new BigDecimal(c)).round(MC45);
                    e = Rounding.addUp(e, Rounding.mulUp(Rounding.addUp(Math.abs(s), Math.abs(c)), ROUND45));
                }
                g[i * n + j] = v;
                g[j * n + i] = v;
                err[i * n + j] = e;
                err[j * n + i] = e;
            }
        }
    }

    /** xᵀÃx/xᵀx rounded down (numerator and denominator exact). */
    static BigDecimal rayleighDown(BigDecimal[] g, long[] x, int n) {
        BigDecimal num = BigDecimal.ZERO;
        BigInteger den = BigInteger.ZERO;
        for (int i = 0; i < n; i++) {
            if (x[i] == 0) continue;
            BigDecimal row = BigDecimal.ZERO;
            for (int j = 0; j < n; j++) if (x[j] != 0) row = row.add(g[i * n + j].multiply(BigDecimal.valueOf(x[j])));
            num = num.add(row.multiply(BigDecimal.valueOf(x[i])));
            BigInteger xi = BigInteger.valueOf(x[i]);
            den = den.add(xi.multiply(xi));
        }
        if (den.signum() == 0) return BigDecimal.ZERO;
        return num.divide(new BigDecimal(den), MC_DOWN);
    }

    /**
     * Cholesky factor R̃ (upper, row-major) of C = μI − Ã, or null when a pivot is not positive. C is
     * exact; each inner product c_ij − Σ_{k<i} r̃_ki r̃_kj =: s is summed exactly and then rounded once:
     * r̃_ij = fl_p(s / r̃_ii), so |s − r̃_ii r̃_ij| ≤ u_p|r̃_ii r̃_ij|/(1 − u_p); on the diagonal r̃_jj ≈ √s
     * is accepted only when |r̃_jj² − s| ≤ 4e-38·r̃_jj² (checked exactly). Hence R̃ᵀR̃ = C + ΔC with
     * |ΔC| ≤ RESIDUAL·|R̃ᵀ||R̃| entrywise (RESIDUAL = 4e-38), ‖ΔC‖₂ ≤ RESIDUAL·‖R̃‖_F², and
     * λ_min(C) ≥ −RESIDUAL·‖R̃‖_F². The diagonal residuals also give Σ_k r̃_kj² ≤ c_jj/(1 − RESIDUAL),
     * so ‖R̃‖_F² ≤ tr(C)/(1 − RESIDUAL). (This is Higham's Thm 10.3 argument with exact inner
     * products, which gives γ_3-size terms instead of γ_{n+1}.)
     */
    static BigDecimal[] cholesky(BigDecimal[] g, BigDecimal mu, int n) {
        BigDecimal[] r = new BigDecimal[n * n];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < j; i++) {
                BigDecimal s = g[i * n + j].negate();
                for (int k = 0; k < i; k++) s = s.subtract(r[k * n + i].multiply(r[k * n + j]));
                r[i * n + j] = s.divide(r[i * n + i], MC_P);
            }
            BigDecimal s = mu.subtract(g[j * n + j]);
            for (int k = 0; k < j; k++) s = s.subtract(r[k * n + j].multiply(r[k * n + j]));
            if (s.signum() <= 0) return null;
            r[j * n + j] = sqrtChecked(s);
        }
        return r;
    }

    /** y > 0 with |y² − s| ≤ 4e-38·y² (Newton from the double square root; BigDecimal.sqrt as fallback). */
    static BigDecimal sqrtChecked(BigDecimal s) {
        double sd = s.doubleValue();
        BigDecimal y = null;
        if (sd > Double.MIN_NORMAL && sd < Double.MAX_VALUE) {
            y = new BigDecimal(Math.sqrt(sd));
            for (int it = 0; it < 2; it++) y = y.add(s.divide(y, MC_P)).multiply(HALF, MC_P);
        }
        if (y == null || !sqrtAccepted(y, s)) {
            y = s.sqrt(MC_P);
            if (!sqrtAccepted(y, s)) throw new ArithmeticException("square root check failed"); // cannot happen: half-ulp accurate
        }
        return y;
    }

    private static boolean sqrtAccepted(BigDecimal y, BigDecimal s) {
        BigDecimal y2 = y.multiply(y);
        return y.signum() > 0 && y2.subtract(s).abs().compareTo(y2.multiply(RESIDUAL)) <= 0;
    }

    /** y ≈ (R̃ᵀR̃)⁻¹x (any accuracy will do: y only feeds a Rayleigh quotient). */
    static BigDecimal[] solve(BigDecimal[] r, long[] x, int n) {
        BigDecimal[] z = new BigDecimal[n];
        for (int i = 0; i < n; i++) {
            BigDecimal s = BigDecimal.valueOf(x[i]);
            for (int k = 0; k < i; k++) s = s.subtract(r[k * n + i].multiply(z[k]));
            z[i] = s.divide(r[i * n + i], MC_P);
        }
        for (int i = n - 1; i >= 0; i--) {
            BigDecimal s = z[i];
            for (int k = i + 1; k < n; k++) s = s.subtract(r[i * n + k].multiply(z[k]));
            z[i] = s.divide(r[i * n + i], MC_P);
        }
        return z;
    }

    /**
     * A vector of span(v_1..v_k) (columns of v) close to the top eigenvector of Ã restricted to it:
     * the columns are orthonormalized (modified Gram–Schmidt, 40 digits), S = QᵀÃQ formed in 40 digits,
     * and the top eigenvector z of S found by cyclic Jacobi in double on (S − s₁₁I)/max|S − s₁₁I|,
     * which resolves the cluster's spread; x = Qz rounded to integers. Any x gives a valid bound, so
     * none of this needs an error analysis. Null if the columns are degenerate.
     */
    static long[] ritzVector(BigDecimal[] g, DenseMatrix v, int n, int k) {
        BigDecimal[][] q = new BigDecimal[k][n];
        for (int c = 0; c < k; c++) {
            for (int i = 0; i < n; i++) q[c][i] = new BigDecimal(v.get(i, c));
            for (int p = 0; p < c; p++) {
                BigDecimal dot = BigDecimal.ZERO;
                for (int i = 0; i < n; i++) dot = dot.add(q[p][i].multiply(q[c][i]));
                dot = dot.round(MC_P);
                for (int i = 0; i < n; i++) q[c][i] = q[c][i].subtract(dot.multiply(q[p][i]), MC_P);
            }
            BigDecimal nn = BigDecimal.ZERO;
            for (int i = 0; i < n; i++) nn = nn.add(q[c][i].multiply(q[c][i]));
            if (nn.signum() == 0) return null;
            BigDecimal inv = BigDecimal.ONE.divide(sqrtChecked(nn), MC_P);
            for (int i = 0; i < n; i++) q[c][i] = q[c][i].multiply(inv, MC_P);
        }
        BigDecimal[][] s = new BigDecimal[k][k];
        for (int c = 0; c < k; c++) {
            BigDecimal[] aq = new BigDecimal[n];
            for (int i = 0; i < n; i++) {
                BigDecimal t = BigDecimal.ZERO;
                for (int j = 0; j < n; j++) t = t.add(g[i * n + j].multiply(q[c][j]));
                aq[i] = t.round(MC_P);
            }
            for (int p = 0; p <= c; p++) {
                BigDecimal t = BigDecimal.ZERO;
                for (int i = 0; i < n; i++) t = t.add(q[p][i].multiply(aq[i]));
                s[p][c] = t.round(MC_P);
                s[c][p] = s[p][c];
            }
        }
        BigDecimal shift = s[0][0], scale = BigDecimal.ZERO;
        for (int p = 0; p < k; p++) for (int c = 0; c < k; c++) {
            BigDecimal d = (p == c ? s[p][c].subtract(shift) : s[p][c]).abs();
            if (d.compareTo(scale) > 0) scale = d;
        }
        double[] z = new double[k];
        if (scale.signum() == 0) {
            z[0] = 1;
        } else {
            double[] d = new double[k * k];
            for (int p = 0; p < k; p++) for (int c = 0; c < k; c++) {
                d[p * k + c] = (p == c ? s[p][c].subtract(shift) : s[p][c]).divide(scale, MC20).doubleValue();
            }
            z = jacobiTopVector(d, k);
        }
        BigDecimal[] x = new BigDecimal[n];
        for (int i = 0; i < n; i++) {
            BigDecimal t = BigDecimal.ZERO;
            for (int c = 0; c < k; c++) t = t.add(q[c][i].multiply(new BigDecimal(z[c])));
            x[i] = t;
        }
        return integerize(x);
    }

    /** Eigenvector of the largest eigenvalue of a small symmetric matrix (cyclic Jacobi, double). */
    static double[] jacobiTopVector(double[] a, int k) {
        double[] vec = new double[k * k];
        for (int i = 0; i < k; i++) vec[i * k + i] = 1;
        for (int sweep = 0; sweep < 30; sweep++) {
            double off = 0;
            for (int p = 0; p < k; p++) for (int c = p + 1; c < k; c++) off += a[p * k + c] * a[p * k + c];
            if (off < 1e-40) break;
            for (int p = 0; p < k; p++) for (int c = p + 1; c < k; c++) {
                double apq = a[p * k + c];
                if (apq == 0) continue;
                double theta = (a[c * k + c] - a[p * k + p]) / (2 * apq);
                double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                if (theta == 0) t = 1;
                double cs = 1 / Math.sqrt(t * t + 1), sn = t * cs;
                for (int r = 0; r < k; r++) { // A ← A·J
                    double arp = a[r * k + p], arq = a[r * k + c];
                    a[r * k + p] = cs * arp - sn * arq;
                    a[r * k + c] = sn * arp + cs * arq;
                }
                for (int r = 0; r < k; r++) { // A ← Jᵀ·A
                    double apr = a[p * k + r], aqr = a[c * k + r];
                    a[p * k + r] = cs * apr - sn * aqr;
                    a[c * k + r] = sn * apr + cs * aqr;
                }
                for (int r = 0; r < k; r++) { // V ← V·J
                    double vrp = vec[r * k + p], vrq = vec[r * k + c];
                    vec[r * k + p] = cs * vrp - sn * vrq;
                    vec[r * k + c] = sn * vrp + cs * vrq;
                }
            }
        }
        int best = 0;
        for (int i = 1; i < k; i++) if (a[i * k + i] > a[best * k + best]) best = i;
        double[] z = new double[k];
        for (int i = 0; i < k; i++) z[i] = vec[i * k + best];
        return z;
    }

    /** x scaled so that max|x_i| ≈ 2^60 and rounded to integers; null for a zero vector. */
    static long[] integerize(double[] x) {
        double max = 0;
        for (double v : x) max = Math.max(max, Math.abs(v));
        if (!(max > 0) || !Double.isFinite(max)) return null;
        int sh = 59 - Math.getExponent(max);
        if (max < Double.MIN_NORMAL) sh = 59 - (Math.getExponent(max * 0x1p54) - 54);
        long[] out = new long[x.length];
        for (int i = 0; i < x.length; i++) out[i] = Math.round(Math.scalb(x[i], sh));
        return out;
    }

    static long[] integerize(BigDecimal[] y) {
        BigDecimal max = BigDecimal.ZERO;
        for (BigDecimal v : y) if (v.abs().compareTo(max) > 0) max = v.abs();
        if (max.signum() == 0) return null;
        BigDecimal f = TWO60.divide(max, MC20);
        long[] out = new long[y.length];
        for (int i = 0; i < y.length; i++) out[i] = y[i].multiply(f, MC20).setScale(0, RoundingMode.HALF_EVEN).longValueExact();
        return out;
    }

    private static final MathContext MC = new MathContext(60);
    private static final BigDecimal PAD = new BigDecimal("1e-40");

    /**
     * The previous, slower reference, kept to cross-check {@link #enclose} in the tests: A = WᵀW formed
     * exactly; H_T = A^{2^T} by repeated squaring in 60 digits with exact power-of-ten renormalization;
     * hi = (‖H_T‖_F)^{1/2^{T+1}} (Gram bound, Delattre et al. 2023) and lo = √ρ with ρ the Rayleigh
     * quotient of A at the largest row of H_T; each side moved outward by 1e-40 relatively. Loose
     * (rank^{1/2^{T+1}}) for repeated top values. Cost O(T·n³) 60-digit operations.
     */
    static BigDecimal[] gramEnclosure(DenseMatrix w, int maxT) {
        DenseMatrix a0 = w.rows() < w.cols() ? w.transpose() : w;
        int m = a0.rows(), n = a0.cols();
        if (n == 0) return new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO};
        BigDecimal[] wd = new BigDecimal[m * n];
        for (int i = 0; i < wd.length; i++) wd[i] = new BigDecimal(a0.data()[i]);
        BigDecimal[] a = new BigDecimal[n * n];
        boolean zero = true;
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) {
            BigDecimal s = BigDecimal.ZERO;
            for (int k = 0; k < m; k++) s = s.add(wd[k * n + i].multiply(wd[k * n + j]));
            a[i * n + j] = s.round(MC);
            if (s.signum() != 0) zero = false;
        }
        if (zero) return new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO};
        BigDecimal[] g = a.clone();
        long bigK = 0;
        BigDecimal lo = BigDecimal.ZERO, hi = null;
        for (int t = 1; t <= maxT; t++) {
            BigDecimal[] next = new BigDecimal[n * n];
            for (int i = 0; i < n; i++) for (int j = i; j < n; j++) {
                BigDecimal s = BigDecimal.ZERO;
                for (int k = 0; k < n; k++) s = s.add(g[i * n + k].multiply(g[k * n + j], MC), MC);
                next[i * n + j] = s;
                next[j * n + i] = s;
            }
            BigDecimal max = BigDecimal.ZERO;
            for (BigDecimal v : next) if (v.abs().compareTo(max) > 0) max = v.abs();
            int k = max.precision() - max.scale() - 1; // decimal exponent of max
            for (int i = 0; i < next.length; i++) next[i] = next[i].scaleByPowerOfTen(-k);
            bigK = 2 * bigK + k;
            g = next;
            // hi: λ₁ ≤ (‖G‖_F·10^K)^{1/2^t}
            BigDecimal fro = BigDecimal.ZERO;
            for (BigDecimal v : g) fro = fro.add(v.multiply(v, MC), MC);
            fro = fro.sqrt(MC);
            long pow = 1L << t;
            long q = Math.floorDiv(bigK, pow), r = Math.floorMod(bigK, pow);
            BigDecimal lam = fro.scaleByPowerOfTen((int) r);
            for (int s = 0; s < t; s++) lam = lam.sqrt(MC);
            lam = lam.scaleByPowerOfTen((int) q);
            BigDecimal h = lam.sqrt(MC);
            hi = hi == null || h.compareTo(hi) < 0 ? h : hi;
            // lo: Rayleigh quotient at the largest row of G
            int best = 0;
            BigDecimal bestN = BigDecimal.ZERO;
            for (int i = 0; i < n; i++) {
                BigDecimal s = BigDecimal.ZERO;
                for (int j = 0; j < n; j++) s = s.add(g[i * n + j].multiply(g[i * n + j], MC), MC);
                if (s.compareTo(bestN) > 0) { bestN = s; best = i; }
            }
            BigDecimal num = BigDecimal.ZERO;
            for (int i = 0; i < n; i++) {
                BigDecimal ax = BigDecimal.ZERO;
                for (int j = 0; j < n; j++) ax = ax.add(a[i * n + j].multiply(g[best * n + j], MC), MC);
                num = num.add(g[best * n + i].multiply(ax, MC), MC);
            }
            BigDecimal l = num.divide(bestN, MC).sqrt(MC);
            if (l.compareTo(lo) > 0) lo = l;
            if (hi.subtract(lo).compareTo(lo.multiply(new BigDecimal("1e-32"))) <= 0) break;
        }
        return new BigDecimal[] {lo.multiply(BigDecimal.ONE.subtract(PAD), MC), hi.multiply(BigDecimal.ONE.add(PAD), MC)};
    }
}
