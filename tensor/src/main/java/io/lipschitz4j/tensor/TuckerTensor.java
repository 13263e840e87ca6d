package io.lipschitz4j.tensor;

import io.lipschitz4j.linalg.DenseMatrix;
import io.lipschitz4j.linalg.Tensor;
import java.util.Arrays;

/**
 * A tensor in Tucker form [[G; A_0, …, A_{N−1}]] = G ×_0 A_0 ×_1 A_1 ⋯ ×_{N−1} A_{N−1} (Tucker 1966;
 * Kolda &amp; Bader 2009, §4, eq. (4.1)), core G of shape R_0 × ⋯ × R_{N−1}, factors A_k of shape I_k × R_k.
 * Unfoldings: X_(n) = A_n·G_(n)·(A_{N−1} ⊗ ⋯ ⊗ A_{n+1} ⊗ A_{n−1} ⊗ ⋯ ⊗ A_0)ᵀ in Kolda–Bader order
 * (KB eq. (4.2)), X_[n] = A_n·G_[n]·(A_0 ⊗ ⋯ ⊗ A_{n−1} ⊗ A_{n+1} ⊗ ⋯ ⊗ A_{N−1})ᵀ in C order.
 * Immutable (copies in and out).
 *
 * <p>Without densifying: ⟨X, Y⟩ = ⟨G, H ×_0 A_0ᵀB_0 ⋯ ×_{N−1} A_{N−1}ᵀB_{N−1}⟩ for Y = [[H; B]]
 * (cost O(Π R·Σ R + Σ I·R²)); ‖X‖² = ⟨G, G ×_k A_kᵀA_k⟩ (= ‖G‖² when the factors are orthonormal);
 * ⟨X, Y⟩ = ⟨G, Y ×_k A_kᵀ⟩ for a dense Y (cost O(R_0·∏I)).
 */
public final class TuckerTensor implements FactoredTensor {
    private final Tensor core;
    private final DenseMatrix[] factors;

    /** @throws IllegalArgumentException when the factor count or column counts do not fit the core, or an entry is not finite */
    public TuckerTensor(Tensor core, DenseMatrix... factors) {
        if (factors.length != core.rank()) {
            throw new IllegalArgumentException(factors.length + " factors for a core of order " + core.rank());
        }
        Tensors.requireFinite(core, "Tucker core");
        for (int k = 0; k < factors.length; k++) {
            if (factors[k].cols() != core.dim(k)) {
                throw new IllegalArgumentException("factor " + k + " has " + factors[k].cols() + " columns, core dimension " + k + " is " + core.dim(k));
            }
            Tensors.requireFinite(factors[k], "Tucker factor " + k);
        }
        this.core = new Tensor(core.shape(), core.data().clone());
        this.factors = new DenseMatrix[factors.length];
        for (int k = 0; k < factors.length; k++) this.factors[k] = factors[k].copy();
    }

    /** Random core and factors, i.i.d. standard normal (seeded). */
    public static TuckerTensor random(long seed, int[] ranks, int... shape) {
        if (ranks.length != shape.length) throw new IllegalArgumentException("ranks and shape differ in length");
        DenseMatrix[] f = new DenseMatrix[shape.length];
        for (int k = 0; k < shape.length; k++) f[k] = DenseMatrix.gaussian(shape[k], ranks[k], seed + 31L * (k + 1));
        return new TuckerTensor(Tensors.gaussian(seed, ranks), f);
    }

    public int order() { return factors.length; }
    public Tensor core() { return new Tensor(core.shape(), core.data().clone()); }
    public DenseMatrix factor(int k) { return factors[k].copy(); }
    DenseMatrix[] factorsCopy() {
        DenseMatrix[] f = new DenseMatrix[factors.length];
        for (int k = 0; k < f.length; k++) f[k] = factors[k].copy();
        return f;
    }
    public int[] ranks() { return core.shape(); }
    public int[] shape() {
        int[] s = new int[factors.length];
        for (int k = 0; k < s.length; k++) s[k] = factors[k].rows();
        return s;
    }

    /** G ×_0 A_0 ⋯ ×_{N−1} A_{N−1} by N dgemm-based mode products, O(Σ_k (Π_{j≤k} I_j)(Π_{j≥k} R_j)). */
    @Override public Tensor toDense() { return Tensors.multiModeProduct(core, factors, false); }

    @Override public double selfInner() { return inner(this); }

    /** ⟨X, Y⟩ = ⟨G, H ×_k A_kᵀB_k⟩, never densifying. */
    public double inner(TuckerTensor other) {
        if (!Arrays.equals(shape(), other.shape())) {
            throw new IllegalArgumentException("shape mismatch " + Arrays.toString(shape()) + " vs " + Arrays.toString(other.shape()));
        }
        DenseMatrix[] m = new DenseMatrix[factors.length];
        for (int k = 0; k < m.length; k++) m[k] = Tensors.crossGram(factors[k], other.factors[k]);
        return Tensors.inner(core, Tensors.multiModeProduct(other.core, m, false));
    }

    /** ⟨X, Y⟩ = ⟨G, Y ×_k A_kᵀ⟩ for a dense Y (projection first, so the cost is that of the first mode product). */
    @Override public double inner(Tensor y) {
        if (!Arrays.equals(shape(), y.shape())) {
            throw new IllegalArgumentException("shape mismatch " + Arrays.toString(shape()) + " vs " + Arrays.toString(y.shape()));
        }
        return Tensors.inner(core, Tensors.multiModeProduct(y, factors, true));
    }

    @Override public String toString() {
        return "TuckerTensor[shape=" + Arrays.toString(shape()) + ", ranks=" + Arrays.toString(ranks()) + "]";
    }
}
