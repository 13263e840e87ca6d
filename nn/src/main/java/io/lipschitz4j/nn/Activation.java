package io.lipschitz4j.nn;

/**
 * An elementwise map y_i = σ(x_i) (or σ_c(x_i) with a per-channel parameter, as {@link PReLU}) that
 * knows its global ℓ₂ Lipschitz constant. For an elementwise map the Jacobian is diagonal with entries
 * σ'(x_i), so Lip₂ = sup |σ'| over the real line (Lipschitz constant of the scalar function).
 */
public interface Activation extends Layer {

    /**
     * sup_t |σ'(t)|, the exact global Lipschitz constant of the scalar map (equal to that of the
     * elementwise map in every ℓ_p norm), as a double that is ≥ the true value (rounded up where the
     * value is not exactly representable).
     */
    double lipschitzConstant();
}
