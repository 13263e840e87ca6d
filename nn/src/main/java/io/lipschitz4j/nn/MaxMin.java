package io.lipschitz4j.nn;

import io.lipschitz4j.linalg.Tensor;

/**
 * MaxMin activation (Anil, Lucas and Grosse, "Sorting out Lipschitz function approximation", ICML 2019,
 * §4): split the channel axis (axis 1) into halves a = x[:, :C/2], b = x[:, C/2:] and output
 * [max(a, b), min(a, b)] along axis 1 (the convention of Trockman and Kolter's and Singla and Feizi's
 * public code). Works on [N, C] and on [N, C, ...] (pairs per position). C must be even.
 *
 * <p>Each pair is only permuted, so the Jacobian is a permutation matrix: the map is 1-Lipschitz and
 * gradient-norm preserving (‖∂L/∂x‖ = ‖∂L/∂y‖). Backward routes ∂L/∂y back through the permutation;
 * on a tie a ≥ b counts as "a is the max".
 */
public final class MaxMin implements Layer {
    private Tensor x;

    @Override
    public Tensor forward(Tensor x) {
        int half = halfChannels(x);
        this.x = x;
        int n = x.dim(0), inner = x.size() / Math.max(1, n) / (2 * half);
        double[] a = x.data(), y = new double[a.length];
        for (int s = 0; s < n; s++) {
            int base = s * 2 * half * inner;
            for (int i = 0; i < half * inner; i++) {
                double u = a[base + i], v = a[base + half * inner + i];
                boolean uMax = u >= v;
                y[base + i] = uMax ? u : v;
                y[base + half * inner + i] = uMax ? v : u;
            }
        }
        return new Tensor(x.shape(), y);
    }

    @Override
    public Tensor backward(Tensor g) {
        Ops.requireSameShape("MaxMin", x, g);
        int half = x.dim(1) / 2, n = x.dim(0), inner = x.size() / Math.max(1, n) / (2 * half);
        double[] a = x.data(), gd = g.data(), dx = new double[a.length];
        for (int s = 0; s < n; s++) {
            int base = s * 2 * half * inner;
            for (int i = 0; i < half * inner; i++) {
                int p = base + i, q = base + half * inner + i;
                if (a[p] >= a[q]) {
                    dx[p] = gd[p];
                    dx[q] = gd[q];
                } else {
                    dx[p] = gd[q];
                    dx[q] = gd[p];
                }
            }
        }
        return new Tensor(x.shape(), dx);
    }

    private static int halfChannels(Tensor x) {
        if (x.rank() < 2 || x.dim(1) % 2 != 0 || x.dim(1) == 0) {
            throw new IllegalArgumentException("MaxMin needs an even, non-zero channel axis 1, got " + x);
        }
        return x.dim(1) / 2;
    }

    @Override public int[] outputShape(int... in) { return in.clone(); }

    @Override public String toString() { return "MaxMin"; }
}
