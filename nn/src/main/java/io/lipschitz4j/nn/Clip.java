package io.lipschitz4j.nn;

import io.lipschitz4j.linalg.Tensor;

/**
 * y = min(max(x, lo), hi) elementwise (ONNX {@code Clip}, PyTorch {@code clamp}/{@code nn.Hardtanh}/
 * {@code nn.ReLU6}); ∂y/∂x = 1 for lo ≤ x ≤ hi, else 0 (PyTorch's choice at the ends). Either bound may be
 * infinite. Lipschitz constant 1.
 */
public final class Clip implements Activation {
    private final double min, max;
    private Tensor x;

    public Clip(double min, double max) {
        if (Double.isNaN(min) || Double.isNaN(max) || min > max) throw new IllegalArgumentException("Clip: need min <= max, got " + min + ", " + max);
        this.min = min;
        this.max = max;
    }

    public double min() { return min; }
    public double max() { return max; }

    @Override
    public Tensor forward(Tensor x) {
        this.x = x;
        double[] a = x.data(), y = new double[a.length];
        for (int i = 0; i < a.length; i++) y[i] = a[i] != a[i] ? a[i] : Math.min(Math.max(a[i], min), max);
        return new Tensor(x.shape(), y);
    }

    @Override
    public Tensor backward(Tensor g) {
        if (x == null) throw new IllegalStateException("Clip: backward without forward");
        Ops.requireSameShape("Clip", x, g);
        double[] a = x.data(), gd = g.data(), dx = new double[a.length];
        for (int i = 0; i < a.length; i++) dx[i] = a[i] >= min && a[i] <= max ? gd[i] : 0.0;
        return new Tensor(x.shape(), dx);
    }

    @Override public int[] outputShape(int... in) { return in.clone(); }

    /** 1 (0 when min = max: the map is constant). */
    @Override public double lipschitzConstant() { return min == max ? 0.0 : 1.0; }

    @Override public String toString() { return "Clip(" + min + ", " + max + ")"; }
}
