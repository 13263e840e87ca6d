package io.lipschitz4j.nn;

import io.lipschitz4j.linalg.Tensor;

/** y = x (ONNX {@code Identity}, inference-mode {@code Dropout}); backward passes ∂L/∂y through. Lipschitz constant 1. */
public final class Identity implements Activation {
    private int[] shape;

    @Override public Tensor forward(Tensor x) {
        shape = x.shape();
        return x;
    }

    @Override public Tensor backward(Tensor g) {
        if (shape == null) throw new IllegalStateException("Identity: backward without forward");
        if (!java.util.Arrays.equals(shape, g.shape())) throw new IllegalArgumentException("Identity: gradient " + g + " does not match the last forward");
        return g;
    }

    @Override public int[] outputShape(int... in) { return in.clone(); }

    @Override public double lipschitzConstant() { return 1.0; }

    @Override public String toString() { return "Identity"; }
}
