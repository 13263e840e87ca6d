package io.lipschitz4j.nn.loss;

import io.lipschitz4j.linalg.Tensor;

/**
 * Softmax cross-entropy, PyTorch's {@code nn.CrossEntropyLoss}:
 * L = (1/N) Σₙ [log Σ_k exp(z_{n,k}) − z_{n,yₙ}], ∂L/∂z_{n,k} = (softmax(zₙ)_k − [k = yₙ])/N.
 *
 * <p>Numerically stable: log-sum-exp is evaluated as m + log Σ exp(z − m) with m = max_k z_k, so no
 * exponential overflows and the largest term is exp(0) = 1 (no underflow of the sum to 0). Cost O(N·K).
 */
public final class SoftmaxCrossEntropy implements Loss {

    @Override
    public LossValue evaluate(Tensor logits, int[] labels) {
        int k = Loss.checkInputs("SoftmaxCrossEntropy", logits, labels);
        int n = labels.length;
        double[] z = logits.data(), g = new double[z.length];
        double total = 0;
        for (int i = 0; i < n; i++) {
            int o = i * k;
            double m = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) m = Math.max(m, z[o + j]);
            double s = 0;
            for (int j = 0; j < k; j++) s += Math.exp(z[o + j] - m);
            double lse = m + Math.log(s);
            total += lse - z[o + labels[i]];
            for (int j = 0; j < k; j++) g[o + j] = Math.exp(z[o + j] - lse) / n;
            g[o + labels[i]] -= 1.0 / n;
        }
        return new LossValue(total / n, new Tensor(logits.shape(), g));
    }

    @Override public String toString() { return "SoftmaxCrossEntropy"; }
}
