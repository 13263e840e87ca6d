package io.lipschitz4j.nn.train;

import io.lipschitz4j.nn.Parameter;
import java.util.List;

/**
 * A penalty R(θ) added to the training loss, e.g. the orthogonality penalty λ‖WᵀW − I‖²_F.
 * Called after the backward pass of the data loss, before the optimizer step.
 */
public interface Regularizer {
    /** Adds ∂R/∂θ into each parameter's gradient and returns R(θ). */
    double addGradientInPlace(List<Parameter> parameters);
}
