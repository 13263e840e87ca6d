package io.lipschitz4j.nn.data;

import io.lipschitz4j.linalg.Tensor;

/**
 * One mini-batch.
 *
 * @param x      inputs, batch first (images: [B, C, H, W] in [0, 1])
 * @param labels B class labels
 */
public record Batch(Tensor x, int[] labels) {
    public int size() { return labels.length; }
}
