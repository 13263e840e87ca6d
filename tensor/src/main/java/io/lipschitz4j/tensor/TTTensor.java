package io.lipschitz4j.tensor;

import io.lipschitz4j.linalg.Blas;
import io.lipschitz4j.linalg.Tensor;
import java.util.Arrays;

/**
 * A tensor in tensor-train (matrix product state) form
 * X(i_0, …, i_{d−1}) = G_0(i_0)·G_1(i_1)⋯G_{d−1}(i_{d−1}) (Oseledets 2011, SISC 33(5), eq. (1.2)), core G_k
 * of shape r_k × I_k × r_{k+1} with r_0 = r_d = 1; G_k(i) is the r_k × r_{k+1} slice. Immutable.
 *
 * <p>Without densifying: ⟨X, Y⟩ by the left-to-right sweep W_{k+1} = Σ_i G_k(i)ᵀ·W_k·H_k(i), two dgemms
 * per core (Oseledets 2011, §4.3), cost O(d·I·r³); ‖X‖ = ⟨X, X⟩^{1/2}; ⟨X, Y⟩ with a dense Y contracts Y
 * core by core from the left, cost O(r_1·∏I).
 */
public final class TTTensor implements FactoredTensor {
    private final Tensor[] cores;

    /**
     * @throws IllegalArgumentException when a core is not 3-way, the boundary ranks are not 1, neighbouring
     *                                  ranks do not match, or an entry is not finite
     */
    public TTTensor(Tensor... cores) {
        if (cores.length == 0) throw new IllegalArgumentException("a TT tensor needs at least one core");
        for (int k = 0; k < cores.length; k++) {
            if (cores[k].rank() != 3) throw new IllegalArgumentException("TT core " + k + " has shape " + Arrays.toString(cores[k].shape()) + ", expected (r_k, I_k, r_k+1)");
            Tensors.requireFinite(cores[k], "TT core " + k);
            if (k > 0 && cores[k].dim(0) != cores[k - 1].dim(2)) {
                throw new IllegalArgumentException("TT ranks do not chain: core " + (k - 1) + " ends with rank " + cores[k - 1].dim(2)
                        + ", core " + k + " starts with rank " + cores[k].dim(0));
            }
        }
        if (cores[0].dim(0) != 1 || cores[cores.length - 1].dim(2) != 1) {
            throw new IllegalArgumentException("TT boundary ranks must be 1, got " + cores[0].dim(0) + " and " + cores[cores.length - 1].dim(2));
        }
        this.cores = new Tensor[cores.length];
        for (int k = 0; k < cores.length; k++) this.cores[k] = new Tensor(cores[k].shape(), cores[k].data().clone());
    }

    /** Random cores with i.i.d. standard normal entries (seeded); {@code ranks} are the d−1 inner ranks. */
    public static TTTensor random(long seed, int[] ranks, int... shape) {
        if (ranks.length != shape.length - 1) throw new IllegalArgumentException("need " + (shape.length - 1) + " inner ranks, got " + ranks.length);
        Tensor[] c = new Tensor[shape.length];
        for (int k = 0; k < shape.length; k++) {
            int rl = k == 0 ? 1 : ranks[k - 1], rr = k == shape.length - 1 ? 1 : ranks[k];
            c[k] = Tensors.gaussian(seed + 101L * k, rl, shape[k], rr);
        }
        return new TTTensor(c);
    }

    public int order() { return cores.length; }
    public Tensor core(int k) { return new Tensor(cores[k].shape(), cores[k].data().clone()); }
    /** (r_0, r_1, …, r_d), r_0 = r_d = 1. */
    public int[] ranks() {
        int[] r = new int[cores.length + 1];
        for (int k = 0; k < cores.length; k++) r[k] = cores[k].dim(0);
        r[cores.length] = 1;
        return r;
    }
    public int[] shape() {
        int[] s = new int[cores.length];
        for (int k = 0; k < s.length; k++) s[k] = cores[k].dim(1);
        return s;
    }
    /** Number of stored values Σ r_k I_k r_{k+1}. */
    public long parameterCount() {
        long n = 0;
        for (Tensor c : cores) n += c.size();
        return n;
    }

    /** Left-to-right products (P·r_k) × (I_k·r_{k+1}) → one dgemm per core, O(∏I·r). */
    @Override public Tensor toDense() {
        double[] cur = cores[0].data().clone(); // (I_0) × r_1
        int rows = cores[0].dim(1);
        for (int k = 1; k < cores.length; k++) {
            Tensor g = cores[k];
            int rl = g.dim(0), cols = g.dim(1) * g.dim(2);
            double[] next = new double[rows * cols];
            Blas.gemm(false, false, rows, cols, rl, 1.0, cur, rl, g.data(), cols, 0.0, next, cols);
            cur = next;
            rows *= g.dim(1);
        }
        return new Tensor(shape(), cur);
    }

    /** ⟨X, Y⟩ by the core-by-core sweep, never densifying, O(d·I·r³). */
    public double inner(TTTensor other) {
        if (!Arrays.equals(shape(), other.shape())) {
            throw new IllegalArgumentException("shape mismatch " + Arrays.toString(shape()) + " vs " + Arrays.toString(other.shape()));
        }
        double[] w = {1.0};
        for (int k = 0; k < cores.length; k++) {
            Tensor a = cores[k], b = other.cores[k];
            int ra = a.dim(0), rb = b.dim(0), n = a.dim(1), ra2 = a.dim(2), rb2 = b.dim(2);
            double[] z = new double[ra * n * rb2]; // W (ra × rb) · B (rb × n·rb2)
            Blas.gemm(false, false, ra, n * rb2, rb, 1.0, w, rb, b.data(), n * rb2, 0.0, z, n * rb2);
            double[] w2 = new double[ra2 * rb2]; // A(ra·n × ra2)ᵀ · Z(ra·n × rb2)
            Blas.gemm(true, false, ra2, rb2, ra * n, 1.0, a.data(), ra2, z, rb2, 0.0, w2, rb2);
            w = w2;
        }
        return w[0];
    }

    /** ⟨X, Y⟩ with a dense Y, contracting Y core by core from the left (one dgemm each), O(r_1·∏I). */
    @Override public double inner(Tensor y) {
        if (!Arrays.equals(shape(), y.shape())) {
            throw new IllegalArgumentException("shape mismatch " + Arrays.toString(shape()) + " vs " + Arrays.toString(y.shape()));
        }
        double[] cur = y.data(); // (r_k·I_k) × rest, r_0 = 1
        int rest = y.size();
        for (Tensor g : cores) {
            int rl = g.dim(0), n = g.dim(1), rr = g.dim(2);
            rest /= n;
            double[] next = new double[rr * rest]; // G(rl·n × rr)ᵀ · cur(rl·n × rest)
            Blas.gemm(true, false, rr, rest, rl * n, 1.0, g.data(), rr, cur, rest, 0.0, next, rest);
            cur = next;
        }
        return cur[0];
    }

    @Override public double selfInner() { return inner(this); }

    @Override public String toString() { return "TTTensor[shape=" + Arrays.toString(shape()) + ", ranks=" + Arrays.toString(ranks()) + "]"; }
}
