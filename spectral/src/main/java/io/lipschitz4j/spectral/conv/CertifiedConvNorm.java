package io.lipschitz4j.spectral.conv;

import io.lipschitz4j.linalg.HermitianEigen;
import io.lipschitz4j.linalg.HermitianLanczos;
import io.lipschitz4j.linalg.Rounding;
import io.lipschitz4j.linalg.ShiftCertificate;
import io.lipschitz4j.spectral.Bound;
import io.lipschitz4j.spectral.BoundKind;
import io.lipschitz4j.spectral.Status;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Certified bounds on σ_max of a convolution through its per-frequency Gram matrices
 * ({@link TapGrams}, Sedghi et al. 2019 Thm 6 with the aliasing form for strides).
 *
 * <p>UPPER ({@link #certifiedSigmaMax}): σ_max² = max_f λ_max(H(f)). A shift μ is certified at a
 * frequency class when the Cholesky factorization of fl(μI − H̃(f)) runs to completion
 * ({@link ShiftCertificate}: with native BLAS a blocked complex Cholesky on level-3 BLAS or dpotrf on the
 * real embedding, reading only upper triangles; complex pure Java otherwise); then
 * λ_max(H(f)) ≤ μ + ‖E_H‖ + δ with ‖E_H‖ from {@link TapGrams#gramErrorBound} (DFT twiddles and Gram
 * products) and δ the certificate's rounding terms. Classes are visited in a seeded random order
 * (random columns g2, random classes within a column) after the class of largest trace
 * ({@link #largestTraceFirst}); when the factorization fails, μ is raised to
 * just above that class's λ_max — estimated by Lanczos ({@link HermitianLanczos}) for p &gt; 64, by
 * all eigenvalues ({@link HermitianEigen}) otherwise or when the estimate falls short — about
 * ln(#classes) times. The result is √(max certified value), rounded up and unscaled exactly: within the
 * requested tolerance (10⁻⁹ by default) of the exact value. The kernel is first scaled by a power of
 * two (exact), so 1e±150 kernels neither overflow nor underflow. 1×1 kernels are bounded by their
 * channel matrices ({@link Pointwise}).
 *
 * <p>Zero padding: the zero-padded operator is a submatrix of the circular one on a grid of
 * N = max(n + p, (o−1)s + d(k−1) − p + 1) (rounded up to a multiple of s) per axis — the input
 * embedded with zeros, outputs restricted — so the circular σ_max is a certified UPPER for it. A
 * circular stride that does not divide n is bounded by the stride-1 operator (subsampling has norm ≤ 1).
 *
 * <p>Cost per class: 2·(2k₁ + 1)·p² (Gram) + (2/3)p³ (Cholesky) multiply–adds, p = min(m_in, m_out),
 * after T²p²q/2 for the tap Grams (T = k₁k₂ taps).
 */
public final class CertifiedConvNorm {
    /** Relative margin of the shift over the computed λ_max of the best class. */
    static final double MARGIN = 1e-9;
    /** Orders above which a raise starts from a Lanczos estimate instead of all eigenvalues. */
    static final int LANCZOS_FROM = 64;

    private CertifiedConvNorm() {}

    /** Certified UPPER bound on σ_max within ~10⁻⁹ relative of the exact value (see the class comment). */
    public static Bound certifiedSigmaMax(Convolution conv) {
        return certifiedSigmaMax(conv, MARGIN);
    }

    /**
     * Certified UPPER bound on σ_max that exceeds the exact value (of the circular cover) by at most about
     * {@code relTol} relative, plus the rounding terms (~10⁻¹⁰): the shift is placed relTol/2 above the
     * estimated λ_max (σ² scale), so looser tolerances need fewer raises and cheaper estimates.
     *
     * @param relTol in [10⁻⁹, 0.5]
     */
    public static Bound certifiedSigmaMax(Convolution conv, double relTol) {
        if (!(relTol >= MARGIN && relTol <= 0.5)) throw new IllegalArgumentException("relTol must be in [1e-9, 0.5], got " + relTol);
        if (Pointwise.applies(conv)) return Pointwise.upper(conv, relTol);
        long t0 = System.nanoTime();
        return upper(conv, certify(circularCover(conv), relTol), relTol, t0);
    }

    private static Bound upper(Convolution conv, Certificate cert, double relTol, long t0) {
        String method = conv.padding() == Padding.ZERO ? "sedghi-cholesky (circular embedding)" : "sedghi-cholesky";
        return new Bound(cert.upper, BoundKind.UPPER, cert.errorTerm, method, cert.raises, Status.CONVERGED,
                relTol, Duration.ofNanos(System.nanoTime() - t0));
    }

    /**
     * A circular convolution whose σ_max bounds that of {@code conv} from above (itself when circular
     * with strides dividing the input size).
     */
    public static Convolution circularCover(Convolution conv) {
        int sd = conv.spatialDims();
        int[] n = conv.inputSize(), s = conv.stride(), d = conv.dilation(), p = conv.pad();
        int[] size = new int[sd], stride = new int[sd];
        for (int a = 0; a < sd; a++) {
            if (conv.padding() == Padding.CIRCULAR) {
                size[a] = n[a];
                stride[a] = n[a] % s[a] == 0 ? s[a] : 1;
            } else {
                int o = conv.outputSize(a), k = conv.kernelSize(a);
                int need = Math.max(n[a] + p[a], (o - 1) * s[a] + d[a] * (k - 1) - p[a] + 1);
                need = Math.max(need, n[a]);
                size[a] = (need + s[a] - 1) / s[a] * s[a];
                stride[a] = s[a];
            }
        }
        return new Convolution(conv.kernel(), size, Padding.CIRCULAR, new int[sd], stride, d, conv.groups());
    }

    record Certificate(double upper, double errorTerm, int raises, int group, int g1, int g2, double lambdaScaled, int scaleExp) {}

    static Certificate certify(Convolution c) {
        return certify(c, MARGIN);
    }

    static Certificate certify(Convolution c, double relTol) {
        double maxAbs = 0;
        for (double v : c.kernel().data()) maxAbs = Math.max(maxAbs, Math.abs(v));
        if (maxAbs == 0) return new Certificate(0, 0, 0, 0, 0, 0, 0, 0);
        int e = Rounding.normalizingExponent(maxAbs);
        int groups = c.groups();
        TapGrams[] tg = new TapGrams[groups];
        double[] err = new double[groups];
        for (int g = 0; g < groups; g++) { tg[g] = TapGrams.of(c, g, e, 0); err[g] = tg[g].gramErrorBound(); }
        int p = tg[0].p;
        List<FrequencyGrid.Frequency> classes = FrequencyGrid.halfSpectrum(tg[0].o1, tg[0].o2);
        int nc = classes.size();
        int[] order = visitOrder(classes);
        largestTraceFirst(order, classes, tg);
        double[] hr = new double[p * p], hi = new double[p * p];
        ShiftCertificate shift = new ShiftCertificate(p);
        boolean upperOnly = ShiftCertificate.readsUpperTriangles(p);
        HermitianEigen eig = new HermitianEigen(p);
        double margin = Math.max(MARGIN, relTol / 2);
        double mu = 0, upper = 0, bestLam = 0;
        int raises = 0, bg = 0, b1 = 0, b2 = 0;
        for (int oi = 0; oi < nc; oi++) {
            FrequencyGrid.Frequency f = classes.get(order[oi]);
            for (int g = 0; g < groups; g++) {
                if (upperOnly) tg[g].gramUpperAt(f.g1(), f.g2(), hr, hi); else tg[g].gramAt(f.g1(), f.g2(), hr, hi);
                boolean full = !upperOnly;
                boolean exactTried = false;
                for (int attempt = 0; ; attempt++) {
                    double delta = shift.test(hr, hi, p, mu);
                    if (!Double.isNaN(delta)) {
                        double terms = Rounding.addUp(err[g], delta);
                        upper = Math.max(upper, Rounding.addUp(mu, terms));
                        break;
                    }
                    if (attempt >= 60) throw new ArithmeticException("no certifiable shift found at frequency " + f);
                    // raise μ above this class's λ_max: a Lanczos estimate first (large p), then the
                    // eigenvalues, then geometrically
                    if (!full) { // the estimates below need both triangles
                        tg[g].gramAt(f.g1(), f.g2(), hr, hi);
                        full = true;
                    }
                    double lam = Double.NaN;
                    if (!exactTried && attempt == 0 && p > LANCZOS_FROM) {
                        lam = HermitianLanczos.largestEigenvalue(hr, hi, p, 80, margin / 8, 1 + oi);
                        if (!(lam * (1 + margin) > mu)) lam = Double.NaN; // no progress: take the eigenvalues
                    }
                    if (Double.isNaN(lam) && !exactTried) {
                        lam = eig.eigenvaluesInPlace(hr.clone(), hi.clone(), p)[p - 1];
                        exactTried = true;
                    }
                    if (!Double.isNaN(lam)) {
                        if (lam > bestLam) { bestLam = lam; bg = g; b1 = f.g1(); b2 = f.g2(); }
                        mu = Math.max(mu, lam * (1 + margin) + 4 * p * Rounding.UNIT_ROUNDOFF * Math.abs(lam) + Double.MIN_NORMAL);
                    } else {
                        mu = mu * (1 + margin * (1L << Math.min(attempt, 40))) + Double.MIN_NORMAL;
                    }
                    raises++;
                }
            }
        }
        double s = Rounding.scaleUp(Rounding.sqrtUp(upper), -e);
        // the certified value's distance above the best estimate, σ units: √upper − √λ̃ (not √(upper − λ̃))
        double errTerm = Math.scalb(Math.max(Rounding.sqrtUp(upper) - Math.sqrt(Math.max(bestLam, 0)), 0), -e);
        return new Certificate(s, Math.max(errTerm, 0), raises, bg, b1, b2, bestLam, e);
    }

    /**
     * Moves the class with the largest tr H (over groups) to the front: its λ_max is usually at or near
     * the maximum, so the first raise puts μ close to its final value and later classes rarely fail.
     * Only that one class leaves its column (each column switch re-prepares the Gram blocks).
     */
    static void largestTraceFirst(int[] order, List<FrequencyGrid.Frequency> classes, TapGrams[] tg) {
        int best = 0;
        double top = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < order.length; i++) {
            FrequencyGrid.Frequency f = classes.get(order[i]);
            for (TapGrams t : tg) {
                double tr = t.traceAt(f.g1(), f.g2());
                if (tr > top) { top = tr; best = i; }
            }
        }
        int chosen = order[best];
        System.arraycopy(order, 0, order, 1, best);
        order[0] = chosen;
    }

    /**
     * Seeded random visiting order that keeps each g2 column together (the Gram blocks of
     * {@link TapGrams} are prepared once per g2): columns shuffled, classes shuffled within a column.
     */
    static int[] visitOrder(List<FrequencyGrid.Frequency> classes) {
        int nc = classes.size();
        SplittableRandom rnd = new SplittableRandom(0x5EDC41L);
        java.util.TreeMap<Integer, java.util.List<Integer>> cols = new java.util.TreeMap<>();
        for (int i = 0; i < nc; i++) cols.computeIfAbsent(classes.get(i).g2(), k -> new java.util.ArrayList<>()).add(i);
        java.util.List<java.util.List<Integer>> list = new java.util.ArrayList<>(cols.values());
        for (int i = list.size() - 1; i > 0; i--) java.util.Collections.swap(list, i, rnd.nextInt(i + 1));
        int[] order = new int[nc];
        int at = 0;
        for (java.util.List<Integer> col : list) {
            for (int i = col.size() - 1; i > 0; i--) java.util.Collections.swap(col, i, rnd.nextInt(i + 1));
            for (int x : col) order[at++] = x;
        }
        return order;
    }

    /**
     * Certified LOWER bound on σ_max of a circular convolution from a vector: ‖Q(g)ᴴu‖/‖u‖ ≤ σ_max(Q(g))
     * ≤ σ_max, u (complex, split re/im, length p of the Gram side of {@link TapGrams}) at output
     * frequency (g1, g2) of group {@code group}. The block is evaluated by direct DFT sums with
     * |Q̃ − Q| ≤ ρ_P·Σ_t|M_t|/√S entrywise, ρ_P = γ_{T+4} + 2ε_tw, and the product adds
     * γ_{2p+2}·‖Q̃‖_F‖u‖; both are subtracted (rounded) before dividing by a certified ‖u‖ upper bound.
     */
    public static Bound lowerBound(Convolution conv, int group, int g1, int g2, double[] ur, double[] ui) {
        long t0 = System.nanoTime();
        if (conv.padding() != Padding.CIRCULAR) throw new IllegalArgumentException("lowerBound needs circular padding");
        double maxAbs = 0;
        for (double v : conv.kernel().data()) maxAbs = Math.max(maxAbs, Math.abs(v));
        int e = Rounding.normalizingExponent(maxAbs);
        TapGrams t = TapGrams.of(conv, group, e, 0);
        int p = t.p, cols = t.aliases * t.q;
        double[] qr = new double[p * cols], qi = new double[p * cols];
        t.symbolAt(g1, g2, qr, qi);
        double[] yr = new double[cols], yi = new double[cols];
        for (int i = 0; i < p; i++) {
            double xr = ur[i], xi = ui[i];
            for (int j = 0; j < cols; j++) { // y_j += conj(Q_ij)·u_i
                double a = qr[i * cols + j], b = qi[i * cols + j];
                yr[j] += a * xr + b * xi;
                yi[j] += a * xi - b * xr;
            }
        }
        double[] y = new double[2 * cols], u = new double[2 * p];
        for (int j = 0; j < cols; j++) { y[2 * j] = yr[j]; y[2 * j + 1] = yi[j]; }
        for (int i = 0; i < p; i++) { u[2 * i] = ur[i]; u[2 * i + 1] = ui[i]; }
        double un = Rounding.norm2Upper(u, 0, u.length);
        double val = 0;
        if (un > 0) {
            double rho = Rounding.addUp(Rounding.gamma(t.taps + 4L), 2 * Twiddles.ERROR);
            double af = Rounding.norm2Upper(t.absSum, 0, t.absSum.length);
            double f = Rounding.mulUp(Rounding.addUp(rho, 2 * Rounding.gamma(2L * p + 2)), Rounding.mulUp(af, 1 + 2 * rho));
            double abs = Rounding.addUp(Rounding.mulUp(f, un), Rounding.mulUp(4.0 * cols * (t.taps + 2L * p + 8), Rounding.ETA));
            double num = Rounding.subDown(Rounding.norm2Lower(y, 0, y.length), abs);
            val = num <= 0 ? 0 : Rounding.scaleDown(Rounding.divDown(num, un), -e);
        }
        return Bound.direct(val, BoundKind.LOWER, 0, "sedghi-vector", Duration.ofNanos(System.nanoTime() - t0));
    }

    /**
     * Certified enclosure of σ_max of a circular convolution: the UPPER of {@link #certifiedSigmaMax}
     * and a LOWER from the top eigenvector (power iteration on H at the best class) via
     * {@link #lowerBound}. Where no frequency form exists (zero padding, a stride that does not divide
     * n) the LOWER comes from the operator power iteration ({@link ConvBounds#powerIteration}), which is
     * certified for any geometry.
     */
    public static io.lipschitz4j.spectral.Sandwich sandwich(Convolution conv) {
        if (conv.padding() != Padding.CIRCULAR || !sameGeometry(conv)) {
            return new io.lipschitz4j.spectral.Sandwich(ConvBounds.powerIteration(conv, 0, 1e-9, 1000), certifiedSigmaMax(conv));
        }
        long t0 = System.nanoTime();
        Certificate cert = certify(conv); // its best class also gives the LOWER below: one certificate for both
        Bound up = Pointwise.applies(conv) ? Pointwise.upper(conv, MARGIN) : upper(conv, cert, MARGIN, t0);
        TapGrams t = TapGrams.of(conv, cert.group, cert.scaleExp, 0);
        int p = t.p;
        double[] hr = new double[p * p], hi = new double[p * p];
        t.gramAt(cert.g1, cert.g2, hr, hi);
        double[] vr = new double[p], vi = new double[p];
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < p; i++) { vr[i] = r.nextDouble() - 0.5; vi[i] = r.nextDouble() - 0.5; }
        for (int it = 0; it < 300; it++) {
            double[] wr = new double[p], wi = new double[p];
            for (int i = 0; i < p; i++) for (int j = 0; j < p; j++) {
                double a = hr[i * p + j], b = hi[i * p + j];
                wr[i] += a * vr[j] - b * vi[j];
                wi[i] += a * vi[j] + b * vr[j];
            }
            double nrm = 0;
            for (int i = 0; i < p; i++) nrm = Math.max(nrm, Math.max(Math.abs(wr[i]), Math.abs(wi[i])));
            if (nrm == 0) break;
            for (int i = 0; i < p; i++) { vr[i] = wr[i] / nrm; vi[i] = wi[i] / nrm; }
        }
        return new io.lipschitz4j.spectral.Sandwich(lowerBound(conv, cert.group, cert.g1, cert.g2, vr, vi), up);
    }

    private static boolean sameGeometry(Convolution c) {
        int[] n = c.inputSize(), s = c.stride();
        for (int a = 0; a < n.length; a++) if (n[a] % s[a] != 0) return false;
        return true;
    }
}
