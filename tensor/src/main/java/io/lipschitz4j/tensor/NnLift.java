package io.lipschitz4j.tensor;

import io.lipschitz4j.linalg.Blas;
import io.lipschitz4j.linalg.DenseMatrix;
import io.lipschitz4j.linalg.Gaussian;
import io.lipschitz4j.linalg.Lapack;
import io.lipschitz4j.linalg.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * NN-LIFT's tensor step (Janzamin, Sedghi &amp; Anandkumar 2015, "Beating the perils of non-convexity:
 * guaranteed training of neural networks using tensor methods", arXiv:1506.08473, Alg. 1): recover the
 * first-layer weights of a one-hidden-layer network y = a₂ᵀσ(A₁ᵀx + b₁) (+ noise) from input–output
 * moments, for Gaussian inputs x ~ N(0, I_d).
 *
 * <p>Score functions of N(0, I) (their §2.2; the Hermite tensors): S₂(x) = xxᵀ − I and
 * S₃(x) = x⊗x⊗x − Σ_l (x⊗e_l⊗e_l + e_l⊗x⊗e_l + e_l⊗e_l⊗x). Stein's identity E[y·S_m(x)] = E[∇^m_x y]
 * (their Lemma 6) gives, with s_j = ‖a₁ⱼ‖ and z ~ N(0, 1),
 * <pre>
 *   M₂ = E[y·S₂(x)] = Σ_j a₂ⱼ E[σ''(s_j z + b_j)] a₁ⱼ a₁ⱼᵀ,    T = E[y·S₃(x)] = Σ_j a₂ⱼ E[σ'''(s_j z + b_j)] a₁ⱼ^{⊗3}.
 * </pre>
 * So T is a symmetric rank-k tensor whose components are the columns of A₁. Recovery: whiten with the
 * top-k eigenpairs of M₂ (W = U_k|Λ_k|^{-1/2}, so that WᵀA₁·diag(|λ₂|)^{1/2} is orthogonal), decompose
 * the k×k×k tensor T(W, W, W) = Σ_j μ_j v_j^{⊗3} by the robust tensor power method
 * ({@link CpPower#symmetric}), and un-whiten â_j ∝ U_k|Λ_k|^{1/2}v_j. Columns come back up to sign,
 * scale and order; {@link #error} matches them.
 *
 * <p>Sign of M₂: the whitening makes the components orthogonal only when the k weights
 * a₂ⱼE[σ''(·)] share one sign (then ±M₂ is positive semidefinite on span A₁). With mixed signs
 * WᵀA₁ is only pseudo-orthogonal and the power method has no guarantee; {@link Recovery#whiteningDefinite}
 * says which case the top-k eigenvalues of M₂ show, so a mixed-sign result is never reported as a clean one.
 * The {@link Network#planted planted} networks use σ = tanh, a₂ⱼ &gt; 0 and b_j &gt; 0: tanh'' is odd and
 * negative on (0, ∞), so E[tanh''(s z + b)] &lt; 0 for every b &gt; 0 and M₂ is negative semidefinite.
 *
 * <p>Cost: the sample moments take O(n·d³) flops in dgemm over blocks of {@value #BLOCK} samples
 * (memory O(BLOCK·d² + d³), never n·d³); recovery is one d×d SVD, O(d³k) for the whitening products and
 * O(L·N·k⁴) for the power method (L restarts, N steps). Population moments use {@value #QUADRATURE_NODES}-node
 * Gauss–Hermite quadrature; tanh''' is analytic in the strip |Im t| &lt; π/2, so the 1-D expectations are
 * exact to rounding.
 */
public final class NnLift {
    private NnLift() {}

    /** Samples per dgemm block when accumulating sample moments. */
    static final int BLOCK = 2048;
    /** Gauss–Hermite nodes for the population moments. */
    static final int QUADRATURE_NODES = 96;
    /** M₂ must have k singular values above this fraction of the largest (else fewer than k units are visible). */
    static final double RANK_TOLERANCE = 1e-12;

    /**
     * A one-hidden-layer tanh network y = a₂ᵀ tanh(A₁ᵀx + b₁) + noise·ε, ε ~ N(0, 1).
     *
     * @param a1    first layer, d × k (column j = the weights of hidden unit j)
     * @param a2    output weights, length k
     * @param b1    hidden biases, length k
     * @param noise standard deviation of the additive output noise (≥ 0)
     */
    public record Network(DenseMatrix a1, double[] a2, double[] b1, double noise) {
        public Network {
            int d = a1.rows(), k = a1.cols();
            if (k < 1) throw new IllegalArgumentException("the network needs ≥ 1 hidden unit, A₁ is " + d + "x" + k);
            if (k > d) throw new IllegalArgumentException("k = " + k + " hidden units exceed the input dimension d = " + d + " (NN-LIFT needs k ≤ d)");
            if (a2.length != k || b1.length != k) {
                throw new IllegalArgumentException("a₂ and b₁ must have k = " + k + " entries, got " + a2.length + " and " + b1.length);
            }
            Tensors.requireFinite(a1, "A₁");
            requireFinite(a2, "a₂");
            requireFinite(b1, "b₁");
            if (!(noise >= 0) || Double.isInfinite(noise)) throw new IllegalArgumentException("noise must be finite and ≥ 0, got " + noise);
            a1 = a1.copy();
            a2 = a2.clone();
            b1 = b1.clone();
        }

        @Override public DenseMatrix a1() { return a1.copy(); }
        @Override public double[] a2() { return a2.clone(); }
        @Override public double[] b1() { return b1.clone(); }
        public int inputDimension() { return a1.rows(); }
        public int hidden() { return a1.cols(); }

        /**
         * A seeded planted network: A₁ with i.i.d. Gaussian columns scaled to unit norm, a₂ⱼ ~ U[0.5, 1.5],
         * b_j ~ U[0.25, 0.75] (so M₂ is definite, see the class comment).
         */
        public static Network planted(int d, int k, double noise, long seed) {
            if (d < 1 || k < 1) throw new IllegalArgumentException("d and k must be ≥ 1, got d = " + d + ", k = " + k);
            if (k > d) throw new IllegalArgumentException("k = " + k + " hidden units exceed the input dimension d = " + d + " (NN-LIFT needs k ≤ d)");
            DenseMatrix a = DenseMatrix.gaussian(d, k, seed);
            for (int j = 0; j < k; j++) {
                double s = 0;
                for (int i = 0; i < d; i++) s += a.get(i, j) * a.get(i, j);
                double inv = 1 / Math.sqrt(s);
                for (int i = 0; i < d; i++) a.set(i, j, a.get(i, j) * inv);
            }
            SplittableRandom rnd = new SplittableRandom(seed ^ 0x9E3779B97F4A7C15L);
            double[] a2 = new double[k], b1 = new double[k];
            for (int j = 0; j < k; j++) {
                a2[j] = 0.5 + rnd.nextDouble();
                b1[j] = 0.25 + 0.5 * rnd.nextDouble();
            }
            return new Network(a, a2, b1, noise);
        }

        /** y for each row of x (n × d), without noise. */
        public double[] evaluate(DenseMatrix x) {
            return outputs(x.data(), x.rows(), null);
        }

        private double[] outputs(double[] x, int n, SplittableRandom noiseRnd) {
            int d = a1.rows(), k = a1.cols();
            double[] h = new double[n * k];
            Blas.gemm(false, false, n, k, d, 1.0, x, d, a1.data(), k, 0.0, h, k);
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int j = 0; j < k; j++) s += a2[j] * Math.tanh(h[i * k + j] + b1[j]);
                y[i] = noiseRnd == null ? s : s + noise * Gaussian.next(noiseRnd);
            }
            return y;
        }
    }

    /**
     * Estimates (or exact values) of M₂ = E[y·S₂(x)] (d × d) and T = E[y·S₃(x)] (d × d × d) from
     * {@code samples} samples (0 for population moments).
     */
    public record Moments(DenseMatrix m2, Tensor t3, long samples) {
        public Moments {
            int d = m2.rows();
            if (m2.cols() != d || t3.rank() != 3 || t3.dim(0) != d || t3.dim(1) != d || t3.dim(2) != d) {
                throw new IllegalArgumentException("moments must be d×d and d×d×d, got " + m2 + " and " + t3);
            }
            Tensors.requireFinite(m2, "M₂");
            Tensors.requireFinite(t3, "T₃");
        }
    }

    /**
     * What the recovery found.
     *
     * @param a1                estimated first layer, d × k, unit columns (sign and order arbitrary)
     * @param weights           the power method's whitened weights μ_j (descending)
     * @param m2Eigenvalues     the k eigenvalues of M₂ used for whitening (largest |λ| first)
     * @param whiteningDefinite whether those k eigenvalues share one sign (the condition for the guarantee)
     * @param status            the power method's status
     * @param iterations        total power steps
     */
    public record Recovery(DenseMatrix a1, double[] weights, double[] m2Eigenvalues, boolean whiteningDefinite, Status status, int iterations) {
        public Recovery {
            a1 = a1.copy();
            weights = weights.clone();
            m2Eigenvalues = m2Eigenvalues.clone();
        }
        @Override public DenseMatrix a1() { return a1.copy(); }
        @Override public double[] weights() { return weights.clone(); }
        @Override public double[] m2Eigenvalues() { return m2Eigenvalues.clone(); }
    }

    /** One point of the error-vs-samples study. */
    public record Point(long samples, double error, Recovery recovery) {}

    // ------------------------------------------------------------------ moments

    /**
     * Exact population moments by Stein's identity and Gauss–Hermite quadrature (class comment); the
     * noise adds nothing since it is independent of x with mean zero. Cost O(k·(Q + d³)).
     */
    public static Moments populationMoments(Network net) {
        int d = net.inputDimension(), k = net.hidden();
        double[][] gh = gaussHermite(QUADRATURE_NODES);
        double[] m2 = new double[d * d], t3 = new double[d * d * d];
        DenseMatrix a = net.a1;
        for (int j = 0; j < k; j++) {
            double[] col = new double[d];
            double s = 0;
            for (int i = 0; i < d; i++) {
                col[i] = a.get(i, j);
                s += col[i] * col[i];
            }
            s = Math.sqrt(s);
            double e2 = 0, e3 = 0;
            for (int q = 0; q < gh[0].length; q++) {
                double t = Math.tanh(s * gh[0][q] + net.b1[j]), sech2 = 1 - t * t;
                e2 += gh[1][q] * (-2 * t * sech2);
                e3 += gh[1][q] * (-2 * sech2 * sech2 + 4 * t * t * sech2);
            }
            double l2 = net.a2[j] * e2, l3 = net.a2[j] * e3;
            for (int p = 0; p < d; p++) {
                for (int q = 0; q < d; q++) {
                    m2[p * d + q] += l2 * col[p] * col[q];
                    double c = l3 * col[p] * col[q];
                    for (int r = 0; r < d; r++) t3[(p * d + q) * d + r] += c * col[r];
                }
            }
        }
        return new Moments(new DenseMatrix(d, d, m2), new Tensor(new int[] {d, d, d}, t3), 0);
    }

    /**
     * Sample moments from given data: M̂₂ = (1/n)Σ (yᵢ − ȳ)(xᵢxᵢᵀ − I), T̂ = (1/n)Σ (yᵢ − ȳ) S₃(xᵢ), y centred
     * by its sample mean ȳ (same expectation up to O(1/n), far smaller variance; see the accumulator). The
     * identity part of S₃ is summed once through m = (1/n)Σ (yᵢ − ȳ)xᵢ:
     * (1/n)Σ (yᵢ − ȳ) Σ_l sym(xᵢ⊗e_l⊗e_l) = Σ_l sym(m⊗e_l⊗e_l).
     *
     * @param x n × d inputs (rows are samples)
     * @param y n outputs
     */
    public static Moments sampleMoments(DenseMatrix x, double[] y) {
        int n = x.rows(), d = x.cols();
        if (n < 1 || d < 1) throw new IllegalArgumentException("need ≥ 1 sample of dimension ≥ 1, got x " + x);
        if (y.length != n) throw new IllegalArgumentException("x has " + n + " rows but y has " + y.length + " entries");
        Tensors.requireFinite(x, "x");
        requireFinite(y, "y");
        Accumulator acc = new Accumulator(d);
        for (int from = 0; from < n; from += BLOCK) {
            int b = Math.min(BLOCK, n - from);
            acc.add(Arrays.copyOfRange(x.data(), from * d, (from + b) * d), Arrays.copyOfRange(y, from, from + b), b);
        }
        return acc.moments();
    }

    /**
     * Sample moments of the network at each sample size in {@code sizes} (ascending), from one seeded
     * stream of (x, y): the first n of a larger run are the run of size n, so one pass to max(sizes)
     * gives every point. Memory O(BLOCK·d²); data are generated block by block.
     *
     * @param progress called with the number of samples done (may be null)
     */
    public static List<Moments> sampleMoments(Network net, long[] sizes, long seed, java.util.function.LongConsumer progress) {
        checkSizes(sizes);
        int d = net.inputDimension();
        SplittableRandom rx = new SplittableRandom(seed), ry = new SplittableRandom(seed + 0x632BE59BD9B4E019L);
        Accumulator acc = new Accumulator(d);
        List<Moments> out = new ArrayList<>();
        long done = 0;
        for (long target : sizes) {
            while (done < target) {
                int b = (int) Math.min(BLOCK, target - done);
                double[] x = new double[b * d];
                for (int i = 0; i < x.length; i++) x[i] = Gaussian.next(rx);
                acc.add(x, net.outputs(x, b, ry), b);
                done += b;
                if (progress != null) progress.accept(done);
            }
            out.add(acc.moments());
        }
        return out;
    }

    /**
     * Running sums Σ yᵢxᵢ^{⊗3} and Σ xᵢ^{⊗3} (one dgemm of [y∘X | X]ᵀ by the rows xᵢ⊗xᵢ, d² columns),
     * Σ yᵢxᵢxᵢᵀ, Σ xᵢxᵢᵀ, Σ yᵢxᵢ, Σ xᵢ, Σ yᵢ. The unweighted sums let {@link #moments} centre y by its
     * sample mean ȳ: E[S_m(x)] = 0, so E[(y − c)·S_m(x)] is the same moment for any constant c, and with
     * c = ȳ the estimator no longer carries the variance E[y]²·E‖S₃(x)‖², which for a tanh network with
     * biases dominates everything else.
     */
    private static final class Accumulator {
        final int d;
        final double[] s3, s2y, s2, s1y, s1;
        double s0y;
        long n;

        Accumulator(int d) {
            this.d = d;
            s3 = new double[2 * d * d * d];
            s2y = new double[d * d];
            s2 = new double[d * d];
            s1y = new double[d];
            s1 = new double[d];
        }

        void add(double[] x, double[] y, int b) {
            int d2 = 2 * d;
            double[] yx = new double[b * d2], xx = new double[b * d * d];
            for (int i = 0; i < b; i++) {
                s0y += y[i];
                for (int p = 0; p < d; p++) {
                    double xp = x[i * d + p];
                    yx[i * d2 + p] = y[i] * xp;
                    yx[i * d2 + d + p] = xp;
                    s1y[p] += y[i] * xp;
                    s1[p] += xp;
                    int o = (i * d + p) * d;
                    for (int q = 0; q < d; q++) xx[o + q] = xp * x[i * d + q];
                }
            }
            // rows 0..d−1: Σ (yᵢxᵢ)(xᵢ⊗xᵢ)ᵀ, rows d..2d−1: Σ xᵢ(xᵢ⊗xᵢ)ᵀ
            Blas.gemm(true, false, d2, d * d, b, 1.0, yx, d2, xx, d * d, 1.0, s3, d * d);
            Blas.gemm(true, false, d, d, b, 1.0, yx, 0, d2, x, 0, d, 1.0, s2y, 0, d);
            Blas.gemm(true, false, d, d, b, 1.0, x, 0, d, x, 0, d, 1.0, s2, 0, d);
            n += b;
        }

        Moments moments() {
            double inv = 1.0 / n, ybar = s0y * inv;
            int d3 = d * d * d;
            double[] m2 = new double[d * d], t3 = new double[d3], m = new double[d];
            // Σ(yᵢ − ȳ)(xᵢxᵢᵀ − I) = Σ yᵢxᵢxᵢᵀ − ȳΣxᵢxᵢᵀ: the identity terms cancel
            for (int i = 0; i < d * d; i++) m2[i] = (s2y[i] - ybar * s2[i]) * inv;
            for (int i = 0; i < d3; i++) t3[i] = (s3[i] - ybar * s3[d3 + i]) * inv;
            for (int i = 0; i < d; i++) m[i] = (s1y[i] - ybar * s1[i]) * inv;
            for (int p = 0; p < d; p++) {
                for (int l = 0; l < d; l++) {
                    t3[(p * d + l) * d + l] -= m[p];
                    t3[(l * d + p) * d + l] -= m[p];
                    t3[(l * d + l) * d + p] -= m[p];
                }
            }
            return new Moments(new DenseMatrix(d, d, m2), new Tensor(new int[] {d, d, d}, t3), n);
        }
    }

    // ------------------------------------------------------------------ recovery

    /** {@link #recover(Moments, int, CpPower.Options)} with 20 restarts, 200 steps, tolerance 1e-12, seed 0. */
    public static Recovery recover(Moments m, int k) {
        return recover(m, k, CpPower.Options.defaults().restarts(20));
    }

    /**
     * Whitening + tensor power method + un-whitening (class comment).
     *
     * @throws IllegalArgumentException when k is not in [1, d] or M₂ has fewer than k eigenvalues above
     *                                  {@value #RANK_TOLERANCE}·‖M₂‖₂
     */
    public static Recovery recover(Moments m, int k, CpPower.Options options) {
        int d = m.m2().rows();
        if (k < 1 || k > d) throw new IllegalArgumentException("k = " + k + " must be in [1, d = " + d + "] (NN-LIFT needs k ≤ d)");
        Lapack.Svd svd = Lapack.svd(m.m2());
        double[] s = svd.s();
        if (!(s[k - 1] > RANK_TOLERANCE * s[0])) {
            throw new IllegalArgumentException("M₂ has numerical rank < k = " + k + " (singular values " + Arrays.toString(s)
                    + "): the network's second-order moment does not see k hidden units");
        }
        DenseMatrix u = Linear.leadingColumns(svd.u(), k);
        double[] lambda = new double[k];
        boolean pos = false, neg = false;
        DenseMatrix mu = m.m2().times(u);
        for (int j = 0; j < k; j++) {
            double r = 0; // Rayleigh quotient u_jᵀM₂u_j = the signed eigenvalue
            for (int i = 0; i < d; i++) r += u.get(i, j) * mu.get(i, j);
            lambda[j] = r;
            pos |= r > 0;
            neg |= r < 0;
        }
        DenseMatrix w = u.copy(), unwhiten = u.copy();
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < k; j++) {
                w.set(i, j, u.get(i, j) / Math.sqrt(s[j]));
                unwhiten.set(i, j, u.get(i, j) * Math.sqrt(s[j]));
            }
        }
        Tensor tw = symmetrize(Tensors.multiModeProduct(m.t3(), new DenseMatrix[] {w, w, w}, true));
        Fit<CPTensor> fit = CpPower.symmetric(tw, k, options);
        DenseMatrix v = fit.model().factors()[0];
        DenseMatrix a = unwhiten.times(v);
        for (int j = 0; j < k; j++) {
            double nrm = 0;
            for (int i = 0; i < d; i++) nrm += a.get(i, j) * a.get(i, j);
            nrm = Math.sqrt(nrm);
            for (int i = 0; i < d; i++) a.set(i, j, a.get(i, j) / nrm);
        }
        return new Recovery(a, fit.model().weights(), lambda, !(pos && neg), fit.status(), fit.iterations());
    }

    /**
     * Recovery error: columns matched greedily by largest |cos∠(a_j, â_l)|, then the largest sine of the
     * matched angles ∈ [0, 1]; invariant to sign, scale and order. The sine is computed as
     * ‖â − (âᵀa)a‖ for unit a, â (the component of â orthogonal to a), not as (1 − cos²)^{1/2}, so angles
     * down to rounding (1e-16) are resolved rather than flushed to 0 below 1e-8.
     */
    public static double error(DenseMatrix truth, DenseMatrix estimate) {
        int d = truth.rows(), k = truth.cols();
        if (estimate.rows() != d || estimate.cols() != k) {
            throw new IllegalArgumentException("estimate is " + estimate.rows() + "x" + estimate.cols() + ", truth " + d + "x" + k);
        }
        double[][] cos = new double[k][k];
        double[] nt = columnNorms(truth), ne = columnNorms(estimate);
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < k; j++) for (int l = 0; l < k; l++) cos[j][l] += truth.get(i, j) * estimate.get(i, l);
        }
        for (int j = 0; j < k; j++) for (int l = 0; l < k; l++) cos[j][l] /= nt[j] * ne[l];
        boolean[] usedT = new boolean[k], usedE = new boolean[k];
        double worst = 0;
        for (int step = 0; step < k; step++) {
            int bj = -1, bl = -1;
            double best = -1;
            for (int j = 0; j < k; j++) {
                if (usedT[j]) continue;
                for (int l = 0; l < k; l++) if (!usedE[l] && Math.abs(cos[j][l]) > best) { best = Math.abs(cos[j][l]); bj = j; bl = l; }
            }
            usedT[bj] = true;
            usedE[bl] = true;
            double c = cos[bj][bl], s = 0;
            for (int i = 0; i < d; i++) {
                double r = estimate.get(i, bl) / ne[bl] - c * truth.get(i, bj) / nt[bj];
                s += r * r;
            }
            worst = Math.max(worst, Math.min(1, Math.sqrt(s)));
        }
        return worst;
    }

    /**
     * Error vs number of samples: sample moments of {@code net} at each size (one seeded stream), the
     * recovery at each, and its {@link #error}.
     */
    public static List<Point> errorVsSamples(Network net, long[] sizes, long seed, CpPower.Options options, java.util.function.LongConsumer progress) {
        List<Moments> ms = sampleMoments(net, sizes, seed, progress);
        List<Point> pts = new ArrayList<>();
        for (Moments m : ms) {
            Recovery r = recover(m, net.hidden(), options);
            pts.add(new Point(m.samples(), error(net.a1, r.a1), r));
        }
        return pts;
    }

    // ------------------------------------------------------------------ helpers

    /**
     * Nodes and weights of Gauss–Hermite quadrature for E[f(z)], z ~ N(0, 1): Newton on the physicists'
     * Hermite polynomials H_n (Numerical Recipes, 3rd ed., §4.6 gauher), then nodes ×√2 and weights /√π.
     * Exact for polynomials of degree ≤ 2n − 1.
     */
    static double[][] gaussHermite(int n) {
        double[] x = new double[n], w = new double[n];
        double pim4 = Math.pow(Math.PI, -0.25), z = 0;
        for (int i = 0; i < (n + 1) / 2; i++) {
            if (i == 0) z = Math.sqrt(2.0 * n + 1) - 1.85575 * Math.pow(2.0 * n + 1, -0.16667);
            else if (i == 1) z -= 1.14 * Math.pow(n, 0.426) / z;
            else if (i == 2) z = 1.86 * z - 0.86 * x[0];
            else if (i == 3) z = 1.91 * z - 0.91 * x[1];
            else z = 2.0 * z - x[i - 2];
            double pp = 0;
            for (int it = 0; it < 100; it++) {
                // orthonormal recurrence p_j = z√(2/j) p_{j−1} − √((j−1)/j) p_{j−2}
                double p1 = pim4, p2 = 0;
                for (int j = 1; j <= n; j++) {
                    double p3 = p2;
                    p2 = p1;
                    p1 = z * Math.sqrt(2.0 / j) * p2 - Math.sqrt((j - 1.0) / j) * p3;
                }
                pp = Math.sqrt(2.0 * n) * p2;
                double z1 = z;
                z = z1 - p1 / pp;
                if (Math.abs(z - z1) <= 1e-15 * Math.max(1, Math.abs(z))) break;
            }
            x[i] = z;
            x[n - 1 - i] = -z;
            w[i] = 2.0 / (pp * pp);
            w[n - 1 - i] = w[i];
        }
        double[] nodes = new double[n], weights = new double[n];
        for (int i = 0; i < n; i++) {
            nodes[i] = Math.sqrt(2) * x[n - 1 - i];
            weights[i] = w[n - 1 - i] / Math.sqrt(Math.PI);
        }
        return new double[][] {nodes, weights};
    }

    /** (1/6) Σ over the six permutations of the modes of a cubical order-3 tensor. */
    static Tensor symmetrize(Tensor t) {
        int k = t.dim(0);
        double[] a = t.data(), s = new double[a.length];
        for (int p = 0; p < k; p++) {
            for (int q = 0; q < k; q++) {
                for (int r = 0; r < k; r++) {
                    s[(p * k + q) * k + r] = (a[(p * k + q) * k + r] + a[(p * k + r) * k + q] + a[(q * k + p) * k + r]
                            + a[(q * k + r) * k + p] + a[(r * k + p) * k + q] + a[(r * k + q) * k + p]) / 6;
                }
            }
        }
        return new Tensor(t.shape(), s);
    }

    private static double[] columnNorms(DenseMatrix a) {
        double[] n = new double[a.cols()];
        for (int i = 0; i < a.rows(); i++) for (int j = 0; j < a.cols(); j++) n[j] += a.get(i, j) * a.get(i, j);
        for (int j = 0; j < n.length; j++) {
            n[j] = Math.sqrt(n[j]);
            if (n[j] == 0) throw new IllegalArgumentException("column " + j + " is zero: its direction is undefined");
        }
        return n;
    }

    private static void checkSizes(long[] sizes) {
        if (sizes.length == 0) throw new IllegalArgumentException("no sample sizes given");
        for (int i = 0; i < sizes.length; i++) {
            if (sizes[i] < 1) throw new IllegalArgumentException("sample sizes must be ≥ 1, got " + sizes[i]);
            if (i > 0 && sizes[i] <= sizes[i - 1]) {
                throw new IllegalArgumentException("sample sizes must increase, got " + sizes[i - 1] + " then " + sizes[i]);
            }
        }
    }

    private static void requireFinite(double[] v, String what) {
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) throw new IllegalArgumentException(what + " entry " + i + " is " + v[i] + " (expected finite numbers)");
        }
    }
}
