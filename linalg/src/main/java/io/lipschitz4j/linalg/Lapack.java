package io.lipschitz4j.linalg;

import org.netlib.util.intW;

/**
 * Row-major LAPACK calls over {@code dev.ludovic.netlib} (see {@link Backend}). Inputs are never
 * modified: routines that overwrite their matrix get a copy.
 */
public final class Lapack {
    private Lapack() {}

    /**
     * All min(m, n) singular values of A, descending (dgesdd, JOBZ='N'). A row-major A is the
     * column-major Aᵀ, which has the same singular values. Cost O(mn·min(m,n)).
     */
    public static double[] singularValues(DenseMatrix a) {
        int m = a.rows(), n = a.cols(), k = Math.min(m, n);
        double[] s = new double[k];
        if (k == 0) return s;
        requireFinite(a.data(), "singularValues");
        double[] work = a.data().clone();
        // column-major view: n×m with ld n
        intW info = new intW(0);
        double[] q = new double[1];
        int[] iwork = new int[8 * k];
        Backend.current().lapack().dgesdd("N", n, m, work, n, s, new double[1], 1, new double[1], 1, q, -1, iwork, info);
        double[] w = new double[Math.max(1, (int) q[0])];
        Backend.current().lapack().dgesdd("N", n, m, work, n, s, new double[1], 1, new double[1], 1, w, w.length, iwork, info);
        check(info, "dgesdd");
        return s;
    }

    /** Thin SVD A = U·diag(s)·Vᵀ with U m×k, V n×k (k = min(m, n)), singular values descending. */
    public static Svd svd(DenseMatrix a) {
        int m = a.rows(), n = a.cols(), k = Math.min(m, n);
        if (k == 0) return new Svd(DenseMatrix.zeros(m, 0), new double[0], DenseMatrix.zeros(n, 0));
        requireFinite(a.data(), "svd");
        if (n > m) {
            // netlib's argument check for dgesdd JOBZ='S' with M > N sizes U as M×M (IndexOutOfBounds on
            // a correct thin U), so wide inputs go through the transpose: Aᵀ = V·S·Uᵀ.
            Svd t = svd(a.transpose());
            return new Svd(t.v(), t.s(), t.u());
        }
        // Column-major view of the data is B = Aᵀ (n×m). dgesdd gives B = Ub·S·Vbᵀ (Ub n×k, Vbᵀ k×m, column-major).
        // Then A = Vb·S·Ubᵀ: U_A = Vb, V_A = Ub. Column-major Vbᵀ (k×m, ld k) read row-major is Vb (m×k);
        // column-major Ub (n×k, ld n) read row-major is Ubᵀ (k×n), transposed once into V_A.
        double[] work0 = a.data().clone();
        double[] s = new double[k];
        double[] ub = new double[n * k];
        double[] vbt = new double[k * m];
        intW info = new intW(0);
        int[] iwork = new int[8 * k];
        double[] q = new double[1];
        Backend.current().lapack().dgesdd("S", n, m, work0, n, s, ub, n, vbt, k, q, -1, iwork, info);
        double[] w = new double[Math.max(1, (int) q[0])];
        Backend.current().lapack().dgesdd("S", n, m, work0, n, s, ub, n, vbt, k, w, w.length, iwork, info);
        check(info, "dgesdd");
        DenseMatrix u = new DenseMatrix(m, k, vbt);
        DenseMatrix v = new DenseMatrix(k, n, ub).transpose();
        return new Svd(u, s, v);
    }

    /** Thin singular value decomposition A = U·diag(s)·Vᵀ; s descending. */
    public record Svd(DenseMatrix u, double[] s, DenseMatrix v) {}

    /**
     * Eigenvalues of a symmetric matrix, ascending (dsyevd, values only). Only the upper triangle of the
     * row-major matrix is read (it is the lower triangle of the column-major view).
     */
    public static double[] symmetricEigenvalues(DenseMatrix a) {
        int n = a.rows();
        if (n != a.cols()) throw new IllegalArgumentException("not square: " + a);
        double[] w = new double[n];
        if (n == 0) return w;
        requireFinite(a.data(), "symmetricEigenvalues");
        double[] c = a.data().clone();
        intW info = new intW(0);
        double[] q = new double[1];
        int[] iq = new int[1];
        Backend.current().lapack().dsyevd("N", "L", n, c, n, w, q, -1, iq, -1, info);
        double[] work = new double[Math.max(1, (int) q[0])];
        int[] iwork = new int[Math.max(1, iq[0])];
        Backend.current().lapack().dsyevd("N", "L", n, c, n, w, work, work.length, iwork, iwork.length, info);
        check(info, "dsyevd");
        return w;
    }

    /**
     * Cholesky factorization in place of the upper triangle of a row-major symmetric matrix (dpotrf on
     * the column-major lower triangle): on success the row-major upper triangle holds R with A = RᵀR.
     *
     * @return 0 on success, or the order k &gt; 0 of the leading minor that is not positive definite
     */
    public static int choleskyInPlace(double[] a, int n) {
        if (n == 0) return 0;
        intW info = new intW(0);
        Backend.current().lapack().dpotrf("L", n, a, n, info);
        if (info.val < 0) throw new LinalgException("dpotrf: illegal argument " + (-info.val));
        return info.val;
    }

    /**
     * Eigenvalues of the symmetric tridiagonal matrix with diagonal d and off-diagonal e, ascending,
     * by the root-free QR of dsterf; d is overwritten with them, e is destroyed. O(n²).
     */
    public static void tridiagonalEigenvaluesInPlace(double[] d, double[] e, int n) {
        if (n == 0) return;
        intW info = new intW(0);
        Backend.current().lapack().dsterf(n, d, e, info);
        check(info, "dsterf");
    }

    static void check(intW info, String routine) {
        if (info.val < 0) throw new LinalgException(routine + ": illegal value in argument " + (-info.val));
        if (info.val > 0) throw new LinalgException(routine + ": did not converge (INFO=" + info.val + ")");
    }

    static void requireFinite(double[] x, String what) {
        for (double v : x) if (!Double.isFinite(v)) throw new LinalgException(what + ": matrix has NaN or infinite entries");
    }
}
