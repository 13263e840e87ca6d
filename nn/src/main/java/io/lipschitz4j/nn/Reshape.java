package io.lipschitz4j.nn;

import io.lipschitz4j.linalg.Tensor;

import java.util.Arrays;

/**
 * [N, …] → [N, d₁, …, d_r] keeping the C-order data (a view, no copy), with the batch axis kept; one
 * dᵢ may be −1 (inferred from the size). An isometry: Lipschitz constant 1.
 */
public final class Reshape implements Layer {
    private final int[] shape;
    private int[] inShape;

    public Reshape(int... sampleShape) {
        int unknown = 0;
        for (int d : sampleShape) {
            if (d == -1) unknown++;
            else if (d < 0) throw new IllegalArgumentException("Reshape: dimension " + d + " in " + Arrays.toString(sampleShape) + " (use -1 for one inferred axis)");
        }
        if (unknown > 1) throw new IllegalArgumentException("Reshape: more than one -1 in " + Arrays.toString(sampleShape));
        this.shape = sampleShape.clone();
    }

    /** The target sample shape as given (may contain one −1). */
    public int[] sampleShape() { return shape.clone(); }

    @Override
    public Tensor forward(Tensor x) {
        if (x.rank() < 1) throw new IllegalArgumentException("Reshape needs a batch axis, got " + x);
        int[] out = outputShape(Arrays.copyOfRange(x.shape(), 1, x.rank()));
        int[] full = new int[out.length + 1];
        full[0] = x.dim(0);
        System.arraycopy(out, 0, full, 1, out.length);
        inShape = x.shape();
        return x.reshape(full);
    }

    @Override
    public Tensor backward(Tensor g) {
        if (inShape == null || g.size() != Tensor.sizeOf(inShape)) throw new IllegalArgumentException("Reshape: gradient " + g + " does not match the last forward");
        return g.reshape(inShape);
    }

    @Override
    public int[] outputShape(int... in) {
        long size = Tensor.sizeOf(in), known = 1;
        int hole = -1;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] == -1) hole = i; else known *= shape[i];
        }
        int[] out = shape.clone();
        if (hole >= 0) {
            if (known == 0 || size % known != 0) throw new IllegalArgumentException("Reshape: cannot reshape " + Arrays.toString(in) + " to " + Arrays.toString(shape));
            out[hole] = (int) (size / known);
        } else if (known != size) {
            throw new IllegalArgumentException("Reshape: cannot reshape " + Arrays.toString(in) + " (" + size + " entries) to " + Arrays.toString(shape) + " (" + known + ")");
        }
        return out;
    }

    @Override public String toString() { return "Reshape" + Arrays.toString(shape); }
}
