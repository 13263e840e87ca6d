/**
 * The training loop: epochs over seeded batches, optimizer steps, hooks that constrain weights after
 * each step (Lipschitz control), regularizers added to the loss, metrics per epoch, atomic
 * checkpoints and exact resume ({@link io.lipschitz4j.nn.train.Trainer},
 * {@link io.lipschitz4j.nn.train.Checkpoint}). The Lipschitz controls themselves, chosen by name, are
 * {@link io.lipschitz4j.nn.lipschitz.Controls}.
 *
 * <p>Depends on {@code io.lipschitz4j.nn.model} for weights by name and the architecture JSON.
 */
package io.lipschitz4j.nn.train;
