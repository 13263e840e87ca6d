package io.lipschitz4j.tensor;

import io.lipschitz4j.linalg.Blas;
import io.lipschitz4j.linalg.DenseMatrix;
import io.lipschitz4j.linalg.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A tensor in hierarchical Tucker form (Hackbusch &amp; Kühn 2009; Grasedyck 2010, SIMAX 31(4), Def. 3.6):
 * over a {@link DimensionTree}, leaf bases U_μ (I_μ × k_μ) and, for every interior node t with
 * children t₁, t₂, a transfer tensor B_t of shape k_t × k_{t₁} × k_{t₂} defining the nested frames
 * <pre>
 *   U_t[(i₁, i₂), j] = Σ_{l₁,l₂} B_t[j, l₁, l₂]·U_{t₁}[i₁, l₁]·U_{t₂}[i₂, l₂],    i.e. U_t = (U_{t₁} ⊗ U_{t₂})·B_t^{(1)ᵀ}
 * </pre>
 * with k_root = 1 and vec(X) = U_root (C order). Immutable.
 *
 * <p>Without densifying: ⟨X, Y⟩ for two HT tensors on the same tree by the bottom-up Gram recursion
 * M_t = U_tᵀV_t, M_t[j, j'] = Σ B_t[j,l₁,l₂]·M_{t₁}[l₁,l₁']·M_{t₂}[l₂,l₂']·C_t[j',l₁',l₂'] (Grasedyck 2010,
 * §5; Kressner &amp; Tobler 2012), cost O(d·k⁴ + Σ_μ I_μ k²); ⟨X, Y⟩ with a dense Y by projecting Y
 * leaves-to-root, cost O(k·∏I) for the first leaf.
 */
public final class HTTensor implements FactoredTensor {
    private final DimensionTree tree;
    private final DenseMatrix[] leaves;  // indexed by node, null at interior nodes
    private final Tensor[] transfers;    // indexed by node, null at leaves

    /**
     * @param leafBases  per node (null at interior nodes): I_μ × k_μ
     * @param transfers  per node (null at leaves): k_t × k_{t₁} × k_{t₂}, k_root = 1
     * @throws IllegalArgumentException when an array has the wrong length, a slot is missing, shapes do
     *                                  not chain along the tree, or an entry is not finite
     */
    public HTTensor(DimensionTree tree, DenseMatrix[] leafBases, Tensor[] transfers) {
        int n = tree.nodeCount();
        if (leafBases.length != n || transfers.length != n) {
            throw new IllegalArgumentException("need " + n + " node slots, got " + leafBases.length + " leaf and " + transfers.length + " transfer slots");
        }
        this.tree = tree;
        this.leaves = new DenseMatrix[n];
        this.transfers = new Tensor[n];
        for (int t = 0; t < n; t++) {
            if (tree.isLeaf(t)) {
                if (leafBases[t] == null) throw new IllegalArgumentException("missing leaf basis at node " + t);
                Tensors.requireFinite(leafBases[t], "HT leaf basis " + t);
                leaves[t] = leafBases[t].copy();
            } else {
                Tensor b = transfers[t];
                if (b == null || b.rank() != 3) throw new IllegalArgumentException("node " + t + " needs a 3-way transfer tensor");
                Tensors.requireFinite(b, "HT transfer tensor " + t);
                this.transfers[t] = new Tensor(b.shape(), b.data().clone());
            }
        }
        for (int t = 0; t < n; t++) {
            if (tree.isLeaf(t)) continue;
            int[] s = this.transfers[t].shape();
            int kl = rank(tree.left(t)), kr = rank(tree.right(t));
            if (s[1] != kl || s[2] != kr) {
                throw new IllegalArgumentException("transfer tensor of node " + t + " has shape " + Arrays.toString(s)
                        + ", children have ranks " + kl + " and " + kr);
            }
        }
        if (rank(tree.root()) != 1) throw new IllegalArgumentException("root rank must be 1, got " + rank(tree.root()));
    }

    /** Random leaf bases and transfer tensors with i.i.d. normal entries; all non-root ranks k (capped by the dimensions of the leaves). */
    public static HTTensor random(long seed, DimensionTree tree, int k, int... shape) {
        if (shape.length != tree.modes()) throw new IllegalArgumentException("shape has " + shape.length + " modes, tree " + tree.modes());
        int n = tree.nodeCount();
        int[] rk = new int[n];
        DenseMatrix[] u = new DenseMatrix[n];
        Tensor[] b = new Tensor[n];
        for (int t = n - 1; t >= 0; t--) {
            if (tree.isLeaf(t)) {
                rk[t] = Math.min(k, shape[tree.lo(t)]);
                u[t] = DenseMatrix.gaussian(shape[tree.lo(t)], rk[t], seed + 13L * t);
            } else {
                int kl = rk[tree.left(t)], kr = rk[tree.right(t)];
                rk[t] = t == tree.root() ? 1 : Math.min(k, kl * kr);
                b[t] = Tensors.gaussian(seed + 13L * t, rk[t], kl, kr);
            }
        }
        return new HTTensor(tree, u, b);
    }

    public DimensionTree tree() { return tree; }
    /** k_t of node t. */
    public int rank(int t) { return tree.isLeaf(t) ? leaves[t].cols() : transfers[t].dim(0); }
    public int[] ranks() {
        int[] r = new int[tree.nodeCount()];
        for (int t = 0; t < r.length; t++) r[t] = rank(t);
        return r;
    }
    public DenseMatrix leafBasis(int t) { return leaves[t].copy(); }
    public Tensor transfer(int t) { return new Tensor(transfers[t].shape(), transfers[t].data().clone()); }
    public int[] shape() {
        int[] s = new int[tree.modes()];
        for (int t = 0; t < tree.nodeCount(); t++) if (tree.isLeaf(t)) s[tree.lo(t)] = leaves[t].rows();
        return s;
    }
    /** Σ of stored entries. */
    public long parameterCount() {
        long p = 0;
        for (int t = 0; t < tree.nodeCount(); t++) p += tree.isLeaf(t) ? leaves[t].data().length : transfers[t].size();
        return p;
    }

    /** The frame U_t (n_t × k_t) of node t, built bottom-up. */
    DenseMatrix frame(int t) {
        if (tree.isLeaf(t)) return leaves[t];
        DenseMatrix u1 = frame(tree.left(t)), u2 = frame(tree.right(t));
        Tensor b = transfers[t];
        Tensor y = Tensors.modeProduct(Tensors.modeProduct(b, u1, 1), u2, 2); // (k, n1, n2)
        Tensor p = Tensors.permute(y, 1, 2, 0);                                // (n1, n2, k)
        return new DenseMatrix(u1.rows() * u2.rows(), b.dim(0), p.data());
    }

    /** vec(X) = U_root. O(∏I·k) for the last step. */
    @Override public Tensor toDense() { return new Tensor(shape(), frame(tree.root()).data()); }

    /** ⟨X, Y⟩ by the Gram recursion on the common tree, never densifying. */
    public double inner(HTTensor other) {
        if (!tree.equals(other.tree) || !Arrays.equals(shape(), other.shape())) {
            throw new IllegalArgumentException("HT tensors need the same tree and shape");
        }
        return gram(tree.root(), other).data()[0];
    }

    private DenseMatrix gram(int t, HTTensor o) {
        if (tree.isLeaf(t)) return Tensors.crossGram(leaves[t], o.leaves[t]);
        DenseMatrix m1 = gram(tree.left(t), o), m2 = gram(tree.right(t), o);
        Tensor b = transfers[t], c = o.transfers[t];
        Tensor z = Tensors.modeProductT(Tensors.modeProductT(b, m1, 1), m2, 2); // (k, k1', k2')
        int k = b.dim(0), k2 = c.dim(0), inner = c.dim(1) * c.dim(2);
        double[] m = new double[k * k2];
        Blas.gemm(false, true, k, k2, inner, 1.0, z.data(), inner, c.data(), inner, 0.0, m, k2);
        return new DenseMatrix(k, k2, m);
    }

    /** ⟨X, Y⟩ with a dense Y: project Y onto the leaf bases, then merge sibling modes with the transfer tensors. */
    @Override public double inner(Tensor y) {
        if (!Arrays.equals(shape(), y.shape())) {
            throw new IllegalArgumentException("shape mismatch " + Arrays.toString(shape()) + " vs " + Arrays.toString(y.shape()));
        }
        Tensor c = y;
        List<Integer> frontier = new ArrayList<>();
        for (int mu = 0; mu < tree.modes(); mu++) {
            int leaf = tree.leafOf(mu);
            c = Tensors.modeProductT(c, leaves[leaf], mu);
            frontier.add(leaf);
        }
        for (int t = tree.nodeCount() - 1; t >= 0; t--) {
            if (tree.isLeaf(t)) continue;
            int p = frontier.indexOf(tree.left(t));
            c = mergeAxes(c, p);
            Tensor b = transfers[t];
            c = Tensors.modeProduct(c, new DenseMatrix(b.dim(0), b.dim(1) * b.dim(2), b.data()), p);
            frontier.remove(p + 1);
            frontier.set(p, t);
        }
        return c.data()[0];
    }

    /** Reshape merging axes p and p+1 (C order: a pure reshape). */
    static Tensor mergeAxes(Tensor c, int p) {
        int[] s = c.shape();
        int[] m = new int[s.length - 1];
        for (int i = 0, j = 0; i < s.length; i++) {
            if (i == p + 1) continue;
            m[j++] = i == p ? s[p] * s[p + 1] : s[i];
        }
        return new Tensor(m, c.data());
    }

    @Override public double selfInner() { return inner(this); }

    @Override public String toString() { return "HTTensor[shape=" + Arrays.toString(shape()) + ", ranks=" + Arrays.toString(ranks()) + "]"; }
}
