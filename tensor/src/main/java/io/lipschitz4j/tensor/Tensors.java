package io.lipschitz4j.tensor;

import io.lipschitz4j.linalg.Blas;
import io.lipschitz4j.linalg.DenseMatrix;
import io.lipschitz4j.linalg.Rounding;
import io.lipschitz4j.linalg.Tensor;
import java.lang.reflect.Array;
import java.util.Arrays;

/**
 * Dense N-way tensor operations on C-order {@link Tensor}s: permutation, unfolding and folding, mode-n
 * products, Khatri–Rao and Kronecker products, MTTKRP, norms and inner products.
 *
 * <h2>Two unfolding orders</h2>
 * <ul>
 *   <li><b>Kolda–Bader</b> ({@link #unfoldKB}): X_(n) has rows i_n and column
 *       j = Σ_{k≠n} i_k·J_k, J_k = Π_{m&lt;k, m≠n} I_m — the <em>first</em> remaining index runs fastest
 *       (Kolda &amp; Bader 2009, §2.4). With it, a CP tensor satisfies
 *       X_(n) = A_n·diag(λ)·(A_{N−1} ⊙ … ⊙ A_{n+1} ⊙ A_{n−1} ⊙ … ⊙ A_0)ᵀ (their eq. (3.5)) and a Tucker
 *       tensor X_(n) = A_n·G_(n)·(A_{N−1} ⊗ … ⊗ A_{n+1} ⊗ A_{n−1} ⊗ … ⊗ A_0)ᵀ (eq. (4.2)).</li>
 *   <li><b>C order</b> ({@link #unfoldC}): X_[n] = {@code np.moveaxis(X, n, 0).reshape(I_n, -1)}: the
 *       <em>last</em> remaining index runs fastest. The products then take the factors in increasing
 *       order: X_[n] = A_n·diag(λ)·(A_0 ⊙ … ⊙ A_{n−1} ⊙ A_{n+1} ⊙ … ⊙ A_{N−1})ᵀ and
 *       X_[n] = A_n·G_[n]·(A_0 ⊗ … ⊗ A_{n−1} ⊗ A_{n+1} ⊗ … ⊗ A_{N−1})ᵀ. This is the order the
 *       decompositions use internally (no permutation for n = 0) and the one NumPy code writes.</li>
 * </ul>
 * {@link #khatriRao} and {@link #kronecker} use the usual convention: the row index of the
 * <em>last</em> operand runs fastest (row (i, j) of A ⊙ B is i·J + j), as in Kolda–Bader and NumPy.
 *
 * <p>All results are new arrays; inputs are never modified.
 */
public final class Tensors {
    private Tensors() {}

    // ------------------------------------------------------------------ construction and checks

    /**
     * A tensor from nested Java arrays ({@code double[]}, {@code double[][]}, {@code double[][][]}, …).
     *
     * @throws IllegalArgumentException on ragged arrays (sub-arrays of different lengths), nulls or a
     *                                  non-{@code double} leaf type
     */
    public static Tensor of(Object nested) {
        if (nested == null || !nested.getClass().isArray()) throw new IllegalArgumentException("not an array: " + nested);
        int depth = 0;
        Class<?> c = nested.getClass();
        while (c.isArray()) { depth++; c = c.getComponentType(); }
        if (c != double.class) throw new IllegalArgumentException("expected nested double arrays, got leaf type " + c);
        int[] shape = new int[depth];
        Object o = nested;
        for (int d = 0; d < depth; d++) {
            shape[d] = Array.getLength(o);
            if (d + 1 < depth) {
                if (shape[d] == 0) break;
                o = Array.get(o, 0);
            }
        }
        double[] data = new double[Math.toIntExact(Tensor.sizeOf(shape))];
        fill(nested, shape, 0, data, new int[] {0}, "");
        return new Tensor(shape, data);
    }

    private static void fill(Object o, int[] shape, int d, double[] out, int[] pos, String path) {
        if (o == null) throw new IllegalArgumentException("null sub-array at " + path);
        int len = Array.getLength(o);
        if (len != shape[d]) {
            throw new IllegalArgumentException("ragged array: length " + len + " at index " + (path.isEmpty() ? "[]" : path)
                    + ", expected " + shape[d] + " (shape " + Arrays.toString(shape) + ")");
        }
        if (d == shape.length - 1) {
            System.arraycopy((double[]) o, 0, out, pos[0], len);
            pos[0] += len;
        } else {
            for (int i = 0; i < len; i++) fill(Array.get(o, i), shape, d + 1, out, pos, path + "[" + i + "]");
        }
    }

    /**
     * Throws if any entry is NaN or infinite, naming the first one by its multi-index.
     *
     * @throws IllegalArgumentException with the position of the first non-finite entry
     */
    public static void requireFinite(Tensor x, String what) {
        int i = x.firstNonFinite();
        if (i >= 0) {
            throw new IllegalArgumentException(what + " has a non-finite entry " + x.data()[i] + " at "
                    + Arrays.toString(multiIndex(x.shape(), i)) + " (shape " + Arrays.toString(x.shape()) + ")");
        }
    }

    static void requireFinite(DenseMatrix m, String what) {
        for (int i = 0; i < m.data().length; i++) {
            if (!Double.isFinite(m.data()[i])) {
                throw new IllegalArgumentException(what + " has a non-finite entry at (" + i / Math.max(1, m.cols()) + ", "
                        + i % Math.max(1, m.cols()) + ")");
            }
        }
    }

    /** The multi-index of a C-order flat index. */
    public static int[] multiIndex(int[] shape, int flat) {
        int[] idx = new int[shape.length];
        for (int k = shape.length - 1; k >= 0; k--) {
            idx[k] = shape[k] == 0 ? 0 : flat % shape[k];
            flat = shape[k] == 0 ? 0 : flat / shape[k];
        }
        return idx;
    }

    /** A tensor of i.i.d. standard normals from a seed. */
    public static Tensor gaussian(long seed, int... shape) {
        return new Tensor(shape, io.lipschitz4j.linalg.Gaussian.vector(Math.toIntExact(Tensor.sizeOf(shape)), seed));
    }

    // ------------------------------------------------------------------ norms and inner products

    /**
     * Frobenius norm ‖X‖ = (Σ x²)^{1/2}: one BLAS ddot when the sum of squares is safely inside the
     * normal range, otherwise recomputed with power-of-two scaling (no overflow or underflow). O(∏I).
     */
    public static double norm(Tensor x) {
        int n = x.size();
        if (n == 0) return 0;
        double s = Blas.dot(n, x.data(), 0, x.data(), 0);
        if (s > 0x1p-900 && s < 0x1p900) return Math.sqrt(s);
        return Rounding.norm2(x.data(), 0, n);
    }

    /** Inner product ⟨X, Y⟩ = Σ x·y (BLAS ddot). O(∏I). */
    public static double inner(Tensor x, Tensor y) {
        requireSameShape(x, y);
        return x.size() == 0 ? 0 : Blas.dot(x.size(), x.data(), 0, y.data(), 0);
    }

    /** ‖X − Y‖ (Frobenius). */
    public static double distance(Tensor x, Tensor y) {
        requireSameShape(x, y);
        double[] d = x.data().clone();
        if (d.length > 0) Blas.axpy(d.length, -1.0, y.data(), 0, d, 0);
        return Rounding.norm2(d, 0, d.length);
    }

    /** ‖X − Y‖ / ‖Y‖ (∞ when Y = 0 ≠ X, 0 when both vanish). */
    public static double relativeError(Tensor x, Tensor reference) {
        double d = distance(x, reference), n = norm(reference);
        return n == 0 ? (d == 0 ? 0 : Double.POSITIVE_INFINITY) : d / n;
    }

    static void requireSameShape(Tensor x, Tensor y) {
        if (!Arrays.equals(x.shape(), y.shape())) {
            throw new IllegalArgumentException("shape mismatch " + Arrays.toString(x.shape()) + " vs " + Arrays.toString(y.shape()));
        }
    }

    // ------------------------------------------------------------------ permutation, unfolding, folding

    /**
     * Axis permutation with NumPy's {@code transpose} semantics: output axis k is input axis perm[k].
     * O(∏I) with a stride-walking odometer (no per-element index arithmetic beyond one add).
     */
    public static Tensor permute(Tensor x, int... perm) {
        int n = x.rank();
        if (perm.length != n) throw new IllegalArgumentException("permutation of length " + perm.length + " for rank " + n);
        boolean[] seen = new boolean[n];
        for (int p : perm) {
            if (p < 0 || p >= n || seen[p]) throw new IllegalArgumentException("not a permutation: " + Arrays.toString(perm));
            seen[p] = true;
        }
        int[] shape = x.shape();
        int[] outShape = new int[n];
        for (int k = 0; k < n; k++) outShape[k] = shape[perm[k]];
        double[] src = x.data();
        double[] dst = new double[src.length];
        if (src.length == 0) return new Tensor(outShape, dst);
        boolean identity = true;
        for (int k = 0; k < n; k++) identity &= perm[k] == k;
        if (identity) return new Tensor(outShape, src.clone());
        int[] inStride = new int[n];
        for (int k = n - 1, s = 1; k >= 0; k--) { inStride[k] = s; s *= shape[k]; }
        int[] st = new int[n];
        for (int k = 0; k < n; k++) st[k] = inStride[perm[k]];
        int last = outShape[n - 1], lastStride = st[n - 1];
        int[] idx = new int[n];
        int off = 0, o = 0;
        while (o < dst.length) {
            for (int j = 0, s = off; j < last; j++, s += lastStride) dst[o++] = src[s];
            int k = n - 2;
            for (; k >= 0; k--) {
                idx[k]++;
                off += st[k];
                if (idx[k] < outShape[k]) break;
                off -= st[k] * outShape[k];
                idx[k] = 0;
            }
            if (k < 0) break;
        }
        return new Tensor(outShape, dst);
    }

    static int[] inversePermutation(int[] perm) {
        int[] inv = new int[perm.length];
        for (int k = 0; k < perm.length; k++) inv[perm[k]] = k;
        return inv;
    }

    /** Axes (n, 0, …, n−1, n+1, …, N−1): the C-order unfolding order. */
    static int[] cOrderPerm(int rank, int n) {
        int[] p = new int[rank];
        p[0] = n;
        for (int k = 0, j = 1; k < rank; k++) if (k != n) p[j++] = k;
        return p;
    }

    /** Axes (n, N−1, …, n+1, n−1, …, 0): the Kolda–Bader order written as a C-order permutation. */
    static int[] kbOrderPerm(int rank, int n) {
        int[] p = new int[rank];
        p[0] = n;
        for (int k = rank - 1, j = 1; k >= 0; k--) if (k != n) p[j++] = k;
        return p;
    }

    private static void checkMode(Tensor x, int n) {
        if (n < 0 || n >= x.rank()) throw new IllegalArgumentException("mode " + n + " out of range for a rank-" + x.rank() + " tensor");
    }

    /**
     * C-order mode-n unfolding X_[n] (I_n × Π_{k≠n} I_k): {@code np.moveaxis(X, n, 0).reshape(I_n, -1)},
     * the last remaining index fastest. A copy. O(∏I).
     */
    public static DenseMatrix unfoldC(Tensor x, int n) {
        checkMode(x, n);
        Tensor p = permute(x, cOrderPerm(x.rank(), n));
        return new DenseMatrix(x.dim(n), x.dim(n) == 0 ? 0 : x.size() / x.dim(n), p.data());
    }

    /** Inverse of {@link #unfoldC}: the tensor of the given shape whose C-order mode-n unfolding is m. */
    public static Tensor foldC(DenseMatrix m, int n, int... shape) {
        int[] perm = cOrderPerm(shape.length, n);
        return permute(new Tensor(permutedShape(shape, perm, m), m.data()), inversePermutation(perm));
    }

    /**
     * Kolda–Bader mode-n unfolding X_(n) (I_n × Π_{k≠n} I_k): column j = Σ_{k≠n} i_k·Π_{m&lt;k,m≠n} I_m,
     * the first remaining index fastest (Kolda &amp; Bader 2009, §2.4). A copy. O(∏I).
     */
    public static DenseMatrix unfoldKB(Tensor x, int n) {
        checkMode(x, n);
        Tensor p = permute(x, kbOrderPerm(x.rank(), n));
        return new DenseMatrix(x.dim(n), x.dim(n) == 0 ? 0 : x.size() / x.dim(n), p.data());
    }

    /** Inverse of {@link #unfoldKB}. */
    public static Tensor foldKB(DenseMatrix m, int n, int... shape) {
        int[] perm = kbOrderPerm(shape.length, n);
        return permute(new Tensor(permutedShape(shape, perm, m), m.data()), inversePermutation(perm));
    }

    private static int[] permutedShape(int[] shape, int[] perm, DenseMatrix m) {
        int[] ps = new int[shape.length];
        for (int k = 0; k < shape.length; k++) ps[k] = shape[perm[k]];
        long size = Tensor.sizeOf(shape);
        if (m.rows() != shape[perm[0]] || (long) m.rows() * m.cols() != size) {
            throw new IllegalArgumentException("cannot fold a " + m.rows() + "x" + m.cols() + " matrix into shape " + Arrays.toString(shape));
        }
        return ps;
    }

    // ------------------------------------------------------------------ mode-n products

    /**
     * Mode-n product Y = X ×_n U, y_{…j…} = Σ_i u_{ji}·x_{…i…} (Kolda &amp; Bader 2009, §2.5), U of shape
     * J × I_n. With X viewed as (P, I_n, Q), P = Π_{k&lt;n} I_k, Q = Π_{k&gt;n} I_k: one dgemm
     * Y(P × J) = X(P × I_n)·Uᵀ when Q = 1, one dgemm Y(J × Q) = U·X(I_n × Q) when P = 1, otherwise P
     * dgemm calls on contiguous slabs (no element loop, no permutation). Cost 2·J·∏I flops.
     */
    public static Tensor modeProduct(Tensor x, DenseMatrix u, int n) { return modeProduct(x, u, n, false); }

    /** Y = X ×_n Uᵀ for U of shape I_n × J (projection onto the columns of U), without forming Uᵀ. */
    public static Tensor modeProductT(Tensor x, DenseMatrix u, int n) { return modeProduct(x, u, n, true); }

    static Tensor modeProduct(Tensor x, DenseMatrix u, int n, boolean transU) {
        checkMode(x, n);
        int in = x.dim(n);
        int uIn = transU ? u.rows() : u.cols();
        int j = transU ? u.cols() : u.rows();
        if (uIn != in) {
            throw new IllegalArgumentException("mode-" + n + " product: matrix " + u.rows() + "x" + u.cols()
                    + (transU ? " (transposed)" : "") + " does not act on dimension " + in + " of " + x);
        }
        int[] shape = x.shape();
        int p = 1, q = 1;
        for (int k = 0; k < n; k++) p *= shape[k];
        for (int k = n + 1; k < shape.length; k++) q *= shape[k];
        shape[n] = j;
        double[] y = new double[Math.toIntExact(Tensor.sizeOf(shape))];
        if (y.length == 0) return new Tensor(shape, y);
        double[] xd = x.data(), ud = u.data();
        int ldu = u.cols();
        if (q == 1) {
            // Y(P×J) = X(P×I)·op(U)ᵀ
            Blas.gemm(false, !transU, p, j, in, 1.0, xd, in, ud, ldu, 0.0, y, j);
        } else {
            for (int s = 0; s < p; s++) {
                // Y_s(J×Q) = op(U)(J×I)·X_s(I×Q)
                Blas.gemm(transU, false, j, q, in, 1.0, ud, 0, ldu, xd, s * in * q, q, 0.0, y, s * j * q, q);
            }
        }
        return new Tensor(shape, y);
    }

    /** X ×_0 U_0 ×_1 U_1 ⋯ ×_{N−1} U_{N−1}; a null entry skips that mode. */
    public static Tensor multiModeProduct(Tensor x, DenseMatrix[] us, boolean transpose) {
        if (us.length != x.rank()) throw new IllegalArgumentException(us.length + " matrices for a rank-" + x.rank() + " tensor");
        // apply the most size-reducing products first
        Integer[] order = new Integer[us.length];
        for (int k = 0; k < order.length; k++) order[k] = k;
        double[] ratio = new double[us.length];
        for (int k = 0; k < us.length; k++) {
            if (us[k] == null) continue;
            ratio[k] = (double) (transpose ? us[k].cols() : us[k].rows()) / Math.max(1, x.dim(k));
        }
        Arrays.sort(order, (a, b) -> Double.compare(ratio[a], ratio[b]));
        Tensor y = x;
        for (int k : order) if (us[k] != null) y = modeProduct(y, us[k], k, transpose);
        return y;
    }

    // ------------------------------------------------------------------ Khatri–Rao and Kronecker

    /**
     * Khatri–Rao (column-wise Kronecker) product A_0 ⊙ A_1 ⊙ ⋯ ⊙ A_{m−1}: (Π I_k) × R, row
     * (i_0, …, i_{m−1}) in C order (last operand's index fastest) holds the Hadamard product of the
     * rows. All operands must have R columns. O(R·Π I_k).
     */
    public static DenseMatrix khatriRao(DenseMatrix... ms) {
        if (ms.length == 0) throw new IllegalArgumentException("Khatri–Rao product of no matrices");
        int r = ms[0].cols();
        for (DenseMatrix m : ms) {
            if (m.cols() != r) throw new IllegalArgumentException("Khatri–Rao product needs equal column counts, got " + r + " and " + m.cols());
        }
        double[] cur = ms[0].data().clone();
        int rows = ms[0].rows();
        for (int t = 1; t < ms.length; t++) {
            DenseMatrix b = ms[t];
            int br = b.rows();
            double[] next = new double[Math.multiplyExact(Math.multiplyExact(rows, br), r)];
            double[] bd = b.data();
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < br; j++) {
                    int o = (i * br + j) * r, a0 = i * r, b0 = j * r;
                    for (int c = 0; c < r; c++) next[o + c] = cur[a0 + c] * bd[b0 + c];
                }
            }
            cur = next;
            rows *= br;
        }
        return new DenseMatrix(rows, r, cur);
    }

    /**
     * Kronecker product A ⊗ B ((m_A·m_B) × (n_A·n_B)), entry ((i, k), (j, l)) = a_{ij}·b_{kl}, B's
     * indices fastest. O(m_A n_A m_B n_B).
     */
    public static DenseMatrix kronecker(DenseMatrix a, DenseMatrix b) {
        int ma = a.rows(), na = a.cols(), mb = b.rows(), nb = b.cols();
        int cols = Math.multiplyExact(na, nb);
        double[] out = new double[Math.multiplyExact(Math.multiplyExact(ma, mb), cols)];
        double[] ad = a.data(), bd = b.data();
        for (int i = 0; i < ma; i++)
            for (int j = 0; j < na; j++) {
                double v = ad[i * na + j];
                for (int k = 0; k < mb; k++) {
                    int o = (i * mb + k) * cols + j * nb;
                    for (int l = 0; l < nb; l++) out[o + l] = v * bd[k * nb + l];
                }
            }
        return new DenseMatrix(ma * mb, cols, out);
    }

    /** A_0 ⊗ A_1 ⊗ ⋯ (left to right). */
    public static DenseMatrix kronecker(DenseMatrix... ms) {
        if (ms.length == 0) throw new IllegalArgumentException("Kronecker product of no matrices");
        DenseMatrix k = ms[0];
        for (int t = 1; t < ms.length; t++) k = kronecker(k, ms[t]);
        return k;
    }

    /** Hadamard (entrywise) product of equal-shape matrices. */
    public static DenseMatrix hadamard(DenseMatrix a, DenseMatrix b) {
        if (a.rows() != b.rows() || a.cols() != b.cols()) throw new IllegalArgumentException("Hadamard product shape mismatch");
        double[] o = a.data().clone();
        for (int i = 0; i < o.length; i++) o[i] *= b.data()[i];
        return new DenseMatrix(a.rows(), a.cols(), o);
    }

    /** AᵀA (R × R, both triangles) through dsyrk. O(I·R²). */
    public static DenseMatrix gram(DenseMatrix a) {
        int r = a.cols();
        double[] g = new double[r * r];
        Blas.syrkAtA(r, a.rows(), 1.0, a.data(), r, 0.0, g, r);
        for (int i = 0; i < r; i++) for (int j = 0; j < i; j++) g[i * r + j] = g[j * r + i];
        return new DenseMatrix(r, r, g);
    }

    /** AᵀB through dgemm. */
    static DenseMatrix crossGram(DenseMatrix a, DenseMatrix b) {
        if (a.rows() != b.rows()) throw new IllegalArgumentException("row mismatch " + a.rows() + " vs " + b.rows());
        double[] g = new double[a.cols() * b.cols()];
        Blas.gemm(true, false, a.cols(), b.cols(), a.rows(), 1.0, a.data(), a.cols(), b.data(), b.cols(), 0.0, g, b.cols());
        return new DenseMatrix(a.cols(), b.cols(), g);
    }

    // ------------------------------------------------------------------ MTTKRP

    /**
     * Matricized tensor times Khatri–Rao product M = X_[n]·(A_0 ⊙ ⋯ ⊙ A_{n−1} ⊙ A_{n+1} ⊙ ⋯ ⊙ A_{N−1})
     * (I_n × R), equal to X_(n)·(A_{N−1} ⊙ ⋯ ⊙ A_0 without A_n) in Kolda–Bader order, computed
     * <em>without forming the Khatri–Rao matrix</em>: one dgemm contracts the last mode
     * (X(Π_{k&lt;N−1} I_k × I_{N−1})·A_{N−1}; the first mode, A_0ᵀ·X(I_0 × Π_{k&gt;0} I_k), when n = N−1),
     * then the remaining modes are contracted one by one with the column index r kept, each a
     * Hadamard-weighted sum on a tensor already smaller by a factor I_{N−1}.
     * Cost 2R·∏I flops for the dgemm plus O(R·∏I / I_{last}) for the rest. Entry {@code factors[n]} is
     * not read (may be null).
     */
    public static DenseMatrix mttkrp(Tensor x, DenseMatrix[] factors, int n) {
        int nd = x.rank();
        checkMode(x, n);
        if (factors.length != nd) throw new IllegalArgumentException(factors.length + " factors for a rank-" + nd + " tensor");
        int r = -1;
        for (int k = 0; k < nd; k++) {
            if (k == n) continue;
            DenseMatrix a = factors[k];
            if (a.rows() != x.dim(k)) throw new IllegalArgumentException("factor " + k + " has " + a.rows() + " rows, tensor dimension is " + x.dim(k));
            if (r >= 0 && a.cols() != r) throw new IllegalArgumentException("factors have different ranks " + r + " and " + a.cols());
            r = a.cols();
        }
        if (nd == 1) throw new IllegalArgumentException("MTTKRP needs a tensor of order ≥ 2");
        if (n < nd - 1) return reduceFromTrailing(contractLast(x, factors[nd - 1]), x.shape(), factors, n, r);
        return reduceFromLeading(contractFirst(x, factors[0]), x.shape(), factors, r);
    }

    /** T = X(Π_{k&lt;N−1} I_k × I_{N−1})·A (shape (I_0, …, I_{N−2}, R) flattened). One dgemm. */
    static double[] contractLast(Tensor x, DenseMatrix a) {
        int last = x.dim(x.rank() - 1), r = a.cols();
        int p = last == 0 ? 0 : x.size() / last;
        double[] t = new double[p * r];
        Blas.gemm(false, false, p, r, last, 1.0, x.data(), last, a.data(), r, 0.0, t, r);
        return t;
    }

    /** T = A_0ᵀ·X(I_0 × Π_{k&gt;0} I_k) (shape (R, I_1, …, I_{N−1}) flattened). One dgemm. */
    static double[] contractFirst(Tensor x, DenseMatrix a) {
        int first = x.dim(0), r = a.cols();
        int q = first == 0 ? 0 : x.size() / first;
        double[] t = new double[r * q];
        Blas.gemm(true, false, r, q, first, 1.0, a.data(), r, x.data(), q, 0.0, t, q);
        return t;
    }

    /**
     * From T of shape (I_0, …, I_{N−2}, R): contract modes N−2, …, n+1 (trailing) and then 0, …, n−1
     * (leading) with the factors, r kept; returns M (I_n × R).
     */
    static DenseMatrix reduceFromTrailing(double[] t, int[] shape, DenseMatrix[] f, int n, int r) {
        int nd = shape.length;
        int p = 1;
        for (int k = 0; k < nd - 1; k++) p *= shape[k];
        double[] cur = t;
        // trailing modes: cur has shape (P', I_m, R)
        for (int m = nd - 2; m > n; m--) {
            int im = shape[m];
            p /= Math.max(1, im);
            double[] next = new double[p * r];
            double[] a = f[m].data();
            for (int s = 0; s < p; s++) {
                int o = s * r;
                for (int i = 0; i < im; i++) {
                    int c0 = (s * im + i) * r, a0 = i * r;
                    for (int c = 0; c < r; c++) next[o + c] += cur[c0 + c] * a[a0 + c];
                }
            }
            cur = next;
        }
        // leading modes: cur has shape (I_m, Q, R)
        int q = p;
        for (int m = 0; m < n; m++) {
            int im = shape[m];
            q /= Math.max(1, im);
            double[] next = new double[q * r];
            double[] a = f[m].data();
            for (int i = 0; i < im; i++) {
                int a0 = i * r;
                for (int s = 0; s < q; s++) {
                    int c0 = (i * q + s) * r, o = s * r;
                    for (int c = 0; c < r; c++) next[o + c] += a[a0 + c] * cur[c0 + c];
                }
            }
            cur = next;
        }
        return new DenseMatrix(shape[n], r, cur);
    }

    /** From T of shape (R, I_1, …, I_{N−1}): contract modes 1, …, N−2 (BLAS daxpy), return M (I_{N−1} × R). */
    static DenseMatrix reduceFromLeading(double[] t, int[] shape, DenseMatrix[] f, int r) {
        int nd = shape.length;
        int q = 1;
        for (int k = 1; k < nd; k++) q *= shape[k];
        double[] cur = t;
        for (int m = 1; m < nd - 1; m++) {
            int im = shape[m];
            int q2 = q / Math.max(1, im);
            double[] next = new double[r * q2];
            double[] a = f[m].data();
            for (int c = 0; c < r; c++)
                for (int i = 0; i < im; i++) {
                    double w = a[i * r + c];
                    if (w != 0) Blas.axpy(q2, w, cur, (c * im + i) * q2, next, c * q2);
                }
            cur = next;
            q = q2;
        }
        int last = shape[nd - 1];
        double[] m = new double[last * r];
        for (int c = 0; c < r; c++) for (int i = 0; i < last; i++) m[i * r + c] = cur[c * last + i];
        return new DenseMatrix(last, r, m);
    }
}
