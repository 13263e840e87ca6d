package io.lipschitz4j.spectral.conv;

import io.lipschitz4j.linalg.Gaussian;
import io.lipschitz4j.linalg.Tensor;
import io.lipschitz4j.spectral.Bound;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;

/**
 * Soundness experiment for the certified conv bounds (what {@code lipschitz soundness --cases N}
 * runs): random small convolutions — random and nasty kernels (scales 1e−150 and 1e+150, rank one in
 * channels, orthogonal times a delta), circular and zero padding, strides, dilation, groups, 1-D and
 * 2-D — compared with the LAPACK SVD of the explicit operator matrix built by a direct loop.
 * Methods: {@code upper} ({@link CertifiedConvNorm#certifiedSigmaMax}, must be ≥ exact),
 * {@code lower} ({@link CertifiedConvNorm#sandwich} lower, ≤ exact), {@code exact}
 * ({@link SedghiSpectrum}, circular only, within its stated tolerance).
 */
public final class ConvSoundness {
    private ConvSoundness() {}

    /**
     * @param cases      cases run
     * @param checks     checks made per method
     * @param violations violations per method
     * @param undecided  checks within LAPACK's own error band of the reference (neither pass nor violation)
     * @param worstUpperRatio largest upper/exact seen (1 is perfect; must stay ≥ 1)
     * @param tightestUpperRatio smallest upper/exact seen
     * @param worstCase  description of the case with the smallest upper/exact margin
     */
    public record Report(int cases, Map<String, Integer> checks, Map<String, Integer> violations, Map<String, Integer> undecided,
                         double worstUpperRatio, double tightestUpperRatio, String worstCase) {}

    /** Runs {@code cases} seeded cases; {@code progress} (may be null) gets the number done after each. */
    public static Report run(int cases, long seed, IntConsumer progress) {
        SplittableRandom r = new SplittableRandom(seed);
        Map<String, Integer> checks = new LinkedHashMap<>(), viol = new LinkedHashMap<>(), undecided = new LinkedHashMap<>();
        for (String m : METHODS) { checks.put(m, 0); viol.put(m, 0); undecided.put(m, 0); }
        double worst = 1, tight = Double.POSITIVE_INFINITY;
        String worstCase = "";
        for (int c = 0; c < cases; c++) {
            Convolution conv = randomCase(r);
            // certified lower reference ex ≤ σ₁, with σ₁ ≤ ex + band under the Rayleigh accuracy model
            double ex = RayleighReference.of(new ConvOperator(conv).toDense()).lower();
            double band = RayleighReference.MODEL_BAND * ex;
            Bound up = CertifiedConvNorm.certifiedSigmaMax(conv);
            judge(checks, viol, undecided, "upper", up.value(), ex, band, true);
            double ratio = ex > 0 ? up.value() / ex : (up.value() == 0 ? 1 : Double.POSITIVE_INFINITY);
            worst = Math.max(worst, ratio);
            if (ratio < tight) { tight = ratio; worstCase = describe(conv); }
            judge(checks, viol, undecided, "gram-per-frequency", GramIterationPerFrequency.upper(conv, 6).value(), ex, band, true);
            judge(checks, viol, undecided, "singla-feizi", ConvBounds.singlaFeizi(conv).value(), ex, band, true);
            judge(checks, viol, undecided, "spatial-gram", ConvBounds.spatialGram(conv, 3).value(), ex, band, true);
            judge(checks, viol, undecided, "power-iteration", ConvBounds.powerIteration(conv, c, 1e-10, 300).value(), ex, band, false);
            judge(checks, viol, undecided, "lower", CertifiedConvNorm.sandwich(conv).lower().value(), ex, band, false);
            if (conv.padding() == Padding.CIRCULAR && exactFormExists(conv)) {
                count(checks, viol, "exact", SedghiSpectrum.compute(conv).sigmaMax().holdsFor(ex));
            }
            if (progress != null) progress.accept(c + 1);
        }
        return new Report(cases, checks, viol, undecided, worst, tight, worstCase);
    }

    /** The certified conv methods checked, in report order. */
    static final String[] METHODS = {"upper", "gram-per-frequency", "singla-feizi", "spatial-gram", "power-iteration", "lower", "exact"};

    /**
     * Counts a check of an UPPER (isUpper) or LOWER bound against σ₁ ∈ [ex, ex + band] (ex certified).
     * An UPPER below ex is a certain violation; a LOWER at most ex a certain pass; values inside the
     * band are undecided, never counted as passes.
     */
    private static void judge(Map<String, Integer> checks, Map<String, Integer> viol, Map<String, Integer> undecided,
                              String m, double value, double ex, double band, boolean isUpper) {
        checks.merge(m, 1, Integer::sum);
        boolean violation = isUpper ? value < ex : value > ex + band;
        boolean decided = isUpper ? value >= ex + band : value <= ex;
        if (violation) viol.merge(m, 1, Integer::sum);
        else if (!decided) undecided.merge(m, 1, Integer::sum);
    }

    private static void count(Map<String, Integer> checks, Map<String, Integer> viol, String m, boolean ok) {
        checks.merge(m, 1, Integer::sum);
        if (!ok) viol.merge(m, 1, Integer::sum);
    }

    private static boolean exactFormExists(Convolution c) {
        int[] n = c.inputSize(), s = c.stride();
        for (int a = 0; a < n.length; a++) if (n[a] % s[a] != 0) return false;
        return true;
    }

    static String describe(Convolution c) {
        return "kernel " + java.util.Arrays.toString(c.kernel().shape()) + " input " + java.util.Arrays.toString(c.inputSize())
                + " " + c.padding() + " pad " + java.util.Arrays.toString(c.pad()) + " stride " + java.util.Arrays.toString(c.stride())
                + " dilation " + java.util.Arrays.toString(c.dilation()) + " groups " + c.groups();
    }

    /**
     * A seeded case: mostly 1–3 channels per group on 3–12 pixels per axis; 1 in 16 has 13–21 channels and
     * 1 in 256 has 129–137 (one group, small grids), so that the native factorization routes of
     * {@link io.lipschitz4j.linalg.ShiftCertificate} (embedding from p = 12, blocked complex from 128) are
     * checked too.
     */
    static Convolution randomCase(SplittableRandom r) {
        int family = r.nextInt(256), wide = family == 0 ? 128 : family <= 16 ? 12 : 0;
        int sd = wide == 128 ? 1 : 1 + r.nextInt(2), groups = wide > 0 ? 1 : 1 + r.nextInt(2);
        int og = wide + 1 + r.nextInt(wide > 0 ? 9 : 3), ig = wide + 1 + r.nextInt(wide > 0 ? 9 : 3);
        int[] ks = new int[sd], n = new int[sd], s = new int[sd], d = new int[sd], p = new int[sd];
        boolean circ = r.nextBoolean();
        for (int a = 0; a < sd; a++) {
            ks[a] = 1 + r.nextInt(3);
            d[a] = 1 + r.nextInt(2);
            s[a] = 1 + r.nextInt(2);
            n[a] = (sd == 1 && wide == 0 ? 6 : 3) + r.nextInt(wide > 0 ? 2 : 4) + d[a] * (ks[a] - 1);
            p[a] = r.nextInt(ks[a]);
        }
        int[] shape = new int[2 + sd];
        shape[0] = og * groups; shape[1] = ig;
        for (int a = 0; a < sd; a++) shape[2 + a] = ks[a];
        Tensor k = Tensor.zeros(shape);
        int kind = r.nextInt(6);
        double scale = kind == 1 ? 1e-150 : kind == 2 ? 1e150 : 1;
        for (int i = 0; i < k.size(); i++) k.data()[i] = scale * Gaussian.next(r);
        if (kind == 3) { // rank one over channels: K[o,i,t] = u_o·v_i·w_t
            int taps = k.size() / (shape[0] * ig);
            double[] u = new double[shape[0]], v = new double[ig], w = new double[taps];
            for (int i = 0; i < u.length; i++) u[i] = Gaussian.next(r);
            for (int i = 0; i < v.length; i++) v[i] = Gaussian.next(r);
            for (int i = 0; i < w.length; i++) w[i] = Gaussian.next(r);
            for (int o = 0; o < shape[0]; o++) for (int i = 0; i < ig; i++) for (int t = 0; t < taps; t++)
                k.data()[(o * ig + i) * taps + t] = u[o] * v[i] * w[t];
        } else if (kind == 4) { // signed permutation times a delta (all σ equal: repeated top values)
            java.util.Arrays.fill(k.data(), 0);
            int taps = k.size() / (shape[0] * ig);
            for (int o = 0; o < shape[0]; o++) k.data()[(o * ig + o % ig) * taps + taps / 2] = r.nextBoolean() ? 1 : -1;
        }
        return new Convolution(k, n, circ ? Padding.CIRCULAR : Padding.ZERO, p, s, d, groups);
    }

}
