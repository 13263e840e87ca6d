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
 * CP by power iteration with deflation: one rank-1 term at a time, subtracted from the tensor before the
 * next one is sought.
 *
 * <ul>
 *   <li>{@link #symmetric}: the robust tensor power method for symmetric tensors (Anandkumar, Ge, Hsu,
 *       Kakade &amp; Telgarsky 2014, JMLR 15, Alg. 1): from L seeded random starts iterate
 *       u ← X(I, u, …, u)/‖X(I, u, …, u)‖, keep the start with the largest λ = X(u, …, u), deflate
 *       X ← X − λ·u^{⊗N}. For an orthogonally decomposable X = Σ λ_i v_i^{⊗N} it recovers the (λ_i, v_i)
 *       (their Thm. 5.1); convergence is quadratic for N = 3.</li>
 *   <li>{@link #decompose}: the higher-order power method (De Lathauwer, De Moor &amp; Vandewalle 2000b,
 *       Alg. 3.2; TensorLy's {@code parafac_power_iteration}) for each term, HOSVD-initialised:
 *       u_k ← X(u_0, …, I_k, …, u_{N−1}) normalised, mode by mode; then deflation. Exact for tensors with
 *       orthogonal factor matrices.</li>
 * </ul>
 * Each contraction X(u_0, …, I_k, …) is a chain of BLAS dgemv calls that shrink the tensor one mode at a
 * time, cost O(∏I) per power step. A term converges when its vectors change by less than the
 * tolerance (up to sign); the fit is {@link Status#CONVERGED} when every term did, else
 * {@link Status#MAX_ITERATIONS}. The error history holds ‖X − X̂_r‖/‖X‖ after each term r (the norm of
 * the deflated tensor, no reconstruction).
 */
public final class CpPower {
    private CpPower() {}

    /**
     * @param maxIterations power steps per start and term (≥ 1)
     * @param tolerance     stop when max_k ‖u_k^{new} ∓ u_k‖ &lt; tolerance
     * @param restarts      random starts per term for {@link #symmetric} (≥ 1)
     * @param seed          seed of the random starts
     */
    public record Options(int maxIterations, double tolerance, int restarts, long seed) {
        public Options {
            if (maxIterations < 1) throw new IllegalArgumentException("maxIterations must be ≥ 1, got " + maxIterations);
            if (restarts < 1) throw new IllegalArgumentException("restarts must be ≥ 1, got " + restarts);
            if (!(tolerance >= 0)) throw new IllegalArgumentException("tolerance must be ≥ 0, got " + tolerance);
        }

        public static Options defaults() { return new Options(200, 1e-12, 10, 0L); }
        public Options maxIterations(int v) { return new Options(v, tolerance, restarts, seed); }
        public Options tolerance(double v) { return new Options(maxIterations, v, restarts, seed); }
        public Options restarts(int v) { return new Options(maxIterations, tolerance, v, seed); }
        public Options seed(long v) { return new Options(maxIterations, tolerance, restarts, v); }
    }

    public static Fit<CPTensor> symmetric(Tensor x, int rank) { return symmetric(x, rank, Options.defaults()); }

    /**
     * Symmetric CP [[λ; U, …, U]] by the tensor power method with deflation.
     *
     * @throws IllegalArgumentException when X is not cubical of order ≥ 2, not symmetric (to 1e-10
     *                                  relative), has a non-finite entry, or the rank is not in [1, I^{N−1}]
     */
    public static Fit<CPTensor> symmetric(Tensor x, int rank, Options o) {
        int nd = x.rank();
        checkCommon(x, rank);
        int n = x.dim(0);
        for (int k = 1; k < nd; k++) {
            if (x.dim(k) != n) throw new IllegalArgumentException("a symmetric tensor must be cubical, got shape " + Arrays.toString(x.shape()));
        }
        double nx = Tensors.norm(x);
        int[] swap = new int[nd], cycle = new int[nd];
        for (int k = 0; k < nd; k++) { swap[k] = k; cycle[k] = (k + 1) % nd; }
        swap[0] = 1;
        swap[1] = 0;
        double asym = Math.max(Tensors.distance(x, Tensors.permute(x, swap)), Tensors.distance(x, Tensors.permute(x, cycle)));
        if (asym > 1e-10 * nx) {
            throw new IllegalArgumentException("tensor is not symmetric: ‖X − Xᵀ‖/‖X‖ = " + asym / nx + " under a mode permutation");
        }
        Tensor res = new Tensor(x.shape(), x.data().clone());
        SplittableRandom rnd = new SplittableRandom(o.seed());
        double[] lambda = new double[rank];
        double[] u = new double[n * rank];
        List<Double> hist = new ArrayList<>();
        boolean allConverged = true;
        int iterations = 0;
        for (int r = 0; r < rank; r++) {
            double bestLambda = Double.NEGATIVE_INFINITY;
            double[] best = null;
            boolean bestConv = false;
            for (int s = 0; s < o.restarts(); s++) {
                double[] v = new double[n];
                for (int i = 0; i < n; i++) v[i] = Gaussian.next(rnd);
                normalize(v);
                boolean conv = false;
                for (int it = 0; it < o.maxIterations(); it++) {
                    iterations++;
                    double[] w = contractSymmetric(res, v);
                    if (normalize(w) == 0) { conv = true; break; }
                    double change = signedChange(v, w);
                    v = w;
                    if (change < o.tolerance()) { conv = true; break; }
                }
                double l = dot(contractSymmetric(res, v), v);
                if (l > bestLambda) { bestLambda = l; best = v; bestConv = conv; }
            }
            allConverged &= bestConv;
            lambda[r] = bestLambda;
            for (int i = 0; i < n; i++) u[i * rank + r] = best[i];
            deflate(res, bestLambda, repeat(best, nd));
            hist.add(nx == 0 ? 0 : Tensors.norm(res) / nx);
        }
        DenseMatrix uf = new DenseMatrix(n, rank, u);
        DenseMatrix[] f = new DenseMatrix[nd];
        Arrays.fill(f, uf);
        return new Fit<>(new CPTensor(lambda, f), allConverged ? Status.CONVERGED : Status.MAX_ITERATIONS, iterations,
                hist.stream().mapToDouble(Double::doubleValue).toArray());
    }

    public static Fit<CPTensor> decompose(Tensor x, int rank) { return decompose(x, rank, Options.defaults()); }

    /**
     * General CP by the higher-order power method (rank-1, HOSVD start) with deflation.
     *
     * @throws IllegalArgumentException when the order is below 2, the tensor has a non-finite entry or the
     *                                  rank is outside [1, min_n Π_{k≠n} I_k]
     */
    public static Fit<CPTensor> decompose(Tensor x, int rank, Options o) {
        checkCommon(x, rank);
        int nd = x.rank();
        int[] shape = x.shape();
        double nx = Tensors.norm(x);
        Tensor res = new Tensor(shape, x.data().clone());
        double[] lambda = new double[rank];
        double[][] cols = new double[nd][];
        for (int k = 0; k < nd; k++) cols[k] = new double[shape[k] * rank];
        List<Double> hist = new ArrayList<>();
        boolean allConverged = true;
        int iterations = 0;
        for (int r = 0; r < rank; r++) {
            double[][] v = new double[nd][];
            for (int k = 0; k < nd; k++) {
                DenseMatrix uk = Lapack.svd(Tensors.unfoldC(res, k)).u();
                v[k] = new double[shape[k]];
                for (int i = 0; i < shape[k]; i++) v[k][i] = uk.get(i, 0);
            }
            boolean conv = false;
            for (int it = 0; it < o.maxIterations() && !conv; it++) {
                iterations++;
                double change = 0;
                for (int k = 0; k < nd; k++) {
                    double[] w = contractAllBut(res, v, k);
                    if (normalize(w) == 0) { change = 0; break; }
                    change = Math.max(change, signedChange(v[k], w));
                    v[k] = w;
                }
                conv = change < o.tolerance();
            }
            allConverged &= conv;
            lambda[r] = dot(contractAllBut(res, v, 0), v[0]);
            for (int k = 0; k < nd; k++) for (int i = 0; i < shape[k]; i++) cols[k][i * rank + r] = v[k][i];
            deflate(res, lambda[r], v);
            hist.add(nx == 0 ? 0 : Tensors.norm(res) / nx);
        }
        DenseMatrix[] f = new DenseMatrix[nd];
        for (int k = 0; k < nd; k++) f[k] = new DenseMatrix(shape[k], rank, cols[k]);
        return new Fit<>(new CPTensor(lambda, f), allConverged ? Status.CONVERGED : Status.MAX_ITERATIONS, iterations,
                hist.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static void checkCommon(Tensor x, int rank) {
        if (x.rank() < 2) throw new IllegalArgumentException("power iteration needs a tensor of order ≥ 2, got shape " + Arrays.toString(x.shape()));
        if (x.size() == 0) throw new IllegalArgumentException("empty tensor, shape " + Arrays.toString(x.shape()));
        Tensors.requireFinite(x, "power-iteration input");
        long max = CpAls.maxCpRank(x.shape());
        if (rank < 1 || rank > max) {
            throw new IllegalArgumentException("CP rank " + rank + " out of range [1, " + max + "] for shape " + Arrays.toString(x.shape()));
        }
    }

    /** X(v_0, …, v_{k−1}, I, v_{k+1}, …): dgemv from the last mode down to k+1, then from the first up to k−1. */
    static double[] contractAllBut(Tensor x, double[][] v, int keep) {
        int nd = x.rank();
        int[] s = x.shape();
        double[] cur = x.data();
        int size = x.size();
        for (int m = nd - 1; m > keep; m--) {
            int rows = size / s[m];
            double[] next = new double[rows];
            Blas.gemv(false, new DenseMatrix(rows, s[m], cur), v[m], next);
            cur = next;
            size = rows;
        }
        for (int m = 0; m < keep; m++) {
            int cols = size / s[m];
            double[] next = new double[cols];
            Blas.gemv(true, new DenseMatrix(s[m], cols, cur), v[m], next);
            cur = next;
            size = cols;
        }
        return cur == x.data() ? cur.clone() : cur;
    }

    private static double[] contractSymmetric(Tensor x, double[] v) { return contractAllBut(x, repeat(v, x.rank()), 0); }

    private static double[][] repeat(double[] v, int nd) {
        double[][] r = new double[nd][];
        Arrays.fill(r, v);
        return r;
    }

    /** X ← X − λ·v_0 ∘ ⋯ ∘ v_{N−1}. */
    private static void deflate(Tensor x, double lambda, double[][] v) {
        DenseMatrix[] f = new DenseMatrix[v.length];
        for (int k = 0; k < v.length; k++) f[k] = new DenseMatrix(v[k].length, 1, v[k]);
        Tensor t = new CPTensor(new double[] {lambda}, f).toDense();
        Blas.axpy(x.size(), -1.0, t.data(), 0, x.data(), 0);
    }

    private static double normalize(double[] w) {
        double n = Math.sqrt(dot(w, w));
        if (n > 0) for (int i = 0; i < w.length; i++) w[i] /= n;
        return n;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    /** min(‖w − v‖, ‖w + v‖)_∞. */
    private static double signedChange(double[] v, double[] w) {
        double p = 0, m = 0;
        for (int i = 0; i < v.length; i++) {
            p = Math.max(p, Math.abs(w[i] - v[i]));
            m = Math.max(m, Math.abs(w[i] + v[i]));
        }
        return Math.min(p, m);
    }
}
