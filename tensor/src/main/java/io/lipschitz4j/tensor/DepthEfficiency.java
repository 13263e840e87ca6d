package io.lipschitz4j.tensor;

import io.lipschitz4j.linalg.DenseMatrix;
import io.lipschitz4j.linalg.Lapack;
import io.lipschitz4j.linalg.Tensor;

/**
 * Depth efficiency of convolutional arithmetic circuits (Cohen, Sharir &amp; Shashua 2016, "On the
 * expressive power of deep learning: a tensor analysis", COLT).
 *
 * <p>A deep convolutional arithmetic circuit with N = 2^L inputs, M representation functions, size-2
 * product pooling and r channels per layer has a coefficient tensor A^y (order N, every dimension M)
 * in hierarchical Tucker form over the balanced dimension tree (their eq. (4)): leaves a^{0,j,α} ∈ ℝ^M
 * (α &lt; r), transfer tensors of shape r × r × r per pooling node and 1 × r × r at the output. Their
 * Theorem 1: with r ≤ M, the odd/even matricization [A^y] (rows: modes 0, 2, 4, …; columns: modes
 * 1, 3, 5, …, 0-based, C order) has rank r^{N/2} for almost every choice of weights, while a shallow
 * network (CP model) with Z hidden units gives rank ≤ Z. Hence a CP model needs at least r^{N/2} terms,
 * and any CP model with R terms misses A^y by at least (Σ_{i&gt;R} σ_i²)^{1/2}, σ_i the singular values
 * of [A^y] (Eckart–Young: each rank-1 term has rank-1 matricization), which {@link #cpErrorLowerBound}
 * returns.
 *
 * <p>Cost: the dense tensor has M^N entries and the SVD of the M^{N/2} × M^{N/2} matricization costs
 * O(M^{3N/2}); (N, M, r) = (8, 3, 3) is 6561 entries and an 81 × 81 SVD.
 */
public final class DepthEfficiency {
    private DepthEfficiency() {}

    /** Matricization rank, the r^{N/2} lower bound of Theorem 1, and the singular values (descending). */
    public record Report(int n, int m, int r, int matricizationRank, long bound, double[] singularValues) {
        public Report {
            singularValues = singularValues.clone();
        }
        @Override public double[] singularValues() { return singularValues.clone(); }
    }

    /**
     * The coefficient tensor of a random deep convolutional arithmetic circuit as an HT tensor on the
     * balanced tree, all weights i.i.d. standard normal (seeded).
     *
     * @throws IllegalArgumentException unless N is a power of two ≥ 2 and M, r ≥ 1
     */
    public static HTTensor convolutionalArithmeticCircuit(int n, int m, int r, long seed) {
        if (n < 2 || Integer.bitCount(n) != 1) throw new IllegalArgumentException("N must be a power of two ≥ 2 (size-2 pooling), got " + n);
        if (m < 1 || r < 1) throw new IllegalArgumentException("M and r must be ≥ 1, got M = " + m + ", r = " + r);
        int[] shape = new int[n];
        java.util.Arrays.fill(shape, m);
        return HTTensor.random(seed, DimensionTree.balanced(n), r, shape);
    }

    /** [A]: rows indexed by the even 0-based modes (0, 2, …), columns by the odd ones (1, 3, …), both in C order. */
    public static DenseMatrix oddEvenMatricization(Tensor a) {
        int n = a.rank();
        if (n < 2 || n % 2 != 0) throw new IllegalArgumentException("odd/even matricization needs an even order, got " + n);
        int[] perm = new int[n];
        long rows = 1;
        for (int k = 0; k < n / 2; k++) {
            perm[k] = 2 * k;
            perm[n / 2 + k] = 2 * k + 1;
            rows *= a.dim(2 * k);
        }
        Tensor p = Tensors.permute(a, perm);
        return new DenseMatrix(Math.toIntExact(rows), (int) (a.size() / rows), p.data());
    }

    /** Number of singular values above max(m, n)·ε·σ₁ (LAPACK's default rank tolerance). */
    public static int numericalRank(double[] s, int rows, int cols) {
        if (s.length == 0 || s[0] == 0) return 0;
        double tol = Math.max(rows, cols) * Math.ulp(1.0) * s[0];
        int k = 0;
        while (k < s.length && s[k] > tol) k++;
        return k;
    }

    /** Generate the circuit for (N, M, r), densify, and compute the rank of its odd/even matricization. */
    public static Report analyze(int n, int m, int r, long seed) {
        Tensor a = convolutionalArithmeticCircuit(n, m, r, seed).toDense();
        DenseMatrix mat = oddEvenMatricization(a);
        double[] s = Lapack.singularValues(mat);
        long bound = 1;
        for (int k = 0; k < n / 2; k++) bound *= Math.min(r, m);
        return new Report(n, m, r, numericalRank(s, mat.rows(), mat.cols()), bound, s);
    }

    /**
     * Certified-in-exact-arithmetic lower bound on ‖A − C‖ over all CP tensors C with {@code terms} terms:
     * (Σ_{i&gt;R} σ_i²)^{1/2} of the odd/even matricization (Eckart–Young), computed in floating point.
     */
    public static double cpErrorLowerBound(Tensor a, int terms) {
        if (terms < 0) throw new IllegalArgumentException("terms must be ≥ 0, got " + terms);
        double[] s = Lapack.singularValues(oddEvenMatricization(a));
        return Math.sqrt(Linear.tail2(s, Math.min(terms, s.length)));
    }
}
