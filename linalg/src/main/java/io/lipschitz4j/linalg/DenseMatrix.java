package io.lipschitz4j.linalg;

import java.util.SplittableRandom;

/**
 * A dense m×n matrix of doubles in row-major order: entry (i, j) is {@code data[i*cols + j]}.
 * The data array is shared, not copied (see {@link Tensor}).
 */
public final class DenseMatrix {
    private final int rows;
    private final int cols;
    private final double[] data;

    public DenseMatrix(int rows, int cols, double[] data) {
        if (rows < 0 || cols < 0) throw new IllegalArgumentException("negative shape " + rows + "x" + cols);
        if ((long) rows * cols != data.length) {
            throw new IllegalArgumentException(rows + "x" + cols + " needs " + (long) rows * cols + " values, got " + data.length);
        }
        this.rows = rows;
        this.cols = cols;
        this.data = data;
    }

    public static DenseMatrix zeros(int rows, int cols) { return new DenseMatrix(rows, cols, new double[Math.multiplyExact(rows, cols)]); }

    public static DenseMatrix identity(int n) {
        DenseMatrix m = zeros(n, n);
        for (int i = 0; i < n; i++) m.data[i * n + i] = 1;
        return m;
    }

    /** Entries i.i.d. standard normal from a seeded generator (same seed, same matrix). */
    public static DenseMatrix gaussian(int rows, int cols, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] d = new double[Math.multiplyExact(rows, cols)];
        for (int i = 0; i < d.length; i++) d[i] = Gaussian.next(rnd);
        return new DenseMatrix(rows, cols, d);
    }

    public int rows() { return rows; }
    public int cols() { return cols; }
    public double[] data() { return data; }
    public double get(int i, int j) { return data[i * cols + j]; }
    public void set(int i, int j, double v) { data[i * cols + j] = v; }
    public DenseMatrix copy() { return new DenseMatrix(rows, cols, data.clone()); }

    public DenseMatrix transpose() {
        double[] t = new double[data.length];
        for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) t[j * rows + i] = data[i * cols + j];
        return new DenseMatrix(cols, rows, t);
    }

    /** this · other through BLAS dgemm. */
    public DenseMatrix times(DenseMatrix other) {
        if (cols != other.rows) throw new IllegalArgumentException("shape mismatch " + rows + "x" + cols + " · " + other.rows + "x" + other.cols);
        DenseMatrix c = zeros(rows, other.cols);
        Blas.gemm(false, false, rows, other.cols, cols, 1.0, data, cols, other.data, other.cols, 0.0, c.data, other.cols);
        return c;
    }

    /** Largest absolute entry (0 for an empty matrix; NaN if any entry is NaN). */
    public double maxAbs() {
        double m = 0;
        for (double v : data) {
            if (Double.isNaN(v)) return Double.NaN;
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    /** Frobenius norm, computed with scaling so that it neither overflows nor underflows. */
    public double frobeniusNorm() { return Rounding.norm2(data, 0, data.length); }

    public Tensor asTensor() { return new Tensor(new int[] {rows, cols}, data); }

    @Override public String toString() { return "DenseMatrix[" + rows + "x" + cols + "]"; }
}
