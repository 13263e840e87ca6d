/**
 * The training loop: epochs over seeded batches, optimizer steps, hooks that constrain weights after
 * each step (Lipschitz control), regularizers added to the loss, metrics per epoch, atomic
 * checkpoints and exact resume.
 */
package io.lipschitz4j.nn.train;
