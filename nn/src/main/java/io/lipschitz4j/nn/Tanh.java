package io.lipschitz4j.nn;

import io.lipschitz4j.linalg.Tensor;

/** y = tanh(x) elementwise; ∂y/∂x = 1 − y². 1-Lipschitz. */
public final class Tanh implements Activation {
    private Tensor y;

    @Override
    public Tensor forward(Tensor x) {
        double[] a = x.data(), out = new double[a.length];
        for (int i = 0; i < a.length; i++) out[i] = Math.tanh(a[i]);
        y = new Tensor(x.shape(), out);
        return y;
    }

    @Override
    public Tensor backward(Tensor g) {
        Ops.requireSameShape("Tanh", y, g);
        double[] t = y.data(), gd = g.data(), dx = new double[t.length];
        for (int i = 0; i < t.length; i++) dx[i] = gd[i] * (1 - t[i] * t[i]);
        return new Tensor(y.shape(), dx);
    }

    @Override public int[] outputShape(int... in) { return in.clone(); }

    /** 1 (attained at 0, where tanh' = 1). */
    @Override public double lipschitzConstant() { return 1.0; }

    @Override public String toString() { return "Tanh"; }
}
