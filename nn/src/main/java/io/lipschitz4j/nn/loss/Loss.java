package io.lipschitz4j.nn.loss;

import io.lipschitz4j.linalg.Tensor;

/**
 * A classification loss on a batch of logits z [N, K] with integer labels y ∈ {0, …, K−1}ⁿ, averaged
 * over the batch (PyTorch's {@code reduction='mean'}). {@link #evaluate} returns the value together
 * with ∂L/∂z, ready for {@code Layer.backward}.
 */
public interface Loss {

    LossValue evaluate(Tensor logits, int[] labels);

    /** Checks z is [N, K] with N labels in [0, K); returns K. */
    static int checkInputs(String loss, Tensor logits, int[] labels) {
        if (logits.rank() != 2) throw new IllegalArgumentException(loss + ": logits must be [N, K], got " + logits);
        int n = logits.dim(0), k = logits.dim(1);
        if (labels.length != n) throw new IllegalArgumentException(loss + ": " + labels.length + " labels for " + n + " rows of logits");
        if (n == 0) throw new IllegalArgumentException(loss + ": empty batch");
        for (int i = 0; i < n; i++) {
            if (labels[i] < 0 || labels[i] >= k) {
                throw new IllegalArgumentException(loss + ": label " + labels[i] + " at row " + i + " outside [0, " + k + ")");
            }
        }
        return k;
    }
}
