/**
 * Classification losses with their gradients with respect to the logits: softmax cross-entropy
 * ({@link io.lipschitz4j.nn.loss.SoftmaxCrossEntropy}) and the hinge losses used to train Lipschitz
 * networks for certified margins ({@link io.lipschitz4j.nn.loss.MarginHinge},
 * {@link io.lipschitz4j.nn.loss.MultiMargin}). All average over the batch.
 */
package io.lipschitz4j.nn.loss;
