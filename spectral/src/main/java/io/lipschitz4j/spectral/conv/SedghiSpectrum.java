package io.lipschitz4j.spectral.conv;

import io.lipschitz4j.linalg.ComplexBatch;
import io.lipschitz4j.linalg.DenseMatrix;
import io.lipschitz4j.linalg.HermitianEigen;
import io.lipschitz4j.linalg.Lapack;
import io.lipschitz4j.linalg.Rounding;
import io.lipschitz4j.spectral.Bound;
import io.lipschitz4j.spectral.BoundKind;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Exact singular values of a circular convolution (1-D or 2-D, any channels, groups, dilation, and
 * strides that divide the input size), after Sedghi, Gupta and Long, "The Singular Values of
 * Convolutional Layers", ICLR 2019, Theorem 6: the operator is unitarily equivalent to a block
 * diagonal matrix with one m_out×m_in block P(f) = Σ_{a,b} K[:,:,a,b]·ω₁^{a f₁}ω₂^{b f₂} per
 * frequency; strides and groups as in {@link TapGrams}.
 *
 * <p>Algorithm. Only the half spectrum is computed ({@link FrequencyGrid}: f and −f give conjugate
 * blocks). Per class the Hermitian Gram H(f) (order p = min(m_out, m_in), or m_out with stride) is
 * built from tap cross-Grams ({@link TapGrams}, 2·D·p² flops), reduced to a real tridiagonal matrix
 * ({@link HermitianEigen}, 4p³ multiply–adds) and solved by dsterf; self-conjugate classes have real
 * H and go to LAPACK dsyevd. σ = √max(λ, 0).
 *

 * <p>Precision. Through the Gram, |λ̃ − λ| ≤ ε_H + ε_f with ε_H certified by
 * {@link TapGrams#gramErrorBound} (a worst-case bound, far above the actual error) and ε_f = 4·p·u·λ_max(f)
 * the normwise backward-stability model of the tridiagonalization, so |σ̃ − σ| ≲ ε/σ: small σ lose
 * accuracy. The absolute error of the <em>small</em> eigenvalues of H(f) (formation plus reduction) is
 * measured at ≤ 2.3·u·λ_max(f) for random kernels, p = 64 and 128 (1.5·10³ frequency classes against
 * dgesdd); the recomputation decision uses the model ε_r = 4·√p·u·λ_max(f) (16–23× that margin at
 * those p, ≥ 4× for any p ≥ 1). A class is recomputed from its explicit block with LAPACK dgesdd on the
 * real 2p×2(Sq) embedding (values doubled) whenever ε_r/σ_min(f) would exceed 5·10⁻¹¹·σ_max (global,
 * not of the class: the tolerance is normwise), so every value meets |σ̃ᵢ − σᵢ| ≤ 10⁻¹⁰·σ_max; classes
 * with σ_min(f) below about 10⁻⁴·σ_max, or rank deficient, are recomputed. The EXACT bound on σ_max
 * states the tolerance (ε_H + ε_f)/σ_max + 2u·σ_max with the conservative ε_f (and at least
 * 5·10⁻¹¹·σ_max when a class was recomputed).
 *
 * <p>Cost: one syrk of order T·p, then per class O(D·p²) + 4p³; about half of {@code numpy rfft2+svd}'s
 * flops.
 */
public final class SedghiSpectrum {
    /** Relative normwise accuracy target that triggers the accurate recomputation of a frequency class. */
    static final double REFINE_TOL = 5e-11;
    /** Constant c of the conservative Gram-route eigenvalue error c·p·u·λ_max(f) (stated tolerance). */
    static final double MODEL_C = 4;
    /** Constant c of the recomputation model c·√p·u·λ_max(f) (calibrated on measured small-eigenvalue errors). */
    static final double REFINE_C = 4;

    private SedghiSpectrum() {}

    /** All singular values of a circular convolution (see the class comment). */
    public static ConvSpectrum compute(Convolution conv) {
        long t0 = System.nanoTime();
        if (conv.padding() != Padding.CIRCULAR) {
            throw new IllegalArgumentException("exact spectra are for circular padding; bound zero padding with CertifiedConvNorm");
        }
        double maxAbs = 0;
        for (double v : conv.kernel().data()) maxAbs = Math.max(maxAbs, Math.abs(v));
        int e = Rounding.normalizingExponent(maxAbs);
        int groups = conv.groups();
        TapGrams[] tg = new TapGrams[groups];
        for (int g = 0; g < groups; g++) tg[g] = TapGrams.of(conv, g, e, 0);
        TapGrams t = tg[0];
        int o1 = t.o1, o2 = t.o2, p = t.p, r = t.valuesPerFrequency();
        List<FrequencyGrid.Frequency> classes = FrequencyGrid.halfSpectrum(o1, o2);
        int nc = classes.size();
        double[][] lam = new double[nc * groups][];   // top r eigenvalues per (class, group), ascending
        double[] err = new double[groups];
        for (int g = 0; g < groups; g++) err[g] = tg[g].gramErrorBound();
        double[] hr = new double[p * p], hi = new double[p * p];
        HermitianEigen eig = new HermitianEigen(p);
        double lamMax = 0;
        for (int c = 0; c < nc; c++) {
            FrequencyGrid.Frequency f = classes.get(c);
            for (int g = 0; g < groups; g++) {
                tg[g].gramAt(f.g1(), f.g2(), hr, hi);
                double[] w = f.selfConjugate()
                        ? Lapack.symmetricEigenvalues(new DenseMatrix(p, p, hr.clone()))
                        : eig.eigenvaluesInPlace(hr, hi, p);
                double[] top = Arrays.copyOfRange(w, p - r, p);
                lam[c * groups + g] = top;
                lamMax = Math.max(lamMax, top[r - 1]);
            }
        }
        // accuracy check: refine classes whose small σ would miss the normwise tolerance through the Gram
        double sigmaMaxScaled = Math.sqrt(lamMax);
        double tolAbs = REFINE_TOL * sigmaMaxScaled;
        int refined = 0;
        double[] sigma = new double[nc * groups * r];
        double worstErr = 0;
        for (int c = 0; c < nc; c++) {
            for (int g = 0; g < groups; g++) {
                double[] w = lam[c * groups + g];
                double lmax = Math.max(w[r - 1], 0);
                double eps = MODEL_C * p * Rounding.UNIT_ROUNDOFF * lmax;
                double epsR = REFINE_C * Math.sqrt(p) * Rounding.UNIT_ROUNDOFF * lmax;
                double smin = Math.sqrt(Math.max(w[0], 0));
                boolean accurate = tolAbs > 0 && (smin > 0 ? epsR / smin : Math.sqrt(epsR)) <= tolAbs;
                double[] s;
                if (accurate || lmax == 0 && eps == 0) {
                    s = new double[r];
                    for (int i = 0; i < r; i++) s[i] = Math.sqrt(Math.max(w[r - 1 - i], 0));
                    if (lmax > 0) worstErr = Math.max(worstErr, (eps + err[g]) / Math.sqrt(lmax));
                } else {
                    s = accurateValues(tg[g], classes.get(c), r);
                    refined++;
                }
                System.arraycopy(s, 0, sigma, (c * groups + g) * r, r);
            }
        }
        // assemble: values with multiplicity (descending), per-frequency maxima, unscaled; the classes of
        // weight 1 and 2 are sorted apart (half the values of a full sort) and merged
        int n1 = 0, n2 = 0;
        for (FrequencyGrid.Frequency f : classes) { if (f.weight() == 1) n1 += groups * r; else n2 += groups * r; }
        double[] once = new double[n1], twice = new double[n2];
        double[] perMax = new double[o1 * o2];
        int a1 = 0, a2 = 0;
        for (int c = 0; c < nc; c++) {
            FrequencyGrid.Frequency f = classes.get(c);
            double m = 0;
            for (int k = 0; k < groups * r; k++) {
                double v = Math.scalb(sigma[c * groups * r + k], -e);
                m = Math.max(m, v);
                if (f.weight() == 1) once[a1++] = v; else twice[a2++] = v;
            }
            perMax[f.g1() * o2 + f.g2()] = m;
            perMax[((o1 - f.g1()) % o1) * o2 + (o2 - f.g2()) % o2] = m;
        }
        Arrays.sort(once);
        Arrays.sort(twice);
        double[] values = new double[n1 + 2 * n2];
        for (int at = 0, i = n1 - 1, j = n2 - 1; at < values.length; ) {
            if (j < 0 || (i >= 0 && once[i] >= twice[j])) values[at++] = once[i--];
            else { values[at++] = twice[j]; values[at++] = twice[j--]; }
        }
        double smax = values.length == 0 ? 0 : values[0];
        double tol = Rounding.addUp(Math.scalb(worstErr, -e), Rounding.mulUp(2 * Rounding.UNIT_ROUNDOFF, smax));
        if (refined > 0) tol = Math.max(tol, REFINE_TOL * smax);
        Bound b = Bound.direct(smax, BoundKind.EXACT, tol, "sedghi-gram-tridiagonal", Duration.ofNanos(System.nanoTime() - t0));
        return new ConvSpectrum(values, perMax, o1, o2, b, refined);
    }

    /** Singular values (descending, r of them) of the explicit block at class f, via dgesdd on the real embedding. */
    static double[] accurateValues(TapGrams t, FrequencyGrid.Frequency f, int r) {
        int cols = t.aliases * t.q;
        double[] re = new double[t.p * cols], im = new double[t.p * cols];
        t.symbolAt(f.g1(), f.g2(), re, im);
        double[] s2 = Lapack.singularValues(new ComplexBatch(1, t.p, cols, re, im).realEmbedding(0));
        double[] s = new double[r];
        for (int i = 0; i < r; i++) s[i] = s2[2 * i];
        return s;
    }
}
