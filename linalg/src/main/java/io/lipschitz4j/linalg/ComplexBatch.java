package io.lipschitz4j.linalg;

import java.util.Arrays;

/**
 * A batch of complex matrices [count, rows, cols] in C order, stored as two separate double arrays
 * (real and imaginary parts, "split" storage). Split storage keeps the inner loops of complex
 * kernels real and vectorizable, and lets real BLAS act on each part. Entry (b, i, j) is at flat
 * index (b·rows + i)·cols + j of both arrays. The arrays are shared, not copied.
 */
public final class ComplexBatch {
    private final int count, rows, cols;
    private final double[] re, im;

    public ComplexBatch(int count, int rows, int cols, double[] re, double[] im) {
        long n = Tensor.sizeOf(new int[] {count, rows, cols});
        if (re.length != n || im.length != n) {
            throw new IllegalArgumentException("[" + count + ", " + rows + ", " + cols + "] needs " + n
                    + " values per part, got " + re.length + " and " + im.length);
        }
        this.count = count;
        this.rows = rows;
        this.cols = cols;
        this.re = re;
        this.im = im;
    }

    public static ComplexBatch zeros(int count, int rows, int cols) {
        int n = Math.toIntExact(Tensor.sizeOf(new int[] {count, rows, cols}));
        return new ComplexBatch(count, rows, cols, new double[n], new double[n]);
    }

    public int count() { return count; }
    public int rows() { return rows; }
    public int cols() { return cols; }
    /** Real parts (shared, C order). */
    public double[] re() { return re; }
    /** Imaginary parts (shared, C order). */
    public double[] im() { return im; }
    /** Flat offset of matrix b. */
    public int offset(int b) { return b * rows * cols; }
    public int index(int b, int i, int j) { return (b * rows + i) * cols + j; }
    public double re(int b, int i, int j) { return re[index(b, i, j)]; }
    public double im(int b, int i, int j) { return im[index(b, i, j)]; }

    public void set(int b, int i, int j, double real, double imag) {
        int k = index(b, i, j);
        re[k] = real;
        im[k] = imag;
    }

    /** Modulus |z| of entry (b, i, j) (hypot: no spurious overflow). */
    public double abs(int b, int i, int j) { int k = index(b, i, j); return Math.hypot(re[k], im[k]); }

    /**
     * The real 2r×2c embedding [[Re, −Im], [Im, Re]] of matrix b. Its singular values are those of the
     * complex matrix, each repeated twice (Horn and Johnson, <i>Matrix Analysis</i>, §1.3.P20).
     */
    public DenseMatrix realEmbedding(int b) {
        int o = offset(b), c2 = 2 * cols;
        double[] d = new double[4 * rows * cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double x = re[o + i * cols + j], y = im[o + i * cols + j];
                d[i * c2 + j] = x;
                d[i * c2 + cols + j] = -y;
                d[(rows + i) * c2 + j] = y;
                d[(rows + i) * c2 + cols + j] = x;
            }
        }
        return new DenseMatrix(2 * rows, c2, d);
    }

    public ComplexBatch copy() { return new ComplexBatch(count, rows, cols, re.clone(), im.clone()); }

    @Override public String toString() { return "ComplexBatch" + Arrays.toString(new int[] {count, rows, cols}); }
}
