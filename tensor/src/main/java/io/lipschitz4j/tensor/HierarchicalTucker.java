package io.lipschitz4j.tensor;

import io.lipschitz4j.linalg.DenseMatrix;
import io.lipschitz4j.linalg.Lapack;
import io.lipschitz4j.linalg.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Hierarchical Tucker decomposition by the hierarchical SVD (Grasedyck 2010, "Hierarchical singular
 * value decomposition of tensors", SIMAX 31(4)).
 *
 * <ul>
 *   <li>{@link Variant#ROOT_TO_LEAVES} (Grasedyck Alg. 1): for every non-root node t, U_t = the k_t
 *       leading left singular vectors of the matricization X^(t) of the <em>original</em> tensor; then
 *       B_t = (U_{t₁} ⊗ U_{t₂})ᵀ·U_t and B_root = (U_{t₁} ⊗ U_{t₂})ᵀ·vec(X). Error
 *       ‖X − X̂‖ ≤ (Σ_t Σ_{i&gt;k_t} σ_{t,i}²)^{1/2} (his Thm. 3.11). Cost Σ_t O(n_t·∏I) SVD work.</li>
 *   <li>{@link Variant#LEAVES_TO_ROOT} (Grasedyck Alg. 2, sequential form): truncate the leaves first and
 *       project, then every interior node on the already reduced core, so later SVDs act on small
 *       k_{t₁}k_{t₂} × (…) matrices. The projections are nested and commute, so the error is exactly
 *       (Σ_t tail_t²)^{1/2}. Cost dominated by the leaf SVDs, Σ_μ O(I_μ·∏I).</li>
 * </ul>
 * Truncation: to ranks (a cap for all nodes or one per node), or to a relative tolerance ε with
 * per-node threshold δ = ε‖X‖/√(2d−2) (2d−2 non-root nodes), which guarantees ‖X − X̂‖ ≤ ε‖X‖ in both
 * variants. With ε = 0 and no cap the representation is exact up to rounding.
 */
public final class HierarchicalTucker {
    private HierarchicalTucker() {}

    public enum Variant { ROOT_TO_LEAVES, LEAVES_TO_ROOT }

    /** Balanced tree, leaves-to-root, relative tolerance ε and a cap k on every rank. */
    public static Fit<HTTensor> decompose(Tensor x, double relativeTolerance, int maxRank) {
        return decompose(x, DimensionTree.balanced(x.rank()), Variant.LEAVES_TO_ROOT, relativeTolerance, maxRank, null);
    }

    /**
     * @param ranks per-node ranks (indexed by node; the root's entry is ignored) or null
     * @throws IllegalArgumentException on a shape/tree mismatch, a non-finite entry, a rank below 1 or a
     *                                  per-node rank above min(n_t, ∏I / n_t), the largest the matricization allows
     */
    public static Fit<HTTensor> decompose(Tensor x, DimensionTree tree, Variant variant, double relativeTolerance, int maxRank, int[] ranks) {
        int d = x.rank();
        if (tree.modes() != d) throw new IllegalArgumentException("tree over " + tree.modes() + " modes for a tensor of order " + d);
        if (x.size() == 0) throw new IllegalArgumentException("empty tensor, shape " + Arrays.toString(x.shape()));
        if (!(relativeTolerance >= 0)) throw new IllegalArgumentException("tolerance must be ≥ 0, got " + relativeTolerance);
        if (maxRank < 1) throw new IllegalArgumentException("rank cap must be ≥ 1, got " + maxRank);
        Tensors.requireFinite(x, "HT input");
        int[] s = x.shape();
        if (ranks != null) {
            if (ranks.length != tree.nodeCount()) throw new IllegalArgumentException("need " + tree.nodeCount() + " node ranks, got " + ranks.length);
            for (int t = 1; t < ranks.length; t++) {
                long nt = 1;
                for (int m = tree.lo(t); m < tree.hi(t); m++) nt *= s[m];
                long max = Math.min(nt, x.size() / nt);
                if (ranks[t] < 1 || ranks[t] > max) {
                    throw new IllegalArgumentException("HT rank of node " + t + " (modes [" + tree.lo(t) + ", " + tree.hi(t) + ")) = " + ranks[t]
                            + " out of range [1, " + max + "] for shape " + Arrays.toString(s));
                }
            }
        }
        double delta = relativeTolerance * Tensors.norm(x) / Math.sqrt(2.0 * d - 2);
        HTTensor ht = variant == Variant.ROOT_TO_LEAVES ? rootToLeaves(x, tree, delta, maxRank, ranks)
                : leavesToRoot(x, tree, delta, maxRank, ranks);
        return new Fit<>(ht, Status.CONVERGED, 1, new double[] {ht.relativeError(x)});
    }

    private static int keep(double[] sv, double delta, int cap, int[] ranks, int t) {
        if (ranks != null) return Math.min(ranks[t], sv.length);
        return Linear.rankForTolerance(sv, delta, Math.min(cap, sv.length));
    }

    private static HTTensor leavesToRoot(Tensor x, DimensionTree tree, double delta, int cap, int[] ranks) {
        int n = tree.nodeCount(), d = tree.modes();
        DenseMatrix[] u = new DenseMatrix[n];
        Tensor[] b = new Tensor[n];
        Tensor c = x;
        for (int mu = 0; mu < d; mu++) {
            int leaf = tree.leafOf(mu);
            Lapack.Svd svd = Lapack.svd(Tensors.unfoldC(c, mu));
            u[leaf] = Linear.leadingColumns(svd.u(), keep(svd.s(), delta, cap, ranks, leaf));
            c = Tensors.modeProductT(c, u[leaf], mu);
        }
        List<Integer> frontier = new ArrayList<>();
        for (int mu = 0; mu < d; mu++) frontier.add(tree.leafOf(mu));
        for (int t = n - 1; t >= 1; t--) {
            if (tree.isLeaf(t)) continue;
            int p = frontier.indexOf(tree.left(t));
            int k1 = c.dim(p), k2 = c.dim(p + 1);
            c = HTTensor.mergeAxes(c, p);
            Lapack.Svd svd = Lapack.svd(Tensors.unfoldC(c, p));
            DenseMatrix ut = Linear.leadingColumns(svd.u(), keep(svd.s(), delta, cap, ranks, t));
            b[t] = new Tensor(new int[] {ut.cols(), k1, k2}, ut.transpose().data());
            c = Tensors.modeProductT(c, ut, p);
            frontier.remove(p + 1);
            frontier.set(p, t);
        }
        b[0] = new Tensor(new int[] {1, c.dim(0), c.dim(1)}, c.data().clone());
        return new HTTensor(tree, u, b);
    }

    private static HTTensor rootToLeaves(Tensor x, DimensionTree tree, double delta, int cap, int[] ranks) {
        int n = tree.nodeCount();
        int[] s = x.shape();
        DenseMatrix[] frame = new DenseMatrix[n];
        for (int t = 1; t < n; t++) {
            int pre = 1, nt = 1, post = 1;
            for (int m = 0; m < tree.lo(t); m++) pre *= s[m];
            for (int m = tree.lo(t); m < tree.hi(t); m++) nt *= s[m];
            for (int m = tree.hi(t); m < s.length; m++) post *= s[m];
            Tensor view = new Tensor(new int[] {pre, nt, post}, x.data());
            Lapack.Svd svd = Lapack.svd(Tensors.unfoldC(view, 1));
            frame[t] = Linear.leadingColumns(svd.u(), keep(svd.s(), delta, cap, ranks, t));
        }
        DenseMatrix[] u = new DenseMatrix[n];
        Tensor[] b = new Tensor[n];
        for (int t = 0; t < n; t++) {
            if (tree.isLeaf(t)) { u[t] = frame[t]; continue; }
            DenseMatrix u1 = frame[tree.left(t)], u2 = frame[tree.right(t)];
            int n1 = u1.rows(), n2 = u2.rows();
            Tensor ut = t == 0 ? new Tensor(new int[] {n1, n2, 1}, x.data())
                    : new Tensor(new int[] {n1, n2, frame[t].cols()}, frame[t].data());
            Tensor proj = Tensors.modeProductT(Tensors.modeProductT(ut, u1, 0), u2, 1); // (k1, k2, k)
            b[t] = Tensors.permute(proj, 2, 0, 1);
        }
        return new HTTensor(tree, u, b);
    }
}
