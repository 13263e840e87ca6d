package io.lipschitz4j.nn;

import io.lipschitz4j.linalg.Tensor;

/**
 * y = x for x > 0, α·x otherwise; ∂y/∂x = 1 or α. Lipschitz constant max(1, |α|). PyTorch's default
 * α = 0.01.
 */
public final class LeakyReLU implements Activation {
    private final double slope;
    private Tensor x;

    public LeakyReLU() { this(0.01); }

    public LeakyReLU(double negativeSlope) {
        if (!Double.isFinite(negativeSlope)) throw new IllegalArgumentException("slope " + negativeSlope);
        this.slope = negativeSlope;
    }

    public double negativeSlope() { return slope; }

    @Override
    public Tensor forward(Tensor x) {
        this.x = x;
        double[] a = x.data(), y = new double[a.length];
        for (int i = 0; i < a.length; i++) y[i] = a[i] > 0 ? a[i] : slope * a[i];
        return new Tensor(x.shape(), y);
    }

    @Override
    public Tensor backward(Tensor g) {
        Ops.requireSameShape("LeakyReLU", x, g);
        double[] a = x.data(), gd = g.data(), dx = new double[a.length];
        for (int i = 0; i < a.length; i++) dx[i] = a[i] > 0 ? gd[i] : slope * gd[i];
        return new Tensor(x.shape(), dx);
    }

    @Override public int[] outputShape(int... in) { return in.clone(); }

    /** max(1, |α|), exact. */
    @Override public double lipschitzConstant() { return Math.max(1.0, Math.abs(slope)); }

    @Override public String toString() { return "LeakyReLU(" + slope + ")"; }
}
