package io.lipschitz4j.nn;

import io.lipschitz4j.linalg.Tensor;

import java.util.Arrays;

/**
 * Global average pooling [N, C, H, W] → [N, C, 1, 1] (ONNX {@code GlobalAveragePool}, PyTorch
 * {@code nn.AdaptiveAvgPool2d(1)}): y[n, c] = (1/HW) Σ_{i,j} x[n, c, i, j]. Backward spreads ∂L/∂y
 * evenly. Each output row is (1/HW)·1ᵀ on its own channel, so the ℓ₂ Lipschitz constant is 1/√(HW).
 */
public final class GlobalAvgPool2d implements Layer {
    private int[] inShape;

    @Override
    public Tensor forward(Tensor x) {
        Ops.requireShape("GlobalAvgPool2d", x, -1, -1, -1);
        int n = x.dim(0), c = x.dim(1), hw = x.dim(2) * x.dim(3);
        if (hw == 0) throw new IllegalArgumentException("GlobalAvgPool2d: empty spatial size in " + x);
        double[] a = x.data(), y = new double[n * c];
        for (int p = 0; p < n * c; p++) {
            double s = 0;
            for (int i = 0; i < hw; i++) s += a[p * hw + i];
            y[p] = s / hw;
        }
        inShape = x.shape();
        return new Tensor(new int[] {n, c, 1, 1}, y);
    }

    @Override
    public Tensor backward(Tensor g) {
        if (inShape == null) throw new IllegalStateException("GlobalAvgPool2d: backward without forward");
        int n = inShape[0], c = inShape[1], hw = inShape[2] * inShape[3];
        if (!Arrays.equals(g.shape(), new int[] {n, c, 1, 1})) throw new IllegalArgumentException("GlobalAvgPool2d: gradient " + g + " does not match the last forward");
        double[] gd = g.data(), dx = new double[n * c * hw];
        for (int p = 0; p < n * c; p++) Arrays.fill(dx, p * hw, (p + 1) * hw, gd[p] / hw);
        return new Tensor(inShape, dx);
    }

    @Override
    public int[] outputShape(int... in) {
        if (in.length != 3) throw new IllegalArgumentException("GlobalAvgPool2d expects samples [C, H, W], got " + Arrays.toString(in));
        return new int[] {in[0], 1, 1};
    }

    @Override public String toString() { return "GlobalAvgPool2d"; }
}
