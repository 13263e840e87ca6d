package io.lipschitz4j.onnx;

import io.lipschitz4j.linalg.Tensor;

import java.util.Arrays;

/**
 * A constant tensor met while importing (an initializer, a {@code Constant} node or a folded
 * subexpression), with every element held as a double (exact for float16/32/64 and for integers up to
 * 2⁵³, which covers shapes and indices). {@code batch[i]} marks elements that stand for the symbolic
 * batch size (from {@code Shape} of a batched tensor), so that {@code x.view(x.size(0), -1)} folds to a
 * reshape that keeps the batch axis; arithmetic on such elements is refused.
 */
record Const(int dataType, long[] shape, double[] values, boolean[] batch) {

    static Const of(int dataType, long[] shape, double[] values) {
        return new Const(dataType, shape, values, new boolean[values.length]);
    }

    static Const ints(long... v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) d[i] = v[i];
        return of(DataTypes.INT64, new long[] {v.length}, d);
    }

    static Const scalar(int dataType, double v) { return of(dataType, new long[0], new double[] {v}); }

    int size() { return values.length; }
    int rank() { return shape.length; }
    boolean hasBatch() {
        for (boolean b : batch) if (b) return true;
        return false;
    }

    /** The values as longs (indices, shapes, axes). */
    long[] longs() {
        long[] out = new long[values.length];
        for (int i = 0; i < out.length; i++) out[i] = (long) values[i];
        return out;
    }

    int[] intShape() {
        int[] s = new int[shape.length];
        for (int i = 0; i < s.length; i++) s[i] = Math.toIntExact(shape[i]);
        return s;
    }

    /** As an nn tensor (a rank-0 constant becomes [1]). */
    Tensor tensor() {
        int[] s = shape.length == 0 ? new int[] {1} : intShape();
        return new Tensor(s, values.clone());
    }

    @Override public String toString() { return "Const" + Arrays.toString(shape); }
}
