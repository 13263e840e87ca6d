package io.lipschitz4j.nn.loss;

import io.lipschitz4j.linalg.Tensor;

/**
 * Multi-class hinge summed over all competitors, PyTorch's {@code nn.MultiMarginLoss(p=1, margin=m)}
 * (Weston and Watkins / Crammer–Singer style):
 * L = (1/N) Σₙ (1/K) Σ_{k≠yₙ} max(0, m − z_{n,yₙ} + z_{n,k}).
 * Gradient: each active term adds +1/(N·K) at k and −1/(N·K) at yₙ. Cost O(N·K).
 * See {@link MarginHinge} for the variant on the strongest competitor only.
 */
public final class MultiMargin implements Loss {
    private final double margin;

    public MultiMargin(double margin) {
        if (!(margin >= 0) || Double.isInfinite(margin)) throw new IllegalArgumentException("margin must be finite and >= 0, got " + margin);
        this.margin = margin;
    }

    public double margin() { return margin; }

    @Override
    public LossValue evaluate(Tensor logits, int[] labels) {
        int k = Loss.checkInputs("MultiMargin", logits, labels);
        int n = labels.length;
        double[] z = logits.data(), g = new double[z.length];
        double total = 0, w = 1.0 / ((double) n * k);
        for (int i = 0; i < n; i++) {
            int o = i * k, y = labels[i];
            for (int j = 0; j < k; j++) {
                if (j == y) continue;
                double h = margin - z[o + y] + z[o + j];
                if (h > 0) {
                    total += h;
                    g[o + j] += w;
                    g[o + y] -= w;
                }
            }
        }
        return new LossValue(total * w, new Tensor(logits.shape(), g));
    }

    @Override public String toString() { return "MultiMargin(" + margin + ")"; }
}
