package io.lipschitz4j.spectral.conv;

import static io.lipschitz4j.linalg.Rounding.*;

import io.lipschitz4j.spectral.Bound;
import io.lipschitz4j.spectral.BoundKind;
import io.lipschitz4j.spectral.Status;
import java.time.Duration;

/**
 * Spatial Gram iteration on the kernel (Delattre, Barthélemy &amp; Allauzen 2024, "Spectral Norm of
 * Convolutional Layers with Circular and Zero Paddings", arXiv 2402.00240, the zero-padding Gram
 * iteration and its spectral-rescaling bound), made rigorous in floating point.
 *
 * <p><b>Mathematics.</b> Let A be the convolution on ℓ²(ℤ^d) with kernel H[i, c, a] (rows i, columns c,
 * taps a in a k₁×k₂ box). AAᵀ is again such a convolution, with the (2k−1)-tap kernel
 * G[i, j, δ] = Σ_c Σ_{a−b=δ} H[i, c, a]·H[j, c, b] (the kernel "convolved with itself", the
 * paper's {@code conv2d(K, K, padding=k−1)}), so t steps give the kernel H_t of (AAᵀ)^{2^{t−1}}, of
 * size 2^t(k−1)+1, and ‖A‖^{2^t} = ‖A_t‖₂. The final step bounds ‖A_t‖₂ by the Schur test
 * √(‖A_t‖₁‖A_t‖_∞), the max column and row sums of |H_t| (for the symmetric exact iterate this is
 * the paper's max over channels of Σ|H_t[i, ·, ·]|, its spectral-rescaling weights). Hence
 * ‖A‖ ≤ (√(R_t C_t))^{1/2^t}, which decreases to sup_ω‖P(ω)‖ = ‖A‖ as t grows.
 *
 * <p><b>Why it bounds every layer here.</b> A ZERO-padded convolution is a compression (zero
 * extension, then restriction to the output window) of the ℓ²(ℤ^d) one; a CIRCULAR one on size n has
 * norm max over grid frequencies of ‖P(ω)‖ ≤ sup_ω ‖P(ω)‖ (also when taps alias); stride is a row
 * subsampling; dilation d splits ℤ into d cosets each carrying the undilated convolution, so it does
 * not change the ℓ²(ℤ^d) norm (the undilated kernel is used); groups take the max ({@link Groups}).
 * Transposing the channel axes (symbol P(ω)ᵀ, same singular values) makes the Gram order
 * min(out, in).
 *
 * <p><b>Floating point (certified).</b> The kernel is prescaled by 2^{e₀} and every iterate by a
 * power of two 2^{s_t} giving ‖H̃_t‖_F ≈ 1 (exact up to subnormal loss δ_t ≤ size·η, bounded in
 * operator norm by Young's inequality ‖conv_Δ‖ ≤ Σ|Δ|). Each entry of fl(Gram(H̃_t)) is a sum of at
 * most L = C·k₁k₂ products, so its error kernel satisfies |E_t| ≤ γ_L·Gram(|H̃_t|) + Lη, and by the
 * Schur test ‖E_t‖₂ ≤ γ_L·R̃_t·C̃_t + Lη·(row length), where R̃_t, C̃_t are the max row/column sums
 * of |H̃_t| (the row sums of Gram(|H̃|) are Σ_{c,a}|H̃[i,c,a]|·Σ_{j,b}|H̃[j,c,b]| ≤ R̃·C̃).
 * With ‖H̃_t‖² = ‖H̃_tH̃_tᵀ‖ ≤ ‖H_{t+1}‖ + ‖E_t‖ (Weyl) the recursion
 * b_T = √(R_T C_T)↑, b_t = 2^{−s_t}(√(b_{t+1} + ε_t)↑ + δ_t) bounds ‖H_t‖ and
 * ‖A‖ ≤ 2^{−e₀}(b₀ + δ₀), every operation rounded outward. Kind UPPER.
 *
 * <p>Cost: step t costs O(p²·C·(2k_t)^d·k_t^d) with k_t = 2^t(k−1)+1 and p = min(out, in); memory
 * O(p²(2k_t)^d). Use 3–6 iterations for 3×3 kernels. Precision: the bound's excess over ‖A‖ is the
 * factor (√(R_tC_t)/‖A_t‖)^{1/2^t} → 1; for small zero-padded inputs the ℓ²(ℤ^d) norm itself can
 * exceed the layer's norm (a gap of the method, not of the arithmetic).
 */
final class SpatialGram {
    private SpatialGram() {}

    /** Per-group bound (call through {@link Groups#perGroup} for grouped layers). */
    static Bound upper(Convolution conv, int iterations, double tol) {
        if (iterations < 0) throw new IllegalArgumentException("iterations must be >= 0");
        long t0 = System.nanoTime();
        int out = conv.kernel().dim(0), in = conv.kernel().dim(1);
        int k1 = conv.kernelSize(0), k2 = conv.spatialDims() == 2 ? conv.kernelSize(1) : 1;
        double[] src = conv.kernel().data();
        boolean transpose = in < out;
        int p = transpose ? in : out, q = transpose ? out : in;
        double[] h = new double[src.length];
        int taps = k1 * k2;
        for (int o = 0; o < out; o++) for (int c = 0; c < in; c++) for (int t = 0; t < taps; t++) {
            int dst = transpose ? (c * out + o) * taps + t : (o * in + c) * taps + t;
            h[dst] = src[(o * in + c) * taps + t];
        }
        double max = 0;
        for (double v : h) max = Math.max(max, Math.abs(v));
        if (max == 0) return Bound.direct(0, BoundKind.UPPER, 0, "spatial-gram", Duration.ofNanos(System.nanoTime() - t0));
        int e0 = normalizingExponent(max);
        scale(h, e0);
        double delta0 = mulUp(h.length, ETA);
        int[] s = new int[iterations];
        double[] eps = new double[iterations], delta = new double[iterations];
        int rows = p, cols = q, a1 = k1, a2 = k2;
        double best, prevBound = Double.NaN, bound = finish(schur(h, rows, cols, a1 * a2), new int[0], eps, delta, 0, e0, delta0);
        best = bound;
        double residual = Double.NaN;
        int done = 0;
        Status status = Status.CONVERGED;
        for (int t = 0; t < iterations; t++) {
            double fro = io.lipschitz4j.linalg.Rounding.norm2(h, 0, h.length);
            s[t] = normalizingExponent(fro);
            scale(h, s[t]);
            delta[t] = mulUp(h.length, ETA);
            double[] rc = rowColSums(h, rows, cols, a1 * a2);
            int g1 = 2 * a1 - 1, g2 = 2 * a2 - 1;
            long l = (long) cols * a1 * a2;
            eps[t] = addUp(mulUp(gamma(l), mulUp(rc[0], rc[1])), mulUp(mulUp(l, ETA), (double) rows * g1 * g2));
            h = gram(h, rows, cols, a1, a2);
            cols = rows;
            a1 = g1;
            a2 = g2;
            done = t + 1;
            prevBound = bound;
            bound = finish(schur(h, rows, cols, a1 * a2), s, eps, delta, done, e0, delta0);
            if (!Double.isFinite(bound)) { status = Status.DIVERGED; break; }
            best = Math.min(best, bound); // every b is a valid bound: keep the smallest
            residual = (prevBound - bound) / bound;
            if (residual <= tol) { status = Status.CONVERGED; break; }
            status = Status.MAX_ITERATIONS;
        }
        if (iterations == 0) status = Status.MAX_ITERATIONS;
        if (!Double.isFinite(best)) return new Bound(Double.NaN, BoundKind.UPPER, 0, "spatial-gram", done, Status.DIVERGED,
                residual, Duration.ofNanos(System.nanoTime() - t0));
        return new Bound(best, BoundKind.UPPER, 0, "spatial-gram", done, status, residual, Duration.ofNanos(System.nanoTime() - t0));
    }

    /** Unrolls b_t = 2^{−s_t}(√(b_{t+1} + ε_t) + δ_t) from the final Schur bound b_T, then unscales e₀. */
    private static double finish(double bT, int[] s, double[] eps, double[] delta, int t, int e0, double delta0) {
        double b = bT;
        for (int j = t - 1; j >= 0; j--) b = scaleUp(addUp(sqrtUp(addUp(b, eps[j])), delta[j]), -s[j]);
        return scaleUp(addUp(b, delta0), -e0);
    }

    /** √(max row sum · max column sum) of |h| as an operator [rows, cols, taps], rounded up (Schur test). */
    private static double schur(double[] h, int rows, int cols, int taps) {
        double[] rc = rowColSums(h, rows, cols, taps);
        return sqrtUp(mulUp(rc[0], rc[1]));
    }

    /** {max_i Σ_{c,a}|h[i,c,a]|, max_c Σ_{i,a}|h[i,c,a]|}, each sum rounded upward term by term. */
    private static double[] rowColSums(double[] h, int rows, int cols, int taps) {
        double[] col = new double[cols];
        double rmax = 0;
        for (int i = 0; i < rows; i++) {
            double r = 0;
            for (int c = 0; c < cols; c++) {
                double cs = 0;
                int base = (i * cols + c) * taps;
                for (int t = 0; t < taps; t++) cs = addUp(cs, Math.abs(h[base + t]));
                r = addUp(r, cs);
                col[c] = addUp(col[c], cs);
            }
            rmax = Math.max(rmax, r);
        }
        double cmax = 0;
        for (double v : col) cmax = Math.max(cmax, v);
        return new double[] {rmax, cmax};
    }

    /** G[i, j, e] = Σ_c Σ_b H[i, c, b + e − (k−1)]·H[j, c, b] (2-D taps; e ∈ [0, 2k−1) per axis). */
    static double[] gram(double[] h, int rows, int cols, int k1, int k2) {
        int g1 = 2 * k1 - 1, g2 = 2 * k2 - 1, taps = k1 * k2, gt = g1 * g2;
        double[] g = new double[rows * rows * gt];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < rows; j++) {
                int gbase = (i * rows + j) * gt;
                for (int c = 0; c < cols; c++) {
                    int hi = (i * cols + c) * taps, hj = (j * cols + c) * taps;
                    for (int b1 = 0; b1 < k1; b1++) {
                        for (int b2 = 0; b2 < k2; b2++) {
                            double w = h[hj + b1 * k2 + b2];
                            if (w == 0) continue;
                            for (int a1 = 0; a1 < k1; a1++) {
                                int grow = gbase + (a1 - b1 + k1 - 1) * g2 + (k2 - 1 - b2);
                                int hrow = hi + a1 * k2;
                                for (int a2 = 0; a2 < k2; a2++) g[grow + a2] += h[hrow + a2] * w;
                            }
                        }
                    }
                }
            }
        }
        return g;
    }

    private static void scale(double[] a, int e) {
        for (int i = 0; i < a.length; i++) a[i] = Math.scalb(a[i], e);
    }
}
