package io.lipschitz4j.nn;

import io.lipschitz4j.linalg.Tensor;

/**
 * y = softmax(x) over the last sample axis: y_i = e^{x_i − m}/Σ_j e^{x_j − m} with m = max_j x_j (the
 * shift keeps exp from overflowing and does not change y). Not elementwise: the Jacobian of one row is
 * diag(y) − y·yᵀ; backward computes ∂L/∂x = y ⊙ (g − ⟨g, y⟩) per row. Cost O(size).
 */
public final class Softmax implements Layer {
    private Tensor y;

    /** The axis it normalizes over: −1, the last axis (of the sample and of the batch tensor alike). */
    public int axis() { return -1; }

    @Override
    public Tensor forward(Tensor x) {
        if (x.rank() < 2) throw new IllegalArgumentException("Softmax needs [N, ..., K], got " + x);
        int k = x.dim(x.rank() - 1), rows = k == 0 ? 0 : x.size() / k;
        double[] a = x.data(), out = new double[a.length];
        for (int r = 0; r < rows; r++) {
            int o = r * k;
            double m = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < k; i++) m = Math.max(m, a[o + i]);
            double s = 0;
            for (int i = 0; i < k; i++) s += out[o + i] = Math.exp(a[o + i] - m);
            for (int i = 0; i < k; i++) out[o + i] /= s;
        }
        y = new Tensor(x.shape(), out);
        return y;
    }

    @Override
    public Tensor backward(Tensor g) {
        if (y == null) throw new IllegalStateException("Softmax: backward without forward");
        Ops.requireSameShape("Softmax", y, g);
        int k = y.dim(y.rank() - 1), rows = k == 0 ? 0 : y.size() / k;
        double[] p = y.data(), gd = g.data(), dx = new double[p.length];
        for (int r = 0; r < rows; r++) {
            int o = r * k;
            double dot = 0;
            for (int i = 0; i < k; i++) dot += gd[o + i] * p[o + i];
            for (int i = 0; i < k; i++) dx[o + i] = p[o + i] * (gd[o + i] - dot);
        }
        return new Tensor(y.shape(), dx);
    }

    @Override
    public int[] outputShape(int... in) {
        if (in.length < 1) throw new IllegalArgumentException("Softmax needs at least one sample axis");
        return in.clone();
    }

    @Override public String toString() { return "Softmax(last axis)"; }
}
