package io.lipschitz4j.tensor;

import io.lipschitz4j.linalg.Gaussian;
import io.lipschitz4j.linalg.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The spherical H-spin glass of Choromanska, Henaff, Mathieu, Ben Arous &amp; LeCun 2015 ("The loss surfaces
 * of multilayer networks", AISTATS, eq. (9)), the model they map the loss of an H-layer network to:
 * <pre>
 *   H(w) = Λ^{−(H−1)/2} Σ_{i₁…i_H} X_{i₁…i_H} w_{i₁}⋯w_{i_H},    ‖w‖² = Λ,   X_{i₁…i_H} i.i.d. N(0, 1).
 * </pre>
 * With this scaling H(w)/Λ is O(1) (Var H(w) = Λ for every w on the sphere), and for large Λ the
 * normalised values of the local minima concentrate in a band above the ground state −E₀ (Auffinger,
 * Ben Arous &amp; Černý 2013; for H = 3, E₀ ≈ 1.657 and the band's top −E_∞ = −2√((H−1)/H) ≈ −1.633):
 * their Fig. 2/3 show the spread of minima found by SGD shrinking as Λ grows. {@link #minima} reproduces
 * that experiment by Riemannian gradient descent from many seeded random starts.
 *
 * <p>X is stored symmetrised (X_s = (1/H!)Σ_π X^π), which leaves H unchanged and gives
 * ∇H(w) = H·Λ^{−(H−1)/2}·X_s(I, w, …, w). Each energy or gradient is one chain of dgemv calls, O(Λ^H);
 * memory Λ^H doubles (Λ = 100, H = 3: 8 MB).
 *
 * <p>Descent on the sphere: Riemannian gradient g_R = ∇H − (⟨∇H, w⟩/Λ)·w, step w ← w − η·g_R,
 * retraction w ← √Λ·w/‖w‖; η adapts (×1.2 after an accepted step, ½ and retry when H does not decrease,
 * so H decreases monotonically). Converged when ‖g_R‖/√Λ &lt; tolerance, the norm of the Riemannian
 * gradient of H/Λ in the unit-sphere variable w/√Λ, comparable across Λ.
 */
public final class SpinGlass {
    private final int lambda;
    private final int order;
    private final Tensor xs;
    private final double scale;

    private SpinGlass(int lambda, int order, Tensor xs) {
        this.lambda = lambda;
        this.order = order;
        this.xs = xs;
        this.scale = Math.pow(lambda, -(order - 1) / 2.0);
    }

    /** Largest Λ^H accepted (the dense coupling tensor): 2²⁷ doubles, 1 GiB. */
    static final long MAX_ENTRIES = 1L << 27;

    /**
     * A seeded instance: X with i.i.d. N(0, 1) entries, symmetrised.
     *
     * @throws IllegalArgumentException when Λ &lt; 2, H &lt; 2, H &gt; 6 or Λ^H is above {@value #MAX_ENTRIES}
     */
    public static SpinGlass random(int lambda, int order, long seed) {
        if (lambda < 2) throw new IllegalArgumentException("Λ (the dimension) must be ≥ 2, got " + lambda);
        if (order < 2 || order > 6) throw new IllegalArgumentException("H (the order) must be in [2, 6], got " + order);
        int[] shape = new int[order];
        Arrays.fill(shape, lambda);
        long size = Tensor.sizeOf(shape);
        if (size > MAX_ENTRIES) throw new IllegalArgumentException("Λ^H = " + lambda + "^" + order + " = " + size + " couplings is above " + MAX_ENTRIES);
        Tensor x = Tensors.gaussian(seed, shape);
        return new SpinGlass(lambda, order, symmetrize(x));
    }

    public int lambda() { return lambda; }
    public int order() { return order; }

    /** H(w). */
    public double energy(double[] w) {
        check(w);
        double[] c = contract(w);
        double s = 0;
        for (int i = 0; i < lambda; i++) s += c[i] * w[i];
        return scale * s;
    }

    /** The Euclidean gradient ∇H(w) = H·Λ^{−(H−1)/2}·X_s(I, w, …, w). */
    public double[] gradient(double[] w) {
        check(w);
        double[] c = contract(w);
        for (int i = 0; i < lambda; i++) c[i] *= order * scale;
        return c;
    }

    /** Descent options: step cap, tolerance on ‖g_R‖/√Λ, initial step η₀. */
    public record Options(int maxIterations, double tolerance, double step) {
        public Options {
            if (maxIterations < 1) throw new IllegalArgumentException("maxIterations must be ≥ 1, got " + maxIterations);
            if (!(tolerance > 0)) throw new IllegalArgumentException("tolerance must be > 0, got " + tolerance);
            if (!(step > 0) || Double.isInfinite(step)) throw new IllegalArgumentException("step must be finite and > 0, got " + step);
        }
        public static Options defaults() { return new Options(5000, 1e-6, 0.1); }
    }

    /**
     * A point where descent stopped.
     *
     * @param w              the point (‖w‖² = Λ)
     * @param energy         H(w)/Λ
     * @param gradientNorm   ‖g_R‖/√Λ at w
     * @param status         CONVERGED when gradientNorm &lt; tolerance, else MAX_ITERATIONS (also when no step
     *                       decreases H any more: stationary to rounding above the tolerance)
     */
    public record Minimum(double[] w, double energy, double gradientNorm, int iterations, Status status) {
        public Minimum { w = w.clone(); }
        @Override public double[] w() { return w.clone(); }
    }

    /** Riemannian gradient descent from w₀ (scaled onto the sphere first). */
    public Minimum descend(double[] w0, Options o) {
        check(w0);
        double[] w = w0.clone();
        if (!retract(w)) throw new IllegalArgumentException("the start w₀ is the zero vector");
        // one contraction c = X_s(I, w, …, w) gives both H(w) = scale·⟨c, w⟩ and ∇H(w) = H·scale·c
        double[] c = contract(w);
        double e = scale * dot(c, w);
        double eta = o.step();
        double[] g = tangent(c, w);
        double gn = norm(g) / Math.sqrt(lambda);
        int it = 0;
        while (gn >= o.tolerance() && it < o.maxIterations()) {
            it++;
            double[] trial = new double[lambda], ct;
            double et;
            while (true) {
                for (int i = 0; i < lambda; i++) trial[i] = w[i] - eta * g[i];
                retract(trial);
                ct = contract(trial);
                et = scale * dot(ct, trial);
                if (et <= e || eta < 1e-12) break;
                eta *= 0.5;
            }
            if (et > e) break; // no decrease even at a vanishing step: stationary to rounding
            w = trial;
            e = et;
            eta = Math.min(eta * 1.2, 100 * o.step());
            g = tangent(ct, w);
            gn = norm(g) / Math.sqrt(lambda);
        }
        return new Minimum(w, e / lambda, gn, it, gn < o.tolerance() ? Status.CONVERGED : Status.MAX_ITERATIONS);
    }

    /** g_R = ∇H − (⟨∇H, w⟩/‖w‖²)·w, the projection onto the tangent space at w. */
    public double[] riemannianGradient(double[] w) {
        check(w);
        return tangent(contract(w), w);
    }

    private double[] tangent(double[] c, double[] w) {
        double[] g = new double[lambda];
        for (int i = 0; i < lambda; i++) g[i] = order * scale * c[i];
        double gw = dot(g, w), ww = dot(w, w);
        for (int i = 0; i < lambda; i++) g[i] -= gw / ww * w[i];
        return g;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    /**
     * The minima found from {@code starts} seeded uniform random starts on the sphere, and their spread.
     *
     * @param values    H(w*)/Λ per start, in start order
     * @param converged how many starts reached the tolerance
     */
    public record Study(int lambda, int order, double[] values, int converged, double mean, double std, double iqr) {
        public Study { values = values.clone(); }
        @Override public double[] values() { return values.clone(); }
    }

    /**
     * Runs {@link #descend} from {@code starts} random points of this instance.
     *
     * @param progress called after each start with the number done (may be null)
     */
    public Study minima(int starts, long seed, Options o, java.util.function.IntConsumer progress) {
        if (starts < 1) throw new IllegalArgumentException("starts must be ≥ 1, got " + starts);
        SplittableRandom rnd = new SplittableRandom(seed);
        List<Minimum> ms = new ArrayList<>();
        for (int s = 0; s < starts; s++) {
            double[] w = new double[lambda];
            for (int i = 0; i < lambda; i++) w[i] = Gaussian.next(rnd);
            ms.add(descend(w, o));
            if (progress != null) progress.accept(s + 1);
        }
        double[] v = ms.stream().mapToDouble(Minimum::energy).toArray();
        int conv = (int) ms.stream().filter(m -> m.status() == Status.CONVERGED).count();
        return new Study(lambda, order, v, conv, mean(v), std(v), iqr(v));
    }

    /** Sample mean. */
    public static double mean(double[] v) {
        double s = 0;
        for (double x : v) s += x;
        return s / v.length;
    }

    /** Sample standard deviation (n − 1 in the denominator; 0 for one value). */
    public static double std(double[] v) {
        if (v.length < 2) return 0;
        double m = mean(v), s = 0;
        for (double x : v) s += (x - m) * (x - m);
        return Math.sqrt(s / (v.length - 1));
    }

    /** Interquartile range Q₃ − Q₁ with linear interpolation between order statistics (NumPy's default). */
    public static double iqr(double[] v) { return quantile(v, 0.75) - quantile(v, 0.25); }

    /** The q-quantile with linear interpolation (NumPy's {@code method="linear"}). */
    public static double quantile(double[] v, double q) {
        if (v.length == 0) throw new IllegalArgumentException("quantile of no values");
        double[] s = v.clone();
        Arrays.sort(s);
        double pos = q * (s.length - 1);
        int lo = (int) Math.floor(pos), hi = Math.min(s.length - 1, lo + 1);
        return s[lo] + (pos - lo) * (s[hi] - s[lo]);
    }

    private double[] contract(double[] w) {
        double[][] v = new double[order][];
        Arrays.fill(v, w);
        return CpPower.contractAllBut(xs, v, 0);
    }

    private boolean retract(double[] w) {
        double n = norm(w);
        if (n == 0) return false;
        double f = Math.sqrt(lambda) / n;
        for (int i = 0; i < w.length; i++) w[i] *= f;
        return true;
    }

    private void check(double[] w) {
        if (w.length != lambda) throw new IllegalArgumentException("w has " + w.length + " entries, expected Λ = " + lambda);
        for (int i = 0; i < w.length; i++) {
            if (!Double.isFinite(w[i])) throw new IllegalArgumentException("w entry " + i + " is " + w[i] + " (expected finite numbers)");
        }
    }

    private static double norm(double[] v) {
        double s = 0;
        for (double x : v) s += x * x;
        return Math.sqrt(s);
    }

    /** (1/H!) Σ over all mode permutations. */
    private static Tensor symmetrize(Tensor x) {
        int n = x.rank();
        double[] acc = new double[x.size()];
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) perm[i] = i;
        int count = 0;
        do {
            double[] p = Tensors.permute(x, perm).data();
            for (int i = 0; i < acc.length; i++) acc[i] += p[i];
            count++;
        } while (nextPermutation(perm));
        for (int i = 0; i < acc.length; i++) acc[i] /= count;
        return new Tensor(x.shape(), acc);
    }

    private static boolean nextPermutation(int[] a) {
        int i = a.length - 2;
        while (i >= 0 && a[i] >= a[i + 1]) i--;
        if (i < 0) return false;
        int j = a.length - 1;
        while (a[j] <= a[i]) j--;
        int t = a[i];
        a[i] = a[j];
        a[j] = t;
        for (int l = i + 1, r = a.length - 1; l < r; l++, r--) {
            t = a[l];
            a[l] = a[r];
            a[r] = t;
        }
        return true;
    }
}
