package io.lipschitz4j.tensor;

import io.lipschitz4j.linalg.Blas;
import io.lipschitz4j.linalg.DenseMatrix;
import io.lipschitz4j.linalg.Tensor;
import java.util.Arrays;

/**
 * A tensor in CP (CANDECOMP/PARAFAC) form [[λ; A_0, …, A_{N−1}]] = Σ_r λ_r a_0r ∘ a_1r ∘ ⋯ ∘ a_{N−1,r}
 * (Kolda &amp; Bader 2009, §3, eq. (3.3)), A_k of shape I_k × R. Immutable: weights and factors are
 * copied in and out.
 *
 * <p>Norms and inner products are computed from the factors (never densifying):
 * ‖X‖² = λᵀ(A_0ᵀA_0 ⊛ ⋯ ⊛ A_{N−1}ᵀA_{N−1})λ (Kolda &amp; Bader 2009, §3.3), cost O(R²·ΣI_k); the
 * inner product with a dense tensor is Σ_r λ_r Σ_i M[i,r]·A_0[i,r] with M the MTTKRP of mode 0, cost
 * O(R·∏I) without forming a Khatri–Rao matrix.
 */
public final class CPTensor implements FactoredTensor {
    private final double[] weights;
    private final DenseMatrix[] factors;

    /**
     * @throws IllegalArgumentException when there is no factor, the column counts differ from the number
     *                                  of weights, or an entry is not finite
     */
    public CPTensor(double[] weights, DenseMatrix... factors) {
        if (factors.length == 0) throw new IllegalArgumentException("a CP tensor needs at least one factor");
        int r = weights.length;
        for (int k = 0; k < factors.length; k++) {
            if (factors[k] == null) throw new IllegalArgumentException("factor " + k + " is null");
            if (factors[k].cols() != r) {
                throw new IllegalArgumentException("factor " + k + " has " + factors[k].cols() + " columns, expected rank " + r + " (= number of weights)");
            }
            Tensors.requireFinite(factors[k], "CP factor " + k);
        }
        for (double w : weights) if (!Double.isFinite(w)) throw new IllegalArgumentException("CP weight is not finite: " + w);
        this.weights = weights.clone();
        this.factors = new DenseMatrix[factors.length];
        for (int k = 0; k < factors.length; k++) this.factors[k] = factors[k].copy();
    }

    /** Unit weights. */
    public static CPTensor of(DenseMatrix... factors) {
        double[] w = new double[factors.length == 0 ? 0 : factors[0].cols()];
        Arrays.fill(w, 1.0);
        return new CPTensor(w, factors);
    }

    /** Random CP tensor with i.i.d. standard normal factors and unit weights (seeded). */
    public static CPTensor random(long seed, int rank, int... shape) {
        DenseMatrix[] f = new DenseMatrix[shape.length];
        for (int k = 0; k < shape.length; k++) f[k] = DenseMatrix.gaussian(shape[k], rank, seed + 7919L * k);
        return of(f);
    }

    public int rank() { return weights.length; }
    public int order() { return factors.length; }
    public int[] shape() {
        int[] s = new int[factors.length];
        for (int k = 0; k < s.length; k++) s[k] = factors[k].rows();
        return s;
    }
    public double[] weights() { return weights.clone(); }
    public DenseMatrix factor(int k) { return factors[k].copy(); }
    public DenseMatrix[] factors() {
        DenseMatrix[] f = new DenseMatrix[factors.length];
        for (int k = 0; k < f.length; k++) f[k] = factors[k].copy();
        return f;
    }

    /** Internal shared views (no copy). */
    DenseMatrix[] factorsView() { return factors; }
    double[] weightsView() { return weights; }

    /**
     * The dense tensor: X_[0] = A_0·diag(λ)·(A_1 ⊙ ⋯ ⊙ A_{N−1})ᵀ in C order, one dgemm after forming the
     * Khatri–Rao product of the other factors. O(R·∏I).
     */
    @Override public Tensor toDense() {
        int[] shape = shape();
        int r = rank();
        if (factors.length == 1) {
            double[] x = new double[shape[0]];
            double[] a = factors[0].data();
            for (int i = 0; i < shape[0]; i++) for (int c = 0; c < r; c++) x[i] += a[i * r + c] * weights[c];
            return new Tensor(shape, x);
        }
        DenseMatrix kr = Tensors.khatriRao(Arrays.copyOfRange(factors, 1, factors.length));
        double[] a0 = factors[0].data().clone();
        for (int i = 0; i < shape[0]; i++) for (int c = 0; c < r; c++) a0[i * r + c] *= weights[c];
        double[] x = new double[Math.toIntExact(Tensor.sizeOf(shape))];
        Blas.gemm(false, true, shape[0], kr.rows(), r, 1.0, a0, r, kr.data(), r, 0.0, x, kr.rows());
        return new Tensor(shape, x);
    }

    /** ⊛_{k} A_kᵀB_k (Hadamard product of the cross-Gram matrices), R × S. */
    private static DenseMatrix hadamardCrossGrams(DenseMatrix[] a, DenseMatrix[] b) {
        DenseMatrix h = null;
        for (int k = 0; k < a.length; k++) {
            DenseMatrix g = a == b ? Tensors.gram(a[k]) : Tensors.crossGram(a[k], b[k]);
            h = h == null ? g : Tensors.hadamard(h, g);
        }
        return h;
    }

    @Override public double selfInner() { return inner(this); }

    /** ⟨X, Y⟩ = λᵀ(⊛_k A_kᵀB_k)μ for two CP tensors of the same shape, O(R·S·ΣI_k). */
    public double inner(CPTensor other) {
        requireSameShape(other.shape());
        DenseMatrix h = hadamardCrossGrams(factors, other == this ? factors : other.factors);
        double s = 0;
        int cols = h.cols();
        for (int i = 0; i < h.rows(); i++) {
            double row = 0;
            for (int j = 0; j < cols; j++) row += h.data()[i * cols + j] * other.weights[j];
            s += weights[i] * row;
        }
        return s;
    }

    /** ⟨X, Y⟩ with a dense Y: Σ_r λ_r Σ_i MTTKRP(Y)_0[i,r]·A_0[i,r], O(R·∏I), no Khatri–Rao matrix formed. */
    @Override public double inner(Tensor y) {
        requireSameShape(y.shape());
        if (factors.length == 1) {
            double s = 0;
            int r = rank();
            for (int i = 0; i < y.size(); i++) for (int c = 0; c < r; c++) s += y.data()[i] * factors[0].data()[i * r + c] * weights[c];
            return s;
        }
        DenseMatrix m = Tensors.mttkrp(y, factors, 0);
        return weightedTrace(m, factors[0], weights);
    }

    /** Σ_r w_r Σ_i M[i,r]·A[i,r]. */
    static double weightedTrace(DenseMatrix m, DenseMatrix a, double[] w) {
        int r = w.length;
        double[] col = new double[r];
        double[] md = m.data(), ad = a.data();
        for (int i = 0; i < m.rows(); i++) for (int c = 0; c < r; c++) col[c] += md[i * r + c] * ad[i * r + c];
        double s = 0;
        for (int c = 0; c < r; c++) s += w[c] * col[c];
        return s;
    }

    /** Columns of every factor scaled to unit norm, scales moved into the weights (zero columns left). */
    public CPTensor normalized() {
        double[] w = weights.clone();
        DenseMatrix[] f = factors();
        for (DenseMatrix a : f) {
            double[] n = columnNormsInPlace(a);
            for (int c = 0; c < w.length; c++) w[c] *= n[c];
        }
        return new CPTensor(w, f);
    }

    /** Divides each nonzero column by its norm; returns the norms. */
    static double[] columnNormsInPlace(DenseMatrix a) {
        int r = a.cols(), m = a.rows();
        double[] d = a.data();
        double[] n = new double[r];
        for (int i = 0; i < m; i++) for (int c = 0; c < r; c++) n[c] += d[i * r + c] * d[i * r + c];
        for (int c = 0; c < r; c++) n[c] = Math.sqrt(n[c]);
        for (int i = 0; i < m; i++) for (int c = 0; c < r; c++) if (n[c] > 0) d[i * r + c] /= n[c];
        return n;
    }

    private void requireSameShape(int[] s) {
        if (!Arrays.equals(shape(), s)) throw new IllegalArgumentException("shape mismatch " + Arrays.toString(shape()) + " vs " + Arrays.toString(s));
    }

    @Override public String toString() { return "CPTensor[shape=" + Arrays.toString(shape()) + ", rank=" + rank() + "]"; }
}
