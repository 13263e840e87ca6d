package io.lipschitz4j.nn.lipschitz;

import io.lipschitz4j.nn.Layer;
import io.lipschitz4j.nn.train.Regularizer;
import io.lipschitz4j.nn.train.StepHook;

import java.util.Optional;

/**
 * A Lipschitz control chosen by name ({@link Controls#byName}): a hook to run after each optimizer step
 * and/or a regularizer to add to the loss; either may be absent ("none" has neither).
 */
public record Control(String spec, StepHook stepHook, Regularizer regularizerOrNull) {

    public Optional<StepHook> hook() { return Optional.ofNullable(stepHook); }

    public Optional<Regularizer> regularizer() { return Optional.ofNullable(regularizerOrNull); }

    /**
     * Creates the persistent state (power-iteration vectors) for this model and sample input shape
     * (without batch axis) now, so that {@code hook().get().state()} is complete before the first step
     * and a checkpoint can be restored into it. Harmless for controls without state.
     */
    public Control bind(Layer model, int... inputShape) {
        if (stepHook instanceof Projection p) p.bind(model, inputShape);
        if (stepHook instanceof SpectralNormalization s) s.bind(model, inputShape);
        return this;
    }
}
