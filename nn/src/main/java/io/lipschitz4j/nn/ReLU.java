package io.lipschitz4j.nn;

import io.lipschitz4j.linalg.Tensor;

/**
 * y = max(x, 0) elementwise; ∂y/∂x = 1 for x > 0, else 0 (PyTorch's choice at 0). 1-Lipschitz.
 * NaN passes through (as in PyTorch), so a diverged layer reaches the loss and stops training instead
 * of being silently zeroed.
 */
public final class ReLU implements Activation, FloatLayer {
    private Tensor x;
    private FloatTensor yF; // float32 path: the last forward's output, which is its input overwritten

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

    /** In place (see {@link FloatLayer}'s buffer contract): x ← max(x, 0), NaN kept; no allocation. */
    @Override
    public FloatTensor forward32(FloatTensor x) {
        float[] a = x.data;
        // Math.max is exactly this map (max(NaN, 0) = NaN, max(−0, 0) = +0) and the JIT vectorizes it
        for (int i = 0; i < x.size; i++) a[i] = Math.max(a[i], 0f);
        return yF = x;
    }

    /**
     * Records y as the output of this ReLU's forward when a {@link ReLUFusable} layer before it computed
     * y = max(x, 0) itself ({@link Sequential} fuses them); {@link #backward32} then masks with y as usual.
     */
    void forward32Fused(FloatTensor y) {
        yF = y;
    }

    /** In place: g ← g where y > 0 (equivalently x > 0), else 0. */
    @Override
    public FloatTensor backward32(FloatTensor g, boolean inputGradient) {
        if (yF == null || !java.util.Arrays.equals(yF.shape, g.shape)) throw new IllegalStateException("ReLU: backward " + g + " without a matching float32 forward");
        float[] y = yF.data, gd = g.data;
        for (int i = 0; i < g.size; i++) {
            // branch-free "y > 0 ? g : 0" (a data-dependent branch mispredicts half the time, ~10× slower):
            // y is +0, positive or NaN here, and v = bits(y) − 1 lies in [0, bits(+∞)) exactly when y > 0
            int v = Float.floatToRawIntBits(y[i]) - 1;
            int keep = ~(v >> 31) & ((v - 0x7f800000) >> 31);
            gd[i] = Float.intBitsToFloat(Float.floatToRawIntBits(gd[i]) & keep);
        }
        return g;
    }

    @Override public int[] outputShape(int... in) { return in.clone(); }

    /** 1. */
    @Override public double lipschitzConstant() { return 1.0; }

    @Override public String toString() { return "ReLU"; }
}
