package io.lipschitz4j.nn;

import io.lipschitz4j.linalg.Tensor;

import java.util.Arrays;

/**
 * Average pooling on [N, C, H, W] without padding, as PyTorch's {@code nn.AvgPool2d(k, s)}:
 * y[n, c, i, j] = (1/kH·kW) Σ_{a<kH, b<kW} x[n, c, i·sH + a, j·sW + b], output size ⌊(H − kH)/sH⌋ + 1.
 * Backward spreads each ∂L/∂y evenly over its window. ℓ₂ Lipschitz constant: with m = ⌈kH/sH⌉·⌈kW/sW⌉
 * the most windows that share one input, ‖A‖₂ ≤ √(‖A‖₁‖A‖_∞) = √(m/(kH·kW)) ≤ 1; for non-overlapping
 * windows (s = k) this is 1/√(kH·kW).
 */
public final class AvgPool2d implements Layer {
    private final int kH, kW, sH, sW;
    private int[] inShape;

    /** Square window k with stride k (PyTorch's default stride). */
    public AvgPool2d(int k) { this(k, k, k, k); }

    public AvgPool2d(int kH, int kW, int sH, int sW) {
        if (kH < 1 || kW < 1 || sH < 1 || sW < 1) throw new IllegalArgumentException("AvgPool2d window/stride must be >= 1");
        this.kH = kH;
        this.kW = kW;
        this.sH = sH;
        this.sW = sW;
    }

    public int kernelH() { return kH; }
    public int kernelW() { return kW; }
    public int strideH() { return sH; }
    public int strideW() { return sW; }

    @Override
    public Tensor forward(Tensor x) {
        Ops.requireShape("AvgPool2d", x, -1, -1, -1);
        inShape = x.shape();
        int n = x.dim(0), c = x.dim(1), h = x.dim(2), w = x.dim(3);
        int oh = Conv2dSpec.outSize(h, kH, sH, 0, 1), ow = Conv2dSpec.outSize(w, kW, sW, 0, 1);
        double inv = 1.0 / (kH * kW);
        double[] a = x.data(), y = new double[n * c * oh * ow];
        for (int p = 0; p < n * c; p++) {
            int src = p * h * w, dst = p * oh * ow;
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++) {
                    double s = 0;
                    for (int u = 0; u < kH; u++) {
                        int row = src + (i * sH + u) * w + j * sW;
                        for (int v = 0; v < kW; v++) s += a[row + v];
                    }
                    y[dst + i * ow + j] = s * inv;
                }
            }
        }
        return new Tensor(new int[] {n, c, oh, ow}, y);
    }

    @Override
    public Tensor backward(Tensor g) {
        if (inShape == null) throw new IllegalStateException("AvgPool2d: backward without forward");
        int n = inShape[0], c = inShape[1], h = inShape[2], w = inShape[3];
        int oh = Conv2dSpec.outSize(h, kH, sH, 0, 1), ow = Conv2dSpec.outSize(w, kW, sW, 0, 1);
        if (!Arrays.equals(g.shape(), new int[] {n, c, oh, ow})) throw new IllegalArgumentException("AvgPool2d: gradient " + g + " does not match the last forward");
        double inv = 1.0 / (kH * kW);
        double[] gd = g.data(), dx = new double[n * c * h * w];
        for (int p = 0; p < n * c; p++) {
            int dst = p * h * w, src = p * oh * ow;
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++) {
                    double v0 = gd[src + i * ow + j] * inv;
                    for (int u = 0; u < kH; u++) {
                        int row = dst + (i * sH + u) * w + j * sW;
                        for (int v = 0; v < kW; v++) dx[row + v] += v0;
                    }
                }
            }
        }
        return new Tensor(inShape, dx);
    }

    @Override
    public int[] outputShape(int... in) {
        if (in.length != 3) throw new IllegalArgumentException("AvgPool2d expects samples [C, H, W], got " + Arrays.toString(in));
        return new int[] {in[0], Conv2dSpec.outSize(in[1], kH, sH, 0, 1), Conv2dSpec.outSize(in[2], kW, sW, 0, 1)};
    }

    @Override public String toString() { return "AvgPool2d(" + kH + "x" + kW + ", stride " + sH + "x" + sW + ")"; }
}
