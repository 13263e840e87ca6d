package io.lipschitz4j.nn;

import io.lipschitz4j.linalg.Tensor;

/**
 * y = σ(x) = 1/(1 + e^{−x}) elementwise; ∂y/∂x = y(1 − y). Lipschitz constant 1/4 (σ' peaks at 0).
 * Computed as e^{x}/(1 + e^{x}) for x < 0 so that neither branch overflows.
 */
public final class Sigmoid implements Activation {
    private Tensor y;

    /** σ(t), stable for large |t|. */
    static double sigmoid(double t) {
        if (t >= 0) return 1.0 / (1.0 + Math.exp(-t));
        double e = Math.exp(t);
        return e / (1.0 + e);
    }

    @Override
    public Tensor forward(Tensor x) {
        double[] a = x.data(), out = new double[a.length];
        for (int i = 0; i < a.length; i++) out[i] = sigmoid(a[i]);
        y = new Tensor(x.shape(), out);
        return y;
    }

    @Override
    public Tensor backward(Tensor g) {
        if (y == null) throw new IllegalStateException("Sigmoid: backward without forward");
        Ops.requireSameShape("Sigmoid", y, g);
        double[] s = y.data(), gd = g.data(), dx = new double[s.length];
        for (int i = 0; i < s.length; i++) dx[i] = gd[i] * s[i] * (1 - s[i]);
        return new Tensor(y.shape(), dx);
    }

    @Override public int[] outputShape(int... in) { return in.clone(); }

    /** 1/4, exact. */
    @Override public double lipschitzConstant() { return 0.25; }

    @Override public String toString() { return "Sigmoid"; }
}
