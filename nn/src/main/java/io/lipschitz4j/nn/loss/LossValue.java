package io.lipschitz4j.nn.loss;

import io.lipschitz4j.linalg.Tensor;

/**
 * A batch loss and its gradient.
 *
 * @param value    the mean loss over the batch
 * @param gradient ∂value/∂logits, same shape as the logits
 */
public record LossValue(double value, Tensor gradient) {}
