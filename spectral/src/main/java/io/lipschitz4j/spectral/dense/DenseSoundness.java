package io.lipschitz4j.spectral.dense;

import io.lipschitz4j.linalg.DenseMatrix;
import io.lipschitz4j.linalg.Gaussian;
import io.lipschitz4j.linalg.Lapack;
import io.lipschitz4j.spectral.Bound;
import io.lipschitz4j.spectral.BoundKind;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Soundness check of every certified dense bound on many random and nasty small cases (for the CLI's
 * {@code lipschitz soundness --cases N}): every UPPER must be ≥ σ₁ and every LOWER ≤ σ₁.
 *
 * <p>Reference. LAPACK's σ₁ is itself off by ~p(n)·u·σ₁, the same size as the certified margins, so it
 * cannot judge them. Exact fixtures (diagonal, signed permutations, Hadamard and all-ones times powers
 * of two) carry their exact σ₁; every other case is judged against a 60-digit enclosure
 * [lo, hi] ∋ σ₁ ({@link HighPrecisionReference}): an UPPER below lo or a LOWER above hi is a
 * violation; an UPPER in [lo, hi) or a LOWER in (lo, hi] with the enclosure not tight enough is counted
 * as undecided (never as a pass). Cases: Gaussian, planted spectra (random orthogonal factors, repeated
 * top values, rank-deficient), scales 2^{±500} (≈1e±150), integer, nearly rank-one, mixed-magnitude
 * entries down to subnormals; shapes 0..10 × 0..10, tall and wide.
 */
public final class DenseSoundness {
    private DenseSoundness() {}

    /** Per-method counts. worst: largest relative violation (0 if none), worstCase: its description. */
    public record MethodStats(String method, long checks, long violations, long undecided, double worst, String worstCase) {}

    /** All results: cases run, per-method stats in method order. */
    public record Report(int cases, long seed, Map<String, MethodStats> methods) {
        public long totalViolations() { return methods.values().stream().mapToLong(MethodStats::violations).sum(); }
    }

    /** Progress: called with the number of cases done (every 1% and at the end). */
    public static Report run(int cases, long seed, Consumer<Integer> progress) {
        Map<String, long[]> counts = new LinkedHashMap<>();
        Map<String, double[]> worst = new LinkedHashMap<>();
        Map<String, String> worstCase = new LinkedHashMap<>();
        SpectralNormMethod[] methods = new SpectralNormMethod[DenseMethod.values().length];
        for (DenseMethod m : DenseMethod.values()) {
            methods[m.ordinal()] = m.create();
            counts.put(m.id(), new long[3]);
            worst.put(m.id(), new double[1]);
        }
        counts.put("sandwich", new long[3]);
        worst.put("sandwich", new double[1]);
        int step = Math.max(1, cases / 100);
        for (int c = 0; c < cases; c++) {
            SplittableRandom rnd = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + c);
            Case k = generate(rnd);
            BigDecimal[] ref = null;
            for (SpectralNormMethod m : methods) {
                for (Bound b : m.bounds(k.w)) {
                    if (b.kind() == BoundKind.ESTIMATE || b.kind() == BoundKind.EXACT) continue;
                    if (ref == null) ref = k.exact != null ? new BigDecimal[] {k.exact, k.exact} : HighPrecisionReference.enclose(k.w, 24);
                    judge(m.name(), b, ref, k, c, counts, worst, worstCase);
                }
            }
            var sw = DenseSandwich.sandwich(k.w, 1e-10, c);
            judge("sandwich", sw.lower(), ref, k, c, counts, worst, worstCase);
            judge("sandwich", sw.upper(), ref, k, c, counts, worst, worstCase);
            if (progress != null && ((c + 1) % step == 0 || c + 1 == cases)) progress.accept(c + 1);
        }
        Map<String, MethodStats> out = new LinkedHashMap<>();
        counts.forEach((name, v) -> out.put(name, new MethodStats(name, v[0], v[1], v[2], worst.get(name)[0], worstCase.get(name))));
        return new Report(cases, seed, out);
    }

    private static void judge(String name, Bound b, BigDecimal[] ref, Case k, int c, Map<String, long[]> counts,
                              Map<String, double[]> worst, Map<String, String> worstCase) {
        long[] v = counts.get(name);
        v[0]++;
        BigDecimal x = new BigDecimal(b.value());
        boolean bad, undecided;
        if (b.kind() == BoundKind.UPPER) {
            bad = x.compareTo(ref[0]) < 0;
            undecided = !bad && x.compareTo(ref[1]) < 0;
        } else {
            bad = x.compareTo(ref[1]) > 0;
            undecided = !bad && x.compareTo(ref[0]) > 0;
        }
        if (undecided) v[2]++;
        if (bad) {
            v[1]++;
            double rel = ref[0].signum() == 0 ? Double.POSITIVE_INFINITY
                    : x.subtract(b.kind() == BoundKind.UPPER ? ref[0] : ref[1]).abs().doubleValue() / ref[0].doubleValue();
            if (rel > worst.get(name)[0]) {
                worst.get(name)[0] = rel;
                worstCase.put(name, "case " + c + ": " + k.description + " " + b + " vs reference [" + ref[0].doubleValue() + ", " + ref[1].doubleValue() + "]");
            }
        }
    }

    /** A generated matrix, its exact σ₁ when known, and how it was made. */
    record Case(DenseMatrix w, BigDecimal exact, String description) {}

    static Case generate(SplittableRandom rnd) {
        int kind = rnd.nextInt(9);
        int m = rnd.nextInt(11), n = rnd.nextInt(11);
        if (rnd.nextInt(20) == 0) { m = rnd.nextInt(40) + 1; n = rnd.nextInt(40) + 1; }
        String shape = m + "x" + n;
        switch (kind) {
            case 0: return new Case(DenseMatrix.gaussian(m, n, rnd.nextLong()), null, "gaussian " + shape);
            case 1: case 2: {
                int k = Math.min(m, n);
                double[] s = new double[k];
                for (int i = 0; i < k; i++) s[i] = rnd.nextDouble();
                java.util.Arrays.sort(s);
                int rep = k > 1 ? rnd.nextInt(Math.min(k, 3)) + 1 : k; // repeated top value
                for (int i = 0; i < k / 2 && rnd.nextBoolean(); i++) s[i] = 0; // rank deficient
                for (int i = k - rep; i < k; i++) s[i] = 1;
                DenseMatrix w = planted(m, n, s, rnd.nextLong());
                int e = kind == 2 ? (rnd.nextBoolean() ? 500 : -500) : 0;
                if (e != 0) for (int i = 0; i < w.data().length; i++) w.data()[i] = Math.scalb(w.data()[i], e);
                return new Case(w, null, "planted " + shape + " top x" + rep + " scale 2^" + e);
            }
            case 3: {
                DenseMatrix w = DenseMatrix.zeros(m, n);
                double max = 0;
                double scale = Math.scalb(1.0, rnd.nextInt(1000) - 500);
                for (int i = 0; i < Math.min(m, n); i++) {
                    double d = (rnd.nextInt(3) == 0 ? 1 : rnd.nextDouble()) * (rnd.nextBoolean() ? 1 : -1) * scale;
                    w.set(i, i, d);
                    max = Math.max(max, Math.abs(d));
                }
                return new Case(permute(w, rnd), new BigDecimal(max), "signed-permuted diagonal " + shape);
            }
            case 4: {
                int p = 1 << rnd.nextInt(4);
                DenseMatrix h = hadamard(p);
                int e = rnd.nextInt(1000) - 500;
                for (int i = 0; i < h.data().length; i++) h.data()[i] = Math.scalb(h.data()[i], e);
                BigDecimal ex = new BigDecimal(p).sqrt(new MathContext100().mc).multiply(new BigDecimal(Math.scalb(1.0, e)));
                return new Case(h, ex, "hadamard " + p + " * 2^" + e);
            }
            case 5: {
                int mm = m + 1, nn = n + 1;
                double c = Math.scalb(1.0, rnd.nextInt(1000) - 500) * (1 + rnd.nextInt(7));
                double[] d = new double[mm * nn];
                java.util.Arrays.fill(d, c);
                BigDecimal ex = new BigDecimal((long) mm * nn).sqrt(new MathContext100().mc).multiply(new BigDecimal(c));
                return new Case(new DenseMatrix(mm, nn, d), ex, "all-ones*" + c + " " + mm + "x" + nn);
            }
            case 6: {
                double[] d = new double[m * n];
                for (int i = 0; i < d.length; i++) d[i] = rnd.nextInt(7) - 3;
                return new Case(new DenseMatrix(m, n, d), null, "integer " + shape);
            }
            case 7: {
                double[] u = Gaussian.vector(m, rnd.nextLong()), v = Gaussian.vector(n, rnd.nextLong());
                double eps = Math.pow(10, -rnd.nextInt(16));
                DenseMatrix noise = DenseMatrix.gaussian(m, n, rnd.nextLong());
                double[] d = new double[m * n];
                for (int i = 0; i < m; i++) for (int j = 0; j < n; j++) d[i * n + j] = u[i] * v[j] + eps * noise.get(i, j);
                return new Case(new DenseMatrix(m, n, d), null, "rank-one+" + eps + " noise " + shape);
            }
            default: {
                double[] d = new double[m * n];
                for (int i = 0; i < d.length; i++) d[i] = Gaussian.next(rnd) * Math.scalb(1.0, -rnd.nextInt(1080));
                return new Case(new DenseMatrix(m, n, d), null, "mixed magnitudes down to subnormal " + shape);
            }
        }
    }

    private static final class MathContext100 { final java.math.MathContext mc = new java.math.MathContext(100); }

    /** Q₁·diag(s)·Q₂ᵀ with Haar-like orthogonal factors from the SVD of seeded Gaussians (rounded). */
    static DenseMatrix planted(int m, int n, double[] s, long seed) {
        int k = Math.min(m, n);
        if (k == 0) return DenseMatrix.zeros(m, n);
        DenseMatrix q1 = orthogonal(m, seed), q2 = orthogonal(n, seed + 1);
        DenseMatrix us = DenseMatrix.zeros(m, n);
        for (int i = 0; i < m; i++) for (int j = 0; j < k; j++) us.set(i, j, q1.get(i, j) * s[k - 1 - j]);
        return us.times(q2.transpose());
    }

    /** A random orthogonal n×n matrix (left singular vectors of a seeded Gaussian). */
    static DenseMatrix orthogonal(int n, long seed) {
        return Lapack.svd(DenseMatrix.gaussian(n, n, seed)).u();
    }

    static DenseMatrix hadamard(int p) {
        DenseMatrix h = DenseMatrix.zeros(p, p);
        for (int i = 0; i < p; i++) for (int j = 0; j < p; j++) h.set(i, j, Integer.bitCount(i & j) % 2 == 0 ? 1 : -1);
        return h;
    }

    static DenseMatrix permute(DenseMatrix w, SplittableRandom rnd) {
        int m = w.rows(), n = w.cols();
        int[] pr = perm(m, rnd), pc = perm(n, rnd);
        DenseMatrix out = DenseMatrix.zeros(m, n);
        for (int i = 0; i < m; i++) for (int j = 0; j < n; j++) out.set(pr[i], pc[j], w.get(i, j));
        return out;
    }

    private static int[] perm(int n, SplittableRandom rnd) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        for (int i = n - 1; i > 0; i--) { int j = rnd.nextInt(i + 1); int t = p[i]; p[i] = p[j]; p[j] = t; }
        return p;
    }
}
