package io.lipschitz4j.tensor;

import io.lipschitz4j.linalg.DenseMatrix;
import io.lipschitz4j.linalg.Lapack;
import io.lipschitz4j.linalg.Tensor;
import java.util.Arrays;

/**
 * TT-SVD (Oseledets 2011, SISC 33(5), Alg. 1): sweep left to right, at step k reshape the remainder to
 * (r_k·I_k) × (I_{k+1}⋯I_{d−1}), take its SVD (LAPACK dgesdd), keep r_{k+1} singular triplets, store U as
 * core k and carry diag(σ)·Vᵀ on. With the truncation threshold δ = ε·‖X‖/√(d−1) per step (Oseledets'
 * choice) the result satisfies ‖X − X̂‖ ≤ ε‖X‖ (his Thm. 2.2: ‖X − X̂‖² ≤ Σ_k tail_k²; here it is an
 * equality, the projections being nested). With ε = 0 and no cap the ranks are the exact TT ranks
 * and the reconstruction is exact up to rounding. Cost O(Σ_k r_k I_k·(Π_{j&gt;k} I_j)·min(r_k I_k, Π_{j&gt;k} I_j)),
 * dominated by the first SVD, O(I_0·∏I) for I_0 ≤ Π_{j&gt;0} I_j.
 */
public final class TensorTrain {
    private TensorTrain() {}

    /** TT-SVD with relative tolerance ε (≥ 0) and a cap on every rank. */
    public static Fit<TTTensor> decompose(Tensor x, double relativeTolerance, int maxRank) {
        if (!(relativeTolerance >= 0)) throw new IllegalArgumentException("tolerance must be ≥ 0, got " + relativeTolerance);
        if (maxRank < 1) throw new IllegalArgumentException("rank cap must be ≥ 1, got " + maxRank);
        return run(x, relativeTolerance, maxRank, null);
    }

    /** TT-SVD with relative tolerance ε only. */
    public static Fit<TTTensor> decompose(Tensor x, double relativeTolerance) { return decompose(x, relativeTolerance, Integer.MAX_VALUE); }

    /** TT-SVD with a rank cap only (exact up to rounding when the cap is at least the TT ranks). */
    public static Fit<TTTensor> decompose(Tensor x, int maxRank) { return decompose(x, 0.0, maxRank); }

    /**
     * TT-SVD with prescribed inner ranks r_1..r_{d−1}.
     *
     * @throws IllegalArgumentException when r_k &lt; 1 or r_k exceeds min(Π_{j&lt;k} I_j, Π_{j≥k} I_j), the largest TT rank the shape allows
     */
    public static Fit<TTTensor> decompose(Tensor x, int[] ranks) {
        int d = x.rank();
        if (ranks.length != d - 1) throw new IllegalArgumentException("need " + (d - 1) + " inner TT ranks for order " + d + ", got " + ranks.length);
        int[] s = x.shape();
        for (int k = 1; k < d; k++) {
            long left = 1, right = 1;
            for (int j = 0; j < k; j++) left = Math.min(Integer.MAX_VALUE, left * s[j]);
            for (int j = k; j < d; j++) right = Math.min(Integer.MAX_VALUE, right * s[j]);
            long max = Math.min(left, right);
            if (ranks[k - 1] < 1 || ranks[k - 1] > max) {
                throw new IllegalArgumentException("TT rank r_" + k + " = " + ranks[k - 1] + " out of range [1, " + max + "] for shape " + Arrays.toString(s));
            }
        }
        return run(x, 0.0, Integer.MAX_VALUE, ranks);
    }

    private static Fit<TTTensor> run(Tensor x, double eps, int cap, int[] fixed) {
        int d = x.rank();
        if (d < 1) throw new IllegalArgumentException("TT-SVD needs a tensor of order ≥ 1");
        if (x.size() == 0) throw new IllegalArgumentException("empty tensor, shape " + Arrays.toString(x.shape()));
        Tensors.requireFinite(x, "TT-SVD input");
        int[] s = x.shape();
        double nx = Tensors.norm(x);
        double delta = d > 1 ? eps * nx / Math.sqrt(d - 1) : 0;
        Tensor[] cores = new Tensor[d];
        double[] c = x.data().clone();
        int r = 1, rest = x.size();
        for (int k = 0; k < d - 1; k++) {
            rest /= s[k];
            int rows = r * s[k];
            Lapack.Svd svd = Lapack.svd(new DenseMatrix(rows, rest, c));
            int keep = fixed != null ? Math.min(fixed[k], svd.s().length)
                    : Linear.rankForTolerance(svd.s(), delta, Math.min(cap, svd.s().length));
            DenseMatrix u = Linear.leadingColumns(svd.u(), keep);
            cores[k] = new Tensor(new int[] {r, s[k], keep}, u.data());
            // carry diag(σ)·Vᵀ (keep × rest)
            double[] next = new double[keep * rest];
            DenseMatrix v = svd.v();
            int vc = v.cols();
            for (int j = 0; j < rest; j++) for (int i = 0; i < keep; i++) next[i * rest + j] = svd.s()[i] * v.data()[j * vc + i];
            c = next;
            r = keep;
        }
        cores[d - 1] = new Tensor(new int[] {r, s[d - 1], 1}, c);
        TTTensor tt = new TTTensor(cores);
        return new Fit<>(tt, Status.CONVERGED, 1, new double[] {tt.relativeError(x)});
    }
}
