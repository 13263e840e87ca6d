package io.lipschitz4j.tensor;

import io.lipschitz4j.linalg.DenseMatrix;
import io.lipschitz4j.linalg.Lapack;
import io.lipschitz4j.linalg.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Tucker decompositions by the higher-order SVD and by higher-order orthogonal iteration.
 *
 * <ul>
 *   <li><b>HOSVD</b> (De Lathauwer, De Moor &amp; Vandewalle 2000a, SIMAX 21(4), Thm. 2): A_n = the R_n
 *       leading left singular vectors of X_[n] (LAPACK dgesdd of the unfolding), G = X ×_k A_kᵀ. Error
 *       ‖X − X̂‖² ≤ Σ_n Σ_{i&gt;R_n} σ_i^{(n)2} (their Property 10), so ranks chosen by a relative
 *       tolerance ε keep Σ_{i&gt;R_n} σ_i^{(n)2} ≤ ε²‖X‖²/N in every mode and guarantee ‖X − X̂‖ ≤ ε‖X‖.
 *       Cost Σ_n O(I_n·∏I) for the SVDs plus the projections.</li>
 *   <li><b>HOOI</b> (De Lathauwer, De Moor &amp; Vandewalle 2000b, SIMAX 21(4), Alg. 4.2; Kolda &amp; Bader
 *       2009, Fig. 4.4): from the HOSVD, repeat A_n ← R_n leading left singular vectors of
 *       (X ×_{k≠n} A_kᵀ)_[n]; the error ‖X‖² − ‖G‖² decreases monotonically. Stops when the change in
 *       relative error is below the tolerance.</li>
 * </ul>
 * All factors are orthonormal; the unfoldings used are C order (the left singular vectors do not
 * depend on the column order).
 */
public final class Tucker {
    private Tucker() {}

    /** HOSVD with given multilinear ranks (1 ≤ R_n ≤ I_n). */
    public static Fit<TuckerTensor> hosvd(Tensor x, int... ranks) {
        checkInput(x);
        checkRanks(x, ranks);
        DenseMatrix[] a = new DenseMatrix[x.rank()];
        for (int n = 0; n < a.length; n++) a[n] = Linear.leadingColumns(Lapack.svd(Tensors.unfoldC(x, n)).u(), ranks[n]);
        return direct(x, a);
    }

    /** HOSVD with the smallest ranks whose truncation bound guarantees ‖X − X̂‖ ≤ ε‖X‖. */
    public static Fit<TuckerTensor> hosvd(Tensor x, double relativeTolerance) {
        checkInput(x);
        if (!(relativeTolerance >= 0)) throw new IllegalArgumentException("tolerance must be ≥ 0, got " + relativeTolerance);
        int nd = x.rank();
        double delta = relativeTolerance * Tensors.norm(x) / Math.sqrt(nd);
        DenseMatrix[] a = new DenseMatrix[nd];
        for (int n = 0; n < nd; n++) {
            Lapack.Svd svd = Lapack.svd(Tensors.unfoldC(x, n));
            a[n] = Linear.leadingColumns(svd.u(), Linear.rankForTolerance(svd.s(), delta, svd.s().length));
        }
        return direct(x, a);
    }

    /**
     * HOOI with the ranks that the HOSVD picks for relative tolerance ε (so the result also satisfies
     * ‖X − X̂‖ ≤ ε‖X‖: HOOI never increases the error of its HOSVD start); 50 sweeps, tolerance 1e-10.
     */
    public static Fit<TuckerTensor> hooi(Tensor x, double relativeTolerance) {
        return hooi(x, hosvd(x, relativeTolerance).model().ranks(), 50, 1e-10);
    }

    /** HOOI with given ranks; 50 sweeps, tolerance 1e-10 on the change of the relative error. */
    public static Fit<TuckerTensor> hooi(Tensor x, int... ranks) { return hooi(x, ranks, 50, 1e-10); }

    /**
     * HOOI from the HOSVD with given ranks.
     *
     * @throws IllegalArgumentException on bad ranks, a non-finite entry or maxIterations &lt; 1
     */
    public static Fit<TuckerTensor> hooi(Tensor x, int[] ranks, int maxIterations, double tolerance) {
        checkInput(x);
        checkRanks(x, ranks);
        if (maxIterations < 1) throw new IllegalArgumentException("maxIterations must be ≥ 1, got " + maxIterations);
        int nd = x.rank();
        DenseMatrix[] a = hosvd(x, ranks).model().factorsCopy();
        double nx = Tensors.norm(x);
        List<Double> hist = new ArrayList<>();
        Status status = Status.MAX_ITERATIONS;
        Tensor core = null;
        int it;
        for (it = 1; it <= maxIterations; it++) {
            Tensor y = null;
            for (int n = 0; n < nd; n++) {
                DenseMatrix[] proj = a.clone();
                proj[n] = null;
                y = Tensors.multiModeProduct(x, proj, true);
                a[n] = Linear.leadingColumns(Lapack.svd(Tensors.unfoldC(y, n)).u(), ranks[n]);
            }
            core = Tensors.modeProductT(y, a[nd - 1], nd - 1);
            double ng = Tensors.norm(core);
            double e2 = nx * nx - ng * ng;
            double err = nx == 0 ? 0 : e2 > 1e-10 * nx * nx ? Math.sqrt(e2) / nx
                    : Tensors.distance(x, new TuckerTensor(core, a).toDense()) / nx;
            hist.add(err);
            if (!Double.isFinite(err)) { status = Status.DIVERGED; break; }
            int h = hist.size();
            if (h >= 2 && Math.abs(hist.get(h - 2) - err) < tolerance) { status = Status.CONVERGED; break; }
        }
        return new Fit<>(new TuckerTensor(core, a), status, Math.min(it, maxIterations),
                hist.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static Fit<TuckerTensor> direct(Tensor x, DenseMatrix[] a) {
        TuckerTensor t = new TuckerTensor(Tensors.multiModeProduct(x, a, true), a);
        return new Fit<>(t, Status.CONVERGED, 1, new double[] {t.relativeError(x)});
    }

    static void checkInput(Tensor x) {
        if (x.rank() < 1) throw new IllegalArgumentException("Tucker needs a tensor of order ≥ 1");
        if (x.size() == 0) throw new IllegalArgumentException("empty tensor, shape " + Arrays.toString(x.shape()));
        Tensors.requireFinite(x, "Tucker input");
    }

    static void checkRanks(Tensor x, int[] ranks) {
        if (ranks.length != x.rank()) throw new IllegalArgumentException(ranks.length + " ranks for a tensor of order " + x.rank());
        for (int n = 0; n < ranks.length; n++) {
            if (ranks[n] < 1 || ranks[n] > x.dim(n)) {
                throw new IllegalArgumentException("Tucker rank " + ranks[n] + " of mode " + n + " out of range [1, " + x.dim(n)
                        + "] for shape " + Arrays.toString(x.shape()));
            }
        }
    }
}
