package io.lipschitz4j.linalg;

/**
 * A real linear map A: ℝ^cols → ℝ^rows given only by its action, for matrix-free methods (power
 * iteration, Lanczos) on operators too large to form, such as convolutions.
 * Implementations must satisfy the adjoint identity ⟨Ax, y⟩ = ⟨x, Aᵀy⟩.
 */
public interface LinearOperator {
    /** Dimension of the output space. */
    int rows();

    /** Dimension of the input space. */
    int cols();

    /** y ← A x; x has length {@link #cols()}, y has length {@link #rows()} and is overwritten. */
    void apply(double[] x, double[] y);

    /** x ← Aᵀ y; y has length {@link #rows()}, x has length {@link #cols()} and is overwritten. */
    void applyTranspose(double[] y, double[] x);

    /** A dense matrix as an operator (two BLAS dgemv calls per pair of products). */
    static LinearOperator of(DenseMatrix a) {
        return new LinearOperator() {
            @Override public int rows() { return a.rows(); }
            @Override public int cols() { return a.cols(); }
            @Override public void apply(double[] x, double[] y) { Blas.gemv(false, a, x, y); }
            @Override public void applyTranspose(double[] y, double[] x) { Blas.gemv(true, a, y, x); }
        };
    }

    /** The explicit matrix of the operator, built column by column from impulses (reference use). */
    default DenseMatrix toDense() {
        DenseMatrix m = DenseMatrix.zeros(rows(), cols());
        double[] e = new double[cols()];
        double[] col = new double[rows()];
        for (int j = 0; j < cols(); j++) {
            e[j] = 1;
            apply(e, col);
            e[j] = 0;
            for (int i = 0; i < rows(); i++) m.set(i, j, col[i]);
        }
        return m;
    }
}
