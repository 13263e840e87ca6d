package io.lipschitz4j.linalg;

import java.util.Arrays;

/**
 * A dense N-way array of doubles in C order (last index fastest), as NumPy, PyTorch and ONNX store it.
 * The shape is copied in and never changes; the data array is shared on purpose (no copies on the
 * hot path), so a caller that must keep its data unchanged passes a copy.
 */
public final class Tensor {
    private final int[] shape;
    private final double[] data;

    public Tensor(int[] shape, double[] data) {
        this.shape = shape.clone();
        long n = sizeOf(this.shape);
        if (n != data.length) {
            throw new IllegalArgumentException(
                    "shape " + Arrays.toString(shape) + " needs " + n + " values, got " + data.length);
        }
        this.data = data;
    }

    public static Tensor zeros(int... shape) {
        return new Tensor(shape, new double[Math.toIntExact(sizeOf(shape))]);
    }

    /** Product of the dimensions; throws on a negative dimension. */
    public static long sizeOf(int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    public int rank() { return shape.length; }
    public int dim(int axis) { return shape[axis]; }
    public int[] shape() { return shape.clone(); }
    public int size() { return data.length; }
    /** The backing array (shared, C order). */
    public double[] data() { return data; }

    /** C-order flat index of a multi-index. */
    public int index(int... idx) {
        if (idx.length != shape.length) throw new IllegalArgumentException("expected " + shape.length + " indices");
        int flat = 0;
        for (int i = 0; i < idx.length; i++) {
            if (idx[i] < 0 || idx[i] >= shape[i]) throw new IndexOutOfBoundsException("index " + idx[i] + " on axis " + i);
            flat = flat * shape[i] + idx[i];
        }
        return flat;
    }

    public double get(int... idx) { return data[index(idx)]; }

    /** Same data viewed with another shape of equal size. */
    public Tensor reshape(int... newShape) { return new Tensor(newShape, data); }

    /** A rank-2 tensor as a matrix sharing the data. */
    public DenseMatrix asMatrix() {
        if (shape.length != 2) throw new IllegalArgumentException("not a matrix: shape " + Arrays.toString(shape));
        return new DenseMatrix(shape[0], shape[1], data);
    }

    /** True when every entry is finite (no NaN, no ±Inf). */
    public boolean allFinite() { return firstNonFinite() < 0; }

    /** Flat index of the first NaN or infinite entry, or -1. */
    public int firstNonFinite() {
        for (int i = 0; i < data.length; i++) if (!Double.isFinite(data[i])) return i;
        return -1;
    }

    @Override public String toString() { return "Tensor" + Arrays.toString(shape); }
}
