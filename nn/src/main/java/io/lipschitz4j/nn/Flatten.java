package io.lipschitz4j.nn;

import io.lipschitz4j.linalg.Tensor;

/** [N, d₁, …, d_r] → [N, d₁·…·d_r] in C order, as PyTorch's {@code nn.Flatten()}; no copy. */
public final class Flatten implements FloatLayer {
    private int[] shape;

    @Override
    public Tensor forward(Tensor x) {
        if (x.rank() < 1) throw new IllegalArgumentException("Flatten needs a batch axis, got " + x);
        shape = x.shape();
        int n = x.dim(0);
        return x.reshape(n, n == 0 ? (int) Tensor.sizeOf(java.util.Arrays.copyOfRange(shape, 1, shape.length)) : x.size() / n);
    }

    @Override
    public Tensor backward(Tensor g) {
        if (shape == null || g.size() != Tensor.sizeOf(shape)) throw new IllegalArgumentException("Flatten: gradient " + g + " does not match the last forward");
        return g.reshape(shape);
    }

    @Override
    public FloatTensor forward32(FloatTensor x) {
        if (x.rank() < 1) throw new IllegalArgumentException("Flatten needs a batch axis, got " + x);
        shape = x.shape.clone();
        int n = x.dim(0);
        return x.reshape(n, (int) Tensor.sizeOf(java.util.Arrays.copyOfRange(shape, 1, shape.length)));
    }

    @Override
    public FloatTensor backward32(FloatTensor g, boolean inputGradient) {
        if (shape == null || g.size != Tensor.sizeOf(shape)) throw new IllegalArgumentException("Flatten: gradient " + g + " does not match the last forward");
        return inputGradient ? g.reshape(shape) : null;
    }

    @Override
    public int[] outputShape(int... in) { return new int[] {(int) Tensor.sizeOf(in)}; }

    @Override public String toString() { return "Flatten"; }
}
