package io.lipschitz4j.linalg;

/**
 * Row-major BLAS calls over {@code dev.ludovic.netlib} (see {@link Backend}). Each method takes
 * row-major operands and calls the column-major Fortran routine on the transposes, so nothing is
 * copied: C = op(A)·op(B) in row-major is Cᵀ = op(B)ᵀ·op(A)ᵀ in column-major.
 */
public final class Blas {
    private Blas() {}

    /**
     * C(m×n) ← α·op(A)·op(B) + β·C, all row-major with leading dimensions (row strides) lda, ldb, ldc;
     * op(A) is m×k and op(B) is k×n.
     */
    public static void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
                            double[] a, int lda, double[] b, int ldb, double beta, double[] c, int ldc) {
        gemm(transA, transB, m, n, k, alpha, a, 0, lda, b, 0, ldb, beta, c, 0, ldc);
    }

    /** {@link #gemm} with offsets into the arrays. */
    public static void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
                            double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                            double beta, double[] c, int cOff, int ldc) {
        if (m == 0 || n == 0) return;
        if (k == 0) { // C ← β·C; netlib's bounds check rejects k = 0 operands
            for (int i = 0; i < m; i++) for (int j = 0; j < n; j++) c[cOff + i * ldc + j] *= beta;
            return;
        }
        Backend.current().blas().dgemm(transB ? "T" : "N", transA ? "T" : "N", n, m, k, alpha,
                b, bOff, Math.max(1, ldb), a, aOff, Math.max(1, lda), beta, c, cOff, Math.max(1, ldc));
    }

    /**
     * Float32 {@link #gemm}: C(m×n) ← α·op(A)·op(B) + β·C, row-major, with offsets (BLAS sgemm on the
     * column-major transposes). For training speed; certification stays in float64.
     */
    public static void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                             float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                             float beta, float[] c, int cOff, int ldc) {
        if (m == 0 || n == 0) return;
        if (k == 0) {
            for (int i = 0; i < m; i++) for (int j = 0; j < n; j++) c[cOff + i * ldc + j] *= beta;
            return;
        }
        Backend.current().blas().sgemm(transB ? "T" : "N", transA ? "T" : "N", n, m, k, alpha,
                b, bOff, Math.max(1, ldb), a, aOff, Math.max(1, lda), beta, c, cOff, Math.max(1, ldc));
    }

    /** y ← op(A)·x for a row-major matrix A (op = transpose when {@code trans}). */
    public static void gemv(boolean trans, DenseMatrix a, double[] x, double[] y) {
        int m = a.rows(), n = a.cols();
        if (m == 0 || n == 0) {
            java.util.Arrays.fill(y, 0, trans ? n : m, 0.0);
            return;
        }
        // Row-major A is column-major Aᵀ (n×m, ld n): A·x is "T" on it, Aᵀ·y is "N".
        Backend.current().blas().dgemv(trans ? "N" : "T", n, m, 1.0, a.data(), n, x, 1, 0.0, y, 1);
    }

    /**
     * C(n×n) ← α·AᵀA + β·C for row-major A (k×n), upper triangle of row-major C written
     * (dsyrk on the column-major view; the other triangle is left untouched).
     */
    public static void syrkAtA(int n, int k, double alpha, double[] a, int lda, double beta, double[] c, int ldc) {
        if (n == 0) return;
        if (k == 0) {
            for (int i = 0; i < n; i++) for (int j = i; j < n; j++) c[i * ldc + j] *= beta;
            return;
        }
        // Row-major A (k×n) is column-major Aᵀ (n×k). AᵀA = (Aᵀ)(Aᵀ)ᵀ → dsyrk "N" on it. The column-major
        // lower triangle of C is the row-major upper triangle.
        Backend.current().blas().dsyrk("L", "N", n, k, alpha, a, Math.max(1, lda), beta, c, Math.max(1, ldc));
    }

    /**
     * y ← G·x for a symmetric n×n G given by the upper triangle of its row-major array (the column-major
     * lower triangle: dsymv "L"); the other triangle is not read.
     */
    public static void symvUpper(int n, double[] g, double[] x, double[] y) {
        if (n == 0) return;
        Backend.current().blas().dsymv("L", n, 1.0, g, Math.max(1, n), x, 1, 0.0, y, 1);
    }

    /** {@link #syrkAtA} with offsets into A and C. */
    public static void syrkAtA(int n, int k, double alpha, double[] a, int aOff, int lda, double beta, double[] c, int cOff, int ldc) {
        if (n == 0) return;
        if (k == 0) {
            for (int i = 0; i < n; i++) for (int j = i; j < n; j++) c[cOff + i * ldc + j] *= beta;
            return;
        }
        Backend.current().blas().dsyrk("L", "N", n, k, alpha, a, aOff, Math.max(1, lda), beta, c, cOff, Math.max(1, ldc));
    }

    /**
     * B ← L⁻¹·B for a row-major lower-triangular L (m×m, non-unit diagonal; its strict upper part is not
     * read) and row-major B (m×n): dtrsm on the column-major views, Bᵀ ← Bᵀ·(Lᵀ)⁻¹ with Lᵀ upper.
     */
    public static void trsmLowerLeft(int m, int n, double[] l, int lOff, int ldl, double[] b, int bOff, int ldb) {
        if (m == 0 || n == 0) return;
        Backend.current().blas().dtrsm("R", "U", "N", "N", n, m, 1.0, l, lOff, Math.max(1, ldl), b, bOff, Math.max(1, ldb));
    }

    public static double dot(int n, double[] x, int xOff, double[] y, int yOff) {
        return Backend.current().blas().ddot(n, x, xOff, 1, y, yOff, 1);
    }

    /** y ← α·x + y. */
    public static void axpy(int n, double alpha, double[] x, int xOff, double[] y, int yOff) {
        Backend.current().blas().daxpy(n, alpha, x, xOff, 1, y, yOff, 1);
    }

    public static void scal(int n, double alpha, double[] x, int xOff) {
        Backend.current().blas().dscal(n, alpha, x, xOff, 1);
    }
}
