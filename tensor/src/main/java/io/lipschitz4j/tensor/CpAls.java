package io.lipschitz4j.tensor;

import io.lipschitz4j.linalg.DenseMatrix;
import io.lipschitz4j.linalg.Lapack;
import io.lipschitz4j.linalg.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * CP decomposition by alternating least squares (Carroll &amp; Chang 1970; Harshman 1970; Kolda &amp; Bader
 * 2009, §3.4, Fig. 3.3). Each sweep updates every factor by the normal equations
 * <pre>
 *   A_n ← X_[n]·(⊙_{k≠n} A_k)·(⊛_{k≠n} A_kᵀA_k + ρI)⁻¹          (KB eq. (3.7), ρ = ℓ₂ weight)
 * </pre>
 * then normalizes the columns of A_n into the weights λ. The MTTKRP X_[n]·(⊙ A_k) is never formed
 * through the Khatri–Rao matrix: per sweep one dgemm X(Π_{k&lt;N−1}I_k × I_{N−1})·A_{N−1} serves all modes
 * n &lt; N−1 (A_{N−1} does not change until the last mode), and one dgemm A_0ᵀ·X(I_0 × ·) serves mode
 * N−1; the remaining contractions work on tensors already smaller by a factor I. Cost per sweep
 * 4R·∏I flops for the two dgemms, plus O(R·∏I/I_min + R²·ΣI_k + N·R³).
 *
 * <p>Relative error ‖X − X̂‖/‖X‖ each sweep from ‖X‖² − 2⟨X, X̂⟩ + ‖X̂‖² (the inner product from the
 * last MTTKRP, ‖X̂‖² from Gram matrices; no reconstruction), switching to the dense residual once the
 * relative error is below 1e-5, where that expansion cancels. Stops when the change in relative error
 * is below the tolerance ({@link Status#CONVERGED}), at the iteration cap ({@link Status#MAX_ITERATIONS})
 * or on a non-finite value or an error above 10⁶ ({@link Status#DIVERGED}).
 *
 * <p>Options: SVD initialization (leading left singular vectors of each unfolding, seeded Gaussian
 * columns when R &gt; I_n; De Lathauwer et al. 2000 style) or random (seeded); ℓ₂ regularization ρ;
 * line search by extrapolation A ← A_prev + j·(A − A_prev), j = it^{1/p}, kept when it lowers the error
 * (Bro 1998; the schedule TensorLy uses); masks for missing entries (mask entries 1 = observed,
 * 0 = missing, whose values — NaN allowed — are ignored) by EM imputation: each sweep runs on
 * W⊛X + (1−W)⊛X̂ (Tomasi &amp; Bro 2005), the error is measured on observed entries only.
 */
public final class CpAls {
    private CpAls() {}

    /** Initialization of the factors. */
    public enum Init { SVD, RANDOM }

    /**
     * How masked (missing) entries are handled: {@link #EM} imputes them with the current model each
     * sweep and runs the fast unmasked sweep (cheap per sweep, slower to converge when much is missing);
     * {@link #WEIGHTED} solves the row-wise weighted normal equations
     * (Σ_{j observed} k_j k_jᵀ + ρI)·a_i = Σ_{j observed} x_{ij}·k_j, k_j the rows of the Khatri–Rao product
     * of the other factors (Tomasi &amp; Bro 2005, "CP-WOPT"-style exact least squares on the observed
     * entries), cost O(|Ω|·R² + Σ_n I_n·R³) per sweep and the Khatri–Rao matrices formed.
     */
    public enum MaskMode { EM, WEIGHTED }

    /**
     * @param maxIterations sweep cap (≥ 1)
     * @param tolerance     stop when |e_{t−1} − e_t| &lt; tolerance (relative errors)
     * @param init          {@link Init#SVD} or {@link Init#RANDOM}
     * @param seed          seed of the random columns
     * @param lineSearch    extrapolation line search
     * @param l2            ℓ₂ regularization weight ρ ≥ 0 added to the normal equations
     * @param mask          null, or a 0/1 tensor of X's shape (1 = observed)
     * @param initial       null, or a starting CP tensor (overrides {@code init})
     * @param maskMode      {@link MaskMode#EM} (default) or {@link MaskMode#WEIGHTED}; ignored without a mask
     */
    public record Options(int maxIterations, double tolerance, Init init, long seed, boolean lineSearch, double l2,
                          Tensor mask, CPTensor initial, MaskMode maskMode) {
        public Options {
            if (maxIterations < 1) throw new IllegalArgumentException("maxIterations must be ≥ 1, got " + maxIterations);
            if (!(tolerance >= 0)) throw new IllegalArgumentException("tolerance must be ≥ 0, got " + tolerance);
            if (!(l2 >= 0) || Double.isInfinite(l2)) throw new IllegalArgumentException("l2 must be finite and ≥ 0, got " + l2);
            if (init == null) throw new IllegalArgumentException("init is null");
            if (maskMode == null) throw new IllegalArgumentException("maskMode is null");
        }

        /** 100 sweeps, tolerance 1e-8, SVD init, seed 0, no line search, no regularization, no mask. */
        public static Options defaults() { return new Options(100, 1e-8, Init.SVD, 0L, false, 0.0, null, null, MaskMode.EM); }
        public Options maxIterations(int v) { return new Options(v, tolerance, init, seed, lineSearch, l2, mask, initial, maskMode); }
        public Options tolerance(double v) { return new Options(maxIterations, v, init, seed, lineSearch, l2, mask, initial, maskMode); }
        public Options init(Init v) { return new Options(maxIterations, tolerance, v, seed, lineSearch, l2, mask, initial, maskMode); }
        public Options seed(long v) { return new Options(maxIterations, tolerance, init, v, lineSearch, l2, mask, initial, maskMode); }
        public Options lineSearch(boolean v) { return new Options(maxIterations, tolerance, init, seed, v, l2, mask, initial, maskMode); }
        public Options l2(double v) { return new Options(maxIterations, tolerance, init, seed, lineSearch, v, mask, initial, maskMode); }
        public Options mask(Tensor v) { return new Options(maxIterations, tolerance, init, seed, lineSearch, l2, v, initial, maskMode); }
        public Options maskMode(MaskMode v) { return new Options(maxIterations, tolerance, init, seed, lineSearch, l2, mask, initial, v); }
        public Options initial(CPTensor v) { return new Options(maxIterations, tolerance, init, seed, lineSearch, l2, mask, v, maskMode); }
    }

    public static Fit<CPTensor> decompose(Tensor x, int rank) { return decompose(x, rank, Options.defaults()); }

    /**
     * @throws IllegalArgumentException when the order is below 2, the rank is below 1 or above the largest
     *                                  possible CP rank min_n Π_{k≠n} I_k, the tensor has a non-finite
     *                                  observed entry, or the mask / initial tensor does not fit
     */
    public static Fit<CPTensor> decompose(Tensor x, int rank, Options o) {
        int nd = x.rank();
        int[] shape = x.shape();
        if (nd < 2) throw new IllegalArgumentException("CP-ALS needs a tensor of order ≥ 2, got shape " + Arrays.toString(shape));
        if (x.size() == 0) throw new IllegalArgumentException("CP-ALS of an empty tensor, shape " + Arrays.toString(shape));
        long maxRank = maxCpRank(shape);
        if (rank < 1 || rank > maxRank) {
            throw new IllegalArgumentException("CP rank " + rank + " out of range [1, " + maxRank + "] for shape " + Arrays.toString(shape)
                    + " (no tensor of this shape has CP rank above min_n Π_{k≠n} I_k)");
        }
        Tensor mask = o.mask();
        Tensor work;
        double norm2;
        if (mask != null) {
            Tensors.requireSameShape(x, mask);
            double[] w = mask.data(), xd = x.data();
            double[] filled = new double[xd.length];
            double sum = 0;
            int count = 0;
            for (int i = 0; i < xd.length; i++) {
                if (w[i] == 1.0) {
                    if (!Double.isFinite(xd[i])) {
                        throw new IllegalArgumentException("observed entry " + Arrays.toString(Tensors.multiIndex(shape, i)) + " is " + xd[i]);
                    }
                    filled[i] = xd[i];
                    sum += xd[i];
                    count++;
                } else if (w[i] != 0.0) {
                    throw new IllegalArgumentException("mask entries must be 0 or 1, got " + w[i] + " at " + Arrays.toString(Tensors.multiIndex(shape, i)));
                }
            }
            if (count == 0) throw new IllegalArgumentException("mask observes no entry");
            double mean = sum / count;
            for (int i = 0; i < xd.length; i++) if (w[i] == 0.0) filled[i] = mean;
            work = new Tensor(shape, filled);
            double s2 = 0;
            for (int i = 0; i < xd.length; i++) if (w[i] == 1.0) s2 += xd[i] * xd[i];
            norm2 = s2;
        } else {
            Tensors.requireFinite(x, "CP-ALS input");
            work = x;
            double n = Tensors.norm(x);
            norm2 = n * n;
        }
        // Extreme scales: run on X·2^e (exact) with max|x| in [1, 2), so that squares neither overflow nor
        // underflow; the weights are scaled back at the end.
        double maxAbs = 0;
        for (int i = 0; i < work.size(); i++) maxAbs = Math.max(maxAbs, Math.abs(work.data()[i]));
        int scaleExp = Math.abs(io.lipschitz4j.linalg.Rounding.normalizingExponent(maxAbs)) > 400
                ? io.lipschitz4j.linalg.Rounding.normalizingExponent(maxAbs) : 0;
        Tensor xs = x;
        if (scaleExp != 0) {
            xs = scaled(x, scaleExp);
            work = work == x ? xs : scaled(work, scaleExp);
            norm2 = 0;
            double[] wd = work.data();
            for (int i = 0; i < wd.length; i++) if (mask == null || mask.data()[i] == 1.0) norm2 += wd[i] * wd[i];
        }
        if (norm2 == 0) {
            DenseMatrix[] zf = new DenseMatrix[nd];
            for (int k = 0; k < nd; k++) zf[k] = DenseMatrix.zeros(shape[k], rank);
            return new Fit<>(new CPTensor(new double[rank], zf), Status.CONVERGED, 0, new double[] {0});
        }
        double normX = Math.sqrt(norm2);

        DenseMatrix[] a = initialFactors(work, rank, o);
        DenseMatrix[] xUnf = new DenseMatrix[nd], wUnf = new DenseMatrix[nd];
        if (mask != null && o.maskMode() == MaskMode.WEIGHTED) {
            for (int n = 0; n < nd; n++) {
                xUnf[n] = Tensors.unfoldC(work, n);
                wUnf[n] = Tensors.unfoldC(mask, n);
            }
        }
        double[] lambda = new double[rank];
        Arrays.fill(lambda, 1.0);
        if (o.initial() != null) {
            lambda = o.initial().weights();
            for (int c = 0; c < rank; c++) lambda[c] = Math.scalb(lambda[c], scaleExp);
        }
        DenseMatrix[] gram = new DenseMatrix[nd];
        for (int k = 0; k < nd; k++) gram[k] = Tensors.gram(a[k]);

        List<Double> history = new ArrayList<>();
        Status status = Status.MAX_ITERATIONS;
        int it = 0;
        double accPow = 2.0;
        int accFail = 0;
        for (it = 1; it <= o.maxIterations(); it++) {
            DenseMatrix[] prev = o.lineSearch() ? absorbed(a, lambda) : null;

            // ---- one ALS sweep
            boolean weighted = mask != null && o.maskMode() == MaskMode.WEIGHTED;
            double[] t = weighted ? null : Tensors.contractLast(work, a[nd - 1]);
            DenseMatrix m = null, vOthers = null;
            for (int n = 0; n < nd && weighted; n++) {
                a[n] = weightedUpdate(xUnf[n], wUnf[n], a, n, o.l2());
                lambda = CPTensor.columnNormsInPlace(a[n]);
                gram[n] = Tensors.gram(a[n]);
            }
            for (int n = 0; n < nd && !weighted; n++) {
                vOthers = null;
                for (int k = 0; k < nd; k++) if (k != n) vOthers = vOthers == null ? gram[k] : Tensors.hadamard(vOthers, gram[k]);
                m = n < nd - 1 ? Tensors.reduceFromTrailing(t, shape, a, n, rank)
                        : Tensors.reduceFromLeading(Tensors.contractFirst(work, a[0]), shape, a, rank);
                DenseMatrix v = vOthers;
                if (o.l2() > 0) {
                    v = vOthers.copy();
                    for (int c = 0; c < rank; c++) v.data()[c * rank + c] += o.l2();
                }
                a[n] = Linear.solveRightSpd(m, v);
                lambda = CPTensor.columnNormsInPlace(a[n]);
                gram[n] = Tensors.gram(a[n]);
            }

            // ---- error
            double err;
            if (mask != null) {
                err = maskedErrorAndImpute(xs, mask, work, new CPTensor(lambda, a), !weighted) / normX;
            } else {
                double ip = CPTensor.weightedTrace(m, a[nd - 1], lambda);
                DenseMatrix h = Tensors.hadamard(vOthers, gram[nd - 1]);
                double nrm2 = quadratic(h, lambda);
                double e2 = norm2 - 2 * ip + nrm2;
                err = e2 > 1e-10 * norm2 ? Math.sqrt(e2) / normX
                        : Tensors.distance(xs, new CPTensor(lambda, a).toDense()) / normX;
            }

            // ---- extrapolation line search (Bro 1998)
            if (o.lineSearch() && it > 2 && Double.isFinite(err)) {
                double jump = Math.pow(it, 1.0 / accPow);
                DenseMatrix[] cur = absorbed(a, lambda);
                DenseMatrix[] ls = new DenseMatrix[nd];
                boolean finite = true;
                for (int k = 0; k < nd; k++) {
                    double[] d = prev[k].data().clone();
                    double[] c = cur[k].data();
                    for (int i = 0; i < d.length; i++) { d[i] += jump * (c[i] - d[i]); finite &= Double.isFinite(d[i]); }
                    ls[k] = new DenseMatrix(cur[k].rows(), rank, d);
                }
                double errLs = Double.NaN;
                CPTensor cand = null;
                if (finite) {
                    double[] ones = new double[rank];
                    Arrays.fill(ones, 1.0);
                    cand = new CPTensor(ones, ls).normalized();
                    errLs = mask != null ? maskedErrorAndImpute(xs, mask, null, cand, false) / normX
                            : cand.reconstructionError(xs) / normX;
                }
                if (errLs < err) {
                    a = cand.factors();
                    lambda = cand.weights();
                    for (int k = 0; k < nd; k++) gram[k] = Tensors.gram(a[k]);
                    if (mask != null) maskedErrorAndImpute(xs, mask, work, cand, true);
                    err = errLs;
                    accFail = 0;
                } else if (++accFail >= 4) {
                    accPow += 1;
                    accFail = 0;
                }
            }

            history.add(err);
            if (!Double.isFinite(err) || err > 1e6 || !allFinite(a) || !allFinite(lambda)) {
                status = Status.DIVERGED;
                break;
            }
            int h = history.size();
            if (err <= 4 * Math.ulp(1.0) || (h >= 2 && Math.abs(history.get(h - 2) - err) < o.tolerance())) {
                status = Status.CONVERGED;
                break;
            }
        }
        int iterations = Math.min(it, o.maxIterations());
        double[] hist = history.stream().mapToDouble(Double::doubleValue).toArray();
        for (int c = 0; c < lambda.length; c++) lambda[c] = Math.scalb(lambda[c], -scaleExp);
        CPTensor model = status == Status.DIVERGED && !(allFinite(a) && allFinite(lambda))
                ? zeroModel(shape, rank) : new CPTensor(lambda, a);
        return new Fit<>(model, status, iterations, hist);
    }

    private static Tensor scaled(Tensor t, int e) {
        double[] d = t.data().clone();
        for (int i = 0; i < d.length; i++) d[i] = Math.scalb(d[i], e);
        return new Tensor(t.shape(), d);
    }

    private static CPTensor zeroModel(int[] shape, int rank) {
        DenseMatrix[] zf = new DenseMatrix[shape.length];
        for (int k = 0; k < shape.length; k++) zf[k] = DenseMatrix.zeros(shape[k], rank);
        return new CPTensor(new double[rank], zf);
    }

    /** The largest CP rank a tensor of this shape can have is at most min_n Π_{k≠n} I_k. */
    static long maxCpRank(int[] shape) {
        long best = Long.MAX_VALUE;
        for (int n = 0; n < shape.length; n++) {
            long p = 1;
            for (int k = 0; k < shape.length; k++) if (k != n) p = Math.min(Integer.MAX_VALUE, p * shape[k]);
            best = Math.min(best, p);
        }
        return best;
    }

    private static DenseMatrix[] initialFactors(Tensor x, int rank, Options o) {
        int nd = x.rank();
        DenseMatrix[] a = new DenseMatrix[nd];
        if (o.initial() != null) {
            CPTensor c = o.initial();
            if (!Arrays.equals(c.shape(), x.shape()) || c.rank() != rank) {
                throw new IllegalArgumentException("initial CP tensor " + c + " does not match shape " + Arrays.toString(x.shape()) + ", rank " + rank);
            }
            return c.factors();
        }
        for (int k = 0; k < nd; k++) {
            int ik = x.dim(k);
            DenseMatrix rnd = DenseMatrix.gaussian(ik, rank, o.seed() * 1_000_003L + k);
            if (o.init() == Init.RANDOM) {
                a[k] = rnd;
                continue;
            }
            DenseMatrix u = Lapack.svd(Tensors.unfoldC(x, k)).u();
            int keep = Math.min(rank, u.cols());
            double[] d = rnd.data();
            for (int i = 0; i < ik; i++) System.arraycopy(u.data(), i * u.cols(), d, i * rank, keep);
            a[k] = rnd;
        }
        return a;
    }

    /**
     * Row-wise weighted least squares for mode n: with K = A_0 ⊙ ⋯ (without A_n) ⊙ ⋯ A_{N−1} in the
     * column order of the C-order unfolding, a_i = (Σ_{j∈Ω_i} k_j k_jᵀ + ρI)⁻¹ Σ_{j∈Ω_i} x_{ij} k_j.
     */
    private static DenseMatrix weightedUpdate(DenseMatrix xu, DenseMatrix wu, DenseMatrix[] a, int n, double l2) {
        int nd = a.length, r = a[0].cols();
        DenseMatrix[] others = new DenseMatrix[nd - 1];
        for (int k = 0, j = 0; k < nd; k++) if (k != n) others[j++] = a[k];
        DenseMatrix kr = Tensors.khatriRao(others);
        int rows = xu.rows(), cols = xu.cols();
        double[] kd = kr.data(), xd = xu.data(), wd = wu.data();
        double[] out = new double[rows * r];
        for (int i = 0; i < rows; i++) {
            double[] g = new double[r * r];
            double[] b = new double[r];
            for (int j = 0; j < cols; j++) {
                if (wd[i * cols + j] == 0.0) continue;
                double xv = xd[i * cols + j];
                int k0 = j * r;
                for (int p = 0; p < r; p++) {
                    double kp = kd[k0 + p];
                    b[p] += xv * kp;
                    for (int q = p; q < r; q++) g[p * r + q] += kp * kd[k0 + q];
                }
            }
            for (int p = 0; p < r; p++) {
                g[p * r + p] += l2;
                for (int q = 0; q < p; q++) g[p * r + q] = g[q * r + p];
            }
            DenseMatrix sol = Linear.solveRightSpd(new DenseMatrix(1, r, b), new DenseMatrix(r, r, g));
            System.arraycopy(sol.data(), 0, out, i * r, r);
        }
        return new DenseMatrix(rows, r, out);
    }

    /** Factors with the weights multiplied into the last one. */
    private static DenseMatrix[] absorbed(DenseMatrix[] a, double[] lambda) {
        DenseMatrix[] f = new DenseMatrix[a.length];
        for (int k = 0; k < a.length; k++) f[k] = a[k].copy();
        DenseMatrix last = f[a.length - 1];
        int r = lambda.length;
        for (int i = 0; i < last.rows(); i++) for (int c = 0; c < r; c++) last.data()[i * r + c] *= lambda[c];
        return f;
    }

    /**
     * ‖W⊛(X − X̂)‖; when {@code impute}, also writes W⊛X + (1−W)⊛X̂ into {@code work} (EM step).
     */
    private static double maskedErrorAndImpute(Tensor x, Tensor mask, Tensor work, CPTensor model, boolean impute) {
        double[] rec = model.toDense().data();
        double[] xd = x.data(), w = mask.data();
        double s = 0;
        for (int i = 0; i < rec.length; i++) {
            if (w[i] == 1.0) {
                double d = xd[i] - rec[i];
                s += d * d;
            }
        }
        if (impute) {
            double[] wd = work.data();
            for (int i = 0; i < rec.length; i++) if (w[i] == 0.0) wd[i] = rec[i];
        }
        return Math.sqrt(s);
    }

    static double quadratic(DenseMatrix h, double[] v) {
        int r = v.length;
        double s = 0;
        for (int i = 0; i < r; i++) {
            double row = 0;
            for (int j = 0; j < r; j++) row += h.data()[i * r + j] * v[j];
            s += v[i] * row;
        }
        return s;
    }

    private static boolean allFinite(DenseMatrix[] a) {
        for (DenseMatrix m : a) for (double v : m.data()) if (!Double.isFinite(v)) return false;
        return true;
    }

    private static boolean allFinite(double[] a) {
        for (double v : a) if (!Double.isFinite(v)) return false;
        return true;
    }
}
