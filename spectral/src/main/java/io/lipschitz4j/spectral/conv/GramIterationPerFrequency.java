package io.lipschitz4j.spectral.conv;

import io.lipschitz4j.linalg.Blas;
import io.lipschitz4j.linalg.Rounding;
import io.lipschitz4j.spectral.Bound;
import io.lipschitz4j.spectral.BoundKind;
import io.lipschitz4j.spectral.Status;
import java.time.Duration;
import java.util.List;

/**
 * Certified UPPER bound on σ_max of a convolution by Gram iteration on its per-frequency Gram
 * matrices (Delattre, Barthélemy, Araujo, Allauzen, ICML 2023, "Efficient Bound of Lipschitz Constant
 * for Convolutional Layers by Gram Iteration", Alg. 3 — there on the FFT symbol, here on the Hermitian
 * Gram H(f) = P(f)ᴴP(f) of Sedghi et al. 2019 Thm 6, built by {@link TapGrams}).
 *
 * <p>σ_max² = max_f ‖H(f)‖₂. For one frequency, with M₀ = 2^{c₀}·H̃ and M_{t+1} = 2^{c_{t+1}}·fl(M_tᴴM_t)
 * (power-of-two rescaling keeps the entries near 1, exact), Weyl's inequality gives
 * ‖M_t‖₂² = ‖M_tᴴM_t‖₂ ≤ 2^{−c_{t+1}}‖M_{t+1}‖₂ + ε_t, and the recursion is closed by
 * ‖M_T‖₂ ≤ ‖M_T‖_F. The iteration uses MᴴM, not M²: H̃ is Hermitian but a rounded product need not be,
 * and for a non-normal M, ‖M²‖ can be below ‖M‖². The rounding term of one complex product, computed as
 * four real BLAS products (Re = AᵀA + BᵀB, Im = AᵀB − BᵀA for M = A + iB), is a sum of 2p real products
 * per part in some order, so
 * entrywise |ΔRe|, |ΔIm| ≤ γ_{2p}(|M||M|) and ε_t = √2·γ_{2p}‖M_t‖_F² + 4p²η (Higham Lemma 3.1 with
 * |a_r b_r| + |a_i b_i| ≤ |a||b|). Finally ‖H(f)‖ ≤ ‖H̃(f)‖ + ‖H̃ − H‖ with the latter from
 * {@link TapGrams#gramErrorBound}; every step is rounded outward.
 *
 * <p>Precision: after T steps the Frobenius finish overestimates ‖H‖ by at most (Σᵢ(λᵢ/λ₁)^{2^T})^{2^{−T}}
 * ≤ p^{2^{−T}}, i.e. σ_max by √ of that. Cost per frequency class: 8·T·p³ flops in BLAS dgemm,
 * p = min(m_in, m_out) (stride &gt; 1: m_out). Zero padding and strides that do not divide n are
 * bounded through {@link CertifiedConvNorm#circularCover}.
 */
public final class GramIterationPerFrequency {
    private GramIterationPerFrequency() {}

    /** Certified UPPER bound with {@code iterations} Gram steps per frequency (6–10 is typical). */
    public static Bound upper(Convolution conv, int iterations) {
        if (iterations < 0) throw new IllegalArgumentException("iterations must be >= 0, got " + iterations);
        long t0 = System.nanoTime();
        Convolution c = CertifiedConvNorm.circularCover(conv);
        double maxAbs = 0;
        for (double v : c.kernel().data()) maxAbs = Math.max(maxAbs, Math.abs(v));
        String method = conv.padding() == Padding.ZERO ? "gram-per-frequency (circular embedding)" : "gram-per-frequency";
        if (maxAbs == 0) return new Bound(0, BoundKind.UPPER, 0, method, 0, Status.CONVERGED, 0, Duration.ofNanos(System.nanoTime() - t0));
        int e = Rounding.normalizingExponent(maxAbs);
        double worstSquared = 0;  // max over frequencies of the certified bound on ‖H(f)‖ (scaled units)
        double worstEstimate = 0; // the same without the Frobenius slack, to report the finish's looseness
        for (int g = 0; g < c.groups(); g++) {
            TapGrams tg = TapGrams.of(c, g, e, 0);
            double gramError = tg.gramErrorBound();
            int p = tg.p;
            Work w = new Work(p, iterations);
            List<FrequencyGrid.Frequency> classes = FrequencyGrid.halfSpectrum(tg.o1, tg.o2);
            for (FrequencyGrid.Frequency f : classes) {
                tg.gramAt(f.g1(), f.g2(), w.re, w.im);
                double hNorm = w.certifiedNorm();
                worstSquared = Math.max(worstSquared, Rounding.addUp(hNorm, gramError));
                worstEstimate = Math.max(worstEstimate, w.lastEstimate);
            }
        }
        double value = Rounding.scaleUp(Rounding.sqrtUp(worstSquared), -e);
        double estimate = Math.scalb(Math.sqrt(worstEstimate), -e);
        // residual: relative slack of the certified value over the plain Gram estimate of the last step
        double residual = estimate > 0 ? value / estimate - 1 : 0;
        return new Bound(value, BoundKind.UPPER, Math.max(0, value - estimate), method, iterations, Status.CONVERGED, residual,
                Duration.ofNanos(System.nanoTime() - t0));
    }

    /** Scratch for one p×p complex Gram iteration (split re/im, row-major). */
    private static final class Work {
        final int p;
        final int iterations;
        final double[] re, im, ar, ai;
        final int[] scale;
        final double[] err;
        double lastEstimate;

        Work(int p, int iterations) {
            this.p = p;
            this.iterations = iterations;
            re = new double[p * p];
            im = new double[p * p];
            ar = new double[p * p];
            ai = new double[p * p];
            scale = new int[iterations + 1];
            err = new double[iterations];
        }

        /** Certified upper bound on ‖H̃‖₂ for the matrix in re/im (overwritten). */
        double certifiedNorm() {
            int pp = p * p;
            double gamma = Rounding.gamma(2L * p);
            double sqrt2 = Math.sqrt(2) * (1 + 2 * Rounding.UNIT_ROUNDOFF);
            double under = Rounding.mulUp(4.0 * pp, Rounding.ETA);
            scale[0] = rescale(re, im);
            if (frobUpper(re, im) == 0) {
                lastEstimate = 0;
                return 0;
            }
            for (int t = 0; t < iterations; t++) {
                double f = frobUpper(re, im);
                err[t] = Rounding.addUp(Rounding.mulUp(Rounding.mulUp(sqrt2, gamma), Rounding.mulUp(f, f)), under);
                // (A + iB)ᴴ(A + iB) = (AᵀA + BᵀB) + i(AᵀB − BᵀA)
                System.arraycopy(re, 0, ar, 0, pp);
                System.arraycopy(im, 0, ai, 0, pp);
                Blas.gemm(true, false, p, p, p, 1.0, ar, p, ar, p, 0.0, re, p);
                Blas.gemm(true, false, p, p, p, 1.0, ai, p, ai, p, 1.0, re, p);
                Blas.gemm(true, false, p, p, p, 1.0, ar, p, ai, p, 0.0, im, p);
                Blas.gemm(true, false, p, p, p, -1.0, ai, p, ar, p, 1.0, im, p);
                scale[t + 1] = rescale(re, im);
            }
            // unroll ‖M_t‖ ≤ sqrt(2^{−c_{t+1}}‖M_{t+1}‖ + ε_t) from ‖M_T‖ ≤ ‖M_T‖_F
            double u = frobUpper(re, im);
            double est = frob(re, im);
            for (int t = iterations - 1; t >= 0; t--) {
                u = Rounding.sqrtUp(Rounding.addUp(Rounding.scaleUp(u, -scale[t + 1]), err[t]));
                est = Math.sqrt(Math.scalb(est, -scale[t + 1]));
            }
            lastEstimate = Math.scalb(est, -scale[0]);
            return Rounding.scaleUp(u, -scale[0]);
        }

        /** Multiplies by 2^c (exact) so the largest entry lies in [1, 2); returns c. */
        private int rescale(double[] a, double[] b) {
            double m = 0;
            for (int i = 0; i < p * p; i++) m = Math.max(m, Math.max(Math.abs(a[i]), Math.abs(b[i])));
            if (!Double.isFinite(m)) throw new ArithmeticException("Gram iteration overflowed (non-finite entry)");
            int c = Rounding.normalizingExponent(m);
            if (c != 0) {
                for (int i = 0; i < p * p; i++) {
                    a[i] = Math.scalb(a[i], c);
                    b[i] = Math.scalb(b[i], c);
                }
            }
            return c;
        }

        private double frobUpper(double[] a, double[] b) {
            double fa = Rounding.norm2Upper(a, 0, p * p);
            double fb = Rounding.norm2Upper(b, 0, p * p);
            return Rounding.sqrtUp(Rounding.addUp(Rounding.mulUp(fa, fa), Rounding.mulUp(fb, fb)));
        }

        private double frob(double[] a, double[] b) {
            double s = 0;
            for (int i = 0; i < p * p; i++) s += a[i] * a[i] + b[i] * b[i];
            return Math.sqrt(s);
        }
    }
}
