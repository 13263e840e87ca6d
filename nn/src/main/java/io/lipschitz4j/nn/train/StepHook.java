package io.lipschitz4j.nn.train;

import io.lipschitz4j.nn.Layer;

/**
 * Runs after every optimizer step, e.g. a projection of the weights onto a Lipschitz ball
 * (Gouk et al. 2021) or a spectral-normalization update (Miyato et al. 2018). Implementations that
 * keep state (power-iteration vectors) expose it through {@link #state()} so checkpoints can save it
 * and resume continues exactly.
 */
public interface StepHook {
    /** Called once after optimizer step number {@code step} (0-based) with the model being trained. */
    void afterStep(Layer model, long step);

    /** Named state to checkpoint (default none); the arrays are live and restored in place. */
    default java.util.Map<String, double[]> state() { return java.util.Map.of(); }
}
