package io.lipschitz4j.nn.loss;

import io.lipschitz4j.linalg.Tensor;

/**
 * Multi-class hinge loss on the margin to the strongest competitor, the loss of Lipschitz-constrained
 * classifiers (Anil, Lucas and Grosse 2019, §6; Li et al. 2019): with the logit margin
 * μₙ = z_{n,yₙ} − max_{k≠yₙ} z_{n,k},
 * L = (1/N) Σₙ max(0, m − μₙ).
 *
 * <p>For an L-Lipschitz network (ℓ₂), a margin μ certifies the prediction within radius μ/(√2·L), so
 * training with margin m asks for certified radius m/(√2·L) on the training set.
 * Gradient, where the hinge is active (m − μₙ > 0): ∂/∂z_{n,yₙ} = −1/N, ∂/∂z_{n,k*} = +1/N for the
 * competitor k* (the first maximizer on ties); zero elsewhere. Cost O(N·K).
 */
public final class MarginHinge implements Loss {
    private final double margin;

    public MarginHinge(double margin) {
        if (!(margin >= 0) || Double.isInfinite(margin)) throw new IllegalArgumentException("margin must be finite and >= 0, got " + margin);
        this.margin = margin;
    }

    public double margin() { return margin; }

    @Override
    public LossValue evaluate(Tensor logits, int[] labels) {
        int k = Loss.checkInputs("MarginHinge", logits, labels);
        if (k < 2) throw new IllegalArgumentException("MarginHinge needs at least 2 classes, got " + k);
        int n = labels.length;
        double[] z = logits.data(), g = new double[z.length];
        double total = 0;
        for (int i = 0; i < n; i++) {
            int o = i * k, y = labels[i], best = -1;
            for (int j = 0; j < k; j++) if (j != y && (best < 0 || z[o + j] > z[o + best])) best = j;
            double h = margin - (z[o + y] - z[o + best]);
            if (h > 0) {
                total += h;
                g[o + y] -= 1.0 / n;
                g[o + best] += 1.0 / n;
            }
        }
        return new LossValue(total / n, new Tensor(logits.shape(), g));
    }

    @Override public String toString() { return "MarginHinge(" + margin + ")"; }
}
