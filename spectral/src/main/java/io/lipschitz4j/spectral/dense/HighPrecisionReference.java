package io.lipschitz4j.spectral.dense;

import io.lipschitz4j.linalg.DenseMatrix;
import java.math.BigDecimal;
import java.math.MathContext;

/**
 * A reference enclosure lo ≤ σ₁(W) ≤ hi computed in 60-digit decimal arithmetic, used to judge the
 * certified bounds without trusting LAPACK (whose own error, ~p(n)·u·σ₁, is as large as the bounds'
 * margins). A = WᵀW is formed exactly; H_T = A^{2^T} by repeated squaring with exact power-of-ten
 * renormalization; hi = (‖H_T‖_F)^{1/2^{T+1}} (Gram bound, Delattre et al. 2023) and lo = √ρ with ρ the
 * Rayleigh quotient of A at the largest row of H_T. Each side is moved outward by 1e-40 relatively to
 * cover the 60-digit rounding (errors ≤ ~T·n·1e-59). Tight (width ~1e-30) when σ₁ &gt; σ₂ noticeably;
 * loose (rank^{1/2^{T+1}}) for repeated top values, where callers count a case as undecided.
 * Cost O(T·n³) decimal operations: for small matrices only.
 */
final class HighPrecisionReference {
    private static final MathContext MC = new MathContext(60);
    private static final BigDecimal PAD = new BigDecimal("1e-40");

    private HighPrecisionReference() {}

    /** {lo, hi} as BigDecimals. */
    static BigDecimal[] enclose(DenseMatrix w, int maxT) {
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
