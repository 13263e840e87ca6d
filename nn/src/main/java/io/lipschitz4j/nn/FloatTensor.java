package io.lipschitz4j.nn;

import io.lipschitz4j.linalg.Tensor;

import java.util.Arrays;

/**
 * A float32 batch on the training path ({@link FloatLayer}): a C-order shape and a {@code float[]} that
 * may be longer than the shape needs (work buffers are reused across batches and only grow, so the
 * smaller last batch of an epoch does not reallocate). Package-private: tensors at every public
 * interface stay float64 {@link Tensor}s.
 */
final class FloatTensor {
    final int[] shape;
    final float[] data;
    final int size;

    FloatTensor(int[] shape, float[] data) {
        long n = Tensor.sizeOf(shape);
        if (n > data.length) throw new IllegalArgumentException("buffer of " + data.length + " for shape " + Arrays.toString(shape));
        this.shape = shape;
        this.data = data;
        this.size = (int) n;
    }

    int dim(int axis) { return shape[axis]; }

    int rank() { return shape.length; }

    /** The same data under another shape of the same size (no copy). */
    FloatTensor reshape(int... newShape) {
        if (Tensor.sizeOf(newShape) != size) throw new IllegalArgumentException("cannot reshape " + Arrays.toString(shape) + " to " + Arrays.toString(newShape));
        return new FloatTensor(newShape, data);
    }

    /**
     * A tensor of the given shape over {@code reuse}'s array when that is large enough (its contents are
     * then arbitrary), else over a new zeroed array.
     */
    static FloatTensor buffer(FloatTensor reuse, int... shape) {
        long n = Tensor.sizeOf(shape);
        return new FloatTensor(shape, reuse != null && reuse.data.length >= n ? reuse.data : new float[(int) n]);
    }

    /** x rounded to float32 into {@code reuse}'s array when large enough (see {@link #buffer}). */
    static FloatTensor of(Tensor x, FloatTensor reuse) {
        FloatTensor f = buffer(reuse, x.shape());
        double[] d = x.data();
        float[] o = f.data;
        for (int i = 0; i < f.size; i++) o[i] = (float) d[i];
        return f;
    }

    /** A new float64 tensor with these values (exact: every float is a double). */
    Tensor toTensor() {
        double[] d = new double[size];
        for (int i = 0; i < size; i++) d[i] = data[i];
        return new Tensor(shape.clone(), d);
    }

    @Override public String toString() { return "FloatTensor" + Arrays.toString(shape); }
}
