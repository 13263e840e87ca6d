package io.lipschitz4j.nn;

import io.lipschitz4j.linalg.Tensor;

/**
 * y = max(x, 0) elementwise; ∂y/∂x = 1 for x > 0, else 0 (PyTorch's choice at 0). 1-Lipschitz.
 * NaN passes through (as in PyTorch), so a diverged layer reaches the loss and stops training instead
 * of being silently zeroed.
 */
public final class ReLU implements Activation {
    private Tensor x;

    @Override
    public Tensor forward(Tensor x) {
        this.x = x;
        double[] a = x.data(), y = new double[a.length];
        for (int i = 0; i < a.length; i++) y[i] = a[i] > 0 || a[i] != a[i] ? a[i] : 0.0;
        return new Tensor(x.shape(), y);
    }

    @Override
    public Tensor backward(Tensor g) {
        Ops.requireSameShape("ReLU", x, g);
        double[] a = x.data(), gd = g.data(), dx = new double[a.length];
        for (int i = 0; i < a.length; i++) dx[i] = a[i] > 0 ? gd[i] : 0.0;
        return new Tensor(x.shape(), dx);
    }

    @Override public int[] outputShape(int... in) { return in.clone(); }

    /** 1. */
    @Override public double lipschitzConstant() { return 1.0; }

    @Override public String toString() { return "ReLU"; }
}
