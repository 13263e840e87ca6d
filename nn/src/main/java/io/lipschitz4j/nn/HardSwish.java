package io.lipschitz4j.nn;

import io.lipschitz4j.linalg.Tensor;

/**
 * y = x · relu6(x + 3)/6 = x · min(max(x + 3, 0), 6)/6 elementwise (Howard et al., "Searching for
 * MobileNetV3", ICCV 2019, eq. 2; PyTorch's {@code nn.Hardswish}, ONNX {@code HardSwish}). ∂y/∂x = 0 for
 * x < −3, (2x + 3)/6 on [−3, 3], 1 for x > 3 (PyTorch's choice at the kinks). The derivative ranges over
 * [−1/2, 3/2], so the Lipschitz constant is 3/2 (approached as x → 3⁻).
 */
public final class HardSwish implements Activation {
    private Tensor x;

    @Override
    public Tensor forward(Tensor x) {
        this.x = x;
        double[] a = x.data(), y = new double[a.length];
        for (int i = 0; i < a.length; i++) y[i] = a[i] * Math.min(Math.max(a[i] + 3, 0.0), 6.0) / 6;
        return new Tensor(x.shape(), y);
    }

    @Override
    public Tensor backward(Tensor g) {
        if (x == null) throw new IllegalStateException("HardSwish: backward without forward");
        Ops.requireSameShape("HardSwish", x, g);
        double[] a = x.data(), gd = g.data(), dx = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            double t = a[i];
            dx[i] = t < -3 ? 0.0 : t <= 3 ? gd[i] * (2 * t + 3) / 6 : gd[i];
        }
        return new Tensor(x.shape(), dx);
    }

    @Override public int[] outputShape(int... in) { return in.clone(); }

    /** 3/2, exact. */
    @Override public double lipschitzConstant() { return 1.5; }

    @Override public String toString() { return "HardSwish"; }
}
