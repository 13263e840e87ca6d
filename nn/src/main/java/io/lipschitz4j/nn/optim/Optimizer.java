package io.lipschitz4j.nn.optim;

import io.lipschitz4j.nn.Parameter;

import java.util.List;
import java.util.function.Function;

/**
 * Updates parameters in place from their gradients, one parameter at a time, so that different
 * parameters can be stepped by different rules: {@link #perParameter} routes, for example, the
 * weights of constrained layers to a Riemannian (orthogonal) optimizer and everything else to Adam.
 *
 * <p>An optimizer keeps its per-parameter state (momentum buffers, moment estimates, step counts) keyed
 * by {@link Parameter#name()}, so the same names must be used on every step, and the state can later be
 * saved and restored by name with the weights.
 */
public interface Optimizer {

    /** One update of {@code p.value()} from {@code p.grad()} at learning rate {@code lr}. */
    void stepInPlace(Parameter p, double lr);

    /** {@link #stepInPlace(Parameter, double)} for each parameter. */
    default void stepInPlace(List<Parameter> params, double lr) {
        for (Parameter p : params) stepInPlace(p, lr);
    }

    /**
     * The optimizer's state as flat arrays keyed {@code PARAMETER.FIELD} (PyTorch's field names, e.g.
     * {@code 0.weight.momentum_buffer}, {@code 0.weight.exp_avg}, {@code 0.weight.step}), copies, for a
     * checkpoint. Stateless optimizers return an empty map (the default).
     */
    default java.util.Map<String, double[]> stateDict() { return java.util.Map.of(); }

    /**
     * Replaces the state by one from {@link #stateDict()} so that the next step continues exactly; the
     * arrays are copied. The default accepts only an empty map: an optimizer with state must override
     * both methods, so a resumed run can never silently drop it.
     */
    default void loadStateDict(java.util.Map<String, double[]> state) {
        if (!state.isEmpty()) throw new IllegalArgumentException(this + " keeps no state but was given " + state.keySet());
    }

    /** An optimizer that asks {@code choice} which optimizer updates each parameter. */
    static Optimizer perParameter(Function<Parameter, Optimizer> choice) {
        return (p, lr) -> choice.apply(p).stepInPlace(p, lr);
    }
}
