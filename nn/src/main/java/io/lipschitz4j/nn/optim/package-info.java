/**
 * Optimizers that update parameters in place one parameter at a time
 * ({@link io.lipschitz4j.nn.optim.Optimizer}; {@link io.lipschitz4j.nn.optim.Sgd} with momentum,
 * Nesterov and weight decay; {@link io.lipschitz4j.nn.optim.Adam} and AdamW), following PyTorch's
 * documented update formulas, and learning-rate schedules ({@link io.lipschitz4j.nn.optim.LrSchedule}:
 * constant, step, cosine, warm-up). Later constrained (orthogonal, Riemannian) optimizers plug in per
 * parameter through {@link io.lipschitz4j.nn.optim.Optimizer#perParameter}.
 */
package io.lipschitz4j.nn.optim;
