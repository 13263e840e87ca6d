package io.lipschitz4j.spectral.dense;

import io.lipschitz4j.linalg.DenseMatrix;
import io.lipschitz4j.linalg.Gaussian;
import io.lipschitz4j.linalg.Lapack;
import io.lipschitz4j.spectral.Bound;
import io.lipschitz4j.spectral.BoundKind;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Soundness check of every certified dense bound on many random and nasty small cases (for the CLI's
 * {@code lipschitz soundness --cases N}): every UPPER must be ≥ σ₁, every LOWER ≤ σ₁, and every EXACT
 * within its stated error term of σ₁. Methods that only give ESTIMATEs (ALS; the estimates of Lanczos
 * and the randomized range finder) carry no guarantee and are not checked (ALS is not run).
 *
 * <p>Reference. LAPACK's σ₁ is itself off by ~p(n)·u·σ₁, the same size as the certified margins, so it
 * cannot judge them. Exact fixtures (diagonal, signed permutations, Hadamard and all-ones times powers
 * of two) carry their exact σ₁ (irrational ones as a 100-digit enclosure); every other case is judged
 * against a rigorous enclosure [lo, hi] ∋ σ₁ of relative width ~1e-32 ({@link HighPrecisionReference}):
 * an UPPER below lo or a LOWER above hi is a violation; an UPPER in [lo, hi) or a LOWER in (lo, hi]
 * (the enclosure not tight enough to decide) is counted as undecided, never as a pass. Cases:
 * Gaussian, planted spectra (random orthogonal factors, repeated top values, rank-deficient), scales
 * 2^{±500} (≈1e±150), integer, nearly rank-one, mixed-magnitude entries down to subnormals; shapes
 * 0..12 × 0..12 with one case in 20 up to 40 × 40, tall and wide.
 *
 * <p>Determinism: case c is generated from its own generator seeded by (seed, c), and the methods use
 * fixed seeds, so a seed gives the same report whatever the order in which cases run.
 * Cost: about 0.5–1.5 ms per case on one core once warm, 60% of it the reference (see {@link #profile}).
 */
public final class DenseSoundness {
    private DenseSoundness() {}

    /** Per-method counts. worst: largest relative violation (0 if none), worstCase: its description. */
    public record MethodStats(String method, long checks, long violations, long undecided, double worst, String worstCase) {}

    /** All results: cases run, per-method stats in method order. */
    public record Report(int cases, long seed, Map<String, MethodStats> methods) {
        public long totalViolations() { return methods.values().stream().mapToLong(MethodStats::violations).sum(); }
        public long totalUndecided() { return methods.values().stream().mapToLong(MethodStats::undecided).sum(); }
    }

    /** The methods whose bounds are checked (ALS gives ESTIMATEs only), then the dense sandwich. */
    static final List<DenseMethod> CHECKED = List.of(DenseMethod.SVD, DenseMethod.POWER, DenseMethod.LANCZOS,
            DenseMethod.RANDOMIZED, DenseMethod.GRAM, DenseMethod.CHOLESKY_CERTIFICATE);
    static final String SANDWICH = "sandwich";

    /** Phases timed by {@link #profile}: generation, reference, each checked method, the sandwich. */
    static List<String> phases() {
        List<String> p = new ArrayList<>();
        p.add("generate");
        p.add("reference");
        for (DenseMethod m : CHECKED) p.add(m.id());
        p.add(SANDWICH);
        return p;
    }

    /** Progress: called with the number of cases done (every 1% and at the end). */
    public static Report run(int cases, long seed, Consumer<Integer> progress) {
        return run(cases, seed, progress, null);
    }

    /**
     * As {@link #run(int, long, Consumer)}, adding the nanoseconds spent in each of {@link #phases()} to
     * {@code nanos} when it is not null.
     */
    static Report run(int cases, long seed, Consumer<Integer> progress, long[] nanos) {
        Map<String, Tally> tallies = new LinkedHashMap<>();
        SpectralNormMethod[] methods = new SpectralNormMethod[CHECKED.size()];
        for (int i = 0; i < methods.length; i++) {
            methods[i] = CHECKED.get(i).create();
            tallies.put(methods[i].name(), new Tally());
        }
        tallies.put(SANDWICH, new Tally());
        int step = Math.max(1, cases / 100);
        for (int c = 0; c < cases; c++) {
            runCase(c, seed, methods, tallies, nanos);
            if (progress != null && ((c + 1) % step == 0 || c + 1 == cases)) progress.accept(c + 1);
        }
        Map<String, MethodStats> out = new LinkedHashMap<>();
        tallies.forEach((name, t) -> out.put(name, new MethodStats(name, t.checks, t.violations, t.undecided, t.worst, t.worstCase)));
        return new Report(cases, seed, out);
    }

    /** Case c's own generator: depends on (seed, c) only. */
    static SplittableRandom caseRandom(long seed, int c) {
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + c);
    }

    private static void runCase(int c, long seed, SpectralNormMethod[] methods, Map<String, Tally> tallies, long[] nanos) {
        long t = System.nanoTime();
        Case k = generate(caseRandom(seed, c));
        t = lap(nanos, 0, t);
        BigDecimal[] ref = k.exactLo != null ? new BigDecimal[] {k.exactLo, k.exactHi} : HighPrecisionReference.enclose(k.w);
        t = lap(nanos, 1, t);
        for (int i = 0; i < methods.length; i++) {
            for (Bound b : methods[i].bounds(k.w)) {
                if (b.kind() != BoundKind.ESTIMATE) judge(tallies.get(methods[i].name()), b, ref, k, c);
            }
            t = lap(nanos, 2 + i, t);
        }
        var sw = DenseSandwich.sandwich(k.w, 1e-10, c);
        Tally s = tallies.get(SANDWICH);
        judge(s, sw.lower(), ref, k, c);
        judge(s, sw.upper(), ref, k, c);
        lap(nanos, 2 + methods.length, t);
    }

    private static long lap(long[] nanos, int phase, long t0) {
        if (nanos == null) return 0;
        long t = System.nanoTime();
        nanos[phase] += t - t0;
        return t;
    }

    /** Mutable per-method counts of one run. */
    private static final class Tally {
        long checks, violations, undecided;
        double worst;
        String worstCase;
    }

    /**
     * UPPER: violated when below lo, undecided when in [lo, hi). LOWER: violated above hi, undecided in
     * (lo, hi]. EXACT (value ± errorTerm must contain σ₁): violated when the interval misses [lo, hi],
     * undecided when it meets [lo, hi] without containing it.
     */
    private static void judge(Tally v, Bound b, BigDecimal[] ref, Case k, int c) {
        v.checks++;
        BigDecimal x = new BigDecimal(b.value());
        boolean bad, undecided;
        BigDecimal miss;
        switch (b.kind()) {
            case UPPER -> {
                bad = x.compareTo(ref[0]) < 0;
                undecided = !bad && x.compareTo(ref[1]) < 0;
                miss = ref[0].subtract(x);
            }
            case LOWER -> {
                bad = x.compareTo(ref[1]) > 0;
                undecided = !bad && x.compareTo(ref[0]) > 0;
                miss = x.subtract(ref[1]);
            }
            case EXACT -> {
                BigDecimal t = new BigDecimal(b.errorTerm());
                BigDecimal lo = x.subtract(t), hi = x.add(t);
                bad = hi.compareTo(ref[0]) < 0 || lo.compareTo(ref[1]) > 0;
                undecided = !bad && (lo.compareTo(ref[0]) > 0 || hi.compareTo(ref[1]) < 0);
                miss = ref[0].subtract(hi).max(lo.subtract(ref[1]));
            }
            default -> throw new IllegalArgumentException("estimates are not judged: " + b);
        }
        if (undecided) v.undecided++;
        if (bad) {
            v.violations++;
            double rel = ref[0].signum() == 0 ? Double.POSITIVE_INFINITY : miss.doubleValue() / ref[0].doubleValue();
            if (rel > v.worst || v.worstCase == null) {
                v.worst = rel;
                v.worstCase = "case " + c + ": " + k.description + " " + b + " vs reference [" + ref[0].doubleValue() + ", " + ref[1].doubleValue() + "]";
            }
        }
    }

    /**
     * Times {@code cases} cases after {@code warmup} untimed ones (same seed, other case indices) and
     * returns milliseconds per case for each of {@link #phases()}, then the total.
     */
    static Map<String, Double> profile(int warmup, int cases, long seed) {
        if (warmup > 0) run(warmup, seed ^ 0x5DEECE66DL, null, new long[phases().size()]);
        long[] nanos = new long[phases().size()];
        long t0 = System.nanoTime();
        run(cases, seed, null, nanos);
        long total = System.nanoTime() - t0;
        Map<String, Double> out = new LinkedHashMap<>();
        List<String> p = phases();
        for (int i = 0; i < p.size(); i++) out.put(p.get(i), nanos[i] / 1e6 / cases);
        out.put("total", total / 1e6 / cases);
        return out;
    }

    /** A generated matrix, its exact σ₁ when known, and how it was made. */
    record Case(DenseMatrix w, BigDecimal exactLo, BigDecimal exactHi, String description) {
        /** A case judged against the reference enclosure. */
        Case(DenseMatrix w, String description) { this(w, null, null, description); }

        /** A fixture with a known σ₁ (exact: [x, x]). */
        static Case exact(DenseMatrix w, BigDecimal x, String description) { return new Case(w, x, x, description); }

        /** A fixture whose σ₁ = 2^e·√q for an integer q, enclosed to 100 digits when irrational. */
        static Case sqrtTimes(DenseMatrix w, long q, double pow2, String description) {
            BigDecimal f = new BigDecimal(pow2);
            long r = (long) Math.sqrt((double) q);
            while (r * r > q) r--;
            while ((r + 1) * (r + 1) <= q) r++;
            if (r * r == q) return exact(w, BigDecimal.valueOf(r).multiply(f), description);
            BigDecimal s = BigDecimal.valueOf(q).sqrt(MC100); // within half an ulp: ≤ 5e-100 relatively
            BigDecimal lo = s.multiply(BigDecimal.ONE.subtract(PAD100)), hi = s.multiply(BigDecimal.ONE.add(PAD100));
            return new Case(w, lo.multiply(f), hi.multiply(f), description);
        }
    }

    private static final MathContext MC100 = new MathContext(100, RoundingMode.HALF_EVEN);
    private static final BigDecimal PAD100 = new BigDecimal("1e-98");

    static Case generate(SplittableRandom rnd) {
        int kind = rnd.nextInt(9);
        int m = rnd.nextInt(13), n = rnd.nextInt(13);
        if (rnd.nextInt(20) == 0) { m = rnd.nextInt(40) + 1; n = rnd.nextInt(40) + 1; }
        String shape = m + "x" + n;
        switch (kind) {
            case 0: return new Case(DenseMatrix.gaussian(m, n, rnd.nextLong()), "gaussian " + shape);
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
                return new Case(w, "planted " + shape + " top x" + rep + " scale 2^" + e);
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
                return Case.exact(permute(w, rnd), new BigDecimal(max), "signed-permuted diagonal " + shape);
            }
            case 4: {
                int p = 1 << rnd.nextInt(4);
                DenseMatrix h = hadamard(p);
                int e = rnd.nextInt(1000) - 500;
                for (int i = 0; i < h.data().length; i++) h.data()[i] = Math.scalb(h.data()[i], e);
                return Case.sqrtTimes(h, p, Math.scalb(1.0, e), "hadamard " + p + " * 2^" + e);
            }
            case 5: {
                int mm = m + 1, nn = n + 1;
                double c = Math.scalb(1.0, rnd.nextInt(1000) - 500) * (1 + rnd.nextInt(7));
                double[] d = new double[mm * nn];
                java.util.Arrays.fill(d, c);
                return Case.sqrtTimes(new DenseMatrix(mm, nn, d), (long) mm * nn, c, "all-ones*" + c + " " + mm + "x" + nn);
            }
            case 6: {
                double[] d = new double[m * n];
                for (int i = 0; i < d.length; i++) d[i] = rnd.nextInt(7) - 3;
                return new Case(new DenseMatrix(m, n, d), "integer " + shape);
            }
            case 7: {
                double[] u = Gaussian.vector(m, rnd.nextLong()), v = Gaussian.vector(n, rnd.nextLong());
                double eps = Math.pow(10, -rnd.nextInt(16));
                DenseMatrix noise = DenseMatrix.gaussian(m, n, rnd.nextLong());
                double[] d = new double[m * n];
                for (int i = 0; i < m; i++) for (int j = 0; j < n; j++) d[i * n + j] = u[i] * v[j] + eps * noise.get(i, j);
                return new Case(new DenseMatrix(m, n, d), "rank-one+" + eps + " noise " + shape);
            }
            default: {
                double[] d = new double[m * n];
                for (int i = 0; i < d.length; i++) d[i] = Gaussian.next(rnd) * Math.scalb(1.0, -rnd.nextInt(1080));
                return new Case(new DenseMatrix(m, n, d), "mixed magnitudes down to subnormal " + shape);
            }
        }
    }

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
