package io.lipschitz4j.nn;

import io.lipschitz4j.linalg.Tensor;

import java.util.Arrays;

/**
 * Max pooling on [N, C, H, W] as PyTorch's {@code nn.MaxPool2d} and ONNX {@code MaxPool}:
 * y[n, c, i, j] = max_{a<kH, b<kW} x[n, c, i·sH + a·dH − pH, j·sW + b·dW − pW], where positions outside
 * the input (the padding) count as −∞. Output size ⌊(H + 2pH − dH(kH − 1) − 1)/sH⌋ + 1, or with
 * {@code ceilMode} the ceiling, dropping a last window that would start inside the right padding
 * (PyTorch's rule). Backward routes ∂L/∂y to the first maximal entry of each window.
 *
 * <p>Lipschitz: each output copies one input, so ‖J‖₂ ≤ √m with m = ⌈kH/sH⌉·⌈kW/sW⌉ the most windows
 * that can share an input (1 for non-overlapping windows). Cost O(N·C·OH·OW·kH·kW).
 */
public final class MaxPool2d implements Layer {
    private final int kH, kW, sH, sW, pH, pW, dH, dW;
    private final boolean ceilMode;
    private int[] inShape, argmax;

    /** Square window k with stride k, no padding (PyTorch's {@code nn.MaxPool2d(k)}). */
    public MaxPool2d(int k) { this(k, k, k, k, 0, 0, 1, 1, false); }

    public MaxPool2d(int kH, int kW, int sH, int sW, int pH, int pW, int dH, int dW, boolean ceilMode) {
        if (kH < 1 || kW < 1 || sH < 1 || sW < 1 || dH < 1 || dW < 1 || pH < 0 || pW < 0) {
            throw new IllegalArgumentException("MaxPool2d: window, stride, dilation must be >= 1 and padding >= 0, got kernel "
                    + kH + "x" + kW + " stride " + sH + "x" + sW + " pad " + pH + "x" + pW + " dilation " + dH + "x" + dW);
        }
        this.kH = kH; this.kW = kW; this.sH = sH; this.sW = sW; this.pH = pH; this.pW = pW; this.dH = dH; this.dW = dW;
        this.ceilMode = ceilMode;
    }

    public int[] window() { return new int[] {kH, kW}; }
    public int[] stride() { return new int[] {sH, sW}; }
    public int[] padding() { return new int[] {pH, pW}; }
    public int[] dilation() { return new int[] {dH, dW}; }
    public boolean ceilMode() { return ceilMode; }

    /** Output size along one axis (PyTorch's pooling_output_shape). */
    static int outSize(int n, int k, int s, int p, int d, boolean ceil) {
        int span = n + 2 * p - d * (k - 1) - 1;
        if (span < 0) throw new IllegalArgumentException("MaxPool2d: window extent " + (d * (k - 1) + 1) + " exceeds padded input " + (n + 2 * p));
        int out = (ceil ? (span + s - 1) / s : span / s) + 1;
        if (ceil && (out - 1) * s >= n + p) out--;
        return out;
    }

    @Override
    public Tensor forward(Tensor x) {
        Ops.requireShape("MaxPool2d", x, -1, -1, -1);
        int n = x.dim(0), c = x.dim(1), h = x.dim(2), w = x.dim(3);
        int oh = outSize(h, kH, sH, pH, dH, ceilMode), ow = outSize(w, kW, sW, pW, dW, ceilMode);
        double[] a = x.data(), y = new double[n * c * oh * ow];
        int[] arg = new int[y.length];
        for (int p = 0; p < n * c; p++) {
            int src = p * h * w, dst = p * oh * ow;
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++) {
                    double best = Double.NEGATIVE_INFINITY;
                    int at = -1;
                    for (int u = 0; u < kH; u++) {
                        int ih = i * sH + u * dH - pH;
                        if (ih < 0 || ih >= h) continue;
                        for (int v = 0; v < kW; v++) {
                            int iw = j * sW + v * dW - pW;
                            if (iw < 0 || iw >= w) continue;
                            double t = a[src + ih * w + iw];
                            if (at < 0 || t > best || t != t) {
                                best = t;
                                at = src + ih * w + iw;
                                if (t != t) break; // NaN propagates, as in PyTorch
                            }
                        }
                    }
                    if (at < 0) throw new IllegalArgumentException("MaxPool2d: output (" + i + ", " + j + ") has a window entirely in the padding; reduce the padding");
                    y[dst + i * ow + j] = best;
                    arg[dst + i * ow + j] = at;
                }
            }
        }
        inShape = x.shape();
        argmax = arg;
        return new Tensor(new int[] {n, c, oh, ow}, y);
    }

    @Override
    public Tensor backward(Tensor g) {
        if (inShape == null) throw new IllegalStateException("MaxPool2d: backward without forward");
        if (g.size() != argmax.length) throw new IllegalArgumentException("MaxPool2d: gradient " + g + " does not match the last forward");
        double[] gd = g.data(), dx = new double[(int) Tensor.sizeOf(inShape)];
        for (int k = 0; k < gd.length; k++) dx[argmax[k]] += gd[k];
        return new Tensor(inShape, dx);
    }

    @Override
    public int[] outputShape(int... in) {
        if (in.length != 3) throw new IllegalArgumentException("MaxPool2d expects samples [C, H, W], got " + Arrays.toString(in));
        return new int[] {in[0], outSize(in[1], kH, sH, pH, dH, ceilMode), outSize(in[2], kW, sW, pW, dW, ceilMode)};
    }

    @Override public String toString() {
        StringBuilder b = new StringBuilder("MaxPool2d(").append(kH).append('x').append(kW).append(", stride ").append(sH).append('x').append(sW);
        if (pH != 0 || pW != 0) b.append(", pad ").append(pH).append('x').append(pW);
        if (dH != 1 || dW != 1) b.append(", dilation ").append(dH).append('x').append(dW);
        if (ceilMode) b.append(", ceil");
        return b.append(')').toString();
    }
}
